"""The social channels: each due post sent once (posts.py), per-platform outlets (outlets.py), the OAuth tokens
(tokens.py), Zalo broadcasts, short-video series, posts held back without a public link (held.py, public_link.py)."""
