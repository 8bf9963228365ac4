Tawk_API.onLoad = function () {
  Tawk_API.login({ hash: "8a74c709a17bdf15d081c1104d91b7553a0ffada6099d47bb9b6e50f9d0a2181", userId: "cust-1042", name: "Ann Lee", email: "ann.lee@example.com" }, function (error) {});
};
