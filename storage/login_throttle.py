"""Login throttling that never locks out someone else (OWASP: exponential back-off per account and
address, and "device cookies" for browsers that logged in to the account before).

Failed logins are counted per key over a day. The first `free` failures of a key cost nothing; after that
each failure doubles the wait before the key may try again (BASE, 2×BASE, 4×BASE … up to CAP), counted
from its last failure. An attempt refused while waiting is neither checked nor counted.

Keys, and who meets them:
- pair: one account from one address. An attacker hammering the leader's account meets this first.
- account: the account from every address together, for browsers without its device cookie (a spread-out
  attack); looser than pair.
- address: every account from one address (spraying); loose, since an office shares one address.
- device: the failures made with one device cookie, so a stolen cookie buys no free guesses.

A browser that holds a valid device cookie of the account (set at its last successful login) is judged by
its device key alone: whatever an attacker elsewhere does slows the attacker, and the leader still logs in
from his own browser. The cookie is `<person id>.<nonce>.<HMAC>` keyed by a digest of the account's
password hash: it needs no table, cannot be forged without the database, and every cookie of an account
dies when its password changes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from storage.models import Credential, LoginFailure

WINDOW = timedelta(hours=24)  # failures older than this are forgotten
BASE = timedelta(seconds=30)  # the first wait past the free failures
CAP = timedelta(minutes=15)  # the longest wait between two attempts of one key


@dataclass(frozen=True)
class Key:
    key: str
    free: int  # failures that cost no wait


PAIR_FREE, ACCOUNT_FREE, ADDRESS_FREE, DEVICE_FREE = 5, 10, 100, 5


def keys(*, commune: str, name: str, address: str, device: str | None) -> list[Key]:
    """The keys an attempt is judged by: the device's own key alone when the browser is known to the
    account; otherwise the account-and-address pair, the account and the address."""
    account = f"{commune}:{name[:64]}"
    if device:
        return [Key(f"device:{_digest(device)}", DEVICE_FREE)]
    return [Key(f"pair:{account}:{address[:64]}", PAIR_FREE), Key(f"account:{account}", ACCOUNT_FREE),
            Key(f"address:{address[:64]}", ADDRESS_FREE)]


def wait_seconds(session: Session, judged: Iterable[Key], now: datetime) -> int:
    """Seconds until every key may try again (0: it may now)."""
    return max((_wait(session, k, now) for k in judged), default=0)


def delay(failures: int, free: int) -> timedelta:
    """The wait after `failures` recent failures of a key."""
    if failures < free:
        return timedelta(0)
    doublings: int = 2 ** min(failures - free, 20)
    return min(CAP, BASE * doublings)


def fail(session: Session, judged: Iterable[Key], now: datetime) -> None:
    names = [k.key for k in judged]
    session.execute(delete(LoginFailure).where(LoginFailure.key.in_(names), LoginFailure.at <= now - WINDOW))
    session.add_all([LoginFailure(key=name, at=now) for name in names])
    session.flush()


def succeed(session: Session, judged: Iterable[Key]) -> None:
    """The right password: the pair's and the device's failures are forgiven (not the account's or the
    address's, which other browsers' failures fill)."""
    names = [k.key for k in judged if k.key.startswith(("pair:", "device:"))]
    if names:
        session.execute(delete(LoginFailure).where(LoginFailure.key.in_(names)))


def new_device(cred: Credential) -> str:
    """A device cookie for the account of `cred`, set at a successful login."""
    payload = f"{cred.person_id}.{secrets.token_urlsafe(18)}"
    return f"{payload}.{_sign(cred, payload)}"


def known_device(cred: Credential | None, cookies: Sequence[str]) -> str | None:
    """The browser's device cookie for this account, if it holds a valid one."""
    if cred is None:
        return None
    for value in cookies:
        payload, _, signature = value.rpartition(".")
        if payload.split(".", 1)[0] == str(cred.person_id) and hmac.compare_digest(
                signature.encode(), _sign(cred, payload).encode()):
            return value
    return None


def _sign(cred: Credential, payload: str) -> str:
    key = hashlib.sha256(b"loa-desk-device:" + cred.password_hash.encode()).digest()
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()[:40]


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:40]


def _wait(session: Session, key: Key, now: datetime) -> int:
    count, last = session.execute(
        select(func.count(), func.max(LoginFailure.at)).where(LoginFailure.key == key.key,
                                                              LoginFailure.at > now - WINDOW)).one()
    if last is None or count < key.free:
        return 0
    remaining = (last + delay(count, key.free) - now).total_seconds()
    return max(0, -(-int(remaining * 1000) // 1000))
