"""Radio slots, the pass and its entry points (no Prefect: the publish flow, `loa radio …` and the desk
call these). For one commune, each pass:

    1. sends approved emergency items at once (app.radio.emergency);
    2. closes the occurrences whose air time has passed (app.radio.asrun: aired, awaiting the
       operator's confirmation, or missed with their items back in the pool);
    3. for every slot occurrence inside its lead time and not yet on air, fills it and builds its
       program whenever what it holds changes, and once locked delivers it (app.radio.build,
       app.radio.deliver);
    4. hands the Icecast pushes due to their streamer processes (app.radio.air) and returns at once;
    5. counts the outlets that failed since the last pass (each was alerted): `RadioLines.failed`, which
       makes the pass exit 1.

Occurrence: planned → built → delivered → aired | missed.
"""

from __future__ import annotations

from datetime import date

from app.radio import places as radio_places
from app.radio.air import start_pushes
from app.radio.asrun import close_past
from app.radio.build import prepare
from app.radio.due import upcoming
from app.radio.emergency import deliver_emergencies
from app.radio.places import find_slot
from app.runtime import Runtime
from media.files import sweep_stale_temps
from schedules.recurrence import day_occurrences
from storage import radio_outlets as outlet_results
from storage.errors import InvalidInput


class RadioLines(list[str]):
    """What a radio pass did, line by line; `failed`: one line per outlet that failed after its retries."""

    def __init__(self, lines: list[str], failed: list[str]) -> None:
        super().__init__(lines)
        self.failed = failed


def radio_pass(rt: Runtime, code: str | None = None) -> RadioLines:
    """One pass over the radio slots of commune `code` (default: the chosen or only one)."""
    now = rt.settings.clock()
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        code = commune.code
    for root in (rt.settings.home / "programs" / code, radio_places.drop_root(rt.settings, code)):
        sweep_stale_temps(root)
    lines = deliver_emergencies(rt, code)
    lines += close_past(rt, code)
    for slot in plan.radio_slots:  # a program not delivered by air time is missed, never sent late
        for start in upcoming(slot.rrule, plan.tz, slot.lead_minutes, slot.starts, now):
            lines.append(prepare(rt, code=code, slot=slot, start=start))
    lines += start_pushes(rt, code)
    return RadioLines(lines, _failures(rt, code))


def _failures(rt: Runtime, code: str) -> list[str]:
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        return [f"radio {occ.slot_slug} {occ.starts_at.astimezone(plan.tz):%Y-%m-%d %H:%M}: {row.outlet} failed: "
                f"{row.reason or 'no reason recorded'}"
                for occ, row in outlet_results.take_failures(session, commune_id=commune.id, now=rt.settings.clock())]


def build_for_day(rt: Runtime, slot_slug: str, day: date, code: str | None = None) -> str:
    """`loa radio build --slot --date`: that day's program now, ahead of its lead time if need be."""
    with rt.tx() as session:
        _, plan = rt.plan(session, code)
    slot = find_slot(plan.radio_slots, slot_slug)
    found = day_occurrences(slot.rrule, plan.tz, day, anchor=slot.starts)
    if not found:
        raise InvalidInput("radio.slot_not_on_day", slot=slot_slug, day=day.isoformat(), rrule=slot.rrule)
    return "\n".join(prepare(rt, code=code, slot=slot, start=start, force=True) for start in found)

