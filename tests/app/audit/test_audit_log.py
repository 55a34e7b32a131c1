"""`loa audit verify` against each forgery of issue 9, on SQLite and PostgreSQL, given the last signed
checkpoint the auditor kept: numbers below 1 (the triggers still on), the newest entries cut with the
head moved back, the whole log wiped, an actor rewritten with every hash recomputed, rollup rows added so
every quota reads "met". A good log passes; the private key is never in the database, exports or output."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import text

from storage import audit
from storage.models import AuditEntry, Base
from tests.app.audit.audit_world import CODE, Log, article, chain_size, guards_off, log_fixture, rehash  # noqa: F401


def test_a_good_log_passes_with_every_kind_of_saved_checkpoint(log: Log) -> None:
    plain = log.verify()
    assert plain.code == 0 and "audit chain intact" in plain.out
    assert "signed checkpoints proven: 0 given, 1 stored" in plain.out
    assert "loa-checkpoint v1 phu-khuong" in log.export.read_text(encoding="utf-8")
    narrowed = log.cli("audit", "export", "--unit", "vhxh", "--format", "jsonl")  # a slice is not what was signed
    assert narrowed.code == 0 and '"vhxh"' in narrowed.out and "loa-checkpoint" not in narrowed.out
    article(log.cli, "Sau điểm kiểm tra")  # the log grows after the checkpoint: still an extension of it
    assert log.cli("feeds", "build").code == 0
    feed = log.home / "feeds" / "phu-khuong" / "cchc.xml"
    description = feedparser.parse(feed.read_bytes()).feed.description
    assert "loa-checkpoint v1 phu-khuong" in description
    both = log.verify(log.checkpoint, log.export, feed)
    assert both.code == 0, both.err
    assert "report rollup matches the log" in both.out and "signed checkpoints proven: 1 given, 1 stored" in both.out


def test_rows_numbered_below_one_are_caught_with_the_triggers_on(log: Log) -> None:
    with log.engine.begin() as conn:  # the append-only triggers stay on: they let INSERT through
        if conn.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_entry DROP CONSTRAINT ck_audit_entry_seq_positive"))
        else:
            conn.execute(text("PRAGMA ignore_check_constraints = ON"))
        for seq in (0, -3):
            row = AuditEntry(chain=CODE, seq=seq, at=audit.datetime.fromisoformat("2026-03-10T01:00:00+00:00"),
                             actor="mallory", action="publication.published", subject="loa.publication.99",
                             commune=CODE, unit="vhxh", channel="radio", remote_id="", content_hash="",
                             audio_hash="", details='{"article": 1}', prev_hash=audit.GENESIS)
            row.hash = audit.entry_hash(row)
            conn.execute(AuditEntry.__table__.insert().values(
                {c.name: getattr(row, c.name) for c in AuditEntry.__table__.columns}))
    broken = log.verify(log.checkpoint)
    assert broken.code == 1
    assert "phu-khuong: entry -3 has a sequence number below 1" in broken.err


def test_the_newest_entries_cut_with_the_head_moved_back_are_caught(log: Log) -> None:
    guards_off(log.engine)
    size = chain_size(log.engine)
    with log.engine.begin() as conn:
        conn.execute(text(f"DELETE FROM audit_entry WHERE chain = '{CODE}' AND seq > :keep"), {"keep": size - 2})
        last = conn.execute(text(f"SELECT hash FROM audit_entry WHERE chain = '{CODE}' AND seq = :s"),
                            {"s": size - 2}).scalar()
        conn.execute(text(f"UPDATE audit_head SET seq = :s, hash = :h WHERE chain = '{CODE}'"),
                     {"s": size - 2, "h": last})
        conn.execute(text("DELETE FROM audit_checkpoint"))
    cut = (f"phu-khuong: the log has {size - 2} entries but the checkpoint of 2026-03-20 03:00 UTC ({size} entries) "
           f"signed {size}: entries were deleted (from entry {size - 1} on) and the head moved back")
    plain = log.verify()  # consistent in the database alone: the journal beside the key tells
    assert plain.code == 1 and cut in plain.err
    assert (f"phu-khuong: the checkpoint of 2026-03-20 03:00 UTC ({size} entries) in the checkpoint journal is no "
            "longer in the database: stored checkpoints were deleted outside Loa") in plain.err
    broken = log.verify(log.checkpoint)
    assert broken.code == 1 and cut in broken.err


def test_a_wiped_log_is_caught(log: Log) -> None:
    size = chain_size(log.engine)
    guards_off(log.engine)
    with log.engine.begin() as conn:
        for table in ("audit_entry", "audit_head", "audit_checkpoint"):
            conn.execute(text(f"DELETE FROM {table}"))
    alone = log.verify()
    assert alone.code == 1 and "not even the plan.loaded that created it: its log was wiped" in alone.err
    broken = log.verify(log.checkpoint)
    assert broken.code == 1
    assert f"the log has 0 entries but the checkpoint of 2026-03-20 03:00 UTC ({size} entries) signed {size}: " \
           "entries were deleted (the whole log)" in broken.err


def test_an_actor_rewritten_with_every_hash_recomputed_is_caught(log: Log) -> None:
    guards_off(log.engine)
    with log.engine.begin() as conn:
        assert conn.execute(text(f"UPDATE audit_entry SET actor = 'mallory' WHERE chain = '{CODE}' AND seq = 3 "
                                 "AND actor = 'lan'")).rowcount == 1
        conn.execute(text("DELETE FROM audit_checkpoint"))
    rehash(log.engine, CODE)
    plain = log.verify()  # every link holds: the journal's signed checkpoint tells
    assert plain.code == 1 and "no longer hash to the Merkle root of the checkpoint of 2026-03-20" in plain.err
    broken = log.verify(log.checkpoint)
    assert broken.code == 1 and "no longer hash to the Merkle root of the checkpoint of 2026-03-20" in broken.err
    named = log.verify(log.export)  # the export also holds the entries: the rewritten one is named
    assert named.code == 1
    assert "phu-khuong: entry 3 differs from the copy given: actor 'lan' is now 'mallory'" in named.err


def test_rollup_rows_that_make_every_quota_met_are_caught(log: Log) -> None:
    for i in range(12):
        article(log.cli, f"Bài {i}", approve=False)
    with log.engine.begin() as conn:  # published_mask has no trigger: a few rows make every quota "met"
        commune = conn.execute(text(f"SELECT id FROM commune WHERE code = '{CODE}'")).scalar()
        units = conn.execute(text("SELECT id FROM unit WHERE commune_id = :c"), {"c": commune}).scalars().all()
        articles = conn.execute(text("SELECT id FROM article ORDER BY id")).scalars().all()
        conn.execute(text("DELETE FROM published_mask"))
        conn.execute(text("INSERT INTO published_mask (commune_id, year, unit_id, channel, article_id, mask) "
                          "VALUES (:c, 2026, :u, :ch, :a, 4095)"),
                     [{"c": commune, "u": u, "ch": ch, "a": a} for u in units for ch in ("radio", "web")
                      for a in articles[:12]])
    quota = json.loads(log.cli("quota", "status", "--month", "2026-03", "--format", "json").out)
    assert quota and all(row["met"] for row in quota)  # the forgery works on the report …
    broken = log.verify(log.checkpoint)  # … and verify names it
    assert broken.code == 1
    assert "phu-khuong: the report rollup counts article 1 (doan-tn, radio) in 2026-01, 2026-02, 2026-03" in broken.err
    assert "published_mask was changed outside Loa" in broken.err
    assert "and " in broken.err and "more differences" in broken.err


@pytest.mark.parametrize("log", ["sqlite"], indirect=True)
def test_a_checkpoint_signed_by_another_key_is_refused(log: Log, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOA_AUDIT_KEY_FILE", str(tmp_path / "other.pem"))
    other = log.cli("audit", "key")
    assert other.code == 0 and other.out.startswith("ed25519:")
    forged = tmp_path / "forged.txt"
    forged.write_text(log.cli("audit", "checkpoint").out, encoding="utf-8")
    monkeypatch.delenv("LOA_AUDIT_KEY_FILE")
    refused = log.verify(forged)
    assert refused.code == 1 and "was signed by key" in refused.err and "give the public key" in refused.err
    tampered = tmp_path / "tampered.txt"
    line = log.checkpoint.read_text(encoding="utf-8").strip().split(" ")
    line[3] = str(int(line[3]) - 1)  # the size
    tampered.write_text(" ".join(line), encoding="utf-8")
    assert "does not match its signature" in log.verify(tampered).err
    with_key = log.cli("audit", "verify", "--checkpoint", str(log.checkpoint), "--public-key", other.out.strip())
    assert with_key.code == 1 and "was signed by key" in with_key.err


@pytest.mark.parametrize("log", ["sqlite"], indirect=True)
def test_bad_checkpoint_files_get_one_line(log: Log, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing here\n", encoding="utf-8")
    for path, reason in [(tmp_path / "missing.txt", "no such file"), (tmp_path, "is a folder"),
                         (empty, "holds no `loa-checkpoint v1` line")]:
        result = log.verify(path)
        assert result.code == 1 and reason in result.err and len(result.err.strip().splitlines()) == 1
    bad_key = log.cli("audit", "verify", "--public-key", "ed25519:abc")
    assert bad_key.code == 1 and "is not a public key" in bad_key.err


def _secret_forms(home: Path) -> list[bytes]:
    from base64 import b64encode

    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, load_pem_private_key

    pem = (home / "keys" / "audit-ed25519.pem").read_bytes()
    raw = load_pem_private_key(pem, password=None).private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    body = b"".join(pem.splitlines()[1:-1])
    return [raw, raw.hex().encode(), b64encode(raw), body[16:60]]


@pytest.mark.parametrize("log", ["sqlite"], indirect=True)
def test_the_private_key_stays_in_its_file(log: Log, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = log.home / "keys"
    assert stat.S_IMODE(keys.stat().st_mode) == 0o700
    assert stat.S_IMODE((keys / "audit-ed25519.pem").stat().st_mode) == 0o600
    outputs = [log.cli("audit", "key"), log.cli("audit", "checkpoint"), log.verify(log.checkpoint),
               log.cli("audit", "export", "--format", "csv"), log.cli("audit", "export", "--format", "jsonl"),
               log.cli("feeds", "build")]
    seen = b"".join((r.out + r.err).encode() for r in outputs)
    seen += b"".join(p.read_bytes() for p in (log.home / "feeds").rglob("*") if p.is_file())
    with log.engine.connect() as conn:  # every row of every table, as text
        for table in Base.metadata.sorted_tables:
            seen += "".join(str(tuple(row)) for row in conn.execute(table.select())).encode()
    if log.engine.dialect.name == "sqlite":
        seen += b"".join(p.read_bytes() for p in log.home.glob("loa.db*"))
    for form in _secret_forms(log.home):
        assert form not in seen
    public = log.cli("audit", "key").out.strip()
    assert public.startswith("ed25519:") and public.encode() not in b"".join(_secret_forms(log.home))

    (keys / "audit-ed25519.pem").chmod(0o644)
    refused = log.cli("audit", "checkpoint")
    assert refused.code == 1 and "can be read by others (mode 644): run `chmod 600" in refused.err
    assert "PRIVATE KEY" not in refused.err


@pytest.mark.parametrize("log", ["sqlite"], indirect=True)
def test_the_key_file_setting_is_created_private(log: Log, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "vault" / "loa-audit.pem"
    monkeypatch.setenv("LOA_AUDIT_KEY_FILE", str(path))
    old = os.umask(0)
    try:
        assert log.cli("audit", "key").code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    path.unlink()
    path.symlink_to("/dev/zero")
    refused = log.cli("audit", "key")
    assert refused.code == 1 and "is not a regular file" in refused.err


@pytest.mark.parametrize("log", ["sqlite"], indirect=True)
def test_the_nightly_function_signs_now_and_the_pass_once_a_day(log: Log, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.audit.service import checkpoint, checkpoint_if_due
    from cli.common import runtime
    from storage.errors import StorageError

    article(log.cli, "Sau điểm kiểm tra")
    monkeypatch.setenv("LOA_NOW", "2026-03-20T23:30:00+07:00")
    signed = checkpoint(runtime(), CODE)
    assert [cp.chain for cp in signed] == [CODE] and signed[0].size == chain_size(log.engine)
    pasted = log.cli("audit", "verify", "--checkpoint", signed[0].line(), "--checkpoint", str(log.checkpoint))
    assert pasted.code == 0 and "signed checkpoints proven: 2 given, 2 stored" in pasted.out, pasted.err
    assert checkpoint_if_due(runtime(), CODE) == []  # signed less than a day ago
    monkeypatch.setenv("LOA_NOW", "2026-03-21T23:31:00+07:00")
    assert [cp.chain for cp in checkpoint_if_due(runtime(), CODE)] == [CODE]

    guards_off(log.engine)
    with log.engine.begin() as conn:
        conn.execute(text(f"UPDATE audit_entry SET actor = 'mallory' WHERE chain = '{CODE}' AND seq = 2"))
        stored = conn.execute(text("SELECT count(*) FROM audit_checkpoint")).scalar()
    monkeypatch.setenv("LOA_NOW", "2026-03-23T23:30:00+07:00")
    with pytest.raises(StorageError, match="not signing a broken log: phu-khuong: entry 2 .* was changed"):
        checkpoint(runtime(), CODE)
    assert checkpoint_if_due(runtime(), CODE) == []  # the pass alerts and goes on
    refused = log.cli("audit", "checkpoint")
    assert refused.code == 1 and len(refused.err.strip().splitlines()) == 1
    assert "not signing a broken log" in refused.err
    with log.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_checkpoint")).scalar() == stored


def test_time_going_backwards_is_named_by_plain_verify(log: Log, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOA_NOW", "2026-03-01T08:00:00+07:00")  # the clock set back: Loa stamps no earlier
    article(log.cli, "Đồng hồ lùi")
    assert log.verify().code == 0
    exported = [json.loads(line) for line in log.cli("audit", "export", "--format", "jsonl").out.splitlines()]
    late = [row for row in exported if row["action"] == "article.created"][-1]
    assert late["at"] == "2026-03-20T03:00:00+00:00" and late["details"]["clock"] == "2026-03-01T01:00:00+00:00"

    guards_off(log.engine)
    size = chain_size(log.engine)
    with log.engine.begin() as conn:  # an approval backdated, every hash recomputed, the stored checkpoints gone
        conn.execute(text(f"UPDATE audit_entry SET at = '2026-03-01 00:00:00' WHERE chain = '{CODE}' AND seq = :s"),
                     {"s": size})
        conn.execute(text("DELETE FROM audit_checkpoint"))
    rehash(log.engine, CODE)
    broken = log.verify()
    assert broken.code == 1
    assert (f"phu-khuong: entry {size} (article.approved by ngan) is stamped 2026-03-01 00:00:00 UTC, before entry "
            f"{size - 1} it follows") in broken.err
