from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from schedules.errors import PeriodError
from schedules.periods import month_of, parse_period, quota_windows
from schedules.recurrence import next_occurrence, occurrences

HN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(("text", "label", "first", "months"), [
    ("2026-03", "2026-03", 3, 1), ("2026-q1", "2026-Q1", 1, 3), ("2026-Q4", "2026-Q4", 10, 3),
    ("2026-H2", "2026-H2", 7, 6), ("2026", "2026", 1, 12),
])
def test_periods_parse(text: str, label: str, first: int, months: int) -> None:
    period = parse_period(text)
    assert (period.label, period.first_month, period.months) == (label, first, months)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026-Q5", "2026-Q0", "2026-H3", "last month", "26-03", ""])
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


def test_half_past_midnight_on_1_april_in_hanoi_is_april() -> None:
    moment = datetime(2026, 4, 1, 0, 30, tzinfo=HN)
    assert moment.astimezone(UTC).month == 3
    assert month_of(moment, HN).label == "2026-04"
    start, end = parse_period("2026-04").utc_bounds(HN)
    assert start == datetime(2026, 3, 31, 17, 0, tzinfo=UTC) and start <= moment < end
    q_start, q_end = parse_period("2026-Q4").utc_bounds(HN)
    assert q_end == datetime(2026, 12, 31, 17, 0, tzinfo=UTC)


def test_quota_windows() -> None:
    q1 = parse_period("2026-Q1")
    assert [w.label for w in quota_windows(q1, "month")] == ["2026-01", "2026-02", "2026-03"]
    assert [w.label for w in quota_windows(parse_period("2026-H1"), "quarter")] == ["2026-Q1", "2026-Q2"]
    assert [w.label for w in quota_windows(parse_period("2026-05"), "year")] == ["2026"]


def test_radio_slots_in_local_time() -> None:
    rule = "FREQ=MONTHLY;BYDAY=2TH,4TH;BYHOUR=17;BYMINUTE=0"
    march = occurrences(rule, HN, datetime(2026, 3, 1, tzinfo=HN), datetime(2026, 4, 1, tzinfo=HN))
    assert march == [datetime(2026, 3, 12, 17, tzinfo=HN), datetime(2026, 3, 26, 17, tzinfo=HN)]
    assert next_occurrence(rule, HN, datetime(2026, 3, 12, 17, 30, tzinfo=HN)) == datetime(2026, 3, 26, 17, tzinfo=HN)
