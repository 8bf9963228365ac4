$crisp.push(["set", "user:email", ["Ann.Lee@example.com", "296cbadbeb6dcdc8a6d2953fe42dc5d8a1d424c46ee34be22fe6ad082ab33f5b"]]);
