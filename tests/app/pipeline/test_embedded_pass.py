"""The publish pass on embedded defaults (no Prefect): every commune, poison articles isolated, honest
summaries, a failing commune leaving the others, and few queries however many communes are loaded."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import event

from tests.app.test_alerts_and_reports import webhook  # noqa: F401 (fixture)
from tests.conftest import PLAN, ROOT, Result

Cli = Callable[..., Result]
BODY = "Người dân có thể nộp hồ sơ trực tuyến tại cổng dịch vụ công của phường, không phải đến trụ sở."


def queue(cli: Cli, title: str, commune: str | None = None, body: str = BODY) -> str:
    pick = ["--commune", commune] if commune else []
    added = cli("article", "add", *pick, "--unit", "vhxh", "--author", "lan", "--title", title, "--body", body,
                "--channels", "radio,web,facebook")
    assert added.code == 0, added.err
    assert cli("article", "submit", *pick, added.out.strip()).code == 0
    assert cli("article", "approve", *pick, added.out.strip(), "--by", "ngan").code == 0
    return added.out.strip()


def poison(title: str, body: str) -> int:
    """An approved article that the checks of today refuse, as a database written before them holds it."""
    from cli.common import runtime
    from storage import articles

    rt = runtime()
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        now = rt.settings.clock()
        article = articles.add(session, commune=commune, unit="vhxh", author="lan", title=title, body=body,
                               channels=["radio", "web", "facebook"], allowed_channels=list(plan.channels), now=now)
        articles.submit(session, article_id=article.id, actor="lan", now=now, commune=commune)
        articles.approve(session, article_id=article.id, by="ngan", now=now, commune=commune)
        return article.id


def twin_plan(tmp_path: Path, n: int) -> Path:
    path = tmp_path / f"xa-{n}.yaml"
    path.write_text(PLAN.read_text(encoding="utf-8").replace("code: phu-khuong", f"code: xa-{n}")
                    .replace("name: Phường Phú Khương", f"name: Xã Số {n}"), encoding="utf-8")
    return path


def test_poison_articles_fail_alone_and_the_pass_goes_on(planned: Cli, loa_home: Path,
                                                         webhook: tuple[str, list[dict]],  # noqa: F811
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    url, received = webhook
    monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
    emoji = poison("🎉🎉🎉", "🎉 👍 🙏 ✨")
    long = poison("Bài rất dài", "\n".join(["Người dân nộp hồ sơ trực tuyến tại cổng dịch vụ công."] * 450))
    good = queue(planned, "Một cửa liên thông")

    first = planned("publish")
    assert first.code == 0, first.err
    assert f"article {emoji} v1: FAILED: nothing to speak" in first.out
    assert f"article {long} v1: FAILED: the text is" in first.out
    assert "audio: 1 clip(s) rendered, 2 FAILED" in first.out and "web: 1 item(s) published" in first.out
    feed = feedparser.parse(str(loa_home / "feeds" / "phu-khuong" / "cchc.xml"))
    assert [e.title for e in feed.entries] == ["Một cửa liên thông"]
    with sqlite3.connect(loa_home / "loa.db") as db:
        rows = db.execute("SELECT article_id, channel, status, last_error FROM publication")
        states = {(a, c): (s, e) for a, c, s, e in rows}
    assert states[(emoji, "web")][0] == "failed" and "nothing to speak" in states[(emoji, "web")][1]
    assert states[(long, "radio")][0] == "failed" and "split the article" in states[(long, "radio")][1]
    assert states[(int(good), "web")][0] == "published"
    assert states[(emoji, "facebook")][0] == "published"  # text posts need no voice
    alerts = [a for body in received for a in body["alerts"] if a["kind"] == "audio.failed"]
    assert sorted(a["article"] for a in alerts) == [emoji, long] and all(a["commune"] == "phu-khuong" for a in alerts)

    again = planned("publish")
    assert again.code == 0 and again.out.strip() == "nothing due in 1 commune(s): phu-khuong"
    assert planned("audit", "verify").code == 0


def test_a_failing_commune_leaves_the_others(cli: Cli, tmp_path: Path, loa_home: Path,
                                             webhook: tuple[str, list[dict]],  # noqa: F811
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from app.pipeline.dispatch import dispatcher_pass
    from app.pipeline.steps import InProcess
    from app.pipeline.summary import describe_pass
    from cli.common import runtime

    url, received = webhook
    monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
    for plan in (twin_plan(tmp_path, 1), twin_plan(tmp_path, 2)):
        assert cli("init", "--plan", str(plan)).code == 0
    queue(cli, "Bài xã 1", "xa-1")
    queue(cli, "Bài xã 2", "xa-2")
    (loa_home / "feeds").mkdir(parents=True)
    (loa_home / "feeds" / "xa-1").write_text("not a folder")  # xa-1's feeds cannot be written
    waits: list[float] = []
    monkeypatch.setattr("cli.common.selected_commune", None)  # the last verb chose xa-2; a pass takes all
    summary = dispatcher_pass(runtime(), InProcess(sleep=waits.append))
    assert waits == [2.0, 10.0]  # publish-web's declared retries, then it gives up
    assert [c.code for c in summary.communes] == ["xa-1", "xa-2"]
    one, two = summary.communes
    assert one.errors and one.errors[0].startswith("publish-web failed") and one.radio == []
    assert two.web == 1 and not two.errors and (loa_home / "feeds" / "xa-2" / "cchc.xml").is_file()
    text = describe_pass(summary)
    assert "FAILED: publish-web failed" in text and "xa-2:\n  audio: 1 clip(s) rendered" in text
    [alert] = [a for body in received for a in body["alerts"] if a["kind"] == "run.failed"]
    assert alert["commune"] == "xa-1" and alert["step"] == "publish-web"
    assert cli("publish").code == 1  # the pass still fails for xa-1 and says so in its exit code


def test_a_pass_over_many_communes_reads_each_only_in_a_few_queries(cli: Cli, tmp_path: Path) -> None:
    from app.pipeline.dispatch import dispatcher_pass
    from app.pipeline.steps import in_process
    from cli.common import runtime

    for n in range(12):
        assert cli("init", "--plan", str(twin_plan(tmp_path, n))).code == 0
    rt = runtime()
    statements: list[str] = []
    event.listen(rt.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    first = dispatcher_pass(rt, in_process)  # the day's first pass signs each chain (the plan's entries)
    assert len(first.communes) == 12 and all(c.feeds and not c.errors for c in first.communes)
    statements.clear()
    second = dispatcher_pass(rt, in_process)
    assert len(second.idle) == 12 and second.communes == []
    counted = len(statements)
    statements.clear()
    dispatcher_pass(rt, in_process)
    assert counted <= 18 and len(statements) <= 17, statements  # not 12 × several


def test_publish_on_embedded_defaults_never_imports_prefect(planned: Cli, loa_home: Path) -> None:
    queue(planned, "Một cửa")
    code = ("import sys\nfrom cli import main\nsys.argv = ['loa', 'publish']\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "print(sorted(m for m in sys.modules if m == 'prefect' or m.startswith('prefect.')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "1 clip(s) rendered" in run.stdout and run.stdout.strip().endswith("[]")
    assert not (loa_home / "prefect").exists()


def test_the_outbox_has_one_request_per_post(planned: Cli, loa_home: Path) -> None:
    queue(planned, "Một cửa")
    assert planned("publish").code == 0 and planned("publish").code == 0
    [request] = (loa_home / "outbox" / "facebook").glob("*.json")
    assert "Một cửa" in json.dumps(json.loads(request.read_text(encoding="utf-8")), ensure_ascii=False)
