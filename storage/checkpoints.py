"""Signed checkpoints of the audit chains: Certificate Transparency's signed tree heads, one line each.

    loa-checkpoint v1 <chain> <size> <merkle root> <last hash> <time UTC> <key id> <Ed25519 signature>

`<chain>` is the commune's code, or `*` for the installation chain; the root is RFC 6962's Merkle tree
hash over the first `size` entry hashes (storage.merkle); the signature covers everything before it.
The line is plain ASCII without quotes or markup, so it survives unchanged in an export, a CSV cell
and a feed, and `find` picks it out of any of them. The private key never reaches the database: the
caller hands it in (app.audit.key keeps it in a 0600 file).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import audit, merkle
from storage.audit_verify import check_chain
from storage.errors import InvalidInput, StorageError
from storage.models import AuditCheckpoint, AuditEntry, AuditHead

PREFIX = "loa-checkpoint v1"
EVERY = audit.CHECKPOINT_EVERY
_LINE = re.compile(PREFIX + r" ([a-z0-9][a-z0-9-]{0,63}|\*) (\d{1,18}) ([0-9a-f]{64}) ([0-9a-f]{64}) "
                   r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) ([0-9a-f]{16}) ([A-Za-z0-9+/]{86}==)")


@dataclass(frozen=True)
class Checkpoint:
    chain: str  # "" for the installation chain
    size: int
    root: str
    head: str
    at: datetime
    key_id: str
    signature: str = ""

    def body(self) -> str:
        return (f"{PREFIX} {self.chain or '*'} {self.size} {self.root} {self.head} "
                f"{self.at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ} {self.key_id}")

    def line(self) -> str:
        return f"{self.body()} {self.signature}"

    def label(self) -> str:
        return f"the checkpoint of {self.at.astimezone(UTC):%Y-%m-%d %H:%M} UTC ({self.size} entries)"


def key_id(public: Ed25519PublicKey) -> str:
    return hashlib.sha256(_raw(public)).hexdigest()[:16]


def public_text(public: Ed25519PublicKey) -> str:
    """What `loa audit key` prints and `--public-key` takes: `ed25519:` and the raw key in base64."""
    return "ed25519:" + base64.b64encode(_raw(public)).decode()


def parse_public(text: str) -> Ed25519PublicKey:
    value = text.strip().removeprefix("ed25519:")
    try:
        raw = base64.b64decode(value, validate=True)
        if len(raw) != 32:
            raise ValueError
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise InvalidInput("audit.not_a_public_key", text=text.strip()[:60]) from None


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def find(text: str) -> list[Checkpoint]:
    """Every checkpoint line in `text` (an export, a feed, a saved file), in order of appearance."""
    out = []
    for m in _LINE.finditer(text):
        chain, size, root, head, at, kid, sig = m.groups()
        out.append(Checkpoint("" if chain == "*" else chain, int(size), root, head,
                              datetime.strptime(at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC), kid, sig))
    return out


def signature_problem(cp: Checkpoint, public: Ed25519PublicKey) -> str:
    if cp.key_id != key_id(public):
        return (f"{audit.chain_label(cp.chain)}: {cp.label()} was signed by key {cp.key_id}, not by {key_id(public)}: "
                "give the public key it was published with (--public-key)")
    try:
        public.verify(base64.b64decode(cp.signature), cp.body().encode())
    except (InvalidSignature, ValueError):
        return f"{audit.chain_label(cp.chain)}: {cp.label()} does not match its signature: it was altered or forged"
    return ""


def disagreement(cp: Checkpoint, hashes: list[str], roots: dict[int, bytes]) -> str:
    """Why the chain (its entries' hashes, in order) is not an extension of what `cp` signed; "" if it is.
    `roots` holds the Merkle root of the chain's first `cp.size` entries (merkle.prefix_roots): with every
    entry at hand, equal roots is what an RFC 6962 consistency proof would show."""
    n, where = len(hashes), audit.chain_label(cp.chain)
    if cp.size > n:
        return (f"{where}: the log has {n} entries but {cp.label()} signed {cp.size}: entries were deleted "
                f"({'the whole log' if n == 0 else f'from entry {n + 1} on'}) and the head moved back")
    if cp.size == 0:
        return ""
    if roots[cp.size].hex() != cp.root or hashes[cp.size - 1] != cp.head:
        return (f"{where}: entries 1-{cp.size} no longer hash to the Merkle root of {cp.label()}: an entry was "
                "rewritten (hashes recomputed), inserted or deleted since it was signed")
    return ""


def fingerprint(public: Ed25519PublicKey) -> str:
    """What a plan pins (`audit: {key_fingerprint: …}`): SHA-256 of the raw public key; its key id is the start."""
    return "sha256:" + hashlib.sha256(_raw(public)).hexdigest()


def sign(key: Ed25519PrivateKey, *, chain: str, size: int, root: str, head: str, at: datetime) -> Checkpoint:
    unsigned = Checkpoint(chain, size, root, head, at.astimezone(UTC).replace(microsecond=0), key_id(key.public_key()))
    signature = base64.b64encode(key.sign(unsigned.body().encode())).decode()
    return Checkpoint(unsigned.chain, size, root, head, unsigned.at, unsigned.key_id, signature)


def latest(session: Session, chain: str) -> AuditCheckpoint | None:
    return session.scalar(select(AuditCheckpoint).where(AuditCheckpoint.chain == chain)
                          .order_by(AuditCheckpoint.at.desc(), AuditCheckpoint.id.desc()).limit(1))


def is_due(session: Session, chain: str, now: datetime) -> bool:
    """A checkpoint is due when the chain has entries and its last one is a day old (or there is none)."""
    last = latest(session, chain)
    if last is not None and now - last.at < EVERY:
        return False
    return bool(session.scalar(select(AuditHead.seq).where(AuditHead.chain == chain)))


def stored(session: Session, chains: list[str]) -> list[Checkpoint]:
    rows = session.scalars(select(AuditCheckpoint).where(AuditCheckpoint.chain.in_(chains))
                           .order_by(AuditCheckpoint.chain, AuditCheckpoint.id))
    return [c for row in rows for c in find(row.text)]


def all_lines(session: Session) -> list[str]:
    """Every checkpoint the database holds, oldest first (a new journal starts with them)."""
    return list(session.scalars(select(AuditCheckpoint.text).order_by(AuditCheckpoint.id)))


def export_rows(session: Session, *, chains: list[str], start: datetime | None, end: datetime | None
                ) -> list[dict[str, Any]]:
    """Stored checkpoints as rows of `loa audit export` (action `audit.checkpoint`, the line in details)."""
    query = select(AuditCheckpoint).where(AuditCheckpoint.chain.in_(chains)).order_by(AuditCheckpoint.id)
    if start is not None:
        query = query.where(AuditCheckpoint.at >= start)
    if end is not None:
        query = query.where(AuditCheckpoint.at < end)
    return [dict(dict.fromkeys(audit.EXPORT_FIELDS, ""), seq=row.size, at=row.at.isoformat(), actor="loa",
                 action="audit.checkpoint", subject=f"loa.checkpoint.{row.id}", commune=row.chain,
                 details=json.dumps({"checkpoint": row.text}), hash=row.root, chain=row.chain)
            for row in session.scalars(query)]


def write(session: Session, *, key: Ed25519PrivateKey, chain: str, now: datetime, only_if_due: bool = False,
          from_last: bool = False) -> Checkpoint | None:
    """Sign the chain's head now (appends to the chain wait meanwhile); None when nothing is due.

    A broken chain is never signed: that would vouch for the break. `from_last` (the end of every pass):
    when this key's last checkpoint is found again in the entries' hashes, only the entries after it are
    walked; a row before it whose content changed but whose hash did not is then left to `verify`, and the
    new checkpoint still signs the hashes the old one did.
    """
    audit.locked_head(session, chain)
    last = latest(session, chain)
    if only_if_due and last is not None and now - last.at < EVERY:
        return None
    known = _signed_prefix(session, chain, key.public_key()) if from_last else None
    check = check_chain(session, chain, after=known or None)
    if not check.ok:
        raise StorageError("audit.broken_log", problem=check.problem)
    if check.entries == 0:
        return None
    cp = sign(key, chain=chain, size=check.entries, root=merkle.root(check.leaves()).hex(), head=check.hashes[-1],
              at=now)
    session.add(AuditCheckpoint(chain=chain, size=cp.size, root=cp.root, head=cp.head, at=cp.at, key_id=cp.key_id,
                                signature=cp.signature, text=cp.line()))
    session.flush()
    return cp


def _signed_prefix(session: Session, chain: str, public: Ed25519PublicKey) -> list[str]:
    """The hashes of the entries the key's largest checkpoint of the chain signed ([] when there is none); a log
    that no longer holds exactly them (numbered 1…size, same Merkle root and last hash) is not signed."""
    row = session.scalar(select(AuditCheckpoint).where(AuditCheckpoint.chain == chain,
                                                       AuditCheckpoint.key_id == key_id(public))
                         .order_by(AuditCheckpoint.size.desc(), AuditCheckpoint.id.desc()).limit(1))
    found = find(row.text) if row is not None else []
    if not found or signature_problem(found[0], public) or found[0].size < 1:
        return []
    cp = found[0]
    table = AuditEntry.__table__
    rows = session.execute(select(table.c.seq, table.c.hash).where(table.c.chain == chain, table.c.seq <= cp.size)
                           .order_by(table.c.seq)).all()
    hashes = [h for _, h in rows]
    leaves = [merkle.leaf_hash(bytes.fromhex(h)) for h in hashes]
    if [seq for seq, _ in rows] != list(range(1, cp.size + 1)):
        problem = disagreement(cp, hashes, {}) if len(hashes) < cp.size else _renumbered(cp)
        raise StorageError("audit.broken_log", problem=problem)
    if hashes[-1] != cp.head or merkle.root(leaves).hex() != cp.root:
        problem = disagreement(cp, hashes, {cp.size: merkle.root(leaves)})
        raise StorageError("audit.broken_log", problem=problem)
    return hashes


def _renumbered(cp: Checkpoint) -> str:
    return (f"{audit.chain_label(cp.chain)}: entries 1-{cp.size} are no longer numbered as when {cp.label()} was "
            "signed: rows were inserted, deleted or renumbered")
