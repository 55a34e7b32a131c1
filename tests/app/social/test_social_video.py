"""TikTok, Reels and Shorts through the dispatcher: the vertical video posted once per channel, with faults,
lateness, the dry-run outbox and the quota counts; a series of parts resumed after a break."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta

import pytest

from tests.app.social import social_world as world
from tests.media.social import fake_reels
from tests.media.social.fake_tiktok import CLIENT_KEY, CLIENT_SECRET, FakeTikTok
from tests.media.social.loopback import FakeYouTube, serve

NOW = datetime.fromisoformat("2026-03-02T08:00:00+07:00")
VIDEO = ["tiktok", "reels", "shorts"]
QUOTAS = ("  - {channel: tiktok, scope: commune, per: month, min: 2}\n"
          "  - {channel: reels, scope: commune, per: month, min: 1}\n")


@pytest.fixture
def setup(cli, tmp_path):
    def make(social: str = "{}"):  # type: ignore[no-untyped-def]
        from app.runtime import Runtime
        from app.settings import Settings

        text = world.plan_text(channels="[radio, web, facebook, zalo, youtube, tiktok, reels, shorts, board]",
                               social=social)
        (tmp_path / "plan.yaml").write_text(text.replace("quotas:\n", f"quotas:\n{QUOTAS}", 1), encoding="utf-8")
        result = cli("init", "--plan", str(tmp_path / "plan.yaml"))
        assert result.code == 0, result.err
        return Runtime(Settings())

    return make


def _video_env(tiktok, page, youtube) -> dict[str, str]:
    env = world.live_env(youtube=youtube)
    return env | {"LOA_TIKTOK_API_URL": tiktok.url, "LOA_TIKTOK_CLIENT_KEY": CLIENT_KEY,
                  "LOA_TIKTOK_CLIENT_SECRET": CLIENT_SECRET, "LOA_FACEBOOK_GRAPH_URL": page.url,
                  "LOA_FACEBOOK_UPLOAD_URL": page.url, "LOA_FACEBOOK_PAGE_ID": page.page_id,
                  "LOA_FACEBOOK_TOKEN": fake_reels.TOKEN, "LOA_HTTP_TIMEOUT_S": "2", "LOA_ZALO_VERIFY_WITHIN_S": "1"}


def _pubs(rt, channel):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from storage.models import Publication

    with rt.tx() as session:
        return [tuple(r) for r in session.execute(select(Publication.status, Publication.remote_id)
                                                  .where(Publication.channel == channel).order_by(Publication.id))]


def test_without_credentials_the_videos_go_to_the_outbox_and_count_toward_quotas(setup, cli, loa_home):
    from app.social.posts import dispatch_due_posts

    rt = setup()
    world.add_articles(rt, 1, VIDEO, now=NOW)
    outcomes = dispatch_due_posts(rt)
    assert sorted((o.channel, o.result) for o in outcomes) == [("reels", "dry-run"), ("shorts", "dry-run"),
                                                                ("tiktok", "dry-run")]
    def outbox(channel: str) -> dict:
        (path,) = (loa_home / "outbox" / channel).glob("pub-*-v1.json")
        return json.loads(path.read_text())

    for channel in VIDEO:
        record = outbox(channel)
        (part,) = record["parts"]
        assert part["media"]["path"].endswith(".mp4") and os.path.getsize(part["media"]["path"]) > 10_000
        assert "token" not in json.dumps(record).lower()
    tiktok = outbox("tiktok")["parts"][0]
    assert tiktok["json"]["post_info"]["privacy_level"] == "SELF_ONLY"  # the app is not audited
    paths = {outbox(c)["parts"][0]["media"]["path"] for c in VIDEO}
    assert len(paths) == 1  # one video rendered, shared by the three channels
    status = json.loads(cli("quota", "status", "--format", "json").out)
    published = {(r["channel"], r["published"]) for r in status if r["channel"] in VIDEO}
    assert published >= {("tiktok", 1), ("reels", 1)}


def test_a_post_first_found_too_late_is_missed(setup, loa_home):
    from app.social.posts import dispatch_due_posts

    rt = setup()
    world.add_articles(rt, 1, VIDEO, now=NOW)
    rt.settings = rt.settings.replace(now=NOW + timedelta(hours=3))
    assert sorted(o.result for o in dispatch_due_posts(rt)) == ["missed"] * 3


def test_each_channel_posts_once_through_faults_on_the_loopback_platforms(setup, cli, monkeypatch, loa_home):
    from app.social.posts import dispatch_due_posts

    tiktok, page, youtube = FakeTikTok(), fake_reels.FakeReels(), FakeYouTube()
    with serve(tiktok), serve(page), serve(youtube):
        world.apply_env(monkeypatch, _video_env(tiktok, page, youtube))
        rt = setup("{tiktok_privacy: PUBLIC_TO_EVERYONE, tiktok_audited: true}")
        tiktok.audited = True
        assert cli("channel", "token", "tiktok", stdin=tiktok.refresh_token).code == 0
        assert cli("channel", "token", "youtube", stdin=youtube.refresh_token).code == 0
        world.add_articles(rt, 1, VIDEO, now=NOW)
        tiktok.fail_next("init_lost")  # init reached TikTok, its answer never came back
        page.fail_next("finish_lost")  # the reel was finished, the answer lost
        youtube.fail_next("break_midway")  # resumed inside the same pass
        first = {o.channel: o.result for o in dispatch_due_posts(rt)}
        assert first == {"tiktok": "unknown", "reels": "unknown", "shorts": "published"}
        second = {o.channel: o.result for o in dispatch_due_posts(_later(rt))}
        assert second == {"tiktok": "published", "reels": "published"}
        assert dispatch_due_posts(_later(rt, 120)) == []
    assert len(tiktok.posts) == len(page.reels) == len(youtube.videos) == 1
    assert tiktok.posts[0]["privacy"] == "PUBLIC_TO_EVERYONE" and "#CCHC" in tiktok.posts[0]["title"]
    assert youtube.videos[0]["snippet"]["title"].endswith("#Shorts")
    assert _pubs(rt, "tiktok") == [("published", str(tiktok.posts[0]["id"]))]
    assert _pubs(rt, "reels") == [("published", page.reels[0]["id"])]
    secrets = [CLIENT_SECRET, fake_reels.TOKEN, *tiktok.access_tokens, tiktok.refresh_token]
    for path in loa_home.rglob("*"):
        if path.is_file() and path.suffix in (".json", ".log", ".txt", ".db"):
            data = path.read_bytes()
            assert not any(s.encode() in data for s in secrets), path


def _later(rt, minutes: int = 30):  # type: ignore[no-untyped-def]
    rt.settings = rt.settings.replace(now=NOW + timedelta(minutes=minutes))
    return rt


def test_a_series_resumes_after_its_first_part_and_never_posts_a_part_twice(tmp_path):
    import requests

    from app.social.series import Series, SeriesOutlet
    from media.social import OutcomeUnknown, PostContent
    from media.social.oauth import refresh_tiktok
    from media.social.tiktok import build_tiktok_post
    from media.social.tiktok_adapter import TikTokAdapter

    tiktok = FakeTikTok()
    with serve(tiktok):
        grant = refresh_tiktok(requests.Session(), api_url=tiktok.url, client_key=CLIENT_KEY,
                               client_secret=CLIENT_SECRET, refresh_token=tiktok.refresh_token, timeout=(1, 5))

        class Tokens:
            def current(self) -> str:
                return grant.access_token

            def refresh(self, rejected: str) -> str:
                raise AssertionError("not expected")

        parts = []
        for n in (1, 2, 3):
            video = tmp_path / f"p{n}.mp4"
            video.write_bytes(os.urandom(200_000))
            parts.append(build_tiktok_post(PostContent(key=f"pub-1-v1-p{n}", title="Tin", body="Nội dung."), video,
                                           api_url=tiktok.url, privacy="SELF_ONLY", part_label=f"Phần {n}/3"))
        series = Series(channel="tiktok", key="pub-1-v1", parts=tuple(parts))
        outlet = SeriesOutlet(TikTokAdapter(api_url=tiktok.url, tokens=Tokens(), timeout=(1, 5), first_wait_s=0.01,
                                            sleep=lambda s: None))
        kept: list[str] = []

        def keep(handle: str) -> None:
            kept.append(handle)
            state = json.loads(handle)
            if len(state["done"]) == 1 and state["at"] and not tiktok.faults_done:  # part 2 started: break it
                tiktok.fail_next(*["chunk_break"] * 5)

        with pytest.raises(OutcomeUnknown):  # part 1 is published, part 2's upload breaks five times
            outlet.send(series, on_handle=keep)
        state = json.loads(kept[-1])
        assert len(tiktok.posts) == 1 and len(state["done"]) == 1 and state["at"]
        assert outlet.find_existing(series, since=datetime.now(UTC), handle=kept[-1]) is None
        ids = outlet.send(series, handle=kept[-1], on_handle=kept.append)
    assert len(tiktok.posts) == 3 and ids.split(",")[0] == state["done"][0] and ids.count(",") == 2
    assert [p["title"].split("\n")[0] for p in tiktok.posts] == ["Tin (Phần 1/3)", "Tin (Phần 2/3)", "Tin (Phần 3/3)"]
