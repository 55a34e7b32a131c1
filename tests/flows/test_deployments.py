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


def test_an_approval_event_triggers_publishing() -> None:
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    triggered = {d["name"] for d in config["deployments"]
                 for t in d.get("triggers", []) if "loa.article.approved" in t.get("expect", [])}
    assert {"loa-publish", "loa-produce-article"} <= triggered
