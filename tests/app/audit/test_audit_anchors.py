"""Issue 18, item 9: a rewrite is caught by plain `loa audit verify`, without the auditor's copy. Every
signed checkpoint is also appended to a journal beside the key; verify reads it (and the feeds' lines),
names a journal missing, cut or edited, checkpoints held on one side only, a key file replaced, and a key
other than the one the plan pins. What stays possible to whoever holds the database AND the key folder
is shown last: only a copy kept elsewhere (the auditor's, with the public key) tells."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.app.audit.audit_world import CODE, Log, article, guards_off, log_fixture, rehash  # noqa: F401
from tests.app.test_alerts_and_reports import webhook  # noqa: F401 (fixture)
from tests.conftest import PLAN

KEY = Path("keys") / "audit-ed25519.pem"
JOURNAL = Path("keys") / "audit-ed25519.checkpoints"


def _rewrite(log: Log) -> None:
    """The database writer's forgery: an actor changed, every hash recomputed, the stored checkpoints gone."""
    guards_off(log.engine)
    with log.engine.begin() as conn:
        assert conn.execute(text(f"UPDATE audit_entry SET actor = 'mallory' WHERE chain = '{CODE}' AND seq = 3")
                            ).rowcount == 1
        conn.execute(text("DELETE FROM audit_checkpoint"))
    rehash(log.engine, CODE)


def test_every_signed_checkpoint_is_appended_to_the_journal_beside_the_key(log: Log) -> None:
    journal = log.home / JOURNAL
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    lines = journal.read_text(encoding="ascii").splitlines()
    assert lines[0].startswith("# loa checkpoint journal v1, started ") and lines[1:] == [log.checkpoint.read_text(
        encoding="utf-8").strip()]
    article(log.cli, "Sau điểm kiểm tra")
    signed = log.cli("audit", "checkpoint")
    assert journal.read_text(encoding="ascii").splitlines()[1:] == [*lines[1:], signed.out.strip()]
    plain = log.verify()
    assert plain.code == 0 and "signed checkpoints proven: 0 given, 2 stored, 2 in the journal" in plain.out
    assert "note: no audit key is pinned" in plain.err


def test_a_rewrite_with_the_stored_checkpoints_deleted_is_caught_without_the_auditors_copy(log: Log) -> None:
    _rewrite(log)
    plain = log.verify()
    assert plain.code == 1
    assert ("phu-khuong: entries 1-12 no longer hash to the Merkle root of the checkpoint of 2026-03-20 03:00 UTC "
            "(12 entries)") in plain.err
    assert "in the checkpoint journal is no longer in the database: stored checkpoints were deleted" in plain.err


def _cut(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-40])


def _drop_last(path: Path) -> None:
    path.write_text("".join(path.read_text(encoding="ascii").splitlines(keepends=True)[:-1]), encoding="ascii")


def _edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="ascii").replace(" 12 ", " 11 "), encoding="ascii")


def _behead(path: Path) -> None:
    path.write_text("".join(path.read_text(encoding="ascii").splitlines(keepends=True)[1:]), encoding="ascii")


def _link(path: Path) -> None:
    kept = path.with_name("elsewhere")
    path.rename(kept)
    path.symlink_to(kept)


@pytest.mark.parametrize("log", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("damage", "said"), [
    (Path.unlink, "checkpoints is missing but the database holds 1 signed checkpoint(s): it was deleted; restore it"),
    (_cut, "checkpoints ends inside a line: it was cut (truncated)"),
    (_drop_last, "misses the checkpoint of 2026-03-20 03:00 UTC (12 entries) that the database holds: the journal "
                 "was cut or replaced"),
    (_edit, "journal: phu-khuong: the checkpoint of 2026-03-20 03:00 UTC (11 entries) does not match its signature"),
    (_behead, "checkpoints does not begin with its header: it was cut at the front or replaced"),
    (_link, "checkpoints is not a regular file: it was replaced"),
])
def test_a_journal_missing_cut_or_edited_is_named_in_one_line(log: Log, damage: Callable[[Path], None],
                                                              said: str) -> None:
    damage(log.home / JOURNAL)
    broken = log.verify()
    assert broken.code == 1 and said in broken.err
    assert all(line.startswith("loa: audit log BROKEN: ") for line in broken.err.strip().splitlines())


@pytest.mark.parametrize("log", ["sqlite"], indirect=True)
def test_a_key_file_deleted_is_named_when_the_journal_holds_what_it_signed(log: Log) -> None:
    (log.home / KEY).unlink()
    broken = log.verify()
    assert broken.code == 1 and "audit-ed25519.pem is missing but the checkpoint journal holds 1 checkpoint(s) it " \
                                "signed: restore the key file or give --public-key" in broken.err
    assert log.cli("audit", "verify", "--public-key", log.cli("audit", "key").out.strip()).code == 1  # a new key now


def test_a_replaced_key_that_signs_anew_is_caught_by_the_journal(log: Log) -> None:
    old = log.cli("audit", "key", "--fingerprint").out.strip()
    _rewrite(log)
    (log.home / KEY).unlink()  # the attacker's own key, and a fresh checkpoint of the forged log
    assert log.cli("audit", "checkpoint").code == 0
    assert log.cli("audit", "key", "--fingerprint").out.strip() != old
    broken = log.verify()
    assert broken.code == 1
    assert "journal: phu-khuong: the checkpoint of 2026-03-20 03:00 UTC (12 entries) was signed by key" in broken.err


def _pin(log: Log, fingerprint: str) -> None:
    pinned = log.home.parent / "pinned.yaml"
    pinned.write_text(PLAN.read_text(encoding="utf-8") + f"audit: {{key_fingerprint: '{fingerprint}'}}\n",
                      encoding="utf-8")
    loaded = log.cli("init", "--plan", str(pinned))
    assert loaded.code == 0, loaded.err


def test_a_key_other_than_the_plans_pin_is_refused_even_with_a_new_journal(log: Log) -> None:
    _pin(log, log.cli("audit", "key", "--fingerprint").out.strip())
    assert log.cli("audit", "checkpoint").code == 0
    pinned = log.verify()
    assert pinned.code == 0, pinned.err
    assert "no audit key is pinned" not in pinned.err
    _rewrite(log)
    (log.home / KEY).unlink()  # the key folder emptied: a new key, a new journal, a fresh checkpoint
    (log.home / JOURNAL).unlink()
    assert log.cli("audit", "checkpoint").code == 0
    broken = log.verify()
    assert broken.code == 1
    assert "phu-khuong: the audit key " in broken.err and ") is not the key the plan pins (sha256:" in broken.err

    with log.engine.begin() as conn:  # … and the pin in the stored plan changed to the new key
        plan_yaml = conn.execute(text(f"SELECT plan_yaml FROM commune WHERE code = '{CODE}'")).scalar()
        new = log.cli("audit", "key", "--fingerprint").out.strip()
        conn.execute(text(f"UPDATE commune SET plan_yaml = :y WHERE code = '{CODE}'"),
                     {"y": plan_yaml.rsplit("audit:", 1)[0] + f"audit: {{key_fingerprint: '{new}'}}\n"})
    edited = log.verify()
    assert edited.code == 1
    assert "phu-khuong: the stored plan is not the one entry " in edited.err
    assert "(plan.loaded) recorded: it was changed outside Loa" in edited.err


@pytest.mark.parametrize("log", ["sqlite"], indirect=True)
def test_a_bad_fingerprint_in_the_plan_is_refused_in_one_line(log: Log) -> None:
    pinned = log.home.parent / "bad.yaml"
    pinned.write_text(PLAN.read_text(encoding="utf-8") + "audit: {key_fingerprint: 'ed25519:abc'}\n", encoding="utf-8")
    refused = log.cli("init", "--plan", str(pinned))
    assert refused.code == 1 and len(refused.err.strip().splitlines()) == 1
    assert "is not a key fingerprint: paste the sha256:… line `loa audit key --fingerprint` printed" in refused.err


@pytest.mark.parametrize("log", ["sqlite"], indirect=True)
def test_what_the_holder_of_database_and_key_folder_can_still_do(log: Log) -> None:
    """README, "How an auditor verifies the log": with the database and the key folder, a forger who rewrites,
    deletes every checkpoint and journal, and signs anew with the same key passes plain verify; only a copy
    kept elsewhere (the checkpoint the auditor saved, the feed a reader archived) tells."""
    _rewrite(log)
    (log.home / JOURNAL).unlink()
    for feed in (log.home / "feeds").rglob("*.xml"):
        feed.unlink()
    assert log.cli("audit", "checkpoint").code == 0  # the journal started anew: alerted, not caught
    assert log.verify().code == 0
    kept = log.verify(log.checkpoint)
    assert kept.code == 1 and "no longer hash to the Merkle root of the checkpoint of 2026-03-20" in kept.err


@pytest.mark.parametrize("log", ["sqlite"], indirect=True)
def test_a_journal_that_cannot_be_written_signs_nothing(log: Log, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with log.engine.connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM audit_checkpoint")).scalar()
    article(log.cli, "Sau điểm kiểm tra")
    monkeypatch.setenv("LOA_AUDIT_JOURNAL", str(tmp_path / "gone" / "journal"))
    refused = log.cli("audit", "checkpoint")
    assert refused.code == 1 and len(refused.err.strip().splitlines()) == 1
    assert "cannot create the checkpoint journal" in refused.err and "set LOA_AUDIT_JOURNAL" in refused.err
    published = log.cli("publish")  # the pass's closing signature fails the same way: exit 1, alerted
    assert published.code == 1 and "seal-audit-log" in published.out + published.err
    with log.engine.connect() as conn:  # nothing half-written: no checkpoint the journal does not hold
        assert conn.execute(text("SELECT count(*) FROM audit_checkpoint")).scalar() == stored
    (tmp_path / "gone").mkdir()
    moved = log.cli("audit", "checkpoint")  # a journal elsewhere: started with what the database holds
    assert moved.code == 0, moved.err
    lines = (tmp_path / "gone" / "journal").read_text(encoding="ascii").splitlines()
    assert "with 1 checkpoint(s) from the database" in lines[0] and len(lines) == 3


@pytest.mark.parametrize("log", ["sqlite"], indirect=True)
def test_a_journal_started_anew_is_alerted_and_noted(log: Log, monkeypatch: pytest.MonkeyPatch,
                                                     webhook: tuple[str, list[dict]]) -> None:  # noqa: F811
    url, received = webhook
    monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
    (log.home / JOURNAL).unlink()
    article(log.cli, "Sau điểm kiểm tra")
    assert log.cli("audit", "checkpoint").code == 0
    [alert] = [a for body in received for a in body["alerts"] if a["kind"] == "audit.journal_started"]
    assert "was missing: started anew with the 1 checkpoint(s) the database holds" in alert["message"]
    noted = log.verify()
    assert noted.code == 0 and "2 in the journal" in noted.out
    assert "note: the checkpoint journal " in noted.err and "with 1 checkpoint(s) from the database" in noted.err


@pytest.mark.parametrize("log", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_a_checkpoint_whose_transaction_fails_after_it_was_journalled_is_withdrawn(log: Log) -> None:
    """PostgreSQL refuses the commit itself (a deferred constraint trigger): the line already in the journal
    is marked withdrawn, so verify does not take it for a checkpoint deleted from the database."""
    from sqlalchemy.exc import DBAPIError

    from app.audit.service import checkpoint
    from cli.common import runtime

    with log.engine.begin() as conn:
        conn.execute(text("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                          "$$ BEGIN RAISE EXCEPTION 'the disk is full'; END $$"))
        conn.execute(text("CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON audit_checkpoint "
                          "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse()"))
    article(log.cli, "Sau điểm kiểm tra")
    with pytest.raises(DBAPIError, match="the disk is full"):
        checkpoint(runtime(), CODE, installation=False)
    lines = (log.home / JOURNAL).read_text(encoding="ascii").splitlines()
    assert lines[-1] == "# not stored in the database: " + lines[-2]
    with log.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER refuse_at_commit ON audit_checkpoint"))
    kept = log.verify()
    assert kept.code == 0, kept.err
    assert "0 given, 1 stored, 2 in the journal" in kept.out  # still a true signed statement of the chain


@pytest.mark.parametrize("log", ["sqlite"], indirect=True)
def test_the_feeds_checkpoint_line_is_proven_too(log: Log) -> None:
    assert log.cli("feeds", "build").code == 0
    feed = log.home / "feeds" / CODE / "cchc.xml"
    kept = log.verify()
    assert kept.code == 0 and "1 in the journal, 1 in the feeds" in kept.out
    line = log.checkpoint.read_text(encoding="utf-8").strip()
    forged = line.replace(f" {CODE} 12 ", f" {CODE} 11 ")
    feed.write_text(feed.read_text(encoding="utf-8").replace(line, forged), encoding="utf-8")
    broken = log.verify()
    assert broken.code == 1
    assert "feeds: phu-khuong: the checkpoint of 2026-03-20 03:00 UTC (11 entries) does not match its signature" \
        in broken.err
