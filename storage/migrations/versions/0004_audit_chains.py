"""audit log: one chain per commune, sequence numbers checked, signed checkpoints, verifications

Revision ID: 0004
Revises: 0009 (written as 0004 after 0003; chained after the newest revision on main when merged)

`audit_entry` gains `chain` (the commune's code; "" for the installation chain) with the primary key
(chain, seq) and a CHECK that seq >= 1; `audit_head` has one row per chain. Entries already written
stay valid where they are: the one chain they formed becomes the start of the installation chain
(its hashes unchanged), closed by an `audit.chains_split` entry naming its last entry, so verify knows
which entries of that chain may name a commune. New: `audit_checkpoint` (signed tree heads,
append-only like the log) and `audit_verification` (when each chain was verified, and the result).
"""
import hashlib
import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import storage.models.base
from storage.errors import StorageError

revision = "0004"
down_revision = "0009"
branch_labels = None
depends_on = None

_COLUMNS = ("seq", "at", "actor", "action", "subject", "commune", "unit", "channel", "remote_id", "content_hash",
            "audio_hash", "details", "prev_hash", "hash")
_APPEND_ONLY = """
CREATE FUNCTION loa_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$
"""


def upgrade() -> None:
    bind = op.get_bind()
    below = bind.execute(sa.text("SELECT count(*) FROM audit_entry WHERE seq < 1")).scalar()
    if below:
        raise StorageError(f"audit_entry holds {below} rows numbered below 1: the log was tampered with; "
                           "run `loa audit verify` with the previous Loa and restore the log from a backup")
    if bind.dialect.name == "sqlite":
        _sqlite_tables()
    else:
        _postgresql_tables()
    _close_single_chain()
    _new_tables()
    if bind.dialect.name == "sqlite":
        for table, verbs in (("audit_entry", ("UPDATE", "DELETE")), ("audit_checkpoint", ("UPDATE", "DELETE"))):
            for verb in verbs:
                op.execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                           f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {verb} refused'); END")
    else:
        op.execute(_APPEND_ONLY)
        op.execute("CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint "
                   "FOR EACH ROW EXECUTE FUNCTION loa_append_only()")
        op.execute("CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint "
                   "FOR EACH STATEMENT EXECUTE FUNCTION loa_append_only()")


def _entry_columns() -> list[sa.Column]:
    return [
        sa.Column("chain", sa.String(length=64), server_default="", nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", storage.models.base.UTCDateTime(), nullable=False),
        *(sa.Column(name, sa.String(length=size), nullable=False) for name, size in (
            ("actor", 64), ("action", 64), ("subject", 64), ("commune", 64), ("unit", 64), ("channel", 16),
            ("remote_id", 200), ("content_hash", 64), ("audio_hash", 64))),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("chain", "seq", name=op.f("pk_audit_entry")),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_audit_entry_seq_positive")),
    ]


def _sqlite_tables() -> None:
    """SQLite cannot change a primary key in place: copy into new tables (the old triggers go with the old)."""
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    op.create_table("audit_entry_new", *_entry_columns())
    names = ", ".join(_COLUMNS)
    op.execute(f"INSERT INTO audit_entry_new (chain, {names}) SELECT '', {names} FROM audit_entry")
    op.drop_table("audit_entry")
    op.rename_table("audit_entry_new", "audit_entry")
    for column in ("action", "channel", "unit"):
        op.create_index(f"ix_audit_entry_{column}", "audit_entry", [column])
    op.create_table("audit_head_new", sa.Column("chain", sa.String(length=64), nullable=False),
                    sa.Column("seq", sa.Integer(), nullable=False), sa.Column("hash", sa.String(length=64), nullable=False),
                    sa.PrimaryKeyConstraint("chain", name=op.f("pk_audit_head")))
    op.execute("INSERT INTO audit_head_new (chain, seq, hash) SELECT '', seq, hash FROM audit_head WHERE id = 1")
    op.drop_table("audit_head")
    op.rename_table("audit_head_new", "audit_head")


def _postgresql_tables() -> None:
    op.execute("ALTER TABLE audit_entry ADD COLUMN chain VARCHAR(64) DEFAULT '' NOT NULL")
    op.execute("ALTER TABLE audit_entry DROP CONSTRAINT pk_audit_entry")
    op.execute("ALTER TABLE audit_entry ADD CONSTRAINT pk_audit_entry PRIMARY KEY (chain, seq)")
    op.execute("ALTER TABLE audit_entry ADD CONSTRAINT ck_audit_entry_seq_positive CHECK (seq >= 1)")
    op.execute("ALTER TABLE audit_head ADD COLUMN chain VARCHAR(64) DEFAULT '' NOT NULL")
    op.execute("DELETE FROM audit_head WHERE id <> 1")
    op.execute("ALTER TABLE audit_head DROP CONSTRAINT pk_audit_head")
    op.execute("ALTER TABLE audit_head DROP COLUMN id")
    op.execute("ALTER TABLE audit_head ADD CONSTRAINT pk_audit_head PRIMARY KEY (chain)")
    op.execute("ALTER TABLE audit_head ALTER COLUMN chain DROP DEFAULT")


def _close_single_chain() -> None:
    """Append `audit.chains_split` to the old chain, hashed as its entries were (no chain field)."""
    bind = op.get_bind()
    head = bind.execute(sa.text("SELECT seq, hash FROM audit_head WHERE chain = ''")).one_or_none()
    if head is None or head.seq == 0:
        return
    values = {"seq": head.seq + 1, "at": datetime.now(UTC), "actor": "loa", "action": "audit.chains_split",
              "subject": "loa.audit.chains", "commune": "", "unit": "", "channel": "", "remote_id": "",
              "content_hash": "", "audio_hash": "", "details": json.dumps({"legacy_until": head.seq}, sort_keys=True),
              "prev_hash": head.hash}
    hashed = dict(values, at=values["at"].isoformat(timespec="microseconds"))
    values["hash"] = hashlib.sha256(json.dumps(hashed, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    table = sa.table("audit_entry", sa.column("chain"), sa.column("at", storage.models.base.UTCDateTime()),
                     *(sa.column(c) for c in _COLUMNS if c != "at"))
    op.bulk_insert(table, [dict(values, chain="")])
    bind.execute(sa.text("UPDATE audit_head SET seq = :seq, hash = :hash WHERE chain = ''"),
                 {"seq": values["seq"], "hash": values["hash"]})


def _new_tables() -> None:
    op.create_table(
        "audit_checkpoint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chain", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("root", sa.String(length=64), nullable=False),
        sa.Column("head", sa.String(length=64), nullable=False),
        sa.Column("at", storage.models.base.UTCDateTime(), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checkpoint")),
    )
    op.create_index("ix_audit_checkpoint_chain", "audit_checkpoint", ["chain", "at"])
    op.create_table(
        "audit_verification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chain", sa.String(length=64), nullable=False),
        sa.Column("at", storage.models.base.UTCDateTime(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("checkpoints", sa.Integer(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_verification")),
    )
    op.create_index("ix_audit_verification_chain", "audit_verification", ["chain", "at"])


def downgrade() -> None:
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT count(*) FROM audit_entry WHERE chain <> ''")).scalar():
        raise StorageError("per-commune chains hold entries: they cannot be merged back into one chain")
    if bind.dialect.name == "sqlite":
        for table in ("audit_entry", "audit_checkpoint"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_checkpoint_no_truncate ON audit_checkpoint")
        op.execute("DROP TRIGGER IF EXISTS audit_checkpoint_append_only ON audit_checkpoint")
        op.execute("DROP FUNCTION IF EXISTS loa_append_only()")
    op.drop_index("ix_audit_verification_chain", table_name="audit_verification")
    op.drop_table("audit_verification")
    op.drop_index("ix_audit_checkpoint_chain", table_name="audit_checkpoint")
    op.drop_table("audit_checkpoint")
    with op.batch_alter_table("audit_head", recreate="always") as batch:
        batch.add_column(sa.Column("id", sa.Integer(), nullable=False, server_default="1"))
        batch.drop_constraint("pk_audit_head", type_="primary")
        batch.create_primary_key("pk_audit_head", ["id"])
        batch.drop_column("chain")
    with op.batch_alter_table("audit_entry", recreate="always") as batch:
        batch.drop_constraint("ck_audit_entry_seq_positive", type_="check")
        batch.drop_constraint("pk_audit_entry", type_="primary")
        batch.create_primary_key("pk_audit_entry", ["seq"])
        batch.drop_column("chain")
    if bind.dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_entry_no_{verb.lower()} BEFORE {verb} ON audit_entry "
                       f"BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only: {verb} refused'); END")
