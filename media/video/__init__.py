"""Videos: for YouTube the commune's card with the article's title (card.py) over its audio clip (render.py);
for TikTok, Reels and Shorts the vertical parts with captions (shorts.py: captions.py, parts.py, vertical.py)."""

from media.video.card import CardText, draw_card
from media.video.render import render_video

__all__ = ["CardText", "draw_card", "render_video"]
