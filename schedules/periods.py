"""Reporting periods in the plan's local time: a month, quarter, half-year or year.

00:30 on 1 April in Hà Nội is April, though it is still 31 March in UTC: every period is bounded by
local midnights and converted to UTC instants before anyone counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from schedules.errors import PeriodError

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")  # every plan's default zone; also how times without one are read
_FORMS = "YYYY-MM, YYYY-Qn (1-4), YYYY-Hn (1-2) or YYYY"
_PATTERN = re.compile(r"^(\d{4})(?:-(?:(\d{2})|Q(\d)|H(\d)))?$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    label: str  # canonical: 2026-03, 2026-Q1, 2026-H1, 2026
    kind: str  # month | quarter | half | year
    year: int
    first_month: int
    months: int

    def months_in(self) -> list[tuple[int, int]]:
        return [(self.year, self.first_month + i) for i in range(self.months)]

    def local_bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        start = datetime(self.year, self.first_month, 1, tzinfo=tz)
        end_month = self.first_month + self.months
        end = datetime(self.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1, tzinfo=tz)
        return start, end

    def utc_bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        start, end = self.local_bounds(tz)
        return start.astimezone(UTC), end.astimezone(UTC)


def parse_period(text: str) -> Period:
    match = _PATTERN.match(text.strip())
    if not match:
        raise PeriodError("period.bad_form", period=text, forms=_FORMS)
    year = int(match[1])
    if match[2]:
        month = int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError("period.no_month", period=text, month=month)
        return Period(f"{year}-{month:02d}", "month", year, month, 1)
    if match[3]:
        q = int(match[3])
        if not 1 <= q <= 4:
            raise PeriodError("period.no_quarter", period=text, quarter=q)
        return Period(f"{year}-Q{q}", "quarter", year, 3 * q - 2, 3)
    if match[4]:
        h = int(match[4])
        if not 1 <= h <= 2:
            raise PeriodError("period.no_half", period=text, half=h)
        return Period(f"{year}-H{h}", "half", year, 6 * h - 5, 6)
    return Period(f"{year}", "year", year, 1, 12)


def month_of(moment: datetime, tz: ZoneInfo) -> Period:
    local = moment.astimezone(tz)
    return parse_period(f"{local.year}-{local.month:02d}")


def quota_windows(period: Period, per: str) -> list[Period]:
    """The windows a quota `per` month/quarter/year is judged on inside `period`.

    A monthly quota over a quarter is three windows; a yearly quota asked about in March is the year.
    """
    if per == "month":
        return [parse_period(f"{y}-{m:02d}") for y, m in period.months_in()]
    if per == "quarter":
        quarters = sorted({(m - 1) // 3 + 1 for _, m in period.months_in()})
        return [parse_period(f"{period.year}-Q{q}") for q in quarters]
    return [parse_period(f"{period.year}")]
