"""languages: an article's versions in other languages, each with its translator, reader and review

Revision ID: 0018
Revises: 0015

A person's recording of the Vietnamese text needs no new column: it is the version's audio_clip with
engine "recording" and the reader in voice. A translation (bản tiếng dân tộc) has its own text, its own
recording and its own approval, tied to the Vietnamese version it translates.
"""
import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def _fk(column: str, table: str, *, nullable: bool) -> sa.Column:
    key = sa.ForeignKey(f"{table}.id", name=f"fk_article_translation_{column}_{table}")
    return sa.Column(column, sa.Integer(), key, nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "article_translation",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("article_id", "article", nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        _fk("source_version_id", "article_version", nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        _fk("translator_id", "person", nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        _fk("approved_by_id", "person", nullable=True),
        sa.Column("approved_at", storage.models.base.UTCDateTime(), nullable=True),
        sa.Column("audio_path", sa.String(length=500), nullable=True),
        sa.Column("audio_sha256", sa.String(length=64), nullable=True),
        sa.Column("audio_bytes", sa.Integer(), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("lufs", sa.Float(), nullable=True),
        _fk("reader_id", "person", nullable=True),
        sa.Column("created_at", storage.models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", storage.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_article_translation"),
        sa.UniqueConstraint("article_id", "language", "number",
                            name="uq_article_translation_article_id_language_number"),
    )
    op.create_index("ix_article_translation_article_id", "article_translation", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_article_translation_article_id", table_name="article_translation")
    op.drop_table("article_translation")
