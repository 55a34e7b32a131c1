"""Operational alerts (radio under-fill, missed programs, outlets that gave up, emergencies): to the
log, and as JSON to LOA_ALERT_WEBHOOK when it is set. Sending an alert never stops a pass: a webhook
that fails is itself logged. No Prefect here; no secret goes into an alert.
"""

from __future__ import annotations

import logging
from typing import Any

import requests

from app.settings import Settings

log = logging.getLogger("loa.alerts")


def alert(settings: Settings, *, kind: str, message: str, commune: str, **fields: Any) -> dict[str, Any]:
    """Log `message` and post {"alerts": [{kind, commune, message, …fields}]} to the webhook."""
    payload = {"kind": kind, "commune": commune, "message": message, **fields}
    log.warning("%s: %s", kind, message)
    url = settings.alert_webhook
    if url:
        try:
            response = requests.post(url, json={"alerts": [payload]}, timeout=(3.05, settings.http_timeout_s))
            response.raise_for_status()
        except requests.RequestException as exc:
            log.error("the alert webhook did not take the %s alert (%s)", kind, type(exc).__name__)
    return payload
