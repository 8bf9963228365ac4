Intercom("boot", { app_id: "demo_app", user_id: "u-1042", user_hash: "ea42b16f479942e3f1c7291562d39d3b24f23064e3b912b33e7450248b40be48" });
