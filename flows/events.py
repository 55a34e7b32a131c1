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

from flows.runtime import Runtime
from storage.models import PendingEvent

log = logging.getLogger(__name__)


def push_pending(rt: Runtime, *, force: bool = False, limit: int = 500) -> int:
    """Emit waiting events; returns how many. Without an API and without `force`, leaves them queued."""
    if not force and not os.environ.get("PREFECT_API_URL"):
        return 0
    from prefect.events import emit_event

    sent = 0
    with rt.tx() as session:
        pending = session.scalars(
            select(PendingEvent).where(PendingEvent.emitted_at.is_(None)).order_by(PendingEvent.id).limit(limit)
        ).all()
        for item in pending:
            emit_event(
                event=item.event,
                resource={"prefect.resource.id": item.resource_id},
                payload=json.loads(item.payload),
                occurred=item.occurred_at,
            )
            item.emitted_at = rt.settings.clock()
            sent += 1
    if sent:
        log.info("emitted %d Loa event(s) to Prefect", sent)
    return sent
