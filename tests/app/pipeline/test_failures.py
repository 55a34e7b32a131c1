"""Alerts of failed work: a Prefect flow run names its commune and article; a broken audit chain alerts."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.test_alerts_and_reports import webhook  # noqa: F401 (fixture)
from tests.conftest import Result

Cli = Callable[..., Result]


def test_a_failed_run_names_the_commune_and_the_article(planned: Cli, webhook: tuple[str, list[dict]],  # noqa: F811
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.client.schemas.objects import FlowRun
    from prefect.states import Crashed, Failed

    from app.pipeline.failures import ALERTED, prefect_hook
    from flows.publish import publish_article

    url, received = webhook
    monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
    added = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Một cửa", "--body", "Nội dung.")
    article = int(added.out)
    prefect_hook(publish_article, FlowRun(flow_id=FlowRun.model_fields["id"].default_factory(),  # type: ignore[misc]
                                          parameters={"article_id": article}), Crashed(message="worker lost"))
    [alert] = received[0]["alerts"]
    assert alert["kind"] == "run.failed" and alert["commune"] == "phu-khuong" and alert["article_id"] == article
    assert alert["message"] == (f"phu-khuong: Prefect run of loa-publish-article for article {article} failed: "
                                "worker lost")
    prefect_hook(publish_article, FlowRun(flow_id=FlowRun.model_fields["id"].default_factory(),  # type: ignore[misc]
                                          parameters={"article_id": article}),
                 Failed(message=f"Flow run encountered an exception: PassIncomplete: {ALERTED} 1 step(s) failed"))
    assert len(received) == 1  # each failed step of that run was alerted already


def test_the_nightly_check_alerts_a_broken_chain(planned: Cli, loa_home: Path,
                                                 webhook: tuple[str, list[dict]]) -> None:  # noqa: F811
    from app.pipeline import jobs
    from app.settings import Settings
    from cli.common import runtime

    assert jobs.audit_verify(runtime(), ["phu-khuong"]).failed == []
    with sqlite3.connect(loa_home / "loa.db") as db:
        db.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
        db.execute("UPDATE audit_entry SET actor = 'someone' WHERE seq = 1")
    url, received = webhook
    rt = runtime()
    rt.settings = Settings(alert_webhook=url)
    result = jobs.audit_verify(rt, ["phu-khuong"])
    assert result.failed and "BROKEN" in result.failed[0]
    [alert] = received[0]["alerts"]
    assert alert["kind"] == "audit.broken" and "entry 1" in alert["message"]
