"""The approval-time radio check: an item longer than every slot is flagged before it is rendered."""

from __future__ import annotations

from schedules.plan import load_plan
from tests.conftest import PLAN

SENTENCE = "Ủy ban nhân dân phường thông báo lịch tiếp nhận hồ sơ trực tuyến cho bà con trong tháng này. "


def test_an_item_longer_than_every_slot_is_flagged_at_approval() -> None:
    from app.radio.approval import estimated_seconds, radio_warning

    plan = load_plan(PLAN)  # one 15-minute slot
    short, long_ = SENTENCE * 20, SENTENCE * 200
    assert 60 < estimated_seconds("Tin", short) < 180
    assert radio_warning(plan, title="Tin", body=short, channels=["radio", "web"]) is None
    warning = radio_warning(plan, title="Tin", body=long_, channels=["radio"])
    assert warning is not None and "longer than any radio slot" in str(warning) and "cchc" in str(warning)
    assert radio_warning(plan, title="Tin", body=long_, channels=["web"]) is None  # not for the radio
