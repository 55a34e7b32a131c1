"""An article's versions in other languages (bản tiếng dân tộc): a person's translation of a Vietnamese version,
its reader's recording (no speech engine reads these languages) and its own four-eyes review."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.article import Article, ArticleVersion
from storage.models.base import Base, UTCDateTime
from storage.models.plan import Person


class ArticleTranslation(Base):
    """One version of an article in one language; the newest number per language is the current one."""

    __tablename__ = "article_translation"
    __table_args__ = (UniqueConstraint("article_id", "language", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id"), index=True)
    language: Mapped[str] = mapped_column(String(16))  # ISO 639-3 (schedules.languages)
    number: Mapped[int]
    source_version_id: Mapped[int] = mapped_column(ForeignKey("article_version.id"))  # the text translated
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    translator_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft|submitted|approved|rejected
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the reading (mastered like any clip, relative to LOA_HOME) and who read it
    audio_path: Mapped[str | None] = mapped_column(String(500))
    audio_sha256: Mapped[str | None] = mapped_column(String(64))
    audio_bytes: Mapped[int | None]
    duration_s: Mapped[float | None] = mapped_column(Float)
    lufs: Mapped[float | None] = mapped_column(Float)
    reader_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    article: Mapped[Article] = relationship()
    source_version: Mapped[ArticleVersion] = relationship()
    translator: Mapped[Person] = relationship(foreign_keys=[translator_id])
    approved_by: Mapped[Person | None] = relationship(foreign_keys=[approved_by_id])
    reader: Mapped[Person | None] = relationship(foreign_keys=[reader_id])
