"""The radio check an approval makes (the CLI's and the desk's): an item that would last longer than
any of the plan's slots can hold is flagged when it is approved, not weeks later at air time.

The clip does not exist yet at approval, so its length is estimated from the spoken text (about
1,000 spoken characters a minute, the rate MAX_SPOKEN_CHARS is set by); the radio pass checks the
rendered clip again and takes an item out of the pool for good only then.
"""

from __future__ import annotations

from media.speech.speakable import spoken_paragraphs
from schedules.plan import Plan
from schedules.radio_fit import too_long_for_every_slot
from storage.errors import InvalidInput

SPOKEN_CHARS_PER_S = 1000 / 60
JINGLES_S = 4.0  # intro and outro chimes with their gaps


def estimated_seconds(title: str, body: str) -> float:
    return sum(len(p) for p in spoken_paragraphs(title, body)) / SPOKEN_CHARS_PER_S


def radio_warning(plan: Plan, *, title: str, body: str, channels: list[str]) -> InvalidInput | None:
    """None, or why this item will not fit any radio slot (and what to do): a warning, not raised."""
    if "radio" not in channels or not plan.radio_slots:
        return None
    rooms = {s.slug: s.minutes * 60.0 - JINGLES_S for s in plan.radio_slots}
    seconds = estimated_seconds(title, body)
    if too_long_for_every_slot(seconds, rooms) is None:
        return None
    slug, room = max(rooms.items(), key=lambda kv: kv[1])
    return InvalidInput("radio.too_long_for_slots", minutes=seconds / 60, slot=slug, room=room / 60)
