"""Articles (tin/bài) and their versions: what was approved and published is tied to a content hash."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, UTCDateTime
from storage.models.plan import Person, Topic, Unit


def content_hash(title: str, body: str, language: str) -> str:
    return hashlib.sha256(f"{language}\x1f{title}\x1f{body}".encode()).hexdigest()


class Article(Base):
    __tablename__ = "article"
    # the desk's lists walk a commune's articles newest first and stop at the end of the page
    __table_args__ = (Index("ix_article_listed", "commune_id", "updated_at", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"))
    # the topic was suggested from the text (schedules.topics), not chosen: shown as such until a person confirms it
    topic_suggested: Mapped[bool] = mapped_column(default=False, server_default=false())
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    language: Mapped[str] = mapped_column(String(16), default="vi")
    channels: Mapped[str] = mapped_column(String(200))  # comma-separated channel names
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source: Mapped[str | None] = mapped_column(String(500))  # imported file name
    evergreen: Mapped[bool] = mapped_column(default=False, server_default=false())  # reusable radio fill
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    unit: Mapped[Unit] = relationship()
    author: Mapped[Person] = relationship()
    topic: Mapped[Topic | None] = relationship()
    versions: Mapped[list[ArticleVersion]] = relationship(
        back_populates="article", order_by="ArticleVersion.number"
    )

    @property
    def current(self) -> ArticleVersion:
        return self.versions[-1]

    @property
    def channel_list(self) -> list[str]:
        return [c for c in self.channels.split(",") if c]


class ArticleVersion(Base):
    __tablename__ = "article_version"
    __table_args__ = (UniqueConstraint("article_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the leader's rejection of this version: shown to the author, and to the leader at resubmission
    rejected_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    rejected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reject_reason: Mapped[str | None] = mapped_column(Text)

    article: Mapped[Article] = relationship(back_populates="versions")
    approved_by: Mapped[Person | None] = relationship(foreign_keys=[approved_by_id])
    rejected_by: Mapped[Person | None] = relationship(foreign_keys=[rejected_by_id])
