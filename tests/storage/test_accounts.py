"""Desk accounts in storage: hashed passwords and sessions, idle expiry, throttling, one-time links,
calendar feed tokens, permissions, and retrying a failed publication."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from storage import accounts, articles, calendar_links, login_throttle, permissions, plans, publications
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


def _attempt(db: sessionmaker[Session], commune_id: int, name: str, password: str, at, address="10.0.0.1",
             devices=()):  # type: ignore[no-untyped-def]
    """None for a wrong password, the wait in seconds when throttled, the Login otherwise."""
    try:
        with transaction(db) as s:
            return accounts.login(s, commune=commune(s, commune_id), name=name, password=password, address=address,
                                  now=at, devices=devices)
    except accounts.Throttled as exc:
        return exc.seconds


def test_failed_logins_wait_longer_and_longer_per_account_and_address(db: sessionmaker[Session],
                                                                      commune_id: int) -> None:
    with transaction(db) as s:
        accounts.set_password(s, person=_person(s, commune_id, "lan"), password="mot-mat-khau-dai", now=T0, actor="t")
    for i in range(login_throttle.PAIR_FREE):
        assert _attempt(db, commune_id, "lan", "sai", T0 + timedelta(seconds=i)) is None
    at = T0 + timedelta(seconds=login_throttle.PAIR_FREE - 1)
    waits = []
    for _ in range(4):  # each failure past the free ones doubles the wait, counted from the last failure
        wait = _attempt(db, commune_id, "lan", "mot-mat-khau-dai", at + timedelta(seconds=1))
        assert isinstance(wait, int) and wait > 0  # even the right password waits on this pair
        waits.append(wait + 1)
        at += timedelta(seconds=wait + 1)
        assert _attempt(db, commune_id, "lan", "sai", at) is None
    assert waits == [30, 60, 120, 240], waits
    assert _attempt(db, commune_id, "lan", "sai", at + timedelta(seconds=5)) == 475  # refusals are not counted
    assert _attempt(db, commune_id, "lan", "sai", at + timedelta(seconds=6)) == 474
    assert login_throttle.delay(40, login_throttle.PAIR_FREE) == login_throttle.CAP
    # the same account from another address is not slowed by this pair (the account key is looser)
    other = _attempt(db, commune_id, "lan", "mot-mat-khau-dai", at + timedelta(seconds=7), address="10.0.0.2")
    assert isinstance(other, accounts.Login)
    # the right password from the pair after its wait forgives the pair
    assert isinstance(_attempt(db, commune_id, "lan", "mot-mat-khau-dai", at + timedelta(seconds=481)), accounts.Login)
    assert _attempt(db, commune_id, "lan", "sai", at + timedelta(seconds=482)) is None


def test_a_known_browser_logs_in_whatever_others_tried(db: sessionmaker[Session], commune_id: int) -> None:
    with transaction(db) as s:
        accounts.set_password(s, person=_person(s, commune_id, "ngan"), password="lanh-dao-duyet", now=T0, actor="t")
    first = _attempt(db, commune_id, "ngan", "lanh-dao-duyet", T0, address="10.0.0.7")
    assert isinstance(first, accounts.Login)
    at = T0
    for i in range(60):  # an attacker spread over many addresses, at whatever pace the waits allow
        at += timedelta(minutes=16)
        _attempt(db, commune_id, "ngan", "sai", at, address=f"10.9.{i % 3}.1")
    assert isinstance(_attempt(db, commune_id, "ngan", "lanh-dao-duyet", at, address="10.0.0.99"), int)
    assert _attempt(db, commune_id, "ngan", "sai", at, address="10.0.0.99") > 0  # a new browser waits too
    known = _attempt(db, commune_id, "ngan", "lanh-dao-duyet", at, address="10.0.0.8", devices=["x.y.z", first.device])
    assert isinstance(known, accounts.Login) and known.device != first.device
    forged = first.device.rsplit(".", 1)[0] + ".0123456789abcdef0123456789abcdef01234567"
    assert isinstance(_attempt(db, commune_id, "ngan", "lanh-dao-duyet", at, devices=[forged]), int)
    with transaction(db) as s:  # a device cookie of one account is nothing to another
        accounts.set_password(s, person=_person(s, commune_id, "lan"), password="mot-mat-khau-dai", now=T0, actor="t")
    for _ in range(login_throttle.PAIR_FREE):
        assert _attempt(db, commune_id, "lan", "sai", at, address="10.0.0.50") is None
    assert isinstance(_attempt(db, commune_id, "lan", "mot-mat-khau-dai", at, address="10.0.0.50",
                               devices=[known.device]), int)
    # the device's own failures are throttled too, so a stolen cookie buys no free guesses
    for _ in range(login_throttle.DEVICE_FREE):
        assert _attempt(db, commune_id, "ngan", "sai", at, devices=[known.device]) is None
    assert isinstance(_attempt(db, commune_id, "ngan", "lanh-dao-duyet", at, devices=[known.device]), int)
    # a new password ends every device cookie of the account
    with transaction(db) as s:
        accounts.set_password(s, person=_person(s, commune_id, "ngan"), password="lanh-dao-moi-2", now=at, actor="t")
    assert isinstance(_attempt(db, commune_id, "ngan", "lanh-dao-moi-2", at, address="10.0.0.7",
                               devices=[first.device]), int)


def test_weak_passwords_are_refused(db: sessionmaker[Session], commune_id: int) -> None:
    with transaction(db) as s:
        lan = _person(s, commune_id, "lan")
        for bad, code in (("ngan", "password.too_short"), ("lan-mat-khau-1", "password.has_name"),
                          ("x" * 300, "password.too_long")):
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
