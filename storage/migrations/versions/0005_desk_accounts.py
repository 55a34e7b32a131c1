"""desk accounts: password hashes, sessions, login failures, one-time links, calendar feed tokens

Revision ID: 0005
Revises: 0003

Every secret is stored as a hash: argon2 for passwords, SHA-256 for session ids, password links and
calendar feed tokens.
"""
import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC = storage.models.base.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "desk_credential",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("set_at", UTC(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_desk_credential_person_id_person")),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_desk_credential")),
    )
    op.create_table(
        "desk_session",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC(), nullable=False),
        sa.Column("last_seen_at", UTC(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_desk_session_person_id_person")),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_desk_session")),
    )
    op.create_index(op.f("ix_desk_session_person_id"), "desk_session", ["person_id"], unique=False)
    op.create_table(
        "desk_login_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("at", UTC(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_login_failure")),
    )
    op.create_index(op.f("ix_desk_login_failure_key"), "desk_login_failure", ["key"], unique=False)
    op.create_table(
        "desk_password_link",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC(), nullable=False),
        sa.Column("expires_at", UTC(), nullable=False),
        sa.Column("used_at", UTC(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_desk_password_link_person_id_person")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_desk_password_link")),
    )
    op.create_index(op.f("ix_desk_password_link_person_id"), "desk_password_link", ["person_id"], unique=False)
    op.create_table(
        "calendar_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("revoked_at", UTC(), nullable=True),
        sa.ForeignKeyConstraint(["commune_id"], ["commune.id"], name=op.f("fk_calendar_feed_commune_id_commune")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feed")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feed_token_hash")),
    )
    op.create_index(op.f("ix_calendar_feed_commune_id"), "calendar_feed", ["commune_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_calendar_feed_commune_id"), table_name="calendar_feed")
    op.drop_table("calendar_feed")
    op.drop_index(op.f("ix_desk_password_link_person_id"), table_name="desk_password_link")
    op.drop_table("desk_password_link")
    op.drop_index(op.f("ix_desk_login_failure_key"), table_name="desk_login_failure")
    op.drop_table("desk_login_failure")
    op.drop_index(op.f("ix_desk_session_person_id"), table_name="desk_session")
    op.drop_table("desk_session")
    op.drop_table("desk_credential")
