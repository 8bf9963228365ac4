Intercom("boot", { app_id: "demo_app", user_id: "u-1042", user_hash: "e33772d8410d1534f294508777086d045aaa54fd1cd97459569163bf93e26f93" });
