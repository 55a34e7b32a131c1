from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from schedules.errors import PeriodError
from schedules.reporting import previous_period

HN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(("kind", "now", "label"), [
    ("month", datetime(2026, 4, 1, 0, 30, tzinfo=HN), "2026-03"),
    ("month", datetime(2026, 1, 1, 6, 30, tzinfo=HN), "2025-12"),
    ("quarter", datetime(2026, 4, 1, 7, 0, tzinfo=HN), "2026-Q1"),
    ("quarter", datetime(2026, 1, 1, 7, 0, tzinfo=HN), "2025-Q4"),
    ("half", datetime(2026, 7, 1, 7, 15, tzinfo=HN), "2026-H1"),
    ("half", datetime(2026, 1, 1, 7, 15, tzinfo=HN), "2025-H2"),
    ("year", datetime(2027, 1, 1, 7, 30, tzinfo=HN), "2026"),
])
def test_previous_complete_period(kind: str, now: datetime, label: str) -> None:
    assert previous_period(kind, now, HN).label == label


def test_unknown_kind() -> None:
    with pytest.raises(PeriodError, match="unknown report kind"):
        previous_period("week", datetime(2026, 1, 1, tzinfo=HN), HN)
