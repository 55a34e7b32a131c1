"""Alerts for work that failed: a step of a pass after its retries, or a whole Prefect flow run. One
module for every flow and both modes: each alert goes to the log and to LOA_ALERT_WEBHOOK (app.notify)
naming the commune and the article or slot (or step) it concerns. No Prefect import at module level:
the hooks receive Prefect's objects but only read plain attributes from them.
"""

from __future__ import annotations

import logging
from typing import Any

from app.settings import Settings

log = logging.getLogger("loa.alerts")
ALERTED = "loa-alerted:"  # a flow that fails with this message has alerted each failure itself


def _one_line(error: BaseException | str, limit: int = 300) -> str:
    text = str(error) if isinstance(error, str) else (" ".join(str(error).split()) or type(error).__name__)
    return text[:limit]


def alert_step_failed(settings: Settings, *, step: str, commune: str, error: BaseException, subject: str = "") -> str:
    """A step gave up after its retries; returns the summary line."""
    about = f" ({subject})" if subject else ""
    from app.trouble import explain  # a full disk, a broken database: what to do, not the exception

    reason = explain(error, settings.db_url) or f"{type(error).__name__}: {_one_line(error)}"
    line = f"{step}{about} failed: {reason}"
    from app.notify import alert  # requests loads only when something failed

    fields: dict[str, Any] = {"step": step}
    if subject.startswith("version "):
        fields["version"] = int(subject.split()[1])
    alert(settings, kind="run.failed", commune=commune, message=f"{commune}: {line}", **fields)
    return line


def alert_run_failed(settings: Settings, *, flow: str, parameters: dict[str, Any], message: str) -> None:
    """A Prefect flow run ended Failed or Crashed: name its commune and article or slot from its parameters."""
    from app.notify import alert

    if ALERTED in message:
        return
    commune, subject = describe(settings, parameters)
    alert(settings, kind="run.failed", commune=commune, flow=flow, **parameters,
          message=f"{commune}: Prefect run of {flow}{subject} failed: {_one_line(message)}")


def describe(settings: Settings, parameters: dict[str, Any]) -> tuple[str, str]:
    """(commune code, " for article N" / " for slot S") from a flow run's parameters."""
    article = parameters.get("article_id")
    if article is not None:
        return _commune_of_article(settings, article), f" for article {article}"
    slot = parameters.get("slot")
    return str(parameters.get("commune") or settings.commune or "*"), f" for slot {slot}" if slot else ""


def _commune_of_article(settings: Settings, article_id: Any) -> str:
    try:
        from app.runtime import Runtime
        from storage.models import Article

        rt = Runtime(settings)
        with rt.tx() as session:
            article = session.get(Article, int(article_id))
            return article.unit.commune.code if article is not None else "*"
    except Exception as exc:  # the database may be what failed: the alert still goes out
        log.warning("commune of article %s unknown (%s)", article_id, type(exc).__name__)
        return "*"


def prefect_hook(flow: Any, flow_run: Any, state: Any) -> None:
    """`on_failure` / `on_crashed` hook of every Loa flow."""
    try:
        alert_run_failed(Settings(), flow=getattr(flow, "name", "?"), parameters=dict(flow_run.parameters or {}),
                         message=str(getattr(state, "message", "") or getattr(state, "name", "failed")))
    except Exception:  # a hook that raises hides the run's own failure
        log.exception("the failed-run alert could not be sent")
