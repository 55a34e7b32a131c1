"""A commune's own readings of abbreviations the packaged lexicon does not know (app/lexicon.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class CommuneReading(Base):
    """"KQWZ" read "khu quy hoạch" in this commune: who added it and when (the audit log has it too)."""

    __tablename__ = "commune_reading"
    __table_args__ = (UniqueConstraint("commune_id", "abbreviation"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"), index=True)
    abbreviation: Mapped[str] = mapped_column(String(16))
    reading: Mapped[str] = mapped_column(String(200))
    added_by: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
