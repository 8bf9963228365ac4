Intercom("boot", { app_id: "demo_app", user_id: "u-1042", email: "ann.lee@example.com", user_hash: "873f8edcce1f12313929e696680277694479e5bb4edd98d9299b3e2da4a4d304" });
