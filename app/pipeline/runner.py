"""Run a step in this process with the retries its Step declares: the embedded mode of `loa publish`,
`loa serve` and the desk, where no Prefect API is configured. Prefect is never imported here.

A `Run` is what the pass (app.pipeline.dispatch) calls for every step: `run(step, *args)`. The flows give
it a Prefect-task version (flows/publish.py); this module gives the in-process one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from app.pipeline.steps import Step

log = logging.getLogger("loa.runner")


class Run(Protocol):
    def __call__(self, step: Step, *args: Any, limits: tuple[str, ...] | None = None) -> Any: ...


class InProcess:
    """Calls each step here, retrying after an exception as the step says (`sleep` is injectable for tests)."""

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
