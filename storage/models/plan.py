"""A commune and what its plan names: units, people with roles, topics."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, UTCDateTime


class Commune(Base):
    __tablename__ = "commune"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(200), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Ho_Chi_Minh")
    plan_yaml: Mapped[str] = mapped_column(Text, default="")
    plan_hash: Mapped[str] = mapped_column(String(64), default="")
    # the plan's units, quotas and time zone as JSON (schedules.quota_view), written with the plan; "" if unknown
    quota_view: Mapped[str] = mapped_column(Text, default="", server_default="")
    plan_loaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    units: Mapped[list[Unit]] = relationship(back_populates="commune", order_by="Unit.code")


class Unit(Base):
    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("commune_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)

    commune: Mapped[Commune] = relationship(back_populates="units")


class Person(Base):
    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("commune_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    name: Mapped[str] = mapped_column(String(64))
    full_name: Mapped[str] = mapped_column(String(200))
    roles: Mapped[str] = mapped_column(String(200), default="")  # comma-separated: editor,approver,…
    active: Mapped[bool] = mapped_column(default=True)
    email: Mapped[str | None] = mapped_column(String(254))  # the plan's, for notifications
    zalo_id: Mapped[str | None] = mapped_column(String(32))  # the person as a follower of the commune's OA

    unit: Mapped[Unit] = relationship()

    def has_role(self, role: str) -> bool:
        return role in self.roles.split(",")


class Topic(Base):
    __tablename__ = "topic"
    __table_args__ = (UniqueConstraint("commune_id", "slug"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"), index=True)
    slug: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    source: Mapped[str | None] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)
