"""topic suggested: an article's topic suggested from its text until a person confirms it

Revision ID: 0008
Revises: 0004 (assigned 0008 after 0007; chained after the newest revision on main when merged)
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.add_column(sa.Column("topic_suggested", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.drop_column("topic_suggested")
