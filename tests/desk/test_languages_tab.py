"""The article page's *Bản tiếng dân tộc*: an editor saves the H'Mông text, uploads its reading and submits it; a
leader listens and approves it; what the rules refuse is one Vietnamese line."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PLAN
from tests.desk.server import PASSWORDS, Desk, env_for, form_token, login, start
from tests.recordings import make_recording

BODY = "Người dân có thể nộp hồ sơ trực tuyến tại cổng dịch vụ công của phường."
HMONG = "Cov pej xeem tuaj yeem xa ntaub ntawv hauv online."


@pytest.fixture(scope="module")
def lang_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    home = tmp_path_factory.mktemp("desk-languages") / "var"
    home.mkdir()
    plan = home.parent / "plan.yaml"
    plan.write_text(PLAN.read_text(encoding="utf-8") + "languages: [vi, hmn]\nrecordings: {max_mb: 1}\n",
                    encoding="utf-8")
    env = env_for(home)
    loa = str(Path(sys.executable).parent / "loa")
    subprocess.run([loa, "init", "--plan", str(plan)], env=env, check=True, capture_output=True, timeout=60)
    for name in ("lan", "ngan"):
        subprocess.run([loa, "person", "password", name], input=PASSWORDS[name] + "\n", text=True, env=env,
                       check=True, capture_output=True, timeout=60)
    subprocess.run([loa, "article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Nộp hồ sơ", "--body",
                    BODY, "--channels", "radio,web"], env=env, check=True, capture_output=True, timeout=60)
    server = start(home, env)
    yield server
    server.stop()


def test_an_hmong_version_on_the_desk(lang_desk: Desk, tmp_path: Path) -> None:
    url = f"{lang_desk.url}/bai-viet/1"
    lan = login(lang_desk, "lan")
    page = lan.get(url, timeout=10).text
    assert "Bản tiếng dân tộc" in page and "Tiếng H&#39;Mông (hmn) — chưa có bản dịch" in page.replace("&#x27;",
                                                                                                   "&#39;")
    csrf = form_token(lan, lang_desk, "/bai-viet/1")
    saved = lan.post(f"{url}/ban-dich/hmn", data={"csrf": csrf, "tieu_de": "Xa ntaub ntawv", "noi_dung": HMONG},
                     timeout=30)
    assert saved.status_code == 200 and "Đã lưu bản dịch" in saved.text and HMONG in saved.text
    early = lan.post(f"{url}/ban-dich/hmn/gui", data={"csrf": csrf}, timeout=30)
    assert early.status_code == 400 and "chưa có bản thu âm" in early.text
    wrong = lan.post(f"{url}/ban-dich/tha", data={"csrf": csrf, "noi_dung": "x"}, timeout=30)
    assert wrong.status_code == 400 and "Kế hoạch chưa có tiếng này" in wrong.text
    big = make_recording(tmp_path, "wav", seconds=40, name="dai").read_bytes()  # 1.3 MB, past the plan's 1 MB
    refused = lan.post(f"{url}/ban-dich/hmn/thu-am", data={"csrf": csrf}, files={"tep": ("dai.wav", big, "audio/wav")},
                       timeout=60)
    assert refused.status_code == 400 and "Tệp ghi âm quá giới hạn 1 MB" in refused.text  # not even kept
    reading = make_recording(tmp_path, "m4a").read_bytes()
    recorded = lan.post(f"{url}/ban-dich/hmn/thu-am", data={"csrf": csrf},
                        files={"tep": ("hmn.m4a", reading, "audio/mp4")}, timeout=60)
    assert recorded.status_code == 200 and "có bản thu âm (" in recorded.text and " giây)" in recorded.text
    assert lan.post(f"{url}/ban-dich/hmn/gui", data={"csrf": csrf}, timeout=30).status_code == 200
    assert lan.post(f"{url}/ban-dich/hmn/duyet", data={"csrf": csrf}, timeout=30).status_code == 403  # an editor
    ngan = login(lang_desk, "ngan")
    page = ngan.get(url, timeout=10).text
    assert "Duyệt bản tiếng H" in page and "Chờ duyệt" in page
    audio = ngan.get(f"{url}/ban-dich/hmn/nghe.mp3", timeout=30)
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg" and audio.content[:3] == b"ID3"
    done = ngan.post(f"{url}/ban-dich/hmn/duyet", data={"csrf": form_token(ngan, lang_desk, "/bai-viet/1")},
                     timeout=30)
    assert done.status_code == 200 and "Đã duyệt" in done.text
    assert "Chờ duyệt, bản 1" not in done.text and "Đã duyệt, bản 1" in done.text
