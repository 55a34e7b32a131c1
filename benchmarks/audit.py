"""Ten busy years of one commune's audit log (about 10,000 entries a year: 100,000) on SQLite; signing a
checkpoint and a full verify.

Target: `loa audit verify`'s check (every link walked, the stored checkpoint proven by Merkle consistency,
the report rollup recomputed) in under 10 s, and a signed checkpoint in under 10 s, for 100,000 entries.
The chain walk and a Merkle consistency proof (made and checked) are timed alone in the same run.
"""

from __future__ import annotations

import json
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from schedules.plan import load_plan
from storage import audit, audit_report, checkpoints, merkle, migrate, plans
from storage.audit_verify import check_chain
from storage.db import make_engine, session_factory, transaction
from storage.models import AuditCheckpoint, AuditEntry, AuditHead

ENTRIES, TARGET_S = 100_000, 10.0
PASS_ENTRIES = 50  # what one busy pass writes
CHECKPOINT_STEP = 100  # entries between two checkpoints when every pass signs what it wrote: 1,000 of them
PLAN = Path(__file__).resolve().parent.parent / "schedules" / "plans" / "phu-khuong.yaml"
START = datetime(2026, 1, 1, 1, tzinfo=UTC)


def fill(db, code: str, upto: int = ENTRIES) -> None:  # type: ignore[no-untyped-def]
    """Entries after the last one up to `upto`, hashed and linked as audit.record does, inserted in bulk."""
    with transaction(db) as s:
        head = s.get(AuditHead, code)
        prev, seq = head.hash, head.seq
        rows = []
        for i in range(seq, upto):
            seq += 1
            row = SimpleNamespace(chain=code, seq=seq, at=START + timedelta(seconds=300 * i), actor="lan",
                                  action="article.created", subject=f"loa.article.{i}", commune=code, unit="vhxh",
                                  channel="radio", remote_id="", content_hash="", audio_hash="",
                                  details=json.dumps({"i": i}), prev_hash=prev)
            row.hash = prev = audit.entry_hash(row)
            rows.append(vars(row))
        s.execute(AuditEntry.__table__.insert(), rows)
        head.seq, head.hash = seq, prev


def sign_many(db, key: Ed25519PrivateKey, code: str, leaves: list[bytes], hashes: list[str]) -> int:  # type: ignore[no-untyped-def]
    """A checkpoint every CHECKPOINT_STEP entries, as a pass signing at its end leaves them; how many."""
    sizes = range(CHECKPOINT_STEP, len(leaves), CHECKPOINT_STEP)
    roots = merkle.prefix_roots(leaves, sizes)
    with transaction(db) as s:
        for n, size in enumerate(sizes):
            cp = checkpoints.sign(key, chain=code, size=size, root=roots[size].hex(), head=hashes[size - 1],
                                  at=START + timedelta(minutes=n))
            s.add(AuditCheckpoint(chain=code, size=size, root=cp.root, head=cp.head, at=cp.at, key_id=cp.key_id,
                                  signature=cp.signature, text=cp.line()))
    return len(sizes)


def main() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/loa.db")
        migrate.upgrade(engine)
        db = session_factory(engine)
        plan = load_plan(PLAN)
        with transaction(db) as s:
            plans.apply_plan(s, plan=plan, plan_yaml=PLAN.read_text(encoding="utf-8"), now=START, actor="admin")
        fill(db, plan.commune.code)
        key = Ed25519PrivateKey.generate()
        t0 = time.perf_counter()
        with transaction(db) as s:
            cp = checkpoints.write(s, key=key, chain=plan.commune.code, now=START + timedelta(days=365))
        sign_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        with db() as s:
            walk = check_chain(s, plan.commune.code)
        walk_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        leaves = walk.leaves()
        proof = merkle.consistency_proof(leaves, ENTRIES // 3)
        assert merkle.verify_consistency(ENTRIES // 3, ENTRIES, merkle.root(leaves[:ENTRIES // 3]), merkle.root(leaves),
                                         proof)
        merkle_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        with db() as s:
            report = audit_report.full_check(s, code=plan.commune.code, given=[], public=key.public_key())
        verify_s = time.perf_counter() - t0
        many = sign_many(db, key, plan.commune.code, leaves, walk.hashes)
        t0 = time.perf_counter()
        with db() as s:
            busy = audit_report.full_check(s, code=plan.commune.code, given=[], public=key.public_key())
        busy_s = time.perf_counter() - t0
        fill(db, plan.commune.code, ENTRIES + PASS_ENTRIES)  # a pass wrote a few entries: it signs them at its end
        t0 = time.perf_counter()
        with transaction(db) as s:
            sealed = checkpoints.write(s, key=key, chain=plan.commune.code, now=START + timedelta(days=366),
                                       from_last=True)
        seal_s = time.perf_counter() - t0
        engine.dispose()
    assert cp is not None and walk.ok and report.ok, report.all_problems()
    assert busy.ok and busy.proven[plan.commune.code] == many + 1, busy.all_problems()
    assert sealed is not None and sealed.size == ENTRIES + PASS_ENTRIES
    print(f"{ENTRIES:,} entries: checkpoint signed in {sign_s:.2f} s, full verify {verify_s:.2f} s; of which "
          f"the chain walk alone {walk_s:.2f} s, a Merkle consistency proof made and checked {merkle_s:.2f} s "
          f"({merkle_s / walk_s:.0%} of the walk)")
    print(f"with {many + 1:,} stored checkpoints (one per pass that wrote entries), full verify {busy_s:.2f} s "
          f"({busy_s / verify_s:.2f}x the verify with one)")
    print(f"a pass's closing checkpoint after {PASS_ENTRIES} more entries: {seal_s:.2f} s ({seal_s / sign_s:.2f}x "
          "signing with the whole chain walked)")
    met = sign_s < TARGET_S and verify_s < TARGET_S and busy_s < TARGET_S
    print(f"target: both under {TARGET_S:.0f} s: {'met' if met else 'MISSED'}")
    return met


if __name__ == "__main__":
    main()
