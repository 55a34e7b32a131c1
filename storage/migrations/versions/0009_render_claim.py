"""render claims: one process renders an article version's clip at a time

Revision ID: 0009
Revises: 0007

A row while a process renders a version's clip (who: host, pid and start time; since when); taken over
when its holder died or its lease ran out, deleted with the transaction that stores the clip.
"""
import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "render_claim",
        sa.Column("article_version_id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=120), nullable=False),
        sa.Column("claimed_at", storage.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["article_version_id"], ["article_version.id"],
                                name=op.f("fk_render_claim_article_version_id_article_version")),
        sa.PrimaryKeyConstraint("article_version_id", name=op.f("pk_render_claim")),
    )


def downgrade() -> None:
    op.drop_table("render_claim")
