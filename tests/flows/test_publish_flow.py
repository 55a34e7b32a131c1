"""The whole path on Prefect's test harness: approved articles to audio, feeds, posts, radio and quota."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import feedparser
import imageio_ffmpeg
import pytest

from tests.conftest import Result
from tests.media.social.loopback import FB_TOKEN, FakeGraph, serve

pytestmark = pytest.mark.xdist_group("prefect")

BODY = ("Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ, UBND phường đẩy mạnh CCHC.\n"
        "Năm 2026, 100% TTHC được tiếp nhận tại bộ phận một cửa; mọi thắc mắc gọi Tổng đài 1022.")


def _queue(cli: Callable[..., Result], n: int) -> None:
    for i in range(n):
        added = cli("article", "add", "--unit", "vhxh", "--author", "lan", "--title", f"Cải cách hành chính {i + 1}",
                    "--body", BODY, "--channels", "radio,web,facebook,zalo")
        assert added.code == 0, added.err
        assert cli("article", "submit", added.out.strip()).code == 0
        assert cli("article", "approve", added.out.strip(), "--by", "ngan").code == 0


def _decoded_seconds(path: Path) -> float:
    run = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1",
                          "-ar", "8000", "-"], capture_output=True, check=True, timeout=60)
    assert not run.stderr, run.stderr
    return len(run.stdout) / 2 / 8000


def test_approval_to_loudspeaker_feed_posts_and_quota(prefect: None, planned: Callable[..., Result], home: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.publish import publish_pass

    _queue(planned, 2)
    monkeypatch.setenv("LOA_NOW", "2026-03-02T08:30:00+07:00")
    [first] = publish_pass().communes
    assert [c.outcome for c in first.clips] == ["rendered", "rendered"] and first.web == 2
    with sqlite3.connect(home / "loa.db") as db:  # the flow's last task signed every entry it wrote
        head = db.execute("SELECT seq FROM audit_head WHERE chain = 'phu-khuong'").fetchone()[0]
        assert db.execute("SELECT max(size) FROM audit_checkpoint WHERE chain = 'phu-khuong'").fetchone()[0] == head
    assert sorted(o.result for o in first.posts) == ["dry-run"] * 4

    clips = sorted((home / "media").glob("*.mp3"))
    assert len(clips) == 2 and all(_decoded_seconds(c) > 5 for c in clips)

    feed = feedparser.parse(str(home / "feeds" / "phu-khuong" / "cchc.xml"))
    assert not feed.bozo and len(feed.entries) == 2
    assert all(e.enclosures and e.enclosures[0].type == "audio/mpeg" for e in feed.entries)
    podcast = feedparser.parse(str(home / "feeds" / "phu-khuong" / "cchc-podcast.xml"))
    assert not podcast.bozo and len(podcast.entries) == 2

    outbox = sorted((home / "outbox").glob("*/*.json"))
    assert sorted(p.parent.name for p in outbox) == ["facebook", "facebook", "zalo", "zalo"]
    request = json.loads(outbox[0].read_text(encoding="utf-8"))
    assert request["method"] == "POST" and "76/NQ-CP" in json.dumps(request, ensure_ascii=False)

    assert first.radio == [] and not (home / "radio").exists()  # the 12 March slot is ten days away

    # inside its lead time, after its lock: the slot's program is built and delivered to the drop folder
    monkeypatch.setenv("LOA_NOW", "2026-03-12T16:55:00+07:00")
    [second] = publish_pass().communes
    [line] = second.radio
    assert line.startswith("cchc 2026-03-12 17:00: program built, 2 items") and line.endswith("to drop-folder")
    programs = list((home / "radio" / "phu-khuong" / "cchc" / "2026-03-12").glob("*.mp3"))
    assert len(programs) == 1 and _decoded_seconds(programs[0]) > 10
    assert list((home / "radio" / "phu-khuong" / "cchc" / "2026-03-12").glob("*.m3u*"))

    # the operator confirms it aired: the radio quota counts both items; a later pass duplicates nothing
    monkeypatch.setenv("LOA_NOW", "2026-03-12T17:20:00+07:00")
    confirmed = planned("radio", "confirm", "--slot", "cchc", "--date", "2026-03-12", "--by", "lan")
    assert confirmed.code == 0 and "2 item(s) counted" in confirmed.out
    monkeypatch.setenv("LOA_NOW", "2026-03-12T17:30:00+07:00")
    third = publish_pass()
    assert third.idle == ["phu-khuong"] and third.communes == []
    assert len(sorted((home / "outbox").glob("*/*.json"))) == 4

    rows = list(csv.DictReader(io.StringIO(planned("quota", "status", "--month", "2026-03", "--format", "csv").out)))
    radio = next(r for r in rows if r["channel"] == "radio")
    assert (radio["published"], radio["met"]) == ("2", "true")
    assert planned("audit", "verify").code == 0
    with sqlite3.connect(home / "loa.db") as db:
        assert db.execute("SELECT count(*) FROM pending_event WHERE emitted_at IS NULL").fetchone() == (0,)
        events = {name for (name,) in db.execute("SELECT DISTINCT event FROM pending_event")}
    assert {"loa.article.approved", "loa.audio.rendered", "loa.publication.published", "loa.radio.aired"} <= events


def test_facebook_gets_each_post_once(prefect: None, planned: Callable[..., Result], home: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.publish import publish_pass

    graph = FakeGraph()
    with serve(graph) as url:
        monkeypatch.setenv("LOA_FACEBOOK_GRAPH_URL", url)
        monkeypatch.setenv("LOA_FACEBOOK_PAGE_ID", graph.page_id)
        monkeypatch.setenv("LOA_FACEBOOK_TOKEN", FB_TOKEN)
        monkeypatch.setenv("LOA_BASE_URL", "https://cong.phukhuong.example/cchc/")  # a live post needs a public link
        _queue(planned, 1)
        monkeypatch.setenv("LOA_NOW", "2026-03-02T08:30:00+07:00")
        assert "published" in [o.result for o in publish_pass().communes[0].posts]
        publish_pass()
    assert len(graph.posts) == 1
    assert FB_TOKEN not in "".join(p.read_text(encoding="utf-8") for p in home.rglob("*.json"))
    export = planned("audit", "export", "--channel", "facebook", "--format", "jsonl").out
    assert FB_TOKEN not in export and '"remote_id": "' in export


def test_serve_runs_the_dispatcher_in_process(planned: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    refused = planned("serve", "--passes", "1")
    assert refused.code == 1 and "PREFECT_API_URL is set" in refused.err
    monkeypatch.delenv("PREFECT_API_URL")
    _queue(planned, 1)
    result = planned("serve", "--passes", "1")
    assert result.code == 0, result.err
    assert "audio: 1 clip(s) rendered" in result.out and "posts: 2 dry-run" in result.out
