window.$chatwoot.setUser("cust-1042", { email: "ann.lee@example.com", identifier_hash: "3A16A535E51690C812AB2552210712F737702F1D3C976C0AAA3A03A6361271C9" });
