Intercom("boot", { app_id: "demo_app", user_id: "u-1042", email: "ann.lee@example.com", user_hash: "c1334f169d41c66cfab4eea9e4bf7c8e175a30a0c123839be95b16b02fd77841" });
