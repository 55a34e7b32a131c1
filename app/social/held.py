"""Posts held back by a set-up problem (LOA_BASE_URL unset or not public, a missing token, no cover photo):
one line per cause in the log every pass, and the public-link alert to LOA_ALERT_WEBHOOK once a day per
commune (again at once if the cause changes), not once per post, channel or pass."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from app import notify
from app.runtime import Runtime
from app.social.public_link import base_url_problem

log = logging.getLogger("app.social")
REPEAT = timedelta(days=1)


def report(rt: Runtime, code: str, problems: dict[str, str]) -> None:
    """`problems`: channel -> why its posts are not sent this pass."""
    no_link = base_url_problem(rt.settings)
    marker = rt.settings.home / "alerts" / f"social-link-{code}.txt"
    if no_link is None:
        marker.unlink(missing_ok=True)
    for problem in dict.fromkeys(problems.values()):
        stopped = ", ".join(c for c, p in problems.items() if p == problem)
        if problem == no_link and _first_today(marker, problem, rt.settings.clock()):
            notify.alert(rt.settings, kind="social_link", message=problem, commune=code, channels=stopped)
        else:
            log.error("%s: %s posts are not sent: %s", code, stopped, problem)


def _first_today(marker: Path, problem: str, now: datetime) -> bool:
    """True (and remembered) unless the same alert went out less than a day ago."""
    said_at, said = _last(marker)
    if said == problem and said_at is not None and now - said_at < REPEAT:
        return False
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(f"{now.isoformat()}\n{problem}", encoding="utf-8")
    return True


def _last(marker: Path) -> tuple[datetime | None, str]:
    try:
        said_at, said = marker.read_text(encoding="utf-8").split("\n", 1)
        return datetime.fromisoformat(said_at), said
    except (OSError, ValueError):  # no alert yet, or a marker that cannot be read: alert again
        return None, ""
