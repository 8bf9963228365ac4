Tawk_API.onLoad = function () {
  Tawk_API.login({ hash: "dedd5a2b20e06364e1291fe32443a0849fefa1de897e211318f74f6dbbb418a4", userId: "cust-1042", name: "Ann Lee", email: "ann.lee@example.com" }, function (error) {});
};
