"""app.radio.due's conditions, as app.pipeline.due's overview asks them, on SQLite and PostgreSQL: a push waiting
for its streamer, an outlet failure no pass has counted, a file outlet that missed a recent emergency make the
commune busy; nothing else does."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from app.pipeline.due import overview
from app.pipeline.steps import RADIO
from storage import radio as occurrences
from storage import radio_outlets
from storage.db import transaction
from storage.models import Commune, RadioOccurrence
from tests.storage.conftest import T0


def _busy(db: sessionmaker[Session], now) -> bool:  # type: ignore[no-untyped-def]
    with transaction(db) as s:
        code = s.get(Commune, 1).code
        return bool(overview(s, codes=[code], now=now, home=None)[code].of(RADIO))


def _occurrence(db: sessionmaker[Session], commune_id: int, slot: str, status: str, outlet: str,
                result: dict) -> int:
    with transaction(db) as s:
        occ = occurrences.get_or_create(s, commune_id=commune_id, slot_slug=slot, starts_at=T0, minutes=5, now=T0)
        occ.status = status
        radio_outlets.record(s, occ=occ, outlet=outlet, result=result, now=T0)
        return occ.id


def test_what_keeps_a_commune_busy_for_its_radio_outlets(any_db: sessionmaker[Session], any_commune_id: int) -> None:
    later = T0 + timedelta(minutes=6)  # after the occurrence ended, nothing else due
    occ = _occurrence(any_db, any_commune_id, "cchc", "aired", "icecast", {"ok": False, "error": "HTTP 401"})
    assert _busy(any_db, later)  # a failure no pass has counted yet
    with transaction(any_db) as s:
        radio_outlets.take_failures(s, commune_id=any_commune_id, now=later)
    assert not _busy(any_db, later)
    with transaction(any_db) as s:
        radio_outlets.record(s, occ=s.get(RadioOccurrence, occ), outlet="icecast", now=later,
                             result={"ok": True, "queued": True})
    assert _busy(any_db, later)  # a push waiting for (or in) its streamer
    with transaction(any_db) as s:
        radio_outlets.record(s, occ=s.get(RadioOccurrence, occ), outlet="icecast", now=later,
                             result={"ok": True, "pushed_s": 60.0})
    assert not _busy(any_db, later)
    _occurrence(any_db, any_commune_id, "khan-cap", "aired", "upload", {"ok": False, "error": "HTTP 503"})
    with transaction(any_db) as s:
        radio_outlets.take_failures(s, commune_id=any_commune_id, now=later)
    assert _busy(any_db, later)  # an emergency an outlet missed: tried again for half an hour
    assert not _busy(any_db, T0 + radio_outlets.EMERGENCY_RETRY)
