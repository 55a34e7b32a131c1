"""Radio slot recurrence: RFC 5545 RRULEs read in the commune's local time (Asia/Ho_Chi_Minh)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr


def parse_rrule(text: str, *, start: datetime | None = None) -> rrule:
    """Parse an RRULE body such as ``FREQ=MONTHLY;BYDAY=2TH,4TH;BYHOUR=17;BYMINUTE=0``.

    Raises ValueError naming what is wrong; a rule without BYHOUR would fire at midnight, which no
    commune wants, so it is refused.
    """
    body = text.strip().removeprefix("RRULE:")
    if "BYHOUR=" not in body.upper():
        raise ValueError(f"rrule {text!r} has no BYHOUR: say at what local hour the slot airs")
    dtstart = (start or datetime(2000, 1, 1)).replace(second=0, microsecond=0)
    try:
        rule = rrulestr(body, dtstart=dtstart.replace(tzinfo=None))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"rrule {text!r} is not a valid RFC 5545 rule: {exc}") from None
    assert isinstance(rule, rrule)
    return rule.replace(bysecond=0)


def occurrences(rule_text: str, tz: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """Slot start times (aware, local) in [start, end)."""
    rule = parse_rrule(rule_text, start=(start.astimezone(tz) - timedelta(days=1)).replace(day=1, hour=0, minute=0))
    lo = start.astimezone(tz).replace(tzinfo=None)
    hi = end.astimezone(tz).replace(tzinfo=None)
    return [t.replace(tzinfo=tz) for t in rule.between(lo, hi, inc=True) if t < hi]


def next_occurrence(rule_text: str, tz: ZoneInfo, after: datetime) -> datetime | None:
    """The first slot start at or after `after`, within a year."""
    found = occurrences(rule_text, tz, after, after + timedelta(days=366))
    return found[0] if found else None
