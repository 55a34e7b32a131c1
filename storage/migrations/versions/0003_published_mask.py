"""published_mask rollup for reports; append-only audit_entry on SQLite too

Revision ID: 0003
Revises: 0002

Reports count from `published_mask` (per article, channel and local year: the months published, as
bits), kept by the application with every publication that becomes published; this migration fills it
from the publications already there. The covering index of 0002 on publication is no longer read.
On SQLite, triggers refuse UPDATE and DELETE on audit_entry (PostgreSQL has had them since 0002).
"""
from collections import defaultdict
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "published_mask",
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("mask", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], name=op.f("fk_published_mask_article_id_article")),
        sa.ForeignKeyConstraint(["commune_id"], ["commune.id"], name=op.f("fk_published_mask_commune_id_commune")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_published_mask_unit_id_unit")),
        sa.PrimaryKeyConstraint("commune_id", "year", "unit_id", "channel", "article_id",
                                name=op.f("pk_published_mask")),
    )
    op.create_index("ix_published_mask_tally", "published_mask",
                    ["commune_id", "year", "unit_id", "channel", "mask"], unique=False)
    with op.batch_alter_table("publication", schema=None) as batch_op:
        batch_op.drop_index("ix_publication_tally")
    _backfill()
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_entry_no_{verb.lower()} BEFORE {verb} ON audit_entry "
                       f"BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only: {verb} refused'); END")


def _backfill() -> None:
    bind = op.get_bind()
    zones = {cid: ZoneInfo(tz) for cid, tz in bind.execute(sa.text("SELECT id, timezone FROM commune"))}
    masks: dict[tuple, int] = defaultdict(int)
    query = sa.text("SELECT commune_id, unit_id, channel, article_id, published_at FROM publication "
                    "WHERE status = 'published'").columns(published_at=storage.models.base.UTCDateTime())
    for commune_id, unit_id, channel, article_id, published_at in bind.execute(query):
        local = published_at.astimezone(zones[commune_id])
        masks[(commune_id, local.year, unit_id, channel, article_id)] |= 1 << (local.month - 1)
    if masks:
        table = sa.table("published_mask", *(sa.column(c) for c in
                                             ("commune_id", "year", "unit_id", "channel", "article_id", "mask")))
        op.bulk_insert(table, [dict(zip(("commune_id", "year", "unit_id", "channel", "article_id"), key,
                                        strict=True), mask=mask) for key, mask in masks.items()])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    with op.batch_alter_table("publication", schema=None) as batch_op:
        batch_op.create_index("ix_publication_tally",
                              ["commune_id", "status", "unit_id", "channel", "article_id", "published_at"])
    op.drop_index("ix_published_mask_tally", table_name="published_mask")
    op.drop_table("published_mask")
