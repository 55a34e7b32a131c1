"""radio as-run: occurrence claims, build/delivery/air times, pushed seconds, confirmation, alerts;
evergreen articles and the evergreen fill of each occurrence

Revision ID: 0006
Revises: 0005

An occurrence is claimed by one pass at a time (claimed_at) and its Icecast push by one process
(push_claimed_at), so two concurrent passes build one program and write one delivery entry.
"""
import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TIMES = ("claimed_at", "push_claimed_at", "built_at", "delivered_at", "aired_at")


def upgrade() -> None:
    with op.batch_alter_table("radio_occurrence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("items_digest", sa.String(length=64), nullable=True))
        for name in _TIMES:
            batch_op.add_column(sa.Column(name, storage.models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("pushed_s", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("confirmed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("as_run", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("alerts", sa.Text(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_radio_occurrence_confirmed_by_id_person"), "person",
                                    ["confirmed_by_id"], ["id"])
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column("evergreen", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "radio_fill",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.Column("article_version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_version_id"], ["article_version.id"],
                                name=op.f("fk_radio_fill_article_version_id_article_version")),
        sa.ForeignKeyConstraint(["occurrence_id"], ["radio_occurrence.id"],
                                name=op.f("fk_radio_fill_occurrence_id_radio_occurrence")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_radio_fill")),
        sa.UniqueConstraint("occurrence_id", "article_version_id",
                            name=op.f("uq_radio_fill_occurrence_id_article_version_id")),
    )
    with op.batch_alter_table("radio_fill", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_radio_fill_article_version_id"), ["article_version_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("radio_fill", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_radio_fill_article_version_id"))
    op.drop_table("radio_fill")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("evergreen")
    with op.batch_alter_table("radio_occurrence", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_radio_occurrence_confirmed_by_id_person"), type_="foreignkey")
        for name in ("alerts", "as_run", "confirmed_by_id", "pushed_s", *reversed(_TIMES), "items_digest"):
            batch_op.drop_column(name)
