_chatq.push(["_setIdentity", {
  uuid: "c0ffee00-1234-4abc-9def-000000000042",
  firstname: "Ann",
  lastname: 'Lee',
  extra_values: { plan: "gold", },
}]);
