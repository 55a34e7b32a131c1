"""Checking the audit log: every chain walked link by link, sequence numbers checked (never trusted),
the signed checkpoints an auditor kept proven to be prefixes of it, and the report rollup recomputed.

A chain is good when its rows are numbered 1, 2, … n with no gap, duplicate or number below 1, each
row's hash is its content's and links to the one before, every row belongs to the chain's commune,
and the head names entry n. That alone cannot catch a forger who knows the algorithm and rewrites,
cuts or wipes the chain with every hash recomputed: a signed checkpoint (storage.checkpoints) can,
back to the last one given.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from storage import merkle
from storage.audit import GENESIS, INSTALLATION, SPLIT_ACTION, chain_label, entry_hash, legacy_end, of_commune
from storage.models import AuditEntry, AuditHead, Commune


@dataclass
class ChainCheck:
    chain: str
    entries: int = 0  # rows walked and found good, in order
    problem: str = ""
    hashes: list[str] = field(default_factory=list)  # the good rows' hashes, in order
    clock: str = ""  # the first entry stamped before the one it follows (the links may still hold)

    @property
    def ok(self) -> bool:
        return not self.problem

    def leaves(self) -> list[bytes]:
        return [merkle.leaf_hash(bytes.fromhex(h)) for h in self.hashes]


def check_chain(session: Session, chain: str, *, batch: int = 5000, after: list[str] | None = None) -> ChainCheck:
    """Walk one chain in order; the first broken link is named in `problem`. `after`: the hashes of the
    chain's first entries, taken as good (a signed checkpoint's, found again): only the rows after them
    are walked."""
    check = ChainCheck(chain)
    table = AuditEntry.__table__
    query = select(table).where(table.c.chain == chain).order_by(table.c.seq)
    prev, split, prev_at = GENESIS, None, None
    if after:
        check.hashes, prev, query = list(after), after[-1], query.where(table.c.seq > len(after))
        prev_at = session.scalar(select(table.c.at).where(table.c.chain == chain, table.c.seq == len(after)))
        if chain == INSTALLATION:
            split = session.scalar(select(func.min(table.c.seq)).where(
                table.c.chain == chain, table.c.action == SPLIT_ACTION, table.c.seq <= len(after)))
    rows = session.execute(query.execution_options(yield_per=batch))
    for row in rows:
        problem = _link_problem(row, len(check.hashes) + 1, prev, split)
        if problem:
            check.problem = f"{chain_label(chain)}: {problem}"
            rows.close()
            return check
        if chain == INSTALLATION and row.action == SPLIT_ACTION and split is None:
            split = row.seq
        if prev_at is not None and row.at < prev_at and not check.clock:
            check.clock = f"{chain_label(chain)}: {_backwards(row, prev_at)}"
        prev, prev_at = row.hash, row.at
        check.hashes.append(row.hash)
    check.entries = len(check.hashes)
    head = session.get(AuditHead, chain)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if (head_seq, head_hash) != (check.entries, prev):
        check.problem = (f"{chain_label(chain)}: the log ends at entry {check.entries} but {head_seq} were written: "
                         "the newest entries were deleted or the head was changed")
    return check


def _backwards(row: Row[Any], before: datetime) -> str:
    return (f"entry {row.seq} ({row.action} by {row.actor}) is stamped {row.at:%Y-%m-%d %H:%M:%S} UTC, before entry "
            f"{row.seq - 1} it follows ({before:%Y-%m-%d %H:%M:%S} UTC): time went backwards, so the clock was set "
            "back or the entry was written outside Loa")


def _link_problem(row: Row[Any], expected: int, prev: str, split: int | None) -> str:
    if row.seq < 1:
        return (f"entry {row.seq} has a sequence number below 1: entries are numbered from 1, so it was "
                "inserted outside Loa")
    if row.seq == expected - 1:
        return f"entry {row.seq} appears twice: a row was inserted outside Loa"
    if row.seq != expected:
        return f"entry {expected} is missing (next found is {row.seq}): a row was deleted"
    if row.prev_hash != prev:
        return (f"entry {row.seq} ({row.action}) does not follow entry {row.seq - 1}: a row was deleted, inserted "
                "or rewritten before it")
    if entry_hash(row) != row.hash:
        return f"entry {row.seq} ({row.action} by {row.actor}) was changed after it was written"
    if row.chain and row.commune != row.chain:
        return f"entry {row.seq} names commune {row.commune!r}: it was written into this chain outside Loa"
    if not row.chain and row.commune and split is not None:
        return (f"entry {row.seq} names commune {row.commune!r} but the installation chain holds only entries "
                "without a commune since it was split: it was written outside Loa")
    return ""


def stray_chains(session: Session) -> list[str]:
    """Rows or heads in a chain that is neither a commune's nor the installation's."""
    communes = set(session.scalars(select(Commune.code)))
    found = dict(session.execute(select(AuditEntry.chain, func.count()).group_by(AuditEntry.chain)).tuples().all())
    for chain in session.scalars(select(AuditHead.chain)):
        found.setdefault(chain, 0)
    return [f"{n} entries are in a chain named {chain!r}, which is no commune of this installation: they were "
            "written outside Loa"
            for chain, n in sorted(found.items()) if chain != INSTALLATION and chain not in communes]


def missing_history(session: Session, code: str, legacy: int) -> str:
    """A commune whose log holds no entry at all, not even the plan.loaded that created it, was wiped."""
    found = session.scalar(select(AuditEntry.seq).where(of_commune(code, legacy)).limit(1))
    if found is None:
        return (f"{code}: the log holds no entry for this commune, not even the plan.loaded that created it: "
                "its log was wiped")
    return ""


def plan_problem(session: Session, commune: Commune, legacy: int) -> str:
    """The stored plan (whose `audit.key_fingerprint` verify trusts) is the one the log's last plan.loaded says."""
    last = session.execute(select(AuditEntry.seq, AuditEntry.content_hash)
                           .where(of_commune(commune.code, legacy), AuditEntry.action == "plan.loaded")
                           .order_by((AuditEntry.chain == commune.code).desc(), AuditEntry.seq.desc()).limit(1)).first()
    if last is None or not last.content_hash:
        return ""  # a wiped log is named by missing_history
    digest = hashlib.sha256((commune.plan_yaml or "").encode()).hexdigest()
    if digest == commune.plan_hash == last.content_hash:
        return ""
    return (f"{commune.code}: the stored plan is not the one entry {last.seq} (plan.loaded) recorded: it was changed "
            "outside Loa (its quotas or pinned audit key); load the signed plan again with `loa init --plan`")


def chains_in_scope(session: Session, code: str | None) -> list[str]:
    """The chains a check covers: one commune's and the installation's, or every commune's."""
    codes = [code] if code else list(session.scalars(select(Commune.code).order_by(Commune.id)))
    return [*codes, INSTALLATION]


@dataclass(frozen=True)
class Verdict:
    ok: bool
    entries: int
    problem: str = ""


def verify(session: Session, *, chain: str | None = None) -> Verdict:
    """The chain links alone: one chain, or every chain of the installation (and no stray rows)."""
    chains = [chain] if chain is not None else chains_in_scope(session, None)
    problems = [] if chain is not None else stray_chains(session)
    total = 0
    legacy = legacy_end(session)
    for name in chains:
        check = check_chain(session, name)
        total += check.entries
        if check.problem or check.clock:
            problems.append(check.problem or check.clock)
        elif name and check.entries == 0 and (gone := missing_history(session, name, legacy)):
            problems.append(gone)
    return Verdict(not problems, total, problems[0] if problems else "")
