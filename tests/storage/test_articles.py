from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from storage import articles
from storage.db import transaction
from storage.errors import Forbidden, InvalidInput, InvalidState, NotFound
from storage.models import Article, AuditEntry, Publication
from tests.storage.conftest import T0, commune

CHANNELS = ["radio", "web", "facebook", "zalo", "board"]


def _add(db: sessionmaker[Session], commune_id: int, **overrides: object) -> int:
    fields: dict = {"unit": "vhxh", "author": "lan", "title": "Dịch vụ công trực tuyến",
                    "body": "Người dân nộp hồ sơ trực tuyến.", "channels": ["radio", "web", "facebook"]}
    fields.update(overrides)
    with transaction(db) as s:
        return articles.add(s, commune=commune(s, commune_id), allowed_channels=CHANNELS, now=T0, **fields).id


def _counts(db: sessionmaker[Session]) -> tuple[int, int, int]:
    with db() as s:
        return (s.scalar(select(func.count()).select_from(Article)) or 0,
                s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
                s.scalar(select(func.count()).select_from(Publication)) or 0)


def test_article_life_with_four_eyes(db: sessionmaker[Session], commune_id: int) -> None:
    article_id = _add(db, commune_id)
    with transaction(db) as s:
        articles.submit(s, article_id=article_id, actor="lan", now=T0, commune=commune(s, commune_id))
    before = _counts(db)
    with pytest.raises(Forbidden, match="four eyes"), transaction(db) as s:
        # phuc is an approver and editor; make him the author of another article to test four eyes
        other = articles.add(s, commune=commune(s, commune_id), unit="vhxh", author="phuc", title="T", body="B",
                             channels=["web"], allowed_channels=CHANNELS, now=T0)
        articles.submit(s, article_id=other.id, actor="phuc", now=T0, commune=commune(s, commune_id))
        articles.approve(s, article_id=other.id, by="phuc", now=T0, commune=commune(s, commune_id))
    assert _counts(db) == before, "a refused approval leaves no row and no audit entry"
    with pytest.raises(Forbidden, match="approver role"), transaction(db) as s:
        articles.approve(s, article_id=article_id, by="hung", now=T0, commune=commune(s, commune_id))
    with transaction(db) as s:
        articles.approve(s, article_id=article_id, by="ngan", now=T0 + timedelta(hours=1),
                         commune=commune(s, commune_id))
    with pytest.raises(InvalidState, match="already approved"), transaction(db) as s:
        articles.approve(s, article_id=article_id, by="ngan", now=T0, commune=commune(s, commune_id))
    with db() as s:
        article = articles.get(s, article_id)
        assert article.status == "approved"
        assert article.current.approved_by is not None and article.current.approved_by.name == "ngan"
        pubs = s.scalars(select(Publication).where(Publication.article_id == article_id)).all()
        assert sorted((p.channel, p.status) for p in pubs) == [
            ("facebook", "scheduled"), ("radio", "planned"), ("web", "planned")]
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
        assert actions[-3:] == ["article.created", "article.submitted", "article.approved"]


def test_reject_needs_a_reason_and_a_revision_needs_new_approval(db: sessionmaker[Session], commune_id: int) -> None:
    article_id = _add(db, commune_id)
    with transaction(db) as s:
        articles.submit(s, article_id=article_id, actor="lan", now=T0, commune=commune(s, commune_id))
    with pytest.raises(InvalidInput, match="reason"), transaction(db) as s:
        articles.reject(s, article_id=article_id, by="ngan", reason="  ", now=T0, commune=commune(s, commune_id))
    with transaction(db) as s:
        articles.reject(s, article_id=article_id, by="ngan", reason="Thiếu số liệu", now=T0,
                        commune=commune(s, commune_id))
        articles.submit(s, article_id=article_id, actor="lan", now=T0, commune=commune(s, commune_id))
        articles.approve(s, article_id=article_id, by="ngan", now=T0, commune=commune(s, commune_id))
        first_hash = articles.get(s, article_id).current.content_hash
    with transaction(db) as s:
        revised = articles.revise(s, article_id=article_id, title="Dịch vụ công trực tuyến",
                                  body="Nội dung mới.", actor="lan", now=T0, commune=commune(s, commune_id))
        assert revised.status == "draft" and revised.current.number == 2
        assert revised.current.content_hash != first_hash
        statuses = {p.channel: p.status for p in s.scalars(select(Publication).where(
            Publication.article_id == article_id))}
        assert statuses == {"radio": "cancelled", "web": "cancelled", "facebook": "cancelled"}


@pytest.mark.parametrize(("overrides", "error", "text"), [
    ({"title": "   "}, InvalidInput, "title is empty"),
    ({"body": "\x00\x01  "}, InvalidInput, "body is empty"),
    ({"unit": "khong-co"}, NotFound, "unknown unit 'khong-co'"),
    ({"author": "ai-do"}, NotFound, "unknown person 'ai-do'"),
    ({"channels": ["tivi"]}, InvalidInput, "not in the plan's channels"),
    ({"priority": "urgent"}, InvalidInput, "unknown priority"),
    ({"topic": "khong-co"}, NotFound, "unknown topic"),
])
def test_bad_input_writes_nothing(db: sessionmaker[Session], commune_id: int, overrides: dict, error: type,
                                  text: str) -> None:
    before = _counts(db)
    with pytest.raises(error, match=text):
        _add(db, commune_id, **overrides)
    assert _counts(db) == before
