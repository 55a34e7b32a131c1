"""Quota arithmetic: the plan's quotas (a QuotaView) against counted publications, window by window. Pure."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime

from schedules.periods import Period, quota_windows
from schedules.quota_view import QuotaView

Counts = Mapping[tuple[str, str], int]  # (unit code, channel) -> published


@dataclass(frozen=True)
class QuotaRow:
    unit: str  # unit code, or "*" for a commune-wide quota
    channel: str
    period: str  # the window the quota is judged on: 2026-03, 2026-Q1, 2026
    quota: int
    published: int
    met: bool
    per: str
    source: str
    expected_by_now: int | None = None  # pace: what should be published by now in a running window
    at_risk: bool = False
    days_left: int | None = None

    def as_dict(self) -> dict[str, object]:
        row = asdict(self)
        row["met"] = "true" if self.met else "false"
        row["at_risk"] = "true" if self.at_risk else "false"
        return row


def evaluate(
    plan: QuotaView, period: Period, count: Callable[[Period], Counts], now: datetime | None = None
) -> list[QuotaRow]:
    """One row per quota, per unit it applies to, per window of `period` it is judged on.

    `count(window)` returns the counts of one window; it is called once per distinct window.
    """
    cache: dict[str, Counts] = {}
    rows: list[QuotaRow] = []
    units = list(plan.units)
    for quota in plan.quotas:
        for window in quota_windows(period, quota.per):
            if window.label not in cache:
                cache[window.label] = count(window)
            counts = cache[window.label]
            targets = units if quota.scope == "each-unit" else ["*"] if quota.scope == "commune" else [quota.scope]
            for unit in targets:
                if unit == "*":
                    published = sum(n for (_, ch), n in counts.items() if ch == quota.channel)
                else:
                    published = counts.get((unit, quota.channel), 0)
                rows.append(_row(plan, window, unit, quota.channel, quota.min, published, quota.per,
                                 quota.source or "", now))
    return rows


def _row(plan: QuotaView, window: Period, unit: str, channel: str, minimum: int, published: int, per: str,
         source: str, now: datetime | None) -> QuotaRow:
    met = published >= minimum
    expected = at_risk = days_left = None
    if now is not None:
        start, end = window.local_bounds(plan.tz)
        if start <= now < end:
            elapsed = (now - start) / (end - start)
            expected = math.floor(minimum * elapsed)
            days_left = math.ceil((end - now).total_seconds() / 86400)
            # behind pace, or so close to the end that what is missing cannot wait
            at_risk = not met and (published < expected or days_left <= 7)
        elif now >= end:
            at_risk = False
    return QuotaRow(unit, channel, window.label, minimum, published, met, per, source,
                    expected, bool(at_risk), days_left)
