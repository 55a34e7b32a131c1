"""What a fill tells the staff before air: a slot under its minimum (and how evergreen items topped it
up), clips missing on disk, items too long for every slot (recorded failed: they can never air).
Each note is (key, message); the caller sends each once per occurrence."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.radio.fill import Planned
from schedules.plan import Plan, RadioSlot
from schedules.radio_fit import too_long_for_every_slot
from storage import publications
from storage.models import Publication


def fill_alerts(session: Session, *, plan: Plan, slot: RadioSlot, planned: Planned, label: str, locked: bool,
                now: datetime) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    if any(planned.pool_short):
        notes.append(("under-fill", under_fill_message(slot, planned, label)))
    for item in planned.missing:
        notes.append(("clip-missing", f"{label}: the clip of article {item.article_id} {item.title!r} is missing on "
                                      f"disk ({item.path}); it is skipped and stays in the pool: render it again"))
    extra = planned.capacity_s - slot.minutes * 60.0  # this slot's jingles, taken for every slot
    rooms = {s.slug: s.minutes * 60.0 + extra for s in plan.radio_slots}
    for item in planned.too_long:
        reason = too_long_for_every_slot(item.duration_s, rooms)
        if reason and item.publication_id is not None:
            pub = session.get(Publication, item.publication_id)
            if pub is not None and pub.status == "scheduled":
                publications.mark_failed(session, publication=pub, error=f"radio: {reason}", now=now, retry=False)
                notes.append((f"too-long:{pub.id}", f"article {item.article_id} {item.title!r} cannot go on the radio: "
                                                    f"{reason}"))
    if locked and not planned.items:
        notes.append(("empty", f"{label} ({slot.name}) is locked with NOTHING to air: no program goes out; "
                               "approve radio items or mark standing notices evergreen (`loa article evergreen`)"))
    return notes


def under_fill_message(slot: RadioSlot, planned: Planned, label: str) -> str:
    items_short, seconds_short = planned.pool_short
    want = f"{slot.min_items} item(s)" + (f", {slot.min_minutes:g} min" if slot.min_minutes else "")
    pool_n = len(planned.items) - len(planned.evergreen)
    text = f"{label} ({slot.name}) is under its minimum of {want}: the pool gives {pool_n} item(s)"
    text += f", short by {items_short} item(s)" if items_short else ""
    text += f", {seconds_short / 60:.1f} min" if seconds_short else ""
    if planned.evergreen:
        text += f"; topped up with {len(planned.evergreen)} evergreen item(s)"
    still_items, still_s = planned.short
    if not planned.items:
        text += "; nothing evergreen fits either: the slot would go out EMPTY"
    elif still_items or still_s:
        text += f"; still short by {still_items} item(s), {still_s / 60:.1f} min"
    return text
