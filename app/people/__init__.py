"""What waits for each person (todo) and the messages that tell them (notifications: e-mail, Zalo OA)."""
