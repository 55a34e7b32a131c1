"""Radio occurrences on SQLite and PostgreSQL: one claim, one delivery, aired counts, missed rolls over;
evergreen marks and where they last filled a slot."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from storage import articles, audit, evergreen, publications
from storage import radio as occurrences
from storage.db import transaction
from storage.errors import Forbidden, InvalidState
from storage.models import AudioClip, AuditEntry, Publication, PublishedMask
from tests.storage.conftest import T0, commune

START = T0 + timedelta(days=10)


def _approved_radio_item(db: sessionmaker[Session], commune_id: int, title: str) -> int:
    with transaction(db) as s:
        c = commune(s, commune_id)
        article = articles.add(s, commune=c, unit="vhxh", author="lan", title=title, body="Nội dung.",
                               channels=["radio"], allowed_channels=["radio"], now=T0)
        articles.submit(s, article_id=article.id, actor="lan", now=T0, commune=c)
        articles.approve(s, article_id=article.id, by="ngan", now=T0, commune=c)
        s.add(AudioClip(article_version_id=article.current.id, sha256="a" * 64, path=f"media/{title}.mp3", bytes=1,
                        duration_s=10.0, engine="tone", created_at=T0))
        s.flush()
        publications.media_ready(s, version_id=article.current.id, now=T0)
        return s.scalar(select(Publication.id).where(Publication.article_id == article.id))


def _occurrence(db: sessionmaker[Session], commune_id: int, pub_ids: list[int]) -> int:
    with transaction(db) as s:
        occ = occurrences.get_or_create(s, commune_id=commune_id, slot_slug="cchc", starts_at=START, minutes=15, now=T0)
        again = occurrences.get_or_create(s, commune_id=commune_id, slot_slug="cchc", starts_at=START, minutes=15,
                                          now=T0)
        assert again.id == occ.id
        occurrences.assign(s, occ=occ, publication_ids=pub_ids, evergreen_version_ids=[], now=T0)
        manifest = {"items": [{"key": f"pub:{p}", "title": str(p)} for p in pub_ids], "total_s": 30.0}
        occurrences.mark_built(s, occ=occ, program_path="programs/x/program.mp3", sha256="b" * 64, manifest=manifest,
                               digest="c" * 64, now=T0, commune="phu-khuong")
        return occ.id


def test_one_claim_one_delivery_and_aired_counts_every_item(any_db: sessionmaker[Session],
                                                            any_commune_id: int) -> None:
    pubs = [_approved_radio_item(any_db, any_commune_id, t) for t in ("Một", "Hai")]
    occ_id = _occurrence(any_db, any_commune_id, pubs)
    with transaction(any_db) as s:
        assert occurrences.claim(s, occurrence_id=occ_id, now=T0)
    with transaction(any_db) as s:
        assert not occurrences.claim(s, occurrence_id=occ_id, now=T0 + timedelta(minutes=5))  # another pass has it
        assert occurrences.claim(s, occurrence_id=occ_id, now=T0 + timedelta(minutes=16))  # that pass died long ago
        occurrences.release(s, occurrence_id=occ_id)
    delivered = []
    for _ in range(2):
        with transaction(any_db) as s:
            occ = s.get(occurrences.RadioOccurrence, occ_id)
            delivered.append(occurrences.mark_delivered(s, occ=occ, outlets={"drop-folder": {"ok": True}}, now=T0,
                                                        commune="phu-khuong"))
    assert delivered == [True, False]
    with transaction(any_db) as s:
        assert occurrences.claim_push(s, occurrence_id=occ_id, now=T0)
        assert not occurrences.claim_push(s, occurrence_id=occ_id, now=T0)
        occ = s.get(occurrences.RadioOccurrence, occ_id)
        assert occurrences.mark_aired(s, occ=occ, at=START, actor="loa:icecast", via="icecast", now=START,
                                      commune="phu-khuong", pushed_s=29.9) == 2
    with any_db() as s:
        assert s.scalars(select(Publication.status)).all() == ["published", "published"]
        assert s.scalar(select(func.count()).select_from(PublishedMask)) == 2
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("radio.%"))
                            .order_by(AuditEntry.seq)).all()
        assert actions == ["radio.built", "radio.delivered", "radio.aired"]
        assert audit.verify(s).ok


def test_missed_gives_the_items_back_and_cannot_be_confirmed(any_db: sessionmaker[Session],
                                                             any_commune_id: int) -> None:
    pubs = [_approved_radio_item(any_db, any_commune_id, "Một")]
    occ_id = _occurrence(any_db, any_commune_id, pubs)
    with transaction(any_db) as s:
        occ = s.get(occurrences.RadioOccurrence, occ_id)
        assert occurrences.mark_missed(s, occ=occ, reason="not delivered", now=START, commune="phu-khuong") == 1
    with pytest.raises(InvalidState, match="recorded missed"), transaction(any_db) as s:
        occ = s.get(occurrences.RadioOccurrence, occ_id)
        from storage.plans import get_person

        occurrences.confirm(s, occ=occ, by=get_person(s, commune(s, any_commune_id), "lan"), now=START,
                            commune=commune(s, any_commune_id))
    with any_db() as s:
        assert s.execute(select(Publication.status, Publication.occurrence_id)).all() == [("scheduled", None)]


def test_evergreen_marks_are_checked_and_remembered(any_db: sessionmaker[Session], any_commune_id: int) -> None:
    _approved_radio_item(any_db, any_commune_id, "Thông báo thường trực")
    with pytest.raises(Forbidden, match="not of vhxh"), transaction(any_db) as s:
        evergreen.mark(s, commune=commune(s, any_commune_id), article_id=1, by="hung", on=True, now=T0)
    with transaction(any_db) as s:
        evergreen.mark(s, commune=commune(s, any_commune_id), article_id=1, by="lan", on=True, now=T0)
    with any_db() as s:
        [(article, version, _)] = evergreen.candidates(s, commune_id=any_commune_id)
        assert article.evergreen and version.number == 1
        assert evergreen.last_filled(s, version_ids=[version.id], before=START) == {}
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "article.evergreen")) == 1
