"""The rules between the steps of app.pipeline.steps.COMMUNE_STEPS, as app.pipeline.dispatch.commune_pass applies
them: the checkpoint first, a clip per version, a fresh clip makes posts, web and radio due, publish-web's feeds
spare build-feeds (when it published or failed), a signed checkpoint makes build-feeds due, send-posts holds only
the limits of the channels due, radio's `failed` lines fail the pass. Each step is answered by a recording Run."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from app.pipeline.dispatch import commune_pass
from app.pipeline.due import Due
from app.pipeline.steps import CHECKPOINT, FEEDS, POSTS, RADIO, RENDER, WEB, Step
from app.radio.passes import RadioLines
from app.runtime import Runtime
from app.settings import Settings


class Recording:
    """A Run that answers each step with `answers[name]` (an exception is raised) and records the calls."""

    def __init__(self, **answers: Any) -> None:
        self.answers, self.calls = answers, []  # type: ignore[var-annotated]

    def __call__(self, step: Step, *args: Any, limits: tuple[str, ...] | None = None) -> Any:
        self.calls.append((step.name, args[2:], limits))
        answer = self.answers.get(step.name.replace("-", "_"))
        if isinstance(answer, Exception):
            raise answer
        return answer


def clip(outcome: str) -> Any:
    return SimpleNamespace(outcome=outcome, warnings=[])


@pytest.fixture
def rt(loa_home: Path) -> Runtime:
    return Runtime(Settings())


def _ran(run: Recording) -> list[str]:
    return [name for name, _, _ in run.calls]


def test_a_fresh_clip_makes_posts_web_and_radio_due_and_publish_web_spares_the_feeds(rt: Runtime) -> None:
    run = Recording(render_audio=clip("rendered"), send_posts=[], publish_web=1, radio_slots=RadioLines([], []))
    done = commune_pass(rt, run, Due("phu-khuong", {RENDER.name: [7, 8], FEEDS.name: ["behind"]}))
    assert _ran(run) == [RENDER.name, RENDER.name, POSTS.name, WEB.name, RADIO.name]
    assert [args for name, args, _ in run.calls if name == RENDER.name] == [(7,), (8,)]
    assert len(done.clips) == 2 and done.web == 1 and not done.errors


def test_a_clip_already_there_makes_nothing_else_due(rt: Runtime) -> None:
    run = Recording(render_audio=clip("done"))
    commune_pass(rt, run, Due("phu-khuong", {RENDER.name: [7]}))
    assert _ran(run) == [RENDER.name]


def test_a_signed_checkpoint_rebuilds_the_feeds_unless_publish_web_failed(rt: Runtime) -> None:
    run = Recording(sign_checkpoint=["checkpoint line"], build_feeds=["cchc.xml"])
    done = commune_pass(rt, run, Due("phu-khuong", {CHECKPOINT.name: ["daily"]}))
    assert _ran(run) == [CHECKPOINT.name, FEEDS.name] and done.signed == ["checkpoint line"]
    assert done.feeds == ["cchc.xml"]

    failing = Recording(publish_web=RuntimeError("portal down"), build_feeds=["cchc.xml"])
    done = commune_pass(rt, failing, Due("phu-khuong", {WEB.name: ["web"], FEEDS.name: ["behind"]}))
    assert _ran(failing) == [WEB.name] and len(done.errors) == 1 and "portal down" in done.errors[0]


def test_posts_hold_only_the_limits_of_the_channels_due(rt: Runtime) -> None:
    run = Recording(send_posts=[])
    commune_pass(rt, run, Due("phu-khuong", {POSTS.name: ["zalo", "tokens", "facebook"]}))
    assert run.calls == [(POSTS.name, (), ("loa-facebook", "loa-zalo"))]
    tokens_only = Recording(send_posts=[])
    commune_pass(rt, tokens_only, Due("phu-khuong", {POSTS.name: ["tokens"]}))
    assert tokens_only.calls == [(POSTS.name, (), None)]  # None: the step's own limits, every channel


def test_radio_outlets_that_gave_up_fail_the_commune(rt: Runtime) -> None:
    run = Recording(radio_slots=RadioLines(["cchc built"], ["radio cchc: icecast failed: HTTP 401"]))
    done = commune_pass(rt, run, Due("phu-khuong", {RADIO.name: ["lead time"]}))
    assert done.radio == ["cchc built"] and done.errors == ["radio cchc: icecast failed: HTTP 401"]
