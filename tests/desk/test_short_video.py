"""The desk previews an article's vertical video (TikTok, Reels, Shorts) with its captions."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import PLAN
from tests.desk.server import PASSWORDS, Desk, env_for, login, start


@pytest.fixture(scope="module")
def video_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    home = tmp_path_factory.mktemp("desk-video") / "var"
    home.mkdir()
    plan = home.parent / "plan.yaml"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace(
        "channels: [radio, web, facebook, zalo, board]", "channels: [radio, web, facebook, zalo, tiktok, reels, "
        "shorts, board]"), encoding="utf-8")
    env = env_for(home)
    loa = str(Path(sys.executable).parent / "loa")
    subprocess.run([loa, "init", "--plan", str(plan)], env=env, check=True, capture_output=True, timeout=60)
    for name in ("lan", "ngan"):
        subprocess.run([loa, "person", "password", name], input=PASSWORDS[name] + "\n", text=True, env=env,
                       check=True, capture_output=True, timeout=60)
    for channels in ("radio,tiktok,reels", "radio,web"):
        subprocess.run([loa, "article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Giảm 50% lệ phí",
                        "--body", "Theo Nghị quyết 76/NQ-CP, lệ phí giảm 50% từ ngày 15/7.", "--channels", channels],
                       env=env, check=True, capture_output=True, timeout=60)
    server = start(home, env)
    yield server
    server.stop()


def test_the_article_page_plays_part_one_with_captions_made_on_demand(video_desk: Desk) -> None:
    lan = login(video_desk, "lan")
    page = lan.get(f"{video_desk.url}/bai-viet/1", timeout=10).text
    assert '<video controls preload="none"' in page and "/bai-viet/1/video/1.mp4?phien_ban=1" in page
    assert 'kind="captions" srclang="vi"' in page and "bấm «Nghe thử»" in page  # parts not known before a clip
    assert "<video" not in lan.get(f"{video_desk.url}/bai-viet/2", timeout=10).text  # no video channel
    mp4 = lan.get(f"{video_desk.url}/bai-viet/1/video/1.mp4?phien_ban=1", timeout=120)
    assert mp4.status_code == 200 and mp4.headers["content-type"] == "video/mp4"
    assert mp4.content[4:8] == b"ftyp" and len(mp4.content) > 10_000
    vtt = lan.get(f"{video_desk.url}/bai-viet/1/video/1.vtt", timeout=120)
    assert vtt.headers["content-type"].startswith("text/vtt") and vtt.text.startswith("WEBVTT")
    assert "76/NQ-CP" in vtt.text and "15/7" in vtt.text
    page = lan.get(f"{video_desk.url}/bai-viet/1", timeout=10).text  # the clip is made: its parts are known
    assert "<strong>Phần 1/1</strong>" in page and "giây)" in page
    missing = lan.get(f"{video_desk.url}/bai-viet/1/video/4.mp4", timeout=120)
    assert missing.status_code == 400 and "chỉ có 1 phần, không có phần 4" in missing.text
    assert lan.get(f"{video_desk.url}/bai-viet/99/video/1.mp4", timeout=10).status_code == 404
    anonymous = requests.get(f"{video_desk.url}/bai-viet/1/video/1.mp4", timeout=10, allow_redirects=False)
    assert anonymous.status_code in (302, 303, 401) and not anonymous.content.startswith(b"\x00\x00")
