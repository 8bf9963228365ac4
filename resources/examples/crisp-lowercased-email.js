$crisp.push(["set", "user:email", ["Ann.Lee@example.com", "3a8cb63fe2d522a9e3cc9264f6eeafd75d7de222ccb00148e4a185fa47442505"]]);
