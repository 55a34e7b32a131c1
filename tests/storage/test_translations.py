"""storage.translations on SQLite and PostgreSQL: numbers per language, review states, four eyes, and which
approved readings may go out (only those of the current Vietnamese text)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from storage import articles, plans, translations
from storage.db import transaction
from storage.errors import Forbidden, InvalidState
from tests.storage.conftest import T0, commune


def _article(session: Session, commune_id: int) -> int:
    added = articles.add(session, commune=commune(session, commune_id), unit="vhxh", author="lan", title="Tin",
                         body="Ủy ban nhân dân phường thông báo.", channels=["radio"], allowed_channels=["radio"],
                         now=T0)
    return added.id


def test_review_four_eyes_and_what_goes_out(any_db: sessionmaker[Session]) -> None:
    with transaction(any_db) as session:
        cid = plans.get_commune(session).id
        place = commune(session, cid)
        article_id = _article(session, cid)
        row = translations.translate(session, commune=place, article_id=article_id, language="hmn",
                                     body="Pawg thawj coj tshaj tawm.", by="lan", now=T0)
        assert (row.number, row.status, row.title) == (1, "draft", "Tin")
        same = translations.translate(session, commune=place, article_id=article_id, language="hmn",
                                      body="Pawg thawj coj tshaj tawm.", by="lan", now=T0)
        assert same.id == row.id
        with pytest.raises(InvalidState, match="has no recording"):
            translations.submit(session, commune=place, article_id=article_id, language="hmn", by="lan", now=T0,
                                needs_recording=True)
        row.audio_path, row.reader_id = "media/x.mp3", row.translator_id
        translations.submit(session, commune=place, article_id=article_id, language="hmn", by="lan", now=T0,
                            needs_recording=True)
        with pytest.raises(Forbidden, match="not named in the plan as reading hmn"):
            translations.approve(session, commune=place, article_id=article_id, language="hmn", by="ngan", now=T0,
                                 needs_recording=True, readers={"phuc"})
        approved = translations.approve(session, commune=place, article_id=article_id, language="hmn", by="ngan",
                                        now=T0 + timedelta(minutes=1), needs_recording=True)
        assert approved.status == "approved" and approved.approved_by.name == "ngan"
        found = translations.approved_readings(session, article_ids=[article_id], languages=["hmn", "tha"])
        assert list(found) == [(article_id, "hmn")]
        articles.revise(session, article_id=article_id, actor="lan", now=T0 + timedelta(hours=1), commune=place,
                        body="Ủy ban nhân dân phường thông báo lịch mới.")
        assert translations.approved_readings(session, article_ids=[article_id], languages=["hmn"]) == {}
        assert [t.language for t in translations.of_article(session, articles.get(session, article_id))] == ["hmn"]
