"""*Nghe thử* before saving: the text of an unsaved article is kept for a day under LOA_HOME/drafts/, named
by a digest of its author and words, so the preview page's player can fetch its clip (rendered on the
first listen, then cached by content like every clip). Another person's key finds nothing."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from pathlib import Path

from app.production.audio import render
from app.settings import Settings
from media.speech.speakable import spoken_paragraphs
from schedules.plan import Plan
from storage.errors import NotFound

KEEP_S = 24 * 3600
_KEY = re.compile(r"[0-9a-f]{40}")


def _key(person_id: int, title: str, body: str) -> str:
    return hashlib.sha256(f"{person_id}\x1f{title}\x1f{body}".encode()).hexdigest()[:40]


def keep(settings: Settings, *, person_id: int, title: str, body: str) -> str:
    """Keep the draft's words for its clip; returns the key the player asks for."""
    folder = settings.dir("drafts")
    key = _key(person_id, title, body)
    target = folder / f"{key}.json"
    if not target.exists():
        tmp = folder / f".{key}.{os.getpid()}.part"
        tmp.write_text(json.dumps({"title": title, "body": body}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(target)
    _prune(folder)
    return key


def clip(settings: Settings, *, person_id: int, key: str, plan: Plan | None) -> Path:
    """The draft's clip, as the loudspeakers would play it; NotFound for an unknown, expired or other
    person's key."""
    path = settings.home / "drafts" / f"{key}.json" if _KEY.fullmatch(key) else None
    try:
        words = json.loads(path.read_text(encoding="utf-8")) if path else None
    except (OSError, ValueError):
        words = None
    if not words or _key(person_id, words["title"], words["body"]) != key:
        raise NotFound("article.no_draft_audio")
    return render(settings, spoken_paragraphs(words["title"], words["body"]), plan=plan,
                  tags={"title": words["title"][:120]}).path


def _prune(folder: Path) -> None:
    old = time.time() - KEEP_S
    for path in folder.glob("*.json"):
        try:
            if path.stat().st_mtime < old:
                path.unlink()
        except OSError:
            continue
