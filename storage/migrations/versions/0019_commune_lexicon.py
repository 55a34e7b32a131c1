"""commune lexicon: a commune's own readings of abbreviations, beside the packaged lexicon

Revision ID: 0019
Revises: 0018
"""
import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "commune_reading",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), sa.ForeignKey("commune.id", name="fk_commune_reading_commune_id_commune"),
                  nullable=False),
        sa.Column("abbreviation", sa.String(length=16), nullable=False),
        sa.Column("reading", sa.String(length=200), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("added_at", storage.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_commune_reading"),
        sa.UniqueConstraint("commune_id", "abbreviation", name="uq_commune_reading_commune_id_abbreviation"),
    )
    op.create_index("ix_commune_reading_commune_id", "commune_reading", ["commune_id"])


def downgrade() -> None:
    op.drop_index("ix_commune_reading_commune_id", table_name="commune_reading")
    op.drop_table("commune_reading")
