"""Glue between storage's counting and schedules' quota arithmetic (no Prefect here)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from schedules.periods import Period
from schedules.plan import Plan
from schedules.quotas import QuotaRow, evaluate
from storage.counting import published_counts
from storage.models import Commune


def quota_rows(session: Session, commune: Commune, plan: Plan, period: Period, now: datetime | None = None) -> list[QuotaRow]:
    def count(window: Period) -> dict[tuple[str, str], int]:
        start, end = window.utc_bounds(plan.tz)
        return published_counts(session, commune_id=commune.id, start=start, end=end)

    return evaluate(plan, period, count, now)
