window.$chatwoot.setUser("cust-1042", { email: "ann.lee@example.com", identifier_hash: "289DE293AE2B635BDDBFE504409130EA1046C0A850D0CDC6E949692504A9DE76" });
