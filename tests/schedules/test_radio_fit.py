"""Fitting items into a slot, fairly across units, and topping up with evergreen items."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from schedules.radio_fit import (
    Candidate,
    SlotTooShort,
    capacity,
    fit,
    rotation,
    too_long_for_every_slot,
    top_up,
    unit_order,
)

T0 = datetime(2026, 3, 2, 8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _c(key: int, unit: str, seconds: float, priority: str = "normal", hours: int = 0) -> Candidate:
    return Candidate(key, unit, priority, seconds, T0 + timedelta(hours=hours or key))


def test_units_take_turns_within_a_priority_and_priority_goes_first() -> None:
    pool = [_c(1, "a", 60), _c(2, "a", 60), _c(3, "a", 60), _c(4, "b", 60), _c(5, "c", 60), _c(6, "c", 60),
            _c(7, "b", 60, "priority")]
    order = unit_order(["a", "b", "c"], need={"c": 2, "a": 1}, aired={"b": 3})
    assert order == ["c", "a", "b"]  # furthest behind its quota first; then least aired; then by code
    assert [c.key for c in rotation(pool, order)] == [7, 5, 1, 4, 6, 2, 3]


def test_a_unit_with_many_items_cannot_crowd_out_the_others() -> None:
    pool = [_c(i, "vhxh", 120) for i in range(1, 9)] + [_c(20, "doan-tn", 120, hours=30), _c(21, "vp", 120, hours=31)]
    filled = fit(pool, capacity_s=3 * 120 + 2 * 1.2, gap_s=1.2, order=unit_order(["vhxh", "doan-tn", "vp"], {}, {}))
    assert sorted(c.unit for c in filled.chosen) == ["doan-tn", "vhxh", "vp"]
    assert len(filled.left_over) == 7 and not filled.too_long


def test_never_exceeds_the_slot_and_a_smaller_item_fills_the_rest() -> None:
    pool = [_c(1, "a", 500), _c(2, "b", 400), _c(3, "c", 80)]
    filled = fit(pool, capacity_s=600, gap_s=2, order=["a", "b", "c"])
    assert [c.key for c in filled.chosen] == [1, 3] and [c.key for c in filled.left_over] == [2]
    assert filled.content_s == 582 <= 600
    assert [c.key for c in fit([_c(1, "a", 601)], capacity_s=600, gap_s=2, order=[]).too_long] == [1]


def test_the_slot_must_hold_its_jingles() -> None:
    assert capacity(60, 1.8, 1.8) == pytest.approx(56.4)
    with pytest.raises(SlotTooShort, match="60-second slot is shorter than its jingles"):
        capacity(60, 40, 25)


def test_evergreen_tops_up_to_the_minimum_least_recently_aired_first() -> None:
    filled = fit([_c(1, "a", 100)], capacity_s=900, gap_s=1, order=["a"])
    spare = [_c(50, "x", 200), _c(51, "x", 200), _c(52, "x", 1000)]
    last = {50: T0 - timedelta(days=3), 51: T0 - timedelta(days=30)}
    topped = top_up(filled, spare, gap_s=1, min_items=3, min_s=0, last_aired=last)
    assert [c.key for c in topped.chosen] == [1, 51, 50] and topped.content_s == 502
    enough = top_up(filled, spare, gap_s=1, min_items=1, min_s=0, last_aired=last)
    assert [c.key for c in enough.chosen] == [1]  # already at its minimum: nothing added
    by_minutes = top_up(filled, spare, gap_s=1, min_items=0, min_s=250, last_aired={})
    assert [c.key for c in by_minutes.chosen] == [1, 50]


def test_an_item_longer_than_every_slot_is_named_with_the_longest_slot() -> None:
    rooms = {"cchc": 15 * 60 - 4, "sang": 30 * 60 - 4}
    assert too_long_for_every_slot(20 * 60, rooms) is None
    reason = too_long_for_every_slot(40 * 60, rooms)
    assert reason is not None and "40.0 minutes" in reason and "sang" in reason and "split it" in reason
    assert too_long_for_every_slot(40 * 60, {}) is None  # no radio slots: nothing to flag
