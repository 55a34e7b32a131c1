"""The `loa-quota-alerts` flow: daily at-risk quota alerts for every commune (app.quotas.alerts)."""

from __future__ import annotations

from prefect import flow

from app.pipeline import jobs
from app.pipeline.failures import ALERTED, prefect_hook
from app.runtime import Runtime
from app.settings import Settings


@flow(name="loa-quota-alerts", on_failure=[prefect_hook], on_crashed=[prefect_hook])
def quota_alerts() -> list[str]:
    """Daily: quotas at risk of being missed this month, early enough to act."""
    rt = Runtime(Settings())
    with rt.tx() as session:
        codes = rt.commune_codes(session)
    return jobs.finish(jobs.quota_alerts(rt, codes), ALERTED)
