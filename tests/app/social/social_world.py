"""A commune with many approved articles due on Facebook, Zalo and YouTube, and the fake platforms' settings.

Used by the dispatcher tests, the reliability tests (also from a subprocess) and the social benchmark.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime
from pathlib import Path

import imageio_ffmpeg

from tests.media.social.fake_youtube import CLIENT_ID, CLIENT_SECRET
from tests.media.social.fake_zalo import APP_ID, APP_SECRET
from tests.media.social.loopback import FB_TOKEN

ROOT = Path(__file__).resolve().parents[3]
PLAN = ROOT / "schedules" / "plans" / "phu-khuong.yaml"
SECRET_KEY = "dxn4aYMomp0u_AwpPJYErINVo1MT0VMAgrntM0mbACc="  # a Fernet key for tests only
BODY = ("Thực hiện Nghị quyết số 76/NQ-CP, UBND phường đẩy mạnh cải cách hành chính.\n\n"
        "Người dân nộp hồ sơ trực tuyến tại nhà, nhận kết quả qua bưu điện.")


def plan_text(channels: str = "[radio, web, facebook, zalo, youtube, board]", social: str = "{}") -> str:
    text = PLAN.read_text(encoding="utf-8").replace("channels: [radio, web, facebook, zalo, board]",
                                                    f"channels: {channels}")
    return text + f"social: {social}\n"


def write_plan(folder: Path, **kw: str) -> Path:
    path = folder / "plan.yaml"
    path.write_text(plan_text(**kw), encoding="utf-8")
    return path


def add_articles(rt, n: int, channels: list[str], *, now: datetime, prefix: str = "Tin") -> list[int]:  # type: ignore[no-untyped-def]
    """`n` approved articles on `channels`; video channels get a 1-second clip row (shared) so they are due."""
    from app.articles.editorial import add_article, approve_article, submit_article
    from storage import publications
    from storage.models import AudioClip

    clip = _clip(rt.settings.home)
    ids = []
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        for i in range(n):
            article = add_article(session, commune=commune, plan=plan, unit="vhxh", author="lan",
                                  title=f"{prefix} cải cách hành chính số {i + 1}", body=BODY, channels=channels,
                                  now=now)
            submit_article(session, commune=commune, article_id=article.id, by="lan", now=now)
            approve_article(session, commune=commune, article_id=article.id, by="ngan", now=now)
            if set(channels) & {"youtube", "tiktok", "reels", "shorts"}:
                session.add(AudioClip(article_version_id=article.current.id, sha256="0" * 64, path=clip,
                                      bytes=1000, duration_s=1.0, lufs=None, true_peak_db=None, engine="test",
                                      created_at=now))
                session.flush()
                publications.media_ready(session, version_id=article.current.id, now=now)
            ids.append(article.id)
    return ids


def _clip(home: Path) -> str:
    path = home / "media" / "test-clip.mp3"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "sine=f=330:d=1",
                        "-c:a", "libmp3lame", "-b:a", "32k", str(path)], check=True, timeout=30)
    return "media/test-clip.mp3"


def live_env(graph=None, zalo=None, youtube=None) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """LOA_* settings that point every channel at the fakes (and make timeouts short)."""
    env = {"LOA_SECRET_KEY": SECRET_KEY, "LOA_HTTP_TIMEOUT_S": "0.4", "LOA_ZALO_VERIFY_WITHIN_S": "0.3",
           "LOA_VIDEO_HEIGHT": "180", "LOA_SOCIAL_CONCURRENCY": "8", "LOA_BASE_URL": "https://cong.phukhuong.example/cchc/"}
    if graph is not None:
        env |= {"LOA_FACEBOOK_GRAPH_URL": graph.url, "LOA_FACEBOOK_PAGE_ID": graph.page_id,
                "LOA_FACEBOOK_TOKEN": FB_TOKEN}
    if zalo is not None:
        env |= {"LOA_ZALO_API_URL": zalo.url, "LOA_ZALO_OAUTH_URL": zalo.url, "LOA_ZALO_APP_ID": APP_ID,
                "LOA_ZALO_APP_SECRET": APP_SECRET, "LOA_ZALO_COVER_URL": "https://cong.phukhuong.example/cover.jpg"}
    if youtube is not None:
        env |= {"LOA_YOUTUBE_UPLOAD_URL": youtube.url, "LOA_YOUTUBE_TOKEN_URL": f"{youtube.url}/token",
                "LOA_YOUTUBE_CLIENT_ID": CLIENT_ID, "LOA_YOUTUBE_CLIENT_SECRET": CLIENT_SECRET}
    return env


def secrets_of(graph=None, zalo=None, youtube=None) -> list[str]:  # type: ignore[no-untyped-def]
    """Every token and secret the platforms and Loa's settings hold: none may appear on disk or in logs."""
    found = [SECRET_KEY, FB_TOKEN] if graph is not None else [SECRET_KEY]
    if zalo is not None:
        found += [APP_SECRET, *zalo.issued]
    if youtube is not None:
        found += [CLIENT_SECRET, youtube.refresh_token, *youtube.issued]
    return found


def apply_env(monkeypatch, env: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for key, value in env.items():
        monkeypatch.setenv(key, value)


def subprocess_env(base: dict[str, str]) -> dict[str, str]:
    """This process's environment (LOA_HOME, LOA_NOW, … as the test set them) with `base` on top."""
    if "LOA_HOME" not in os.environ:
        raise RuntimeError("set LOA_HOME before starting a dispatcher process")
    return {**os.environ, **base, "PYTHONPATH": str(ROOT)}
