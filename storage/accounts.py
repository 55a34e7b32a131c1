"""Desk accounts: passwords (argon2), server-side sessions, login throttling, one-time password links.

A session id is 32 random bytes handed to the browser once and stored only as its SHA-256, so the
database never holds a usable id. A new id is issued at every login (the old one ends), idle sessions
end after `idle`, and logout deletes the row: a stolen cookie dies with it. Failed logins are counted
per account and per address over a window; past the limit, even the right password waits.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from storage import audit
from storage.errors import InvalidInput, NotFound, StorageError
from storage.models import Commune, Credential, DeskSession, LoginFailure, PasswordLink, Person

MIN_PASSWORD, MAX_PASSWORD = 10, 256
WINDOW = timedelta(minutes=15)
ACCOUNT_LIMIT, ADDRESS_LIMIT = 5, 100  # failures per WINDOW; an office may share one address
MAX_SESSION = timedelta(hours=12)
TOUCH_EVERY = timedelta(seconds=60)
LINK_LIFETIME = timedelta(hours=24)
_hasher = PasswordHasher()
_DUMMY = _hasher.hash("not a password of anyone")


class Throttled(StorageError):
    def __init__(self, message: str, *, minutes: int) -> None:
        super().__init__(message)
        self.minutes = minutes


class WeakPassword(InvalidInput):
    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code  # short | long | name


@dataclass(frozen=True)
class Login:
    session_id: str  # the raw id: goes into the cookie, never stored
    person: Person


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token(session_id: str) -> str:
    """The form token of a session (or of a pre-login cookie): derived, so it needs no storage and
    does not reveal the id it comes from."""
    return hmac.new(session_id.encode(), b"loa-desk-csrf", hashlib.sha256).hexdigest()


def check_password(password: str, name: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise WeakPassword(f"the password has {len(password)} characters; use at least {MIN_PASSWORD}", code="short")
    if len(password) > MAX_PASSWORD:
        raise WeakPassword(f"the password is longer than {MAX_PASSWORD} characters", code="long")
    if name.lower() in password.lower():
        raise WeakPassword("the password contains the login name; choose another", code="name")
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
        raise NotFound("this password link is unknown, used or expired: ask an admin for a new one")
    return link.person


def use_link(session: Session, *, token: str, password: str, now: datetime) -> Person:
    person = link_person(session, token=token, now=now)
    set_password(session, person=person, password=password, now=now, actor=person.name)
    link = session.get(PasswordLink, digest(token))
    assert link is not None
    link.used_at = now
    return person


def login(session: Session, *, commune: Commune | None, name: str, password: str, address: str,
          now: datetime, previous: str | None = None) -> Login | None:
    """A new session for the right password. None for a wrong commune, name or password (which one is not
    told); the failure is recorded, so the caller must commit. Throttled while too many failures are recent."""
    account_key = f"account:{commune.code if commune else '-'}:{name[:64]}"
    address_key = f"address:{address[:64]}"
    minutes = max(_locked_for(session, account_key, ACCOUNT_LIMIT, now),
                  _locked_for(session, address_key, ADDRESS_LIMIT, now))
    if minutes:
        raise Throttled(f"too many failed logins: try again in {minutes} minutes", minutes=minutes)
    person = None
    if commune is not None and name:
        person = session.scalar(select(Person).where(Person.commune_id == commune.id, Person.name == name,
                                                     Person.active))
    cred = session.get(Credential, person.id) if person is not None else None
    if cred is None or not _verify(cred.password_hash, password):
        if cred is None:
            _verify(_DUMMY, password)  # the same time whether or not the account exists
        session.add_all([LoginFailure(key=account_key, at=now), LoginFailure(key=address_key, at=now)])
        session.flush()
        return None
    assert person is not None
    if _hasher.check_needs_rehash(cred.password_hash):
        cred.password_hash = _hasher.hash(password)
    session.execute(delete(LoginFailure).where(LoginFailure.key == account_key))
    if previous:
        logout(session, session_id=previous)
    raw = secrets.token_urlsafe(32)
    session.add(DeskSession(id_hash=digest(raw), person_id=person.id, created_at=now, last_seen_at=now))
    session.flush()
    return Login(raw, person)


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


def _locked_for(session: Session, key: str, limit: int, now: datetime) -> int:
    """Minutes until the key may try again (0: it may now)."""
    since = now - WINDOW
    count, oldest = session.execute(
        select(func.count(), func.min(LoginFailure.at)).where(LoginFailure.key == key, LoginFailure.at > since)
    ).one()
    if count < limit or oldest is None:
        return 0
    wait = oldest + WINDOW - now
    return max(1, -(-int(wait.total_seconds()) // 60))
