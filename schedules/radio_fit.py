"""What goes into one radio program: fitting clips into a slot, fair across units. Pure.

Priority items first, then normal ones; within a priority, units take turns (the unit furthest
behind its radio quota first) and each unit's oldest item goes first. Nothing ever exceeds the
slot: an item that does not fit waits for the next occurrence; one longer than the slot itself is
reported as too long. When the pool leaves the slot under its minimum, evergreen items (approved
items marked reusable) top it up, least recently aired first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

TIERS = {"emergency": 0, "priority": 1, "normal": 2}


class SlotTooShort(ValueError):
    """The slot cannot hold its own jingles."""


@dataclass(frozen=True)
class Candidate:
    key: int  # publication id (pool) or article version id (evergreen)
    unit: str
    priority: str
    duration_s: float
    due_at: datetime
    title: str = ""


@dataclass(frozen=True)
class Fill:
    chosen: tuple[Candidate, ...]  # in air order
    left_over: tuple[Candidate, ...]  # fit another time
    too_long: tuple[Candidate, ...]  # longer than the slot can ever hold
    content_s: float  # the chosen items and the pauses between them
    capacity_s: float


def capacity(slot_s: float, intro_s: float, outro_s: float) -> float:
    """Seconds left for items once the jingles are in; SlotTooShort when there are none."""
    room = slot_s - intro_s - outro_s
    if room <= 0:
        raise SlotTooShort(f"the {slot_s:.0f}-second slot is shorter than its jingles ({intro_s + outro_s:.1f} s): "
                           "lengthen the slot (minutes) or use shorter jingles")
    return room


def unit_order(units: Sequence[str], need: Mapping[str, float], aired: Mapping[str, int]) -> list[str]:
    """Units by who should speak first: most behind its quota, then least aired, then by code."""
    return sorted(units, key=lambda u: (-need.get(u, 0.0), aired.get(u, 0), u))


def rotation(candidates: Sequence[Candidate], order: Sequence[str]) -> list[Candidate]:
    """Priority tier by tier; inside a tier the units take turns in `order`, oldest item first."""
    rank = {u: i for i, u in enumerate(order)}
    out: list[Candidate] = []
    for tier in sorted({TIERS.get(c.priority, 9) for c in candidates}):
        queues: dict[str, list[Candidate]] = {}
        for c in sorted((c for c in candidates if TIERS.get(c.priority, 9) == tier), key=lambda c: (c.due_at, c.key)):
            queues.setdefault(c.unit, []).append(c)
        units = sorted(queues, key=lambda u: (rank.get(u, len(rank)), u))
        while any(queues.values()):
            for unit in units:
                if queues[unit]:
                    out.append(queues[unit].pop(0))
    return out


def fit(candidates: Sequence[Candidate], *, capacity_s: float, gap_s: float, order: Sequence[str]) -> Fill:
    """Take items in rotation order while they fit; the rest are left over (or too long)."""
    chosen: list[Candidate] = []
    left: list[Candidate] = []
    long_: list[Candidate] = []
    used = 0.0
    for c in rotation(candidates, order):
        if c.duration_s > capacity_s:
            long_.append(c)
            continue
        need = c.duration_s + (gap_s if chosen else 0.0)
        if used + need <= capacity_s:
            chosen.append(c)
            used += need
        else:
            left.append(c)
    return Fill(tuple(chosen), tuple(left), tuple(long_), used, capacity_s)


def short_of(n_items: int, content_s: float, *, min_items: int, min_s: float) -> tuple[int, float]:
    """How many items and seconds the program lacks to reach the slot's minimum."""
    return max(0, min_items - n_items), max(0.0, min_s - content_s)


def top_up(fill: Fill, evergreen: Sequence[Candidate], *, gap_s: float, min_items: int, min_s: float,
           last_aired: Mapping[int, datetime | None]) -> Fill:
    """Add evergreen items (least recently aired first) until the minimum is reached or none fits."""
    chosen, used = list(fill.chosen), fill.content_s
    epoch = datetime.min.replace(tzinfo=None)
    ranked = sorted(evergreen, key=lambda c: ((last_aired.get(c.key) or epoch).replace(tzinfo=None), c.key))
    for c in ranked:
        items_short, seconds_short = short_of(len(chosen), used, min_items=min_items, min_s=min_s)
        if not items_short and not seconds_short:
            break
        need = c.duration_s + (gap_s if chosen else 0.0)
        if used + need <= fill.capacity_s:
            chosen.append(c)
            used += need
    return Fill(tuple(chosen), fill.left_over, fill.too_long, used, fill.capacity_s)


def too_long_for_every_slot(duration_s: float, capacities: Mapping[str, float]) -> str | None:
    """The reason an item can never air in any slot, or None. The integrator calls this at approval
    (with an estimate of the spoken length) and the radio pass with the rendered clip's length."""
    if not capacities:
        return None
    slug, room = max(capacities.items(), key=lambda kv: kv[1])
    if duration_s <= room:
        return None
    return (f"it lasts {duration_s / 60:.1f} minutes, longer than any radio slot can hold (the longest, {slug}, "
            f"has {room / 60:.1f} minutes after its jingles): split it into parts or shorten it")
