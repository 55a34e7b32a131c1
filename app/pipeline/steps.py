"""The publish pass's steps, declared once: each a plain function of one commune with its retry policy, and
COMMUNE_STEPS, the per-commune steps in the order a pass runs them, each with its due query (what it finds to
do, asked for every commune at once by app.pipeline.due) and the few rules that tie it to the others.

The same list runs two ways: app.pipeline.dispatch walks it and hands each step to a `Run`, either
`in_process` below (`loa publish`, `loa serve`, the desk: no Prefect API configured) or the Prefect tasks of
flows/publish.py, with the same retries. No Prefect here, and the heavy modules (the audio stack, the social
adapters) load only when a step actually runs.

From an approval to the clip and the post, a newcomer reads six files: cli/review.py → app/articles/editorial.py
(the approval plans the publications) → app/pipeline/steps.py (this list) → app/pipeline/dispatch.py (the pass
that walks it) → app/production/produce.py (render-audio) and app/social/posts.py (send-posts).

Adding a channel: its step module (the work, and its due query in its package's `due.py`), then one Step in
COMMUNE_STEPS: the overview asks its query, the pass runs it where work is due and the summary shows its result
under its name; tests/app/pipeline/test_due.py then asks for a world where its query makes a commune busy.

`limits` names the Prefect global concurrency limits a step holds while it runs (one slot each),
so that however many workers run, no more than N of them talk to one platform at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from app.audit import due as audit_due
from app.portal import due as portal_due
from app.production import due as production_due
from app.radio import due as radio_due
from app.runtime import Runtime
from app.social import due as social_due
from storage.publications import SOCIAL

if TYPE_CHECKING:
    from app.pipeline.due import Scope

log = logging.getLogger("loa.runner")
DueQuery = Callable[["Scope"], Iterable[tuple[int, Any]]]  # (commune id, what is due) for every commune of a pass


class Ran(dict[str, list[Any]]):
    """What the steps of one commune's pass returned so far, by step name (None: failed after its retries)."""

    def results(self, name: str) -> list[Any]:
        return [r for r in self.get(name, []) if r is not None]

    def failed(self, name: str) -> bool:
        return None in self.get(name, [])


@dataclass(frozen=True)
class Step:
    name: str
    fn: Callable[..., Any]
    retries: int = 2
    delays: tuple[float, ...] = (2.0, 10.0)  # seconds before each retry (the last repeats)
    limits: tuple[str, ...] = field(default=())
    # -- a step of COMMUNE_STEPS also says what is due for it and when it runs --
    due: tuple[DueQuery, ...] = ()  # its due queries (app.pipeline.due asks them for every commune at once)
    each: str = ""  # run once per due item, named so in alerts ("version"); else once per commune
    also: Callable[[Ran], bool] | None = None  # runs, even with nothing due for it, after what ran before does this
    unless: Callable[[Ran], bool] | None = None  # skipped when what ran before does this
    per_item_limits: bool = False  # holds only the limits of the items due (send-posts: the channels due)
    keep: str = ""  # the CommunePass field its result goes to (app.pipeline.dispatch; none: `other`, by name)

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number `attempt` (1-based)."""
        return self.delays[min(attempt, len(self.delays)) - 1] if self.delays else 0.0

    def wanted(self, items: list[Any], ran: Ran) -> bool:
        """Runs in this commune's pass: something due for it (or `also`), and not `unless`."""
        return bool(items or (self.also and self.also(ran))) and not (self.unless and self.unless(ran))

    def limits_for(self, items: list[Any]) -> tuple[str, ...] | None:
        """The limits to hold for these due items (None: all of `limits`)."""
        if not self.per_item_limits:
            return None
        held = (limit_name(str(item)) for item in sorted(items, key=str))
        return tuple(name for name in held if name in self.limits) or None


def limit_name(channel: str) -> str:
    """The Prefect global concurrency limit of a channel: `loa-facebook`, `loa-radio`, …"""
    return f"loa-{channel}"


# -- the work of each step: imported when it runs --------------------------------------------------------------

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

    return radio_pass(rt, code)  # RadioLines: its `failed` lines (outlets that gave up) fail the pass


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


# -- the rules between steps -------------------------------------------------------------------------------------

def _fresh_clip(ran: Ran) -> bool:
    """A clip rendered in this pass makes its web, posts and radio items due."""
    return any(clip.outcome == "rendered" for clip in ran.results(RENDER.name))


def _signed(ran: Ran) -> bool:
    """A checkpoint signed in this pass goes into the feeds."""
    return any(ran.results(CHECKPOINT.name))


def _web_wrote_feeds(ran: Ran) -> bool:
    """publish-web rewrote the feeds (it published something), or failed: build-feeds is not tried twice."""
    return any(ran.results(WEB.name)) or ran.failed(WEB.name)


# -- the steps ------------------------------------------------------------------------------------------------

CHECKPOINT = Step("sign-checkpoint", _checkpoint, retries=1, due=(audit_due.checkpoint,), keep="signed")
RENDER = Step("render-audio", _render, limits=(limit_name("render"),), due=(production_due.versions,),
              each="version", keep="clips")
POSTS = Step("send-posts", _posts, limits=tuple(limit_name(c) for c in SOCIAL),
             due=(social_due.posts, social_due.tokens), also=_fresh_clip, per_item_limits=True, keep="posts")
WEB = Step("publish-web", _web, limits=(limit_name("web"),), due=(portal_due.web_items,), also=_fresh_clip,
           keep="web")
FEEDS = Step("build-feeds", _feeds, due=(portal_due.feeds,), also=_signed, unless=_web_wrote_feeds, keep="feeds")
RADIO = Step("radio-slots", _radio, limits=(limit_name("radio"),), due=(radio_due.radio,), also=_fresh_clip,
             keep="radio")

COMMUNE_STEPS = (CHECKPOINT, RENDER, POSTS, WEB, FEEDS, RADIO)
"""A busy commune's pass, in order: the checkpoint first (the feeds carry it), then the clips (a fresh clip
makes posts, web and radio due), the posts, the web items (which rewrite the feeds), the feeds, the radio."""

SWEEP = Step("sweep-temps", _sweep, retries=0)  # the pass's own steps, over all its communes
MAIL = Step("send-mail", _mail, retries=1)
SEAL = Step("seal-audit-log", _seal, retries=1)

LIMITS = (*(limit_name(c) for c in ("render", *SOCIAL, "web", "radio")),)
"""Every global concurrency limit the flows use (README: `prefect gcl create NAME --limit N`)."""


# -- the in-process engine ----------------------------------------------------------------------------------------

class Run(Protocol):
    """What the pass (app.pipeline.dispatch) calls for every step: `run(step, *args)`. The flows give it a
    Prefect-task version (flows/publish.py); `in_process` is the embedded one."""

    def __call__(self, step: Step, *args: Any, limits: tuple[str, ...] | None = None) -> Any: ...


class InProcess:
    """Calls each step here, retrying after an exception as the step says (`sleep` is injectable for tests).
    No concurrency limits: one process runs one step at a time."""

    def __init__(self, sleep: Callable[[float], None] = time.sleep) -> None:
        self.sleep = sleep

    def __call__(self, step: Step, *args: Any, limits: tuple[str, ...] | None = None) -> Any:
        attempt = 0
        while True:
            try:
                return step.fn(*args)
            except Exception as exc:
                attempt += 1
                if attempt > step.retries:
                    raise
                wait = step.delay(attempt)
                log.warning("%s failed (%s: %s); retry %d of %d in %.0f s", step.name, type(exc).__name__,
                            " ".join(str(exc).split())[:200], attempt, step.retries, wait)
                self.sleep(wait)


in_process = InProcess()
