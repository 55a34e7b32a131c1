"""The publish pass's steps, each a plain function of one commune with its retry policy declared once.

The same steps run two ways: wrapped as Prefect tasks by the flows (flows/publish.py), or in this
process by app.pipeline.runner with the same retries when no Prefect API is configured. No Prefect here, and
the heavy modules (the audio stack, the social adapters) load only when a step actually runs.

`limits` names the Prefect global concurrency limits a step holds while it runs (one slot each),
so that however many workers run, no more than N of them talk to one platform at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.runtime import Runtime

SOCIAL = ("facebook", "zalo", "youtube", "tiktok", "reels", "shorts")


@dataclass(frozen=True)
class Step:
    name: str
    fn: Callable[..., Any]
    retries: int = 2
    delays: tuple[float, ...] = (2.0, 10.0)  # seconds before each retry (the last repeats)
    limits: tuple[str, ...] = field(default=())

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number `attempt` (1-based)."""
        return self.delays[min(attempt, len(self.delays)) - 1] if self.delays else 0.0


def limit_name(channel: str) -> str:
    """The Prefect global concurrency limit of a channel: `loa-facebook`, `loa-radio`, …"""
    return f"loa-{channel}"


def _render(rt: Runtime, code: str, version_id: int) -> Any:
    from app.production.produce import produce_audio

    return produce_audio(rt, version_id, code)


def _posts(rt: Runtime, code: str) -> list[Any]:
    from app.social.posts import dispatch_due_posts

    return [o for o in dispatch_due_posts(rt, code) if o.result != "taken"]


def _web(rt: Runtime, code: str) -> int:
    """Publish the due web items, then rewrite the feeds if they miss any (also when this is a retry after
    the items were recorded but the feeds could not be written)."""
    from app.portal.language_feeds import build_language_feeds
    from app.portal.publish import build_feeds, feeds_stale, publish_due_web

    count = publish_due_web(rt, code, feeds=False)
    if count or feeds_stale(rt, code):
        build_feeds(rt, code)
    build_language_feeds(rt, code)  # approved readings in the plan's other languages
    return count


def _feeds(rt: Runtime, code: str) -> list[str]:
    from app.portal.language_feeds import build_language_feeds
    from app.portal.publish import build_feeds

    return [str(p) for p in [*build_feeds(rt, code).values(), *build_language_feeds(rt, code).values()]]


def _radio(rt: Runtime, code: str) -> list[str]:
    from app.radio.passes import radio_pass

    return radio_pass(rt, code)


def _checkpoint(rt: Runtime, chain: str) -> list[str]:
    """The daily signed checkpoint of a commune's chain ("" the installation's); the lines written."""
    from app.audit.service import sign_if_due

    return [cp.line() for cp in sign_if_due(rt, [chain])]


def _seal(rt: Runtime, chain: str) -> list[str]:
    """The end of a pass: the chain's entries written since its last checkpoint signed now; the lines written."""
    from app.audit.service import seal

    return [cp.line() for cp in seal(rt, chain)]


def _sweep(rt: Runtime, codes: list[str]) -> int:
    from app.pipeline.housekeeping import sweep_temps

    return len(sweep_temps(rt.settings, codes))


def _mail(rt: Runtime, codes: list[str]) -> int:
    """E-mail what waits for people (app.people.notifications): a commune that fails is tried again next pass."""
    from app.people.notifications import send_due

    return sum(send_due(rt, code) for code in codes)


RENDER = Step("render-audio", _render, limits=(limit_name("render"),))
POSTS = Step("send-posts", _posts, limits=tuple(limit_name(c) for c in SOCIAL))
WEB = Step("publish-web", _web, limits=(limit_name("web"),))
FEEDS = Step("build-feeds", _feeds)
RADIO = Step("radio-slots", _radio, limits=(limit_name("radio"),))
SWEEP = Step("sweep-temps", _sweep, retries=0)
CHECKPOINT = Step("sign-checkpoint", _checkpoint, retries=1)
SEAL = Step("seal-audit-log", _seal, retries=1)
MAIL = Step("send-mail", _mail, retries=1)

LIMITS = (*(limit_name(c) for c in ("render", *SOCIAL, "web", "radio")),)
"""Every global concurrency limit the flows use (README: `prefect gcl create NAME --limit N`)."""
