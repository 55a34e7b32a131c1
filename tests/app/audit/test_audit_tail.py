"""Issue 18, item 10 (the tail): rows written after the last checkpoint could be cut unnoticed, since a pass
signed once a day. Every pass now ends by signing each chain with entries since its last checkpoint, so
cutting the tail a pass (or a command before it) wrote is caught by plain `loa audit verify`."""

from __future__ import annotations

from sqlalchemy import text

from tests.app.audit.audit_world import CODE, Log, article, chain_size, guards_off, log_fixture  # noqa: F401


def _signed(log: Log) -> int:
    with log.engine.connect() as conn:
        return conn.execute(text(f"SELECT max(size) FROM audit_checkpoint WHERE chain = '{CODE}'")).scalar() or 0


def test_a_pass_signs_the_tail_and_cutting_it_is_caught(log: Log) -> None:
    before = _signed(log)
    article(log.cli, "Sau điểm kiểm tra", approve=False)  # entries written between passes, the same day
    published = log.cli("publish")
    assert published.code == 0, published.err
    size = chain_size(log.engine)
    assert size > before + 1 and _signed(log) == size
    assert "audit log: 1 checkpoint(s) signed, covering every entry so far" in published.out
    again = log.cli("publish")  # nothing new: nothing signed
    assert again.code == 0 and "checkpoint(s) signed" not in again.out and _signed(log) == size

    guards_off(log.engine)
    with log.engine.begin() as conn:  # the tail cut, the head moved back, the stored checkpoints gone
        conn.execute(text(f"DELETE FROM audit_entry WHERE chain = '{CODE}' AND seq > :keep"), {"keep": size - 2})
        last = conn.execute(text(f"SELECT hash FROM audit_entry WHERE chain = '{CODE}' AND seq = :s"),
                            {"s": size - 2}).scalar()
        conn.execute(text(f"UPDATE audit_head SET seq = :s, hash = :h WHERE chain = '{CODE}'"),
                     {"s": size - 2, "h": last})
        conn.execute(text("DELETE FROM audit_checkpoint"))
    broken = log.verify()
    assert broken.code == 1
    assert (f"phu-khuong: the log has {size - 2} entries but the checkpoint of 2026-03-20 03:00 UTC ({size} entries) "
            f"signed {size}: entries were deleted (from entry {size - 1} on)") in broken.err
