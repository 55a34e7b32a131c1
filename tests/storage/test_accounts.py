"""Desk accounts in storage: hashed passwords and sessions, idle expiry, throttling, one-time links,
calendar feed tokens, permissions, and retrying a failed publication."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage import accounts, articles, calendar_links, permissions, plans, publications
from storage.db import transaction
from storage.errors import Forbidden, InvalidState, NotFound
from storage.models import Credential, DeskSession, Publication
from tests.storage.conftest import T0, commune

IDLE = timedelta(minutes=30)


def _person(s: Session, commune_id: int, name: str):  # type: ignore[no-untyped-def]
    return plans.get_person(s, commune(s, commune_id), name)


def _login(db: sessionmaker[Session], commune_id: int, name: str, password: str, at=T0, previous=None):  # type: ignore[no-untyped-def]
    with transaction(db) as s:
        return accounts.login(s, commune=commune(s, commune_id), name=name, password=password, address="10.0.0.1",
                              now=at, previous=previous)


def test_passwords_and_session_ids_are_stored_only_as_hashes(db: sessionmaker[Session], commune_id: int) -> None:
    with transaction(db) as s:
        accounts.set_password(s, person=_person(s, commune_id, "lan"), password="mot-mat-khau-dai", now=T0, actor="t")
    result = _login(db, commune_id, "lan", "mot-mat-khau-dai")
    assert result is not None and result.person.name == "lan"
    with db() as s:
        cred = s.scalar(select(Credential))
        row = s.scalar(select(DeskSession))
    assert cred.password_hash.startswith("$argon2") and "mot-mat-khau-dai" not in cred.password_hash
    assert row.id_hash == accounts.digest(result.session_id) and result.session_id not in row.id_hash
    assert _login(db, commune_id, "lan", "sai") is None
    assert _login(db, commune_id, "khong-co-ai", "mot-mat-khau-dai") is None


def test_a_session_ends_when_idle_at_logout_and_at_the_next_login(db: sessionmaker[Session], commune_id: int) -> None:
    with transaction(db) as s:
        accounts.set_password(s, person=_person(s, commune_id, "lan"), password="mot-mat-khau-dai", now=T0, actor="t")
    first = _login(db, commune_id, "lan", "mot-mat-khau-dai")
    with transaction(db) as s:
        assert accounts.current(s, session_id=first.session_id, now=T0 + timedelta(minutes=20), idle=IDLE)
        assert accounts.current(s, session_id=first.session_id, now=T0 + timedelta(minutes=45), idle=IDLE)
        assert accounts.current(s, session_id=first.session_id, now=T0 + timedelta(minutes=80), idle=IDLE) is None
    second = _login(db, commune_id, "lan", "mot-mat-khau-dai")
    third = _login(db, commune_id, "lan", "mot-mat-khau-dai", previous=second.session_id)
    with transaction(db) as s:
        assert accounts.current(s, session_id=second.session_id, now=T0, idle=IDLE) is None  # replaced at login
        accounts.logout(s, session_id=third.session_id)
        assert accounts.current(s, session_id=third.session_id, now=T0, idle=IDLE) is None


def test_logins_are_throttled_per_account(db: sessionmaker[Session], commune_id: int) -> None:
    with transaction(db) as s:
        accounts.set_password(s, person=_person(s, commune_id, "lan"), password="mot-mat-khau-dai", now=T0, actor="t")
    for _ in range(accounts.ACCOUNT_LIMIT):
        assert _login(db, commune_id, "lan", "sai") is None
    with pytest.raises(accounts.Throttled) as caught:
        _login(db, commune_id, "lan", "mot-mat-khau-dai")
    assert 1 <= caught.value.minutes <= 15
    assert _login(db, commune_id, "lan", "mot-mat-khau-dai", at=T0 + timedelta(minutes=16)) is not None


def test_weak_passwords_are_refused(db: sessionmaker[Session], commune_id: int) -> None:
    with transaction(db) as s:
        lan = _person(s, commune_id, "lan")
        for bad, code in (("ngan", "short"), ("lan-mat-khau-1", "name"), ("x" * 300, "long")):
            with pytest.raises(accounts.WeakPassword) as caught:
                accounts.set_password(s, person=lan, password=bad, now=T0, actor="t")
            assert caught.value.code == code


def test_a_password_link_works_once_and_expires(db: sessionmaker[Session], commune_id: int) -> None:
    with transaction(db) as s:
        token = accounts.issue_link(s, person=_person(s, commune_id, "thanh"), now=T0, actor="admin")
        late = accounts.issue_link(s, person=_person(s, commune_id, "thanh"), now=T0, actor="admin")
    with transaction(db) as s:
        assert accounts.use_link(s, token=token, password="kiem-tra-vien-1", now=T0).name == "thanh"
    with pytest.raises(NotFound), transaction(db) as s:
        accounts.use_link(s, token=token, password="kiem-tra-vien-2", now=T0)
    with pytest.raises(NotFound), transaction(db) as s:
        accounts.use_link(s, token=late, password="kiem-tra-vien-2", now=T0 + timedelta(hours=25))
    assert _login(db, commune_id, "thanh", "kiem-tra-vien-1") is not None


def test_calendar_links_are_hashed_and_a_new_one_revokes_the_old(db: sessionmaker[Session], commune_id: int) -> None:
    with transaction(db) as s:
        first = calendar_links.issue(s, commune=commune(s, commune_id), actor="ngan", now=T0)
        second = calendar_links.issue(s, commune=commune(s, commune_id), actor="ngan", now=T0)
    with transaction(db) as s:
        assert calendar_links.commune_of(s, token=first) is None
        assert calendar_links.commune_of(s, token=second).id == commune_id
        assert calendar_links.active(s, commune=commune(s, commune_id)).token_hash != second
        calendar_links.revoke(s, commune=commune(s, commune_id), actor="ngan", now=T0)
        assert calendar_links.commune_of(s, token=second) is None


def test_permissions_by_role(db: sessionmaker[Session], commune_id: int) -> None:
    with db() as s:
        home = commune(s, commune_id)
        people = {n: _person(s, commune_id, n) for n in ("lan", "ngan", "thanh", "admin")}
        assert permissions.allowed(people["lan"], "article.write", home)
        assert not permissions.allowed(people["lan"], "article.review", home)
        assert not permissions.allowed(people["lan"], "audit.read", home)
        assert permissions.allowed(people["ngan"], "article.review", home)
        assert permissions.allowed(people["thanh"], "audit.read", home)
        assert not permissions.allowed(people["thanh"], "article.write", home)
        assert permissions.allowed(people["admin"], "publication.retry", home)
        with pytest.raises(Forbidden):
            permissions.require(people["thanh"], "publication.retry", home)


def test_retry_a_failed_publication(db: sessionmaker[Session], commune_id: int) -> None:
    with transaction(db) as s:
        c = commune(s, commune_id)
        article = articles.add(s, commune=c, unit="vhxh", author="lan", title="Tin", body="Nội dung.",
                               channels=["facebook"], allowed_channels=["facebook"], now=T0)
        articles.submit(s, article_id=article.id, actor="lan", now=T0, commune=c)
        articles.approve(s, article_id=article.id, by="ngan", now=T0, commune=c)
        pub = s.scalar(select(Publication).where(Publication.article_id == article.id))
        publications.mark_failed(s, publication=pub, error="Facebook rejected the Page access token", now=T0,
                                 retry=False)
        pub_id = pub.id
    with transaction(db) as s:
        c = commune(s, commune_id)
        with pytest.raises(Forbidden):
            publications.retry(s, commune=c, publication_id=pub_id, by=_person(s, commune_id, "lan"), now=T0)
        with pytest.raises(NotFound):
            publications.retry(s, commune=c, publication_id=pub_id + 1000, by=_person(s, commune_id, "ngan"), now=T0)
        later = T0 + timedelta(hours=1)
        pub = publications.retry(s, commune=c, publication_id=pub_id, by=_person(s, commune_id, "ngan"), now=later)
        assert (pub.status, pub.due_at, pub.last_error) == ("scheduled", later, None)
    with pytest.raises(InvalidState), transaction(db) as s:
        publications.retry(s, commune=commune(s, commune_id), publication_id=pub_id,
                           by=_person(s, commune_id, "ngan"), now=T0)
