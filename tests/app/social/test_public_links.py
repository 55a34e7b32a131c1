"""A live channel never receives a link readers cannot open: without a public LOA_BASE_URL the posts wait
(still due, not failed) with one alert, and go out once it is set; a link to a file or an office machine
written in an article fails that post with its reason. The dry-run outbox keeps working."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta

import pytest

from tests.app.social import social_world as world
from tests.media.social.loopback import FakeGraph, FakeService, FakeZalo, Reply, Seen, serve

NOW = datetime.fromisoformat("2026-03-02T08:00:00+07:00")


class Webhook(FakeService):
    def route(self, req: Seen) -> Reply:
        return Reply(200, {})


def queue(cli, n: int, body: str = world.BODY) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        added = cli("article", "add", "--unit", "vhxh", "--author", "lan", "--title", f"Tin số {i + 1}",
                    "--body", body, "--channels", "facebook,zalo")
        assert added.code == 0, added.err
        assert cli("article", "submit", added.out.strip()).code == 0
        assert cli("article", "approve", added.out.strip(), "--by", "ngan").code == 0


def states(home) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with sqlite3.connect(home / "loa.db") as db:
        return db.execute("SELECT channel, status FROM publication ORDER BY id").fetchall()


@pytest.mark.parametrize("base", [None, "http://192.168.1.10/cchc/", "http://localhost:8040/", "ftp://cong.vn/"])
def test_without_a_public_base_url_live_posts_wait_with_one_alert_and_go_once_it_is_set(
        cli, tmp_path, monkeypatch, loa_home, caplog, base):
    caplog.set_level(logging.WARNING)
    graph, zalo, hook = FakeGraph(), FakeZalo(), Webhook()
    with serve(graph), serve(zalo), serve(hook):
        world.apply_env(monkeypatch, world.live_env(graph, zalo) | {"LOA_ALERT_WEBHOOK": hook.url})
        monkeypatch.delenv("LOA_BASE_URL")
        if base:
            monkeypatch.setenv("LOA_BASE_URL", base)
        assert cli("init", "--plan", str(world.write_plan(tmp_path, social="{send_late: true}"))).code == 0
        assert cli("channel", "token", "zalo", stdin=zalo.grant_refresh_token()).code == 0
        queue(cli, 3)
        held = cli("publish")
        assert held.code == 0, held.err
        assert graph.posts == [] and [s for s in zalo.seen if "/article/" in s.path] == []
        assert set(states(loa_home)) == {("facebook", "scheduled"), ("zalo", "scheduled")}  # still due
        lines = [line for line in held.out.splitlines() if "LOA_BASE_URL" in line]
        assert len(lines) == 1 and "6 post(s) not sent (facebook, zalo), still due" in lines[0], held.out
        assert "đặt LOA_BASE_URL=https://… " in lines[0] and ("Chưa đặt LOA_BASE_URL" in lines[0]) == (base is None)
        alerts = [s.body["alerts"][0] for s in hook.seen]
        assert [a["kind"] for a in alerts] == ["social_link"] and alerts[0]["channels"] == "facebook, zalo"
        assert len([r for r in caplog.records if "LOA_BASE_URL" in r.getMessage()]) == 1
        monkeypatch.setenv("LOA_NOW", (NOW + timedelta(hours=1)).isoformat())
        again = cli("publish")  # still held: the same line, no second alert the same day
        assert [line for line in again.out.splitlines() if "LOA_BASE_URL" in line] == lines and len(hook.seen) == 1
        monkeypatch.setenv("LOA_NOW", (NOW + timedelta(hours=25)).isoformat())
        assert cli("publish").code == 0 and len(hook.seen) == 2  # a day later: reminded
        monkeypatch.setenv("LOA_BASE_URL", "https://cong.phukhuong.example/cchc/")
        monkeypatch.setenv("LOA_NOW", (NOW + timedelta(hours=26)).isoformat())
        sent = cli("publish")
        assert sent.code == 0 and "LOA_BASE_URL" not in sent.out, sent.out
    assert set(states(loa_home)) == {("facebook", "published"), ("zalo", "published")}
    assert len(graph.posts) == 3 and len(zalo.articles) == 3
    assert all("Xem chi tiết: https://cong.phukhuong.example/cchc/articles/" in m for m in graph.messages())
    links = [a["body"][-2]["content"] for a in zalo.articles]
    assert all(link.startswith("Xem chi tiết: https://cong.phukhuong.example/") for link in links)


def test_the_dry_run_outbox_keeps_working_without_a_base_url(cli, tmp_path, monkeypatch, loa_home):
    monkeypatch.delenv("LOA_BASE_URL", raising=False)
    assert cli("init", "--plan", str(world.write_plan(tmp_path))).code == 0
    queue(cli, 1)
    result = cli("publish")
    assert result.code == 0 and "posts: 2 dry-run" in result.out, result.out
    assert "LOA_BASE_URL" not in result.out


@pytest.mark.parametrize("link", ["file:///C:/Users/VanPhong/bai-viet.docx", "http://192.168.1.20/thong-bao",
                                  "http://localhost:8040/bai-viet/3", "https://may-chu.local/tai-lieu"])
def test_an_article_linking_to_a_file_or_an_office_machine_is_not_posted(cli, tmp_path, monkeypatch, loa_home,
                                                                         link):
    graph = FakeGraph()
    with serve(graph):
        world.apply_env(monkeypatch, world.live_env(graph))
        assert cli("init", "--plan", str(world.write_plan(tmp_path))).code == 0
        added = cli("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Thông báo",
                    "--body", f"Xem văn bản tại {link}. Tải về rồi điền.", "--channels", "facebook")
        assert cli("article", "submit", added.out.strip()).code == 0
        assert cli("article", "approve", added.out.strip(), "--by", "ngan").code == 0
        result = cli("publish")
    assert graph.posts == [] and states(loa_home) == [("facebook", "failed")]
    assert f"({link} " in result.out and "sửa bài" in result.out, result.out


def test_the_preview_says_when_posts_wait_for_the_base_url(tmp_path):
    from app.articles.preview import preview
    from app.runtime import Runtime
    from app.settings import Settings

    for base, held in ((None, "Chưa đặt LOA_BASE_URL"), ("http://10.1.2.3/", "LOA_BASE_URL=http://10.1.2.3/: "),
                       ("https://cong.phukhuong.example/", "")):
        shown = preview(Runtime(Settings(home=tmp_path, base_url=base)), title="Tin", body="Nội dung.", article_id=5)
        assert shown.held.startswith(held) and bool(shown.held) == bool(held)


def test_youtube_waits_for_the_base_url_too(cli, tmp_path, monkeypatch, loa_home):
    from app.runtime import Runtime
    from app.settings import Settings
    from app.social.posts import dispatch_due_posts
    from tests.media.social.loopback import FakeYouTube

    youtube = FakeYouTube()
    with serve(youtube):
        world.apply_env(monkeypatch, world.live_env(youtube=youtube))
        monkeypatch.delenv("LOA_BASE_URL")
        assert cli("init", "--plan", str(world.write_plan(tmp_path, social="{send_late: true}"))).code == 0
        assert cli("channel", "token", "youtube", stdin=youtube.refresh_token).code == 0
        rt = Runtime(Settings())
        world.add_articles(rt, 2, ["youtube"], now=NOW)
        held = dispatch_due_posts(rt)
        assert [o.result for o in held] == ["skipped", "skipped"] and "LOA_BASE_URL" in held[0].detail
        assert youtube.videos == [] and set(states(loa_home)) == {("youtube", "scheduled")}
        rt.settings = rt.settings.replace(base_url="https://cong.phukhuong.example/cchc/")
        assert [o.result for o in dispatch_due_posts(rt)] == ["published", "published"]
    assert all("https://cong.phukhuong.example/cchc/articles/" in v["snippet"]["description"] for v in youtube.videos)
