"""From an approved article version to what the outlets take: its audio clip (audio, produce, clips) and its short
videos (video)."""
