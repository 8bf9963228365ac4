webim_visitor = {fields: {id: "777", display_name: "Legacy"}, hash: "aa6962ffb378d65ee20072dedd81e17bbbee2af3af2cbf1ee2ee1f252e34b8e0"};
