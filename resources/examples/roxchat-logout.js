roxchat_visitor = null;
