"""What the radio step (app.radio.passes.radio_pass) finds to do, for every commune at once: an emergency item
due (app.radio.emergency), an occurrence past its air time and not closed (app.radio.asrun), a slot occurrence
inside its lead time (app.radio.build), an Icecast push waiting for (or in) its streamer (app.radio.air), an
outlet failure no pass has counted yet (storage.radio_outlets.take_failures), or a file outlet that missed an
emergency of the last half hour. Light: the plans' slots are read once per process, from the stored plans."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import literal_column, select
from sqlalchemy.orm import Session

from storage.models import Article, Commune, Publication, RadioOccurrence, RadioOutletResult
from storage.publications import sendable
from storage.radio_outlets import EMERGENCY_RETRY, EMERGENCY_SLOT, FILE_OUTLETS, failure_unreported, push_waiting

if TYPE_CHECKING:
    from app.pipeline.due import Scope

OPEN = ("planned", "built", "delivered")  # an occurrence not closed yet (app.radio.asrun closes it after air)


def radio(scope: Scope) -> Iterator[tuple[int, str]]:
    """The due query of radio-slots (app.pipeline.steps): (commune id, the condition met)."""
    ids, now = scope.ids, scope.now
    emergencies = (select(Publication.commune_id, _label("emergency"))
                   .join(Article, Article.id == Publication.article_id)
                   .where(Publication.commune_id.in_(ids), Publication.channel == "radio",
                          Publication.manual.is_(False), Article.priority == "emergency",
                          sendable(now, scope.orphans)))
    to_close = (select(RadioOccurrence.commune_id, _label("past air"))
                .where(RadioOccurrence.commune_id.in_(ids), RadioOccurrence.status.in_(OPEN),
                       RadioOccurrence.starts_at <= now))
    outlets = (select(RadioOccurrence.commune_id, _label("outlet"))
               .join(RadioOutletResult, RadioOutletResult.occurrence_id == RadioOccurrence.id)
               .where(RadioOccurrence.commune_id.in_(ids),
                      push_waiting() | failure_unreported()
                      | ((RadioOccurrence.slot_slug == EMERGENCY_SLOT) & (RadioOutletResult.status == "failed")
                         & RadioOutletResult.outlet.in_(FILE_OUTLETS)
                         & (RadioOccurrence.starts_at > now - EMERGENCY_RETRY))))
    busy = set()
    for commune_id, condition in scope.session.execute(emergencies.union(to_close, outlets)).tuples():
        busy.add(commune_id)
        yield commune_id, condition
    rest = [row for row in scope.communes if row.id not in busy]
    _read_slots(scope.session, [row for row in rest if row.plan_hash not in _slots])
    for row in rest:
        if _inside_lead_time(row, now):
            yield row.id, "lead time"


def _label(text: str) -> Any:
    return literal_column(f"'{text}'").label("condition")


_slots: dict[str, list[tuple[str, int, date | None]]] = {}  # plan hash -> (rrule, lead minutes, anchor) of each slot


def _read_slots(session: Session, rows: list[Any]) -> None:
    """The radio slots of the plans not read yet by this process (one query for all of them)."""
    if not rows:
        return
    from schedules.plan import parse_plan

    for code, plan_hash, text in session.execute(select(Commune.code, Commune.plan_hash, Commune.plan_yaml)
                                                 .where(Commune.id.in_([r.id for r in rows]))):
        plan = parse_plan(text, source=f"stored plan of {code}")
        _slots[plan_hash] = [(s.rrule, s.lead_minutes, s.starts) for s in plan.radio_slots]


def _inside_lead_time(row: Any, now: datetime) -> bool:
    tz = ZoneInfo(row.timezone)
    return any(upcoming(rule, tz, lead, anchor, now) for rule, lead, anchor in _slots.get(row.plan_hash, []))


def upcoming(rrule: str, tz: ZoneInfo, lead_minutes: int, anchor: date | None, now: datetime) -> list[datetime]:
    """A slot's occurrences airing within its lead time from now: what radio_pass builds now."""
    from schedules.recurrence import occurrences

    step = timedelta(seconds=1)
    return occurrences(rrule, tz, now + step, now + timedelta(minutes=lead_minutes) + step, anchor=anchor)
