"""Prefect events for Loa's state changes, sent from the transactional outbox (pending_event).

State changes write their event in the same transaction; this module emits them. With a Prefect API
configured (PREFECT_API_URL) the CLI emits right after an approval so deployments react at once;
otherwise the next flow run (`loa publish`) emits them on Prefect's ephemeral API.
"""

from __future__ import annotations

import json
import logging
import os

from sqlalchemy import select

from app.pipeline.steps import Step
from app.runtime import Runtime
from storage.models import PendingEvent

log = logging.getLogger(__name__)


def push_pending(rt: Runtime, *, force: bool = False, batch: int = 500) -> int:
    """Emit all waiting events, oldest first; returns how many. Without an API and without `force`,
    leaves them queued. Each batch is marked emitted in its own transaction."""
    api = os.environ.get("PREFECT_API_URL")
    if not force and not api:
        return 0
    if api and not _reachable(api):
        raise ConnectionError(f"the Prefect API at {api} does not answer")
    from prefect.events import emit_event

    sent = 0
    while True:
        with rt.tx() as session:
            pending = session.scalars(
                select(PendingEvent).where(PendingEvent.emitted_at.is_(None)).order_by(PendingEvent.id).limit(batch)
            ).all()
            for item in pending:
                emit_event(
                    event=item.event,
                    resource={"prefect.resource.id": item.resource_id},
                    payload=json.loads(item.payload),
                    occurred=item.occurred_at,
                )
                item.emitted_at = rt.settings.clock()
            sent += len(pending)
        if len(pending) < batch:
            break
    if sent and not force:  # a short-lived command: sent before it returns, quietly, not at interpreter exit
        from prefect.events.worker import EventsWorker

        logging.getLogger("EventsWorker").setLevel(logging.ERROR)
        EventsWorker.drain_all(timeout=15, at_exit=False)
        log.info("emitted %d Loa event(s) to Prefect", sent)
    return sent


EMIT = Step("emit-events", lambda rt: push_pending(rt, force=True), retries=3, delays=(2.0, 10.0, 30.0))
"""The step the Prefect flows add to each pass (app.pipeline.dispatch's `emit`); the embedded mode has none."""


def _reachable(api: str) -> bool:
    """A quick health check, so an unreachable server leaves the events queued instead of losing them."""
    import requests

    try:
        return requests.get(f"{api.rstrip('/')}/health", timeout=(2, 3)).ok
    except requests.RequestException:
        return False
