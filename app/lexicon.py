"""A commune's own readings of abbreviations: added and removed by an admin (desk, `loa lexicon`), written
to the audit log, and handed to the normalizer as plain data wherever that commune's text is spoken.

`speaking(rt, session, commune)` is the one way in for every path that computes a spoken form (produce
audio, preview, `loa speech-text`, radio, video captions), so they all read the same words; the clip cache
keys on the spoken text, so a new reading re-renders only the articles that hold the abbreviation.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from media.speech.normalize.own_readings import clean, commune_readings, refusal
from storage import audit
from storage.errors import InvalidInput, NotFound
from storage.models import Commune, CommuneReading

if TYPE_CHECKING:
    from app.runtime import Runtime


def readings_of(session: Session, commune: Commune) -> dict[str, str]:
    """Abbreviation -> reading, this commune's own."""
    rows = session.execute(select(CommuneReading.abbreviation, CommuneReading.reading)
                           .where(CommuneReading.commune_id == commune.id))
    return dict(rows.tuples().all())


def listing(session: Session, commune: Commune) -> list[CommuneReading]:
    return list(session.scalars(select(CommuneReading).where(CommuneReading.commune_id == commune.id)
                                .order_by(CommuneReading.abbreviation)))


def readings_for(rt: Runtime, code: str | None) -> dict[str, str]:
    """The commune's own readings, in a transaction of their own (for the desk's pages)."""
    with rt.tx() as session:
        return readings_of(session, rt.commune(session, code))


@contextmanager
def speaking(session: Session, commune: Commune) -> Iterator[dict[str, str]]:
    """Inside the block, the normalizer reads this commune's own readings too."""
    own = readings_of(session, commune)
    with commune_readings(own):
        yield own


def add(session: Session, commune: Commune, *, abbreviation: str, reading: str, by: str,
        now: datetime) -> CommuneReading:
    """Add a reading; InvalidInput (one line) for a bad or duplicate entry, nothing written then."""
    abbreviation, reading = clean(abbreviation), clean(reading)
    why = refusal(abbreviation, reading, readings_of(session, commune))
    if why:
        raise InvalidInput.like(why)
    row = CommuneReading(commune_id=commune.id, abbreviation=abbreviation, reading=reading, added_by=by,
                         added_at=now)
    try:
        with session.begin_nested():  # another admin adding the same word at the same moment
            session.add(row)
    except IntegrityError:
        raise InvalidInput("lexicon.taken_meanwhile", abbreviation=abbreviation) from None
    audit.record(session, at=now, actor=by, action="lexicon.added", subject=f"loa.lexicon.{abbreviation}",
                 commune=commune.code, details={"abbreviation": abbreviation, "reading": reading}, event=False)
    return row


def remove(session: Session, commune: Commune, *, abbreviation: str, by: str, now: datetime) -> str:
    """Remove a reading; returns the reading it had. NotFound when the commune has none for it."""
    abbreviation = clean(abbreviation)
    row = session.scalar(select(CommuneReading).where(CommuneReading.commune_id == commune.id,
                                                      CommuneReading.abbreviation == abbreviation))
    if row is None:
        raise NotFound("lexicon.no_own_reading", commune=commune.code, abbreviation=abbreviation)
    session.delete(row)
    session.flush()
    audit.record(session, at=now, actor=by, action="lexicon.removed", subject=f"loa.lexicon.{abbreviation}",
                 commune=commune.code, details={"abbreviation": abbreviation, "reading": row.reading}, event=False)
    return row.reading
