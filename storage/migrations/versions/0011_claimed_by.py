"""claimed by: which process holds a publication being sent, or a radio occurrence being built

Revision ID: 0011
Revises: 0010

Host, pid and start time of the process (media.owner), beside claimed_at. When that process has died
(killed, or its machine restarted) a pass on the same host takes the claim over at once instead of
waiting for the claim to go stale; a post it may have sent is looked up before it is sent again.
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLES = ("publication", "radio_occurrence")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("claimed_by", sa.String(length=120), nullable=True))  # no rebuild


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("claimed_by")
