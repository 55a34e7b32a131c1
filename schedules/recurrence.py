"""Radio slot recurrence: RFC 5545 RRULEs read in the commune's local time (Asia/Ho_Chi_Minh).

A rule with INTERVAL > 1 or COUNT depends on where it starts ("every 2 weeks" from which Thursday?),
so it needs its first airing (`anchor`, the plan's `starts:`); any other rule gives the same times
from any anchor, and is expanded from just before the window asked for (fast).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

FAR_ANCHOR = datetime(2000, 1, 1)
MIN_GAP = timedelta(minutes=30)  # two programs of one slot closer than this are a typo (FREQ=MINUTELY, …)
_CADENCE_SAMPLE = 400


def parse_rrule(text: str, *, start: datetime | None = None) -> rrule:
    """Parse an RRULE body such as ``FREQ=MONTHLY;BYDAY=2TH,4TH;BYHOUR=17;BYMINUTE=0``.

    Raises ValueError naming what is wrong; a rule without BYHOUR would fire at midnight, which no
    commune wants, so it is refused.
    """
    body = text.strip().removeprefix("RRULE:")
    if "BYHOUR=" not in body.upper():
        raise ValueError(f"rrule {text!r} has no BYHOUR: say at what local hour the slot airs")
    if "DTSTART" in body.upper():
        raise ValueError(f"rrule {text!r}: give the first airing as the slot's `starts:` date, not DTSTART")
    dtstart = (start or FAR_ANCHOR).replace(second=0, microsecond=0, tzinfo=None)
    try:
        rule = rrulestr(body, dtstart=dtstart)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"rrule {text!r} is not a valid RFC 5545 rule: {exc}") from None
    assert isinstance(rule, rrule)
    return rule.replace(bysecond=0)


def needs_anchor(rule_text: str) -> bool:
    """True when the times depend on the first airing: INTERVAL > 1, COUNT, or a day the rule leaves
    to its start (WEEKLY without BYDAY, MONTHLY without BYMONTHDAY or BYDAY, YEARLY without a date)."""
    parts = dict(p.split("=", 1) for p in rule_text.strip().removeprefix("RRULE:").upper().split(";") if "=" in p)
    if "COUNT" in parts or parts.get("INTERVAL", "1").strip() not in ("", "1"):
        return True
    has = parts.keys()
    freq = parts.get("FREQ", "")
    if freq == "WEEKLY":
        return "BYDAY" not in has
    if freq == "MONTHLY":
        return not {"BYMONTHDAY", "BYDAY"} & has
    if freq == "YEARLY":
        return "BYYEARDAY" not in has and not ("BYMONTH" in has and {"BYMONTHDAY", "BYDAY"} & has)
    return False


def check_cadence(rule_text: str, *, minutes: int, anchor: date | None = None) -> None:
    """ValueError when the rule never fires, or fires so often that programs would overlap or pile up."""
    if needs_anchor(rule_text) and anchor is None:
        raise ValueError(f"rrule {rule_text!r} depends on its first airing (INTERVAL, COUNT, or no day given): "
                         "add the slot's `starts: YYYY-MM-DD` so Loa knows which days it falls on")
    start = datetime.combine(anchor, time(0)) if anchor else FAR_ANCHOR
    rule = parse_rrule(rule_text, start=start)
    times = list(islice(rule, _CADENCE_SAMPLE))
    if not times or times[0] >= datetime(2100, 1, 1):
        raise ValueError(f"rrule {rule_text!r} never fires (check BYMONTHDAY, BYMONTH, UNTIL and COUNT)")
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    if gaps and min(gaps) < max(MIN_GAP, timedelta(minutes=minutes)):
        every = int(min(gaps).total_seconds() // 60)
        raise ValueError(f"rrule {rule_text!r} fires every {every} minute(s); a {minutes}-minute slot needs its "
                         f"programs at least {max(30, minutes)} minutes apart (did you mean FREQ=DAILY or WEEKLY?)")


def occurrences(rule_text: str, tz: ZoneInfo, start: datetime, end: datetime, *,
                anchor: date | None = None) -> list[datetime]:
    """Slot start times (aware, local) in [start, end)."""
    lo = start.astimezone(tz).replace(tzinfo=None)
    hi = end.astimezone(tz).replace(tzinfo=None)
    if anchor is not None:
        first = datetime.combine(anchor, time(0))
        lo = max(lo, first)
    elif needs_anchor(rule_text):
        first = FAR_ANCHOR
    else:  # any anchor before the window gives the same times: start just before it
        first = (lo - timedelta(days=1)).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if hi <= lo:
        return []
    rule = parse_rrule(rule_text, start=first)
    return [t.replace(tzinfo=tz) for t in rule.between(lo, hi, inc=True) if t < hi]


def next_occurrence(rule_text: str, tz: ZoneInfo, after: datetime, *, anchor: date | None = None) -> datetime | None:
    """The first slot start at or after `after`, within a year."""
    found = occurrences(rule_text, tz, after, after + timedelta(days=366), anchor=anchor)
    return found[0] if found else None


def day_occurrences(rule_text: str, tz: ZoneInfo, day: date, *, anchor: date | None = None) -> list[datetime]:
    """The slot's start times on one local day."""
    lo = datetime.combine(day, time(0), tz)
    return occurrences(rule_text, tz, lo, lo + timedelta(days=1), anchor=anchor)
