"""What each pass tidies before it starts: half-written `.tmp-*` files a crashed process left in the
folders Loa writes (media.files.sweep_stale_temps: a dead writer's at once, any other after an hour)."""

from __future__ import annotations

import logging
from pathlib import Path

from app.settings import Settings
from media.files import sweep_stale_temps

log = logging.getLogger(__name__)
FOLDERS = ("media", "feeds", "articles", "outbox", "programs", "radio", "reports", "cache", "video")


def written_folders(settings: Settings, codes: list[str]) -> list[Path]:
    """LOA_HOME's folders, and each commune's radio drop folder when LOA_RADIO_DROP_DIR puts it elsewhere."""
    roots = [settings.home / name for name in FOLDERS]
    if settings.radio_drop_dir:
        drops = {Path(settings.radio_drop_dir.replace("{commune}", code)) for code in codes}
        roots += sorted(d for d in drops if not any(d.is_relative_to(r) for r in roots))
    return roots


def sweep_temps(settings: Settings, codes: list[str]) -> list[Path]:
    removed = [path for root in written_folders(settings, codes) for path in sweep_stale_temps(root)]
    if removed:
        log.warning("removed %d temporary file(s) left by an interrupted run, e.g. %s", len(removed), removed[0])
    return removed
