"""voice of a clip: which voice id and speed read it, beside the engine

Revision ID: 0015
Revises: 0011

One voice reads a whole clip; when the chosen voice failed, the fallback's engine, voice and speed are
what the leader hears, so they are recorded with the clip (the desk's "Nghe thử" names them). The
characters each paid voice was sent are counted in LOA_HOME/usage/tts (no table: `loa speak` counts too).
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audio_clip", sa.Column("voice", sa.String(length=64), nullable=True))
    op.add_column("audio_clip", sa.Column("speed", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audio_clip") as batch:
        batch.drop_column("speed")
        batch.drop_column("voice")
