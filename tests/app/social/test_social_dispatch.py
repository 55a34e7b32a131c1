"""The social dispatcher on SQLite against the loopback platforms: once each, lateness, tokens, outbox, broadcasts."""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import datetime, timedelta

import pytest

from tests.app.social import social_world as world
from tests.media.social.loopback import FakeGraph, FakeYouTube, FakeZalo, serve

NOW = datetime.fromisoformat("2026-03-02T08:00:00+07:00")


@pytest.fixture
def setup(cli, tmp_path, monkeypatch):
    def make(social: str = "{}"):  # type: ignore[no-untyped-def]
        from app.runtime import Runtime
        from app.settings import Settings

        result = cli("init", "--plan", str(world.write_plan(tmp_path, social=social)))
        assert result.code == 0, result.err
        return Runtime(Settings())

    return make


def at(rt, when: datetime):  # type: ignore[no-untyped-def]
    rt.settings = rt.settings.replace(now=when)
    return rt


def pubs(rt, channel: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from storage.models import Publication

    with rt.tx() as session:
        rows = session.execute(select(Publication.status, Publication.remote_id).where(Publication.channel == channel)
                               .order_by(Publication.id))
        return [tuple(r) for r in rows]


def test_every_channel_gets_each_post_once_with_link_and_hashtags(setup, cli, monkeypatch, loa_home):
    graph, zalo, youtube = FakeGraph(), FakeZalo(), FakeYouTube()
    with serve(graph), serve(zalo), serve(youtube):
        world.apply_env(monkeypatch, world.live_env(graph, zalo, youtube))
        rt = setup()
        zalo_refresh = zalo.grant_refresh_token()
        assert cli("channel", "token", "zalo", stdin=zalo_refresh + "\n").code == 0
        assert cli("channel", "token", "youtube", stdin=youtube.refresh_token).code == 0
        world.add_articles(rt, 3, ["facebook", "zalo", "youtube"], now=NOW)
        from app.social.posts import dispatch_due_posts

        outcomes = dispatch_due_posts(rt)
        assert sorted(o.result for o in outcomes) == ["published"] * 9
        assert dispatch_due_posts(at(rt, NOW + timedelta(hours=1))) == []
    assert len(graph.posts) == len(zalo.articles) == len(youtube.videos) == 3
    message = next(p["message"] for p in graph.posts if p["message"].startswith("Tin cải cách hành chính số 1\n\n"))
    assert "https://cong.phukhuong.example/cchc/articles/1.html" in message and message.endswith("#CCHC #PhuKhuong")
    assert "loa" not in message.lower().replace("loa-", "")  # no marker, no internal id
    assert all(a["body"][-1] == {"type": "text", "content": "#CCHC #PhuKhuong"} for a in zalo.articles)
    assert youtube.videos[0]["snippet"]["tags"] == ["CCHC", "PhuKhuong"]
    assert youtube.videos[0]["status"]["privacyStatus"] == "public"
    assert set(pubs(rt, "facebook")) == {("published", f"{graph.page_id}_{n}") for n in (1, 2, 3)}
    assert sorted(r[1] for r in pubs(rt, "youtube")) == ["vid1", "vid2", "vid3"]
    listed = json.loads(cli("article", "list", "--format", "json").out)
    assert listed[0]["posts"]["facebook"] == message
    assert set(listed[0]["posts"]) == {"facebook", "zalo", "youtube"}


def test_without_credentials_every_channel_writes_the_dry_run_outbox(setup, loa_home):
    from app.social.posts import dispatch_due_posts

    rt = setup(social="{youtube_privacy: unlisted}")
    world.add_articles(rt, 1, ["facebook", "zalo", "youtube"], now=NOW)
    assert sorted(o.result for o in dispatch_due_posts(rt)) == ["dry-run"] * 3
    files = {p.parent.name: json.loads(p.read_text(encoding="utf-8")) for p in (loa_home / "outbox").glob("*/*.json")}
    assert set(files) == {"facebook", "zalo", "youtube"}
    assert files["zalo"]["json"]["cover"]["photo_url"] == "https://cover.invalid/set-LOA_ZALO_COVER_URL.jpg"
    video = files["youtube"]["media"]
    assert video["content_type"] == "video/mp4" and (loa_home / "media" / "video").is_dir()
    assert files["youtube"]["json"]["status"]["privacyStatus"] == "unlisted"


def test_a_post_first_found_over_an_hour_late_is_missed_unless_the_plan_sends_late_items(setup):
    from app.social.posts import dispatch_due_posts

    rt = setup()
    world.add_articles(rt, 2, ["facebook"], now=NOW)
    outcomes = dispatch_due_posts(at(rt, NOW + timedelta(minutes=61)))
    assert [o.result for o in outcomes] == ["missed", "missed"]
    assert [r[0] for r in pubs(rt, "facebook")] == ["missed", "missed"]
    world.add_articles(rt, 1, ["facebook"], now=NOW + timedelta(minutes=61), prefix="Đúng giờ")
    assert [o.result for o in dispatch_due_posts(at(rt, NOW + timedelta(minutes=100)))] == ["dry-run"]


def test_the_plan_can_send_late_items(setup):
    from app.social.posts import dispatch_due_posts

    rt = setup(social="{send_late: true}")
    world.add_articles(rt, 1, ["facebook"], now=NOW)
    assert [o.result for o in dispatch_due_posts(at(rt, NOW + timedelta(days=2)))] == ["dry-run"]


def test_zalo_without_an_https_cover_stops_at_start_with_one_clear_line(setup, monkeypatch, caplog):
    from app.social.posts import dispatch_due_posts

    zalo = FakeZalo()
    with serve(zalo):
        world.apply_env(monkeypatch, world.live_env(zalo=zalo) | {"LOA_ZALO_TOKEN": "static-zalo-token"})
        monkeypatch.delenv("LOA_ZALO_COVER_URL")
        rt = setup()
        world.add_articles(rt, 1, ["zalo"], now=NOW)
        outcomes = dispatch_due_posts(rt)
    assert [o.result for o in outcomes] == ["skipped"] and "LOA_ZALO_COVER_URL" in outcomes[0].detail
    assert zalo.seen == [] and pubs(rt, "zalo") == [("scheduled", None)]


def test_a_rejected_zalo_token_is_refreshed_and_the_new_refresh_token_stored_encrypted(setup, cli, monkeypatch,
                                                                                       loa_home, caplog):
    from app.social.posts import dispatch_due_posts
    from app.social.tokens import alert, expiring_refresh_tokens

    caplog.set_level(logging.DEBUG)
    zalo = FakeZalo(processing_polls=1)
    with serve(zalo):
        world.apply_env(monkeypatch, world.live_env(zalo=zalo))
        rt = setup(social="{zalo_broadcast: true, zalo_broadcasts_per_month: 2}")
        assert "LOA_SECRET_KEY" not in cli("channel", "status").err
        refused = cli("channel", "token", "zalo", stdin="two words\n")
        assert refused.code == 1 and "one line" in refused.err
        assert cli("channel", "token", "zalo", stdin=zalo.grant_refresh_token()).code == 0
        world.add_articles(rt, 3, ["zalo"], now=NOW)
        zalo.fail_next("expired")
        outcomes = dispatch_due_posts(rt)
        assert sorted(o.result for o in outcomes) == ["broadcast-sent", "broadcast-sent", "broadcast-skipped",
                                                      "published", "published", "published"]
        assert len(zalo.broadcasts) == 2 and zalo.refreshes == 2
        status = json.loads(cli("channel", "status", "--format", "json").out)
        assert status[0]["generation"] == 3 and status[0]["refresh_expires_at"]
        # a refresh token near its end is alerted once (and the next pass rotates it early)
        late = at(rt, NOW + timedelta(days=80))
        alerts = expiring_refresh_tokens(late)
        assert len(alerts) == 1 and "zalo refresh token runs out" in alerts[0]["message"]
        alert(late, alerts)
        assert expiring_refresh_tokens(late) == []
        assert dispatch_due_posts(late) == [] and zalo.refreshes == 3  # nothing due, but renewed early
        renewed = json.loads(cli("channel", "status", "--format", "json").out)[0]
        assert renewed["generation"] == 4 and renewed["refresh_expires_at"] > status[0]["refresh_expires_at"]
    assert len(zalo.articles) == 3
    db = (loa_home / "loa.db").read_bytes()
    leaked = [s for s in world.secrets_of(zalo=zalo) if s.encode() in db or s in caplog.text]
    assert leaked == []
    with sqlite3.connect(loa_home / "loa.db") as conn:
        stored = conn.execute("SELECT refresh_token FROM channel_token").fetchone()[0]
    assert stored.startswith("gAAAA")  # Fernet ciphertext
