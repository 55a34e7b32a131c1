"""Radio slot RRULEs in Asia/Ho_Chi_Minh across month and year ends, and rules that make no sense."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from schedules.errors import PlanError
from schedules.plan import parse_plan
from schedules.recurrence import check_cadence, day_occurrences, next_occurrence, occurrences
from tests.conftest import PLAN

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _local(*args: int) -> datetime:
    return datetime(*args, tzinfo=HCM)


def test_every_two_weeks_keeps_its_weeks_across_month_and_year_ends() -> None:
    rule, first = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;BYHOUR=17;BYMINUTE=0", date(2025, 11, 20)
    found = occurrences(rule, HCM, _local(2025, 12, 1), _local(2026, 2, 1), anchor=first)
    assert [t.date() for t in found] == [date(2025, 12, 4), date(2025, 12, 18), date(2026, 1, 1), date(2026, 1, 15),
                                        date(2026, 1, 29)]
    # asked from any day, the same fortnights (a window starting in an "off" week changes nothing)
    assert occurrences(rule, HCM, _local(2025, 12, 25), _local(2026, 1, 16), anchor=first) == found[2:4]
    assert found[2] == datetime(2026, 1, 1, 10, 0, tzinfo=UTC)  # 17:00 in Hồ Chí Minh City is 10:00 UTC
    assert next_occurrence(rule, HCM, _local(2025, 12, 18, 17, 1), anchor=first) == _local(2026, 1, 1, 17)
    assert occurrences(rule, HCM, _local(2025, 1, 1), _local(2025, 11, 20), anchor=first) == []  # not before it starts


def test_second_and_fourth_thursday_across_the_year_end() -> None:
    rule = "FREQ=MONTHLY;BYDAY=2TH,4TH;BYHOUR=17;BYMINUTE=0"
    found = occurrences(rule, HCM, _local(2026, 12, 1), _local(2027, 2, 1))
    assert [t.date() for t in found] == [date(2026, 12, 10), date(2026, 12, 24), date(2027, 1, 14), date(2027, 1, 28)]
    assert next_occurrence(rule, HCM, _local(2026, 12, 24, 17, 30)) == _local(2027, 1, 14, 17)
    # the window edge is local: 00:30 on 1 January in Hồ Chí Minh City is still 31 December in UTC
    assert occurrences(rule, HCM, datetime(2026, 12, 31, 17, 30, tzinfo=UTC), _local(2027, 1, 15)) == [found[2]]


def test_fixed_dates_last_day_of_month_and_a_one_off() -> None:
    last_day = "FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=7;BYMINUTE=30"
    assert [t.date() for t in occurrences(last_day, HCM, _local(2026, 11, 15), _local(2027, 3, 1))] == [
        date(2026, 11, 30), date(2026, 12, 31), date(2027, 1, 31), date(2027, 2, 28)]
    the_31st = "FREQ=MONTHLY;BYMONTHDAY=31;BYHOUR=7"  # months without a 31st are skipped, not moved
    assert [t.month for t in occurrences(the_31st, HCM, _local(2026, 11, 1), _local(2027, 4, 1))] == [12, 1, 3]
    new_year = "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;BYHOUR=8"
    assert occurrences(new_year, HCM, _local(2026, 6, 1), _local(2028, 6, 1)) == [_local(2027, 1, 1, 8),
                                                                                  _local(2028, 1, 1, 8)]
    once = "FREQ=DAILY;COUNT=1;BYHOUR=19;BYMINUTE=0"
    assert day_occurrences(once, HCM, date(2026, 12, 31), anchor=date(2026, 12, 31)) == [_local(2026, 12, 31, 19)]
    assert occurrences(once, HCM, _local(2027, 1, 1), _local(2028, 1, 1), anchor=date(2026, 12, 31)) == []


def test_rules_that_never_fire_or_fire_every_minute_are_refused_with_the_reason() -> None:
    with pytest.raises(ValueError, match="never fires"):
        check_cadence("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;BYHOUR=17", minutes=15)
    with pytest.raises(ValueError, match="never fires"):
        check_cadence("FREQ=WEEKLY;BYDAY=TH;BYHOUR=17;UNTIL=19990101T000000", minutes=15)
    with pytest.raises(ValueError, match="fires every 1 minute"):
        check_cadence("FREQ=MINUTELY;BYHOUR=17", minutes=1)
    with pytest.raises(ValueError, match="fires every 15 minute.*at least 30 minutes apart"):
        check_cadence("FREQ=DAILY;BYHOUR=6;BYMINUTE=0,15", minutes=10)
    with pytest.raises(ValueError, match="add the slot's `starts: YYYY-MM-DD`"):
        check_cadence("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;BYHOUR=17", minutes=15)
    check_cadence("FREQ=DAILY;BYHOUR=6,17;BYMINUTE=30", minutes=30)  # twice a day is fine


@pytest.mark.parametrize(("slot", "message"), [
    ('rrule: "FREQ=MINUTELY;BYHOUR=17", minutes: 1', "radio_slots[0]: rrule 'FREQ=MINUTELY;BYHOUR=17' fires every"),
    ('rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;BYHOUR=17", minutes: 15', "never fires"),
    ('rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;BYHOUR=17", minutes: 15', "starts: YYYY-MM-DD"),
    ('rrule: "FREQ=WEEKLY;BYDAY=TH;BYHOUR=17", minutes: 15, lock_minutes: 90', "lock_minutes (90) is after"),
    ('rrule: "FREQ=WEEKLY;BYDAY=TH;BYHOUR=17", minutes: 15, min_minutes: 20', "min_minutes (20) is longer"),
    ('rrule: "FREQ=WEEKLY;BYDAY=TH;BYHOUR=17", minutes: 15, outlets: [fax]', "radio_slots[0].outlets[0]"),
])
def test_a_plan_with_a_bad_slot_names_the_slot_and_the_problem(slot: str, message: str) -> None:
    text = PLAN.read_text(encoding="utf-8")
    start, end = text.index("radio_slots:"), text.index("topics:")
    bad = text[:start] + "radio_slots:\n  - {slug: cchc, name: CCHC, " + slot + "}\n" + text[end:]
    with pytest.raises(PlanError) as error:
        parse_plan(bad, source="plan.yaml")
    assert message in str(error.value) and str(error.value).startswith("plan.yaml: ")
    assert "\n" not in str(error.value)


def test_the_emergency_slot_name_is_kept() -> None:
    text = PLAN.read_text(encoding="utf-8").replace("slug: cchc, name: Chuyên mục", "slug: khan-cap, name: Chuyên mục")
    with pytest.raises(PlanError, match="kept for emergency"):
        parse_plan(text)
