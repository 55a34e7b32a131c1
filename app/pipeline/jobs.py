"""The scheduled work of prefect.yaml as plain functions over a list of communes: what `loa serve` (and
the desk, on embedded defaults) runs in process, and what the Prefect flows of the same deployments
wrap. Each commune on its own: one failing is alerted (commune and job) and the others go on.

`IN_PROCESS` maps each deployment's entrypoint in prefect.yaml to its function here, so the
scheduler runs exactly the schedules prefect.yaml declares (a test checks every one has a job).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.pipeline.failures import alert_step_failed
from app.runtime import Runtime


@dataclass
class JobResult:
    lines: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _each(rt: Runtime, codes: list[str], job: str, work: Callable[[str], list[str]]) -> JobResult:
    result = JobResult()
    for code in codes:
        try:
            result.lines += [f"{code}: {line}" for line in work(code)]
        except Exception as exc:
            result.failed.append(f"{code}: " + alert_step_failed(rt.settings, step=job, commune=code, error=exc))
    return result


def publish(rt: Runtime, codes: list[str]) -> JobResult:
    from app.pipeline.dispatch import dispatcher_pass
    from app.pipeline.steps import in_process
    from app.pipeline.summary import describe_pass

    summary = dispatcher_pass(rt, in_process, codes)
    return JobResult(describe_pass(summary).splitlines(), summary.failed)


def quota_alerts(rt: Runtime, codes: list[str]) -> JobResult:
    from app.quotas.alerts import at_risk_alerts, send_alerts

    def work(code: str) -> list[str]:
        alerts = at_risk_alerts(rt, code)
        send_alerts(rt, alerts)
        return [f"{len(alerts)} quota(s) at risk"]

    return _each(rt, codes, "quota-alerts", work)


def quota_report(rt: Runtime, codes: list[str], period: str | None = None, kind: str = "month") -> JobResult:
    from app.quotas.reports import write_reports

    return _each(rt, codes, f"quota-report-{kind}",
                 lambda code: [str(p) for p in write_reports(rt, period, kind, code)])


def audit_verify(rt: Runtime, codes: list[str]) -> JobResult:
    """Every chain, the stored checkpoints and the report rollup, as `loa audit verify` checks them (the result
    is recorded for the desk); then, when all holds, each commune's chain head is signed: the daily checkpoint."""
    from app.audit import service as audit_service
    from app.notify import alert

    report = audit_service.verify_log(rt, code=None, files=[])
    if not report.ok:
        problems = report.all_problems()
        for chain, found in report.problems.items():
            if found:
                more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
                alert(rt.settings, kind="audit.broken", commune=chain or "*",
                      message=f"audit chain BROKEN: {found[0]}{more}")
        lines = [f"audit chain BROKEN: {p}" for p in problems]
        return JobResult(lines, lines)
    entries = sum(check.entries for check in report.checks.values())
    result = _each(rt, codes, "audit-checkpoint",  # the installation's own chain signed once, with the first
                   lambda code: [cp.line() for cp in audit_service.checkpoint(rt, code, installation=code == codes[0])])
    result.lines.insert(0, f"audit chain intact: {entries} entries in {len(report.checks)} chain(s)")
    return result


IN_PROCESS: dict[str, Callable[..., JobResult]] = {
    "flows/publish.py:publish_pass": publish,
    "flows/alerts.py:quota_alerts": quota_alerts,
    "flows/reports_flow.py:quota_report": quota_report,
    "flows/audit_flow.py:audit_verify": audit_verify,
}


class JobFailed(Exception):
    """Raised by a flow whose job alerted its own failures: the run ends Failed without a second alert."""


def finish(result: JobResult, alerted: str) -> list[str]:
    if result.failed:
        raise JobFailed(f"{alerted} " + "; ".join(result.failed)[:1500])
    return result.lines
