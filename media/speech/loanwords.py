"""English words of commune texts said the Vietnamese way by the offline voice.

The spoken form keeps "Zalo", "Fanpage" or "email" as written (a reader, the online voice and the desk
see them so). espeak-ng, though, reads a word its Vietnamese voice marks as English with its English
voice: "Zalo" comes out as an English "zah-low" in the middle of a Vietnamese sentence. So just before
synthesis the offline engine swaps these words for the way a commune announcer says them.
"""

import re

VERSION = "2"  # part of the offline voice's cache key: a change here renders the clips again

SAID = {
    "zalo": "da lô", "facebook": "phây búc", "fanpage": "phan pết", "youtube": "diu túp", "tiktok": "tích tóc",
    "website": "oép sai", "web": "oép", "email": "i meo", "e-mail": "i meo", "hotline": "hót lai",
    "online": "on lai", "offline": "óp lai", "livestream": "lai trim", "chatbot": "chát bót", "app": "áp",
    "smartphone": "xmát phôn", "internet": "in tơ nét", "wifi": "oai phai", "wi-fi": "oai phai",
    "google": "gu gồ", "camera": "ca-mê-ra", "video": "vi-đê-ô", "clip": "clíp", "link": "linh",
    "mobile": "mô bai", "banking": "banh king", "ok": "ô kê", "messenger": "mét xen giơ",
}
_WORD = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, SAID), key=len, reverse=True)) + r")(?![\w-])",
                   re.IGNORECASE)


def said_in_vietnamese(chunk: str) -> str:
    """`chunk` with each English word of SAID replaced by its Vietnamese reading."""
    return _WORD.sub(lambda match: SAID[match.group(1).lower()], chunk)
