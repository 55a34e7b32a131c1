"""The `loa-audit-verify` flow: every night, check the audit log's chain and alert when it is broken."""

from __future__ import annotations

from prefect import flow

from app.pipeline import jobs
from app.pipeline.failures import ALERTED, prefect_hook
from app.runtime import Runtime
from app.settings import Settings


@flow(name="loa-audit-verify", on_failure=[prefect_hook], on_crashed=[prefect_hook])
def audit_verify() -> list[str]:
    """Verify the chain; a broken chain is alerted (log and LOA_ALERT_WEBHOOK) and the run ends Failed."""
    rt = Runtime(Settings())
    with rt.tx() as session:
        codes = rt.commune_codes(session)
    return jobs.finish(jobs.audit_verify(rt, codes), ALERTED)
