"""social channels: retry time, first send, remote handle and broadcast on publication; channel tokens

Revision ID: 0007
Revises: 0006

`publication` gains what reliable posting needs: `retry_at` (a platform's Retry-After), `sent_at` (when
the first create request went out, where a lookup starts), `remote_handle` (a Zalo article token or a
YouTube upload session, kept so an unknown outcome is resolved by asking about it) and the Zalo
broadcast state. `channel_token` keeps each commune's encrypted OAuth refresh and access tokens.
"""
import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("publication", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retry_at", storage.models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("sent_at", storage.models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("remote_handle", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("broadcast", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("broadcast_id", sa.String(length=200), nullable=True))
    op.create_table(
        "channel_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("refresh_token", sa.Text(), nullable=False),
        sa.Column("refresh_expires_at", storage.models.base.UTCDateTime(), nullable=True),
        sa.Column("access_token", sa.Text(), nullable=True),
        sa.Column("access_expires_at", storage.models.base.UTCDateTime(), nullable=True),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("refreshed_at", storage.models.base.UTCDateTime(), nullable=True),
        sa.Column("alerted_at", storage.models.base.UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("updated_at", storage.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["commune_id"], ["commune.id"], name=op.f("fk_channel_token_commune_id_commune")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_token")),
        sa.UniqueConstraint("commune_id", "channel", name=op.f("uq_channel_token_commune_id_channel")),
    )


def downgrade() -> None:
    op.drop_table("channel_token")
    with op.batch_alter_table("publication", schema=None) as batch_op:
        for column in ("broadcast_id", "broadcast", "remote_handle", "sent_at", "retry_at"):
            batch_op.drop_column(column)
