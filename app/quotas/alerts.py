"""Daily at-risk quota alerts of one commune: to the log, and as JSON to LOA_ALERT_WEBHOOK when it is set.
(No Prefect: the `loa-quota-alerts` flow in flows/alerts.py and `loa serve` call these.)"""

from __future__ import annotations

import logging
from typing import Any

import requests

from app.quotas.service import quota_rows
from app.runtime import Runtime
from schedules.periods import month_of

log = logging.getLogger(__name__)


def at_risk_alerts(rt: Runtime, code: str | None = None) -> list[dict[str, Any]]:
    """The quotas of commune `code` behind pace this month, each naming the unit and how many items are missing."""
    now = rt.settings.clock()
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        rows = quota_rows(session.connection(), commune, plan, month_of(now, plan.tz), now)
        names = {u.code: u.name for u in plan.units}
    alerts = []
    for row in rows:
        if not row.at_risk:
            continue
        unit = "toàn xã/phường" if row.unit == "*" else names.get(row.unit, row.unit)
        missing = row.quota - row.published
        alerts.append({
            "commune": commune.code, "unit": row.unit, "channel": row.channel, "period": row.period,
            "quota": row.quota, "published": row.published, "missing": missing, "days_left": row.days_left,
            "message": f"{unit}: còn thiếu {missing} tin/bài {row.channel} kỳ {row.period} "
                       f"({row.published}/{row.quota}, còn {row.days_left} ngày)",
        })
    return alerts


def send_alerts(rt: Runtime, alerts: list[dict[str, Any]]) -> None:
    for alert in alerts:
        log.warning("quota at risk: %s", alert["message"])
    url = rt.settings.alert_webhook
    if url and alerts:
        response = requests.post(url, json={"alerts": alerts}, timeout=(3.05, rt.settings.http_timeout_s))
        response.raise_for_status()
