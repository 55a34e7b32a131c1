"""How long and how large a recording may be, from the plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from media.radio.recording import RecordingLimits

if TYPE_CHECKING:
    from schedules.plan import Plan

DEFAULT_MINUTES = 30.0


def recording_limits(plan: Plan, channels: list[str]) -> RecordingLimits:
    """The plan's `recordings` limits; without max_minutes, a radio article's recording may last as long as the
    plan's longest slot, any other as long as DEFAULT_MINUTES."""
    minutes = plan.recordings.max_minutes
    if minutes is None:
        slots = [slot.minutes for slot in plan.radio_slots] if "radio" in channels else []
        minutes = float(max(slots)) if slots else DEFAULT_MINUTES
    return RecordingLimits(max_seconds=minutes * 60.0, max_bytes=int(plan.recordings.max_mb * 1_000_000))
