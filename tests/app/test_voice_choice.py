"""Which voice reads: LOA_TTS_* over a radio slot's `voice:` over the commune's, over the older `speech:`."""

from __future__ import annotations

import pytest

from app.settings import Settings
from app.voices.choice import voice_for
from schedules.errors import PlanError
from schedules.plan import parse_plan
from tests.conftest import PLAN

BASE = PLAN.read_text(encoding="utf-8")


def plan_with(block: str, slot_voice: str = ""):
    text = BASE.replace("speech: {engine: auto, voice: vi}", block)
    if slot_voice:
        text = text.replace("  - {slug: cchc,", f"  - {{voice: {slot_voice}, slug: cchc,", 1)
    return parse_plan(text, source="plan.yaml")


@pytest.fixture(autouse=True)
def _no_voice_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LOA_TTS_ENGINE", "LOA_TTS_VOICE", "LOA_TTS_SPEED", "LOA_TTS_FALLBACK"):
        monkeypatch.delenv(name, raising=False)


def test_the_communes_voice_block_is_the_default() -> None:
    plan = plan_with('voice: {engine: zalo, voice: 4, speed: 1.0, fallback: [fpt, espeak], budget_chars: 500000}')
    voice = voice_for(Settings(), plan)
    assert (voice.engine, voice.voice, voice.speed, voice.fallback) == ("zalo", "4", 1.0, ("fpt", "espeak"))
    assert voice.budgets == {"fpt": 500000, "zalo": 500000, "viettel": 500000, "google": 500000}


def test_a_slot_picks_its_own_reader_and_keeps_the_rest() -> None:
    plan = plan_with('voice: {engine: zalo, voice: "1", fallback: [espeak]}', '{voice: "3", speed: 1.15}')
    slot = plan.radio_slots[0]
    voice = voice_for(Settings(), plan, slot)
    assert (voice.engine, voice.voice, voice.speed, voice.fallback) == ("zalo", "3", 1.15, ("espeak",))
    assert voice_for(Settings(), plan).voice == "1"


def test_settings_win_over_the_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = plan_with('voice: {engine: fpt, voice: lannhi, speed: 1.2, fallback: [zalo]}')
    monkeypatch.setenv("LOA_TTS_ENGINE", "google")
    monkeypatch.setenv("LOA_TTS_FALLBACK", "viettel:hcm-diemmy, espeak")
    voice = voice_for(Settings(), plan)
    assert (voice.engine, voice.voice, voice.speed) == ("google", "vi", 1.2)  # lannhi is FPT's: not Google's
    assert voice.fallback == ("viettel:hcm-diemmy", "espeak")
    monkeypatch.setenv("LOA_TTS_VOICE", "vi-VN-Wavenet-D")
    monkeypatch.setenv("LOA_TTS_SPEED", "0.9")
    assert (voice_for(Settings(), plan).voice, voice_for(Settings(), plan).speed) == ("vi-VN-Wavenet-D", 0.9)


def test_the_older_speech_block_still_chooses() -> None:
    plan = plan_with("speech: {engine: espeak, voice: vi-vn-x-south}")
    voice = voice_for(Settings(), plan)
    assert (voice.engine, voice.voice) == ("espeak", "vi-vn-x-south")


@pytest.mark.parametrize(("block", "says"), [
    ("voice: {engine: azure}", "voice.engine"),
    ("voice: {engine: zalo, speed: 9}", "less than or equal to 4"),
    ("voice: {fallback: [festival]}", "fallback 'festival' is not a voice engine"),
    ("voice: {budget_chars: {espeak: 10}}", "'espeak' is not a paid voice"),
    ("voice: {budget_chars: -5}", "-5 is not a number of characters"),
])
def test_a_wrong_voice_block_is_one_line_naming_the_field(block: str, says: str) -> None:
    with pytest.raises(PlanError, match=says):
        plan_with(block)
