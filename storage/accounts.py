"""Desk accounts: passwords (argon2), server-side sessions, login throttling, one-time password links.

A session id is 32 random bytes handed to the browser once and stored only as its SHA-256, so the
database never holds a usable id. A new id is issued at every login (the old one ends), idle sessions
end after `idle`, and logout deletes the row: a stolen cookie dies with it. Failed logins slow down
the account-and-address pair that made them, never a browser that logged in to the account before
(`storage/login_throttle.py`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage import audit, login_throttle
from storage.errors import InvalidInput, NotFound, StorageError
from storage.models import Commune, Credential, DeskSession, PasswordLink, Person

MIN_PASSWORD, MAX_PASSWORD = 10, 256
MAX_SESSION = timedelta(hours=12)
TOUCH_EVERY = timedelta(seconds=60)
LINK_LIFETIME = timedelta(hours=24)
_hasher = PasswordHasher()
_DUMMY = _hasher.hash("not a password of anyone")


class Throttled(StorageError):
    def __init__(self, message: str, *, seconds: int) -> None:
        super().__init__(message, seconds=seconds)
        self.seconds = seconds


class WeakPassword(InvalidInput):
    """password.too_short | password.too_long | password.has_name"""


@dataclass(frozen=True)
class Login:
    session_id: str  # the raw id: goes into the cookie, never stored
    person: Person
    device: str  # the browser's new device cookie for this account


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token(session_id: str) -> str:
    """The form token of a session (or of a pre-login cookie): derived, so it needs no storage and
    does not reveal the id it comes from."""
    return hmac.new(session_id.encode(), b"loa-desk-csrf", hashlib.sha256).hexdigest()


def check_password(password: str, name: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise WeakPassword("password.too_short", length=len(password), minimum=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise WeakPassword("password.too_long", maximum=MAX_PASSWORD)
    if name.lower() in password.lower():
        raise WeakPassword("password.has_name")
    return password


def set_password(session: Session, *, person: Person, password: str, now: datetime, actor: str) -> None:
    """Set or reset a password; every open session of the person ends."""
    check_password(password, person.name)
    cred = session.get(Credential, person.id)
    if cred is None:
        cred = Credential(person_id=person.id)
        session.add(cred)
    cred.password_hash, cred.set_at = _hasher.hash(password), now
    end_sessions(session, person_id=person.id)
    audit.record(session, at=now, actor=actor, action="account.password_set", subject=f"loa.person.{person.id}",
                 commune=person.unit.commune.code, unit=person.unit.code, details={"person": person.name},
                 event=False)
    session.flush()


def issue_link(session: Session, *, person: Person, now: datetime, actor: str) -> str:
    """A one-time link token (24 h) with which the person sets their own password."""
    token = secrets.token_urlsafe(32)
    session.add(PasswordLink(token_hash=digest(token), person_id=person.id, created_at=now,
                             expires_at=now + LINK_LIFETIME))
    audit.record(session, at=now, actor=actor, action="account.link_issued", subject=f"loa.person.{person.id}",
                 commune=person.unit.commune.code, unit=person.unit.code, details={"person": person.name},
                 event=False)
    session.flush()
    return token


def link_person(session: Session, *, token: str, now: datetime) -> Person:
    """The person a valid, unused link is for; NotFound otherwise (expired, used or unknown alike)."""
    link = session.get(PasswordLink, digest(token)) if 20 <= len(token) <= 100 else None
    if link is None or link.used_at is not None or link.expires_at <= now or not link.person.active:
        raise NotFound("password.link_invalid")
    return link.person


def use_link(session: Session, *, token: str, password: str, now: datetime) -> Person:
    person = link_person(session, token=token, now=now)
    set_password(session, person=person, password=password, now=now, actor=person.name)
    link = session.get(PasswordLink, digest(token))
    assert link is not None
    link.used_at = now
    return person


def login(session: Session, *, commune: Commune | None, name: str, password: str, address: str,
          now: datetime, previous: str | None = None, devices: Sequence[str] = ()) -> Login | None:
    """A new session for the right password. None for a wrong commune, name or password (which one is not
    told); the failure is recorded, so the caller must commit. Throttled while the attempt's keys wait;
    `devices` are the browser's device cookies (one valid for this account puts it on its own key)."""
    person = None
    if commune is not None and name:
        person = session.scalar(select(Person).where(Person.commune_id == commune.id, Person.name == name,
                                                     Person.active))
    cred = session.get(Credential, person.id) if person is not None else None
    judged = login_throttle.keys(commune=commune.code if commune else "-", name=name, address=address,
                                 device=login_throttle.known_device(cred, devices))
    seconds = login_throttle.wait_seconds(session, judged, now)
    if seconds:
        raise Throttled("login.throttled", seconds=seconds)
    if cred is None or not _verify(cred.password_hash, password):
        if cred is None:
            _verify(_DUMMY, password)  # the same time whether or not the account exists
        login_throttle.fail(session, judged, now)
        return None
    assert person is not None
    if _hasher.check_needs_rehash(cred.password_hash):
        cred.password_hash = _hasher.hash(password)
    login_throttle.succeed(session, judged)
    if previous:
        logout(session, session_id=previous)
    raw = secrets.token_urlsafe(32)
    session.add(DeskSession(id_hash=digest(raw), person_id=person.id, created_at=now, last_seen_at=now))
    session.flush()
    return Login(raw, person, login_throttle.new_device(cred))


def current(session: Session, *, session_id: str, now: datetime, idle: timedelta) -> Person | None:
    """The person of a live session; an idle or too old session ends here."""
    if not 20 <= len(session_id) <= 100:
        return None
    row = session.get(DeskSession, digest(session_id))
    if row is None:
        return None
    if row.last_seen_at + idle <= now or row.created_at + MAX_SESSION <= now or not row.person.active:
        session.delete(row)
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return row.person


def logout(session: Session, *, session_id: str) -> None:
    session.execute(delete(DeskSession).where(DeskSession.id_hash == digest(session_id)))


def end_sessions(session: Session, *, person_id: int) -> None:
    session.execute(delete(DeskSession).where(DeskSession.person_id == person_id))


def has_password(session: Session, *, person_id: int) -> bool:
    return session.get(Credential, person_id) is not None


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
