"""One full check of the audit log for an auditor, its record, and the chain's state for the desk.

`full_check` walks the chains in scope, proves every signed checkpoint given (and every one stored)
to be a prefix of its chain, and recomputes the report rollup of each commune from the log. The
verification is recorded (`audit_verification`, outside the chain: checking changes nothing in it),
so the desk shows when a chain was last verified and how many entries it then held.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import audit_rollup, checkpoints, merkle
from storage.audit import INSTALLATION, legacy_end
from storage.audit_verify import (
    ChainCheck,
    chains_in_scope,
    check_chain,
    missing_history,
    plan_problem,
    stray_chains,
)
from storage.models import AuditCheckpoint, AuditHead, AuditVerification, Commune

SOURCES = ("given", "journal", "feeds", "stored")  # where checkpoints come from, as problems name them


@dataclass
class Report:
    checks: dict[str, ChainCheck] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)  # by chain ("" also for installation-wide)
    proven: dict[str, int] = field(default_factory=dict)  # distinct checkpoints each chain was proven to extend
    proven_by: dict[str, int] = field(default_factory=dict)  # of them, how many each source held (SOURCES)
    unsigned: int = 0  # checkpoints whose signature could not be checked (no public key)
    notes: list[str] = field(default_factory=list)  # worth knowing, not wrong (no key pinned, …)
    files: dict[str, int] = field(default_factory=dict)  # `--files`: clips, programs, feed items checked

    @property
    def ok(self) -> bool:
        return not any(self.problems.values())

    @property
    def proven_given(self) -> int:
        return self.proven_by.get("given", 0)

    def all_problems(self) -> list[str]:
        return [p for chain in self.problems for p in self.problems[chain]]

    def add(self, chain: str, problem: str) -> None:
        if problem:
            self.problems.setdefault(chain, []).append(problem)


def full_check(session: Session, *, code: str | None, given: list[checkpoints.Checkpoint],
               public: Ed25519PublicKey | None, kept: dict[str, list[checkpoints.Checkpoint]] | None = None
               ) -> Report:
    """Chains of one commune (and the installation's), or of all communes when `code` is None. `given` are the
    auditor's checkpoints, `kept` those found outside the database by source ("journal", "feeds")."""
    report = Report()
    chains = chains_in_scope(session, code)
    chains += sorted({cp.chain for cp in given} - set(chains))  # a checkpoint of a commune since removed too
    legacy = legacy_end(session)
    if code is None:
        for problem in stray_chains(session):
            report.add(INSTALLATION, problem)
    for chain in chains:
        check = report.checks[chain] = check_chain(session, chain)
        report.add(chain, check.problem)
        report.add(chain, check.clock)
        if chain and check.entries == 0:
            report.add(chain, missing_history(session, chain, legacy))
    _prove(report, {"given": given, **(kept or {}), "stored": checkpoints.stored(session, chains)}, public)
    for commune in session.scalars(select(Commune).where(Commune.code.in_([c for c in chains if c]))):
        report.add(commune.code, plan_problem(session, commune, legacy))
        for problem in audit_rollup.check_commune(session, commune, legacy=legacy):
            report.add(commune.code, problem)
    return report


def _prove(report: Report, sources: dict[str, list[checkpoints.Checkpoint]], public: Ed25519PublicKey | None
           ) -> None:
    """Each distinct checkpoint once, whatever holds it: its signature, then the chain extends what it signed.
    A problem names the first source that held it ("" for the auditor's own)."""
    held: dict[str, tuple[checkpoints.Checkpoint, list[str]]] = {}
    for source in sorted(sources, key=lambda s: SOURCES.index(s) if s in SOURCES else len(SOURCES)):
        for cp in sources[source]:
            if cp.chain in report.checks:  # else a checkpoint of a chain outside this check's scope
                held.setdefault(cp.line(), (cp, []))[1].append(source)
    wanted: dict[str, set[int]] = {}
    for cp, _ in held.values():
        wanted.setdefault(cp.chain, set()).add(cp.size)
    roots = {chain: merkle.prefix_roots(report.checks[chain].leaves(), sizes) for chain, sizes in wanted.items()}
    for cp, where in held.values():
        check, prefix = report.checks[cp.chain], "" if where[0] == "given" else f"{where[0]}: "
        if public is None:
            report.unsigned += 1
        elif problem := checkpoints.signature_problem(cp, public):
            report.add(cp.chain, prefix + problem)
            continue
        if not check.ok and cp.size > check.entries:
            continue  # the chain is already broken before this checkpoint's end: that is reported
        problem = checkpoints.disagreement(cp, check.hashes, roots[cp.chain])
        report.add(cp.chain, problem)
        if not problem:
            report.proven[cp.chain] = report.proven.get(cp.chain, 0) + 1
            for source in set(where):
                report.proven_by[source] = report.proven_by.get(source, 0) + 1


def record(session: Session, report: Report, *, now: datetime) -> None:
    """One row per chain checked: when, how many entries, what was wrong."""
    for chain, check in report.checks.items():
        problems = report.problems.get(chain, [])
        session.add(AuditVerification(chain=chain, at=now, ok=not problems, entries=check.entries,
                                      checkpoints=report.proven.get(chain, 0), problem="\n".join(problems)[:4000]))
    session.flush()


@dataclass(frozen=True)
class ChainState:
    """What the desk shows: the chain's size now, its last verification, its last signed checkpoint."""

    chain: str
    entries: int
    verified_at: datetime | None
    verified_ok: bool | None
    verified_entries: int
    problem: str
    checkpoint_at: datetime | None
    checkpoint_size: int
    checkpoint: str  # the signed line, for the auditor to keep


def state(session: Session, chain: str) -> ChainState:
    head = session.get(AuditHead, chain)
    last = session.scalar(select(AuditVerification).where(AuditVerification.chain == chain)
                          .order_by(AuditVerification.at.desc(), AuditVerification.id.desc()).limit(1))
    cp: AuditCheckpoint | None = checkpoints.latest(session, chain)
    return ChainState(chain, head.seq if head else 0, last.at if last else None, last.ok if last else None,
                      last.entries if last else 0, last.problem if last else "", cp.at if cp else None,
                      cp.size if cp else 0, cp.text if cp else "")
