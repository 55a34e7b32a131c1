"""Which period a scheduled report covers: the last complete month, quarter, half-year or year."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from schedules.errors import PeriodError
from schedules.periods import Period, parse_period

KINDS = ("month", "quarter", "half", "year")


def previous_period(kind: str, now: datetime, tz: ZoneInfo) -> Period:
    """The last period of `kind` that ended at or before `now` (local time)."""
    local = now.astimezone(tz)
    months = local.year * 12 + local.month - 1  # months since year 0, current month excluded below
    if kind == "month":
        m = months - 1
        return parse_period(f"{m // 12}-{m % 12 + 1:02d}")
    if kind == "quarter":
        q = (months // 3) - 1
        return parse_period(f"{q // 4}-Q{q % 4 + 1}")
    if kind == "half":
        h = (months // 6) - 1
        return parse_period(f"{h // 2}-H{h % 2 + 1}")
    if kind == "year":
        return parse_period(f"{local.year - 1}")
    raise PeriodError("period.unknown_kind", kind=kind, known=", ".join(KINDS))
