"""One definition of "due": the pass's overview (app.pipeline.due) is only the union of the due queries the steps
of app.pipeline.steps.COMMUNE_STEPS declare. Built from that list: for every due query of every step, a world
where exactly that work is due makes the commune busy for that step and no other; a world with nothing due
leaves it idle. A step (or a query) added without a world here fails, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.pipeline.due import overview
from app.pipeline.steps import COMMUNE_STEPS
from storage import articles, checkpoints, publications, tokens
from storage import radio as occurrences
from storage.db import transaction
from storage.models import Commune, Publication
from storage.plans import get_commune
from tests.storage.conftest import T0, any_db, db  # noqa: F401 (fixtures)

NOW = T0 + timedelta(minutes=6)  # the example plan's radio slot airs on the 2nd and 4th Thursday at 17:00


@dataclass
class World:
    session: Session
    commune: Commune
    home: Path
    now: datetime = NOW

    def approved(self, channels: list[str], *, priority: str = "normal", audio: bool = False) -> int:
        """An approved article on `channels` (`audio`: its clip's publications made due, as a clip does)."""
        article = articles.add(self.session, commune=self.commune, unit="vhxh", author="lan", title="Một cửa",
                               body="Người dân nộp hồ sơ trực tuyến.", channels=channels, priority=priority,
                               allowed_channels=channels, now=self.now)
        articles.submit(self.session, article_id=article.id, actor="lan", now=self.now, commune=self.commune)
        articles.approve(self.session, article_id=article.id, by="ngan", now=self.now, commune=self.commune)
        if audio:
            publications.media_ready(self.session, version_id=article.current.id, now=self.now)
        return article.id


def _render(w: World) -> None:
    w.approved(["web"])  # waits for its clip


def _posts(w: World) -> None:
    w.approved(["facebook"])  # a text post needs no clip


def _tokens(w: World) -> None:
    box = tokens.SecretBox(Fernet.generate_key().decode())
    tokens.store(w.session, box, commune_id=w.commune.id, channel="zalo", refresh_token="r1",
                 refresh_expires_at=w.now + timedelta(days=20), now=w.now)


def _web(w: World) -> None:
    w.approved(["web"], audio=True)


def _feeds_behind(w: World) -> None:
    article_id = w.approved(["web"], audio=True)
    pub = w.session.scalars(select(Publication).where(Publication.article_id == article_id)).one()
    pub.status = "published"  # and the feeds never written since


def _feeds_edited(w: World) -> None:
    from app.portal.stamp import write_digests

    folder = w.home / "feeds" / w.commune.code
    folder.mkdir(parents=True)
    (folder / "cchc.xml").write_text("<rss/>", encoding="utf-8")
    write_digests(folder, [folder / "cchc.xml"])
    (folder / "cchc.xml").write_text("<rss>edited</rss>", encoding="utf-8")


def _radio_emergency(w: World) -> None:
    w.approved(["radio"], priority="emergency", audio=True)


def _radio_past_air(w: World) -> None:
    occurrences.get_or_create(w.session, commune_id=w.commune.id, slot_slug="cchc",
                              starts_at=w.now - timedelta(hours=1), minutes=15, now=w.now)


def _radio_lead_time(w: World) -> None:
    w.now = datetime.fromisoformat("2026-03-12T16:30:00+07:00")  # 2nd Thursday: 17:00 is within the slot's lead


def _checkpoint(w: World) -> None:
    """The plan's own entries, never signed: the chain is due its daily checkpoint."""


WORLDS: dict[str, list[Callable[[World], None]]] = {
    "app.audit.due.checkpoint": [_checkpoint],
    "app.production.due.versions": [_render],
    "app.social.due.posts": [_posts],
    "app.social.due.tokens": [_tokens],
    "app.portal.due.web_items": [_web],
    "app.portal.due.feeds": [_feeds_behind, _feeds_edited],
    "app.radio.due.radio": [_radio_emergency, _radio_past_air, _radio_lead_time],
}
QUERIES = [(step.name, f"{query.__module__}.{query.__name__}") for step in COMMUNE_STEPS for query in step.due]
CASES = [(step, query, make) for step, query in QUERIES for make in WORLDS.get(query) or [None]]


def _busy(factory: sessionmaker[Session], home: Path, make: Callable[[World], None] | None) -> dict[str, list]:
    """What the overview finds due for the commune after `make` built its world."""
    with transaction(factory) as session:
        world = World(session, get_commune(session), home)
        if make is not None:
            make(world)
        session.flush()
        if make is not _checkpoint:  # everything written so far is signed: no daily checkpoint due
            checkpoints.write(session, key=Ed25519PrivateKey.generate(), chain=world.commune.code, now=world.now)
        code, now = world.commune.code, world.now
    with transaction(factory) as session:
        due = overview(session, codes=[code], now=now, home=home)[code]
    return {name: items for name, items in due.work.items() if items}


def test_every_step_of_the_pass_declares_what_is_due_for_it() -> None:
    assert [step for step in COMMUNE_STEPS if not step.due] == []
    assert len({name for name, _ in QUERIES}) == len(COMMUNE_STEPS)


def test_a_commune_with_nothing_due_is_idle(any_db: sessionmaker[Session], tmp_path: Path) -> None:  # noqa: F811
    assert _busy(any_db, tmp_path, None) == {}


@pytest.mark.parametrize(("step", "query", "make"), CASES,
                         ids=[f"{s}:{m.__name__.strip('_') if m else q}" for s, q, m in CASES])
def test_each_due_query_makes_the_commune_busy_for_its_step_only(
        step: str, query: str, make: Callable[[World], None] | None, any_db: sessionmaker[Session],  # noqa: F811
        tmp_path: Path) -> None:
    if make is None:
        pytest.fail(f"no world here makes {query} due: add one to WORLDS (a step of COMMUNE_STEPS needs its test)")
    busy = _busy(any_db, tmp_path, make)
    assert list(busy) == [step], busy


def test_a_step_added_to_the_list_is_asked_run_and_reported(db: sessionmaker[Session], tmp_path: Path,  # noqa: F811
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding a channel is its module and one line in COMMUNE_STEPS: nothing else names the steps."""
    from app.pipeline import dispatch, steps
    from app.pipeline.summary import describe_commune

    def sms_due(scope):  # type: ignore[no-untyped-def]
        return [(row.id, "sms") for row in scope.communes]

    sms = steps.Step("send-sms", lambda rt, code: f"1 message sent in {code}", due=(sms_due,))
    monkeypatch.setattr(steps, "COMMUNE_STEPS", (*steps.COMMUNE_STEPS, sms))
    busy = _busy(db, tmp_path, None)
    assert busy == {"send-sms": ["sms"]}
    with transaction(db) as session:
        due = overview(session, codes=["phu-khuong"], now=NOW, home=tmp_path)["phu-khuong"]
    done = dispatch.commune_pass(None, steps.in_process, due)  # type: ignore[arg-type]
    assert done.other == {"send-sms": ["1 message sent in phu-khuong"]} and not done.errors
    assert "send-sms: 1 message sent in phu-khuong" in describe_commune(done)
