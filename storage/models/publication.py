"""Where an article version goes: one publication per channel, its audio clip, and radio slot occurrences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.article import Article, ArticleVersion
from storage.models.base import Base, UTCDateTime
from storage.models.plan import Person

# One automatic publication per version and channel; manual entries may repeat. Its PostgreSQL form
# (`WHERE manual = false`) is added by `postgresql_options()` when a PostgreSQL engine is made, so that
# a command on SQLite does not import PostgreSQL's dialect (~10% of a data verb's start-up).
AUTO_INDEX = Index("uq_publication_auto", "article_version_id", "channel", unique=True,
                   sqlite_where=text("manual = 0"))


def postgresql_options() -> None:
    AUTO_INDEX.dialect_options["postgresql"]["where"] = text("manual = false")


class Publication(Base):
    __tablename__ = "publication"
    __table_args__ = (
        AUTO_INDEX,
        Index("ix_publication_count", "commune_id", "status", "published_at", "channel", "unit_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"))
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id"), index=True)
    article_version_id: Mapped[int] = mapped_column(ForeignKey("article_version.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="planned")
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(120))  # the process sending it (media.owner)
    remote_id: Mapped[str | None] = mapped_column(String(200))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    manual: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    note: Mapped[str | None] = mapped_column(Text)
    occurrence_id: Mapped[int | None] = mapped_column(ForeignKey("radio_occurrence.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # social channels: not before this instant (a platform's Retry-After, a backoff after an unknown outcome)
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # when the first create request went out (where to start looking for the post after an unknown outcome)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # what the platform handed back before the final id: a Zalo article token, a YouTube upload session URI
    remote_handle: Mapped[str | None] = mapped_column(Text)
    # Zalo broadcast of the article to followers: None (not wanted) | due | sending | sent | skipped | failed | unknown
    broadcast: Mapped[str | None] = mapped_column(String(16))
    broadcast_id: Mapped[str | None] = mapped_column(String(200))

    article: Mapped[Article] = relationship()
    version: Mapped[ArticleVersion] = relationship()
    recorded_by: Mapped[Person | None] = relationship()


class AudioClip(Base):
    __tablename__ = "audio_clip"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_version_id: Mapped[int] = mapped_column(ForeignKey("article_version.id"), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(500))  # relative to LOA_HOME
    bytes: Mapped[int]
    duration_s: Mapped[float] = mapped_column(Float)
    lufs: Mapped[float | None] = mapped_column(Float)
    true_peak_db: Mapped[float | None] = mapped_column(Float)
    engine: Mapped[str] = mapped_column(String(32))
    voice: Mapped[str | None] = mapped_column(String(64))  # the engine's voice id (banmai, 4, …); None before 0015
    speed: Mapped[float | None] = mapped_column(Float)  # 1.0: the voice's normal pace
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    version: Mapped[ArticleVersion] = relationship()


class RadioOccurrence(Base):
    """One airing of a radio slot (or an emergency broadcast, slot `khan-cap`) and its as-run record."""

    __tablename__ = "radio_occurrence"
    __table_args__ = (UniqueConstraint("commune_id", "slot_slug", "starts_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"))
    slot_slug: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    minutes: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default="planned")
    program_path: Mapped[str | None] = mapped_column(String(500))
    program_sha256: Mapped[str | None] = mapped_column(String(64))
    manifest: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    items_digest: Mapped[str | None] = mapped_column(String(64))  # what the built program holds
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # one pass builds and delivers at a time
    claimed_by: Mapped[str | None] = mapped_column(String(120))  # which process (media.owner)
    push_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # one Icecast push
    built_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    aired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pushed_s: Mapped[float | None] = mapped_column(Float)  # seconds of program an Icecast push sent
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    as_run: Mapped[str | None] = mapped_column(Text)  # JSON: what each outlet took, who confirmed, why missed
    alerts: Mapped[str | None] = mapped_column(Text)  # JSON list of the alerts already sent for it

    confirmed_by: Mapped[Person | None] = relationship()


class RadioOutletResult(Base):
    """What one outlet did with one occurrence: ok | failed | queued | streaming (an Icecast push), why and when.
    An Icecast push is claimed here by its streamer process, which refreshes claimed_at and progress_s."""

    __tablename__ = "radio_outlet_result"
    __table_args__ = (UniqueConstraint("occurrence_id", "outlet"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(ForeignKey("radio_occurrence.id"))
    outlet: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime)  # when this result was recorded
    attempts: Mapped[int | None]
    detail: Mapped[str | None] = mapped_column(Text)  # JSON: the path, the vendor's id, seconds pushed
    claimed_by: Mapped[str | None] = mapped_column(String(120))  # the streamer process (media.owner)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    progress_s: Mapped[float | None] = mapped_column(Float)  # program seconds an Icecast push has sent
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a pass exited 1 for this failure


class RadioFill(Base):
    """An evergreen item (approved, marked reusable) that tops up an occurrence under its minimum."""

    __tablename__ = "radio_fill"
    __table_args__ = (UniqueConstraint("occurrence_id", "article_version_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(ForeignKey("radio_occurrence.id"))
    article_version_id: Mapped[int] = mapped_column(ForeignKey("article_version.id"), index=True)


class PublishedMask(Base):
    """Rollup kept with every publication: per article and channel, the local months of a year in which
    it was published, as bits (bit m-1 for month m). A report reads this instead of every publication."""

    __tablename__ = "published_mask"
    __table_args__ = (Index("ix_published_mask_tally", "commune_id", "year", "unit_id", "channel", "mask"),)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id"), primary_key=True)
    mask: Mapped[int]
