"""Zalo OA broadcasts: each published article sent once to the followers, within the plan's monthly quota."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from app.runtime import Runtime
from app.social.outlets import Outbox, Outlet
from media.errors import OutletError
from media.social import OutcomeUnknown, RetryableOutletError, ZaloAdapter
from media.social.zalo import build_broadcast
from schedules.periods import month_of
from storage import broadcasts
from storage.models import Publication

if TYPE_CHECKING:
    from app.social.posts import Context, Outcome

log = logging.getLogger(__name__)


def send_broadcasts(rt: Runtime, ctx: Context, outlet: Outlet) -> list[Outcome]:
    from app.social.posts import Outcome

    now = rt.settings.clock()
    start, end = month_of(now, ctx.tz).local_bounds(ctx.tz)
    outcomes = []
    with rt.tx() as session:
        wanted = [(p.id, p.remote_id) for p in broadcasts.due(session, commune_id=ctx.commune_id)]
        used = broadcasts.sent_between(session, commune_id=ctx.commune_id, start=start, end=end)
    for pub_id, article_id in wanted:
        with rt.tx() as session:
            if not broadcasts.claim(session, publication_id=pub_id, now=now):
                continue
            pub = session.get(Publication, pub_id)
            assert pub is not None
            if used >= ctx.social.zalo_broadcasts_per_month:
                broadcasts.finish(session, publication=pub, state="skipped", now=now,
                                  note=f"monthly broadcast quota of {ctx.social.zalo_broadcasts_per_month} reached")
                outcomes.append(Outcome(pub_id, "zalo", "broadcast-skipped", detail="monthly quota reached"))
                continue
        state, message_id, note = _send(rt, outlet, pub_id, article_id or "")
        used += state in broadcasts.SENT_STATES
        result = "retry" if state == "due" else state
        with rt.tx() as session:
            pub = session.get(Publication, pub_id)
            assert pub is not None
            broadcasts.finish(session, publication=pub, state=state, now=rt.settings.clock(), message_id=message_id,
                              note=note)
        outcomes.append(Outcome(pub_id, "zalo", f"broadcast-{result}", message_id, note))
    return outcomes


def _send(rt: Runtime, outlet: Outlet, pub_id: int, article_id: str) -> tuple[str, str | None, str]:
    try:
        if isinstance(outlet, Outbox):
            req = build_broadcast(article_id, api_url=rt.settings.zalo_api_url)
            keyed = type(req)(channel=req.channel, method=req.method, url=req.url, json=req.json,
                              key=f"pub-{pub_id}-broadcast")
            return "sent", outlet.send(keyed), ""
        assert isinstance(outlet, ZaloAdapter)
        return "sent", outlet.broadcast(article_id), ""
    except OutcomeUnknown as exc:
        log.warning("publication %s: the Zalo broadcast may or may not have gone out (%s); not sent again", pub_id, exc)
        return "unknown", None, str(exc)
    except RetryableOutletError as exc:
        log.warning("publication %s: Zalo broadcast not sent (%s); tried again next pass", pub_id, exc)
        return "due", None, str(exc)
    except OutletError as exc:
        log.error("publication %s: Zalo broadcast refused (%s)", pub_id, exc)
        return "failed", None, str(exc)
