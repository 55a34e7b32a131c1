"""prefect.yaml names only deployments whose flows exist, and approval triggers publishing."""

from __future__ import annotations

import importlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_every_deployment_entrypoint_is_a_flow() -> None:
    from prefect import Flow

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    names = []
    for deployment in config["deployments"]:
        path, _, attribute = deployment["entrypoint"].partition(":")
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        assert isinstance(getattr(module, attribute), Flow), deployment["entrypoint"]
        names.append(deployment["name"])
    assert len(names) == len(set(names))


def test_an_approval_event_triggers_publishing_that_article() -> None:
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    triggered = {d["entrypoint"]: t for d in config["deployments"]
                 for t in d.get("triggers", []) if "loa.article.approved" in t.get("expect", [])}
    assert list(triggered) == ["flows/publish.py:publish_article"]
    assert triggered["flows/publish.py:publish_article"]["parameters"]["article_id"]["__prefect_kind"] == "json"


def test_every_schedule_runs_in_process_too() -> None:
    from app.pipeline.jobs import IN_PROCESS
    from app.pipeline.scheduler import DISPATCHER, read_schedules

    schedules = read_schedules(ROOT / "prefect.yaml")
    assert {s.entrypoint for s in schedules} == set(IN_PROCESS)  # loa serve runs exactly what is deployed
    assert DISPATCHER in IN_PROCESS
    assert {s.key for s in schedules} >= {"loa-publish", "loa-quota-alerts", "loa-report-monthly",
                                          "loa-report-quarterly", "loa-report-half-yearly", "loa-report-yearly",
                                          "loa-audit-verify"}
