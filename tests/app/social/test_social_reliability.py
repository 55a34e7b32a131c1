"""Reliability of the social dispatcher against fault-injecting Graph-, Zalo- and YouTube-shaped servers.

With 30% of the requests failing in the ways platforms fail (5xx before and after creating, throttling,
answers that never come after the post was made, expired tokens, `verify` still processing, uploads
broken midway), 100 publications per channel end with each post existing exactly once remotely and
`published` locally with its remote id; killing the dispatcher (a real process, SIGKILL) at random
points and restarting it changes nothing; two dispatchers on one PostgreSQL never send the same
publication; no token or secret is ever found in LOA_HOME, the database or the logs.
"""

from __future__ import annotations

import logging
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.app.social import social_world as world
from tests.app.social.social_dispatcher import remaining
from tests.media.social.loopback import FakeGraph, FakeYouTube, FakeZalo, serve

NOW = datetime.fromisoformat("2026-03-02T08:00:00+07:00")
N = 100
CHANNELS = ["facebook", "zalo", "youtube"]


def _platforms(fault_rate: float, seed: int):  # type: ignore[no-untyped-def]
    return (FakeGraph(fault_rate=fault_rate, seed=seed, stall_s=0.6),
            FakeZalo(fault_rate=fault_rate, seed=seed + 1, stall_s=0.6, processing_polls=1),
            FakeYouTube(fault_rate=fault_rate, seed=seed + 2))


def _prepare(cli, tmp_path, monkeypatch, graph, zalo, youtube, database_url=None, n=N):  # type: ignore[no-untyped-def]
    from app.runtime import Runtime
    from app.settings import Settings

    env = world.live_env(graph, zalo, youtube) | ({"LOA_DATABASE_URL": database_url} if database_url else {})
    world.apply_env(monkeypatch, env)
    plan = world.write_plan(tmp_path, social="{send_late: true}")
    assert cli("init", "--plan", str(plan)).code == 0
    assert cli("channel", "token", "zalo", stdin=zalo.grant_refresh_token()).code == 0
    assert cli("channel", "token", "youtube", stdin=youtube.refresh_token).code == 0
    rt = Runtime(Settings())
    world.add_articles(rt, n, CHANNELS, now=NOW)
    return rt, env


def _check_once_each(rt, graph, zalo, youtube, n: int = N) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from storage.models import Publication

    with rt.tx() as session:
        rows = session.execute(select(Publication.channel, Publication.status, Publication.remote_id)
                               .where(Publication.channel.in_(CHANNELS))).all()
        why = session.execute(select(Publication.id, Publication.channel, Publication.status, Publication.last_error)
                              .where(Publication.channel.in_(CHANNELS), Publication.status != "published")).all()
    assert Counter((c, s) for c, s, _ in rows) == {(c, "published"): n for c in CHANNELS}, why
    local = {c: sorted(r for ch, s, r in rows if ch == c) for c in CHANNELS}
    titles = [m.split("\n\n", 1)[0] for m in graph.messages()]
    assert len(titles) == n and len(set(titles)) == n, Counter(titles).most_common(3)
    assert local["facebook"] == sorted(p["id"] for p in graph.posts)
    assert len(zalo.articles) == n and len(set(zalo.titles())) == n, Counter(zalo.titles()).most_common(3)
    assert local["zalo"] == sorted(a["id"] for a in zalo.articles)
    uploaded = [v["snippet"]["title"] for v in youtube.videos]
    assert len(uploaded) == n and len(set(uploaded)) == n
    assert local["youtube"] == sorted(v["id"] for v in youtube.videos)


def _check_no_secret(home: Path, logs: str, graph, zalo, youtube, extra: bytes = b"") -> None:  # type: ignore[no-untyped-def]
    secrets = world.secrets_of(graph, zalo, youtube)
    assert len(secrets) > 6
    blobs = {str(p): p.read_bytes() for p in home.rglob("*") if p.is_file()}
    blobs["<logs>"] = logs.encode()
    blobs["<database dump>"] = extra
    leaks = [(name, s) for name, blob in blobs.items() for s in secrets if s.encode() in blob]
    assert leaks == []


def test_thirty_percent_faults_end_with_each_post_once_remotely_and_published_locally(cli, tmp_path, monkeypatch,
                                                                                       loa_home, caplog):
    from app.social.posts import dispatch_due_posts

    caplog.set_level(logging.INFO)
    graph, zalo, youtube = _platforms(0.3, seed=7)
    with serve(graph), serve(zalo), serve(youtube):
        rt, _ = _prepare(cli, tmp_path, monkeypatch, graph, zalo, youtube)
        for n in range(30):
            rt.settings = rt.settings.replace(now=NOW + n * timedelta(minutes=16))
            dispatch_due_posts(rt)
            if remaining(rt) == 0:
                break
        assert remaining(rt) == 0
    kinds = Counter(graph.faults_done + zalo.faults_done + youtube.faults_done)
    assert {"5xx_after", "stall_after", "drop_after", "throttle", "expired", "break_midway"} <= set(kinds), kinds
    _check_once_each(rt, graph, zalo, youtube)
    assert zalo.refreshes >= 2 and len(youtube.issued) >= 2  # expired tokens were refreshed
    _check_no_secret(loa_home, caplog.text, graph, zalo, youtube)


def _dispatcher(env: dict[str, str], start: datetime, log: Path, passes: int = 30) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.app.social.social_dispatcher", "--start", start.isoformat(),
         "--passes", str(passes)],
        env=world.subprocess_env(env), cwd=world.ROOT, stdout=subprocess.PIPE, stderr=log.open("ab"))


def test_killing_the_dispatcher_at_random_points_changes_nothing(cli, tmp_path, monkeypatch, loa_home):
    graph, zalo, youtube = _platforms(0.3, seed=11)
    rng = random.Random(5)
    log = tmp_path / "dispatcher.log"
    with serve(graph), serve(zalo), serve(youtube):
        rt, env = _prepare(cli, tmp_path, monkeypatch, graph, zalo, youtube)
        start, kills = NOW, 0
        for _ in range(3):
            proc = _dispatcher(env, start, log)
            time.sleep(rng.uniform(1.3, 2.8))  # the imports take ~1 s; then it is mid-pass
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                kills += 1
            proc.wait(timeout=10)
            start += timedelta(hours=10)  # later than every pass of the killed process, past its stale claims
        final = _dispatcher(env, start, log)
        out, _ = final.communicate(timeout=120)
        assert final.returncode == 0, out
        assert kills >= 2
    assert remaining(rt) == 0
    _check_once_each(rt, graph, zalo, youtube)
    _check_no_secret(loa_home, log.read_text(encoding="utf-8"), graph, zalo, youtube)


@pytest.mark.postgres
def test_two_dispatchers_on_one_postgresql_never_send_the_same_publication(cli, tmp_path, monkeypatch, pg_url,
                                                                           loa_home):
    graph, zalo, youtube = _platforms(0.0, seed=3)
    log, n = tmp_path / "dispatchers.log", 50
    with serve(graph), serve(zalo), serve(youtube):
        rt, env = _prepare(cli, tmp_path, monkeypatch, graph, zalo, youtube, database_url=pg_url, n=n)
        workers = [_dispatcher(env, NOW, log), _dispatcher(env, NOW, log)]
        outs = [w.communicate(timeout=120)[0].decode() for w in workers]
        assert [w.returncode for w in workers] == [0, 0], outs
    assert all('"published"' in out for out in outs), outs  # both took part
    _check_once_each(rt, graph, zalo, youtube, n)
    creates = [s for s in graph.seen + zalo.seen + youtube.seen
               if s.method == "POST" and s.path.endswith(("/feed", "/create", "/videos"))]
    assert len(creates) == 3 * n  # not one publication sent twice
    import psycopg

    with psycopg.connect(pg_url.replace("postgresql+psycopg", "postgresql")) as conn:
        dump = "\n".join(str(row) for table in ("channel_token", "publication", "audit_entry")
                         for row in conn.execute(f"SELECT * FROM {table}"))  # noqa: S608
    _check_no_secret(loa_home, log.read_text(encoding="utf-8"), graph, zalo, youtube, extra=dump.encode())


def _status(rt, channel: str) -> str | None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from storage.models import Publication

    with rt.tx() as session:
        return session.execute(select(Publication.status).where(Publication.channel == channel)).scalar()


def test_a_dispatcher_killed_while_its_post_awaits_an_answer_is_taken_over_at_once(cli, tmp_path, monkeypatch,
                                                                                    loa_home):
    """The Page made the post but its answer never came back before `kill -9`: the next pass (same hour,
    long before the claim would go stale) sees the claim's process is dead, finds the post on the Page
    and records it; nothing is posted twice."""
    graph, zalo, youtube = _platforms(0.0, seed=1)
    graph.stall_s = 120.0
    graph.fail_next("stall_after")
    log = tmp_path / "dispatcher.log"
    with serve(graph), serve(zalo), serve(youtube):
        rt, env = _prepare(cli, tmp_path, monkeypatch, graph, zalo, youtube, n=1)
        proc = _dispatcher(env, NOW, log, passes=1)
        deadline = time.monotonic() + 60
        # made on the Page, its answer held back, and Zalo done first: the kill lands on the Facebook post this
        # test is about (once in a loaded run Zalo ended `failed` here; a kill between Zalo's answer to a token
        # refresh and its storing would lose the single-use refresh token, which this test does not cover)
        while not graph.posts or _status(rt, "zalo") != "published":
            assert proc.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, "the dispatcher never posted"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert remaining(rt) >= 1  # the Facebook post is still `sending`
        # a second pass 16 minutes on: a Zalo create cut by the kill is created again only once the OA had
        # LOA_ZALO_LISTING_WAIT_S to process and list it
        final = _dispatcher(env, NOW + timedelta(minutes=1), log, passes=2)
        out, _ = final.communicate(timeout=120)
        assert final.returncode == 0, (out, log.read_text(encoding="utf-8"))
    assert remaining(rt) == 0
    _check_once_each(rt, graph, zalo, youtube, n=1)
    posts = [s for s in graph.seen if s.method == "POST" and s.path.endswith("/feed")]
    assert len(posts) == 1  # looked up, not sent again
