"""The voices on the desk against a real server: who read the clip beside *Nghe thử*, side-by-side samples,
and the admin's usage against the budget; a loopback Zalo AI voice with espeak-ng as its fallback."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.desk.server import Desk, env_for, form_token, login, prepare, start
from tests.desk.test_security import add_article
from tests.media.speech.providers import FakeProvider, serve

pytestmark = pytest.mark.xdist_group("desk-voices")


@pytest.fixture(scope="module")
def zalo() -> Iterator[FakeProvider]:
    fake = FakeProvider("zalo")
    with serve(fake) as url:
        fake.endpoint = url
        yield fake


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, zalo: FakeProvider) -> Iterator[Desk]:
    home = tmp_path_factory.mktemp("desk-voices") / "var"
    home.mkdir()
    env = env_for(home, LOA_TTS_FALLBACK="espeak", LOA_ZALO_TTS_URL=zalo.endpoint, LOA_ZALO_TTS_KEY=zalo.key)
    env["LOA_TTS_ENGINE"] = "zalo"
    prepare(home, env)
    server = start(home, env)
    yield server
    server.stop()


def _voice_line(html: str) -> str:
    found = re.search(r'<p class="meta voice">([^<]*)</p>', html)
    return found[1] if found else ""


def test_nghe_thu_says_which_voice_read_the_clip(desk: Desk, zalo: FakeProvider) -> None:
    first = add_article(desk, "lan", "Lịch tiếp công dân tháng ba")
    ngan = login(desk, "ngan")
    page = ngan.get(f"{desk.url}/duyet/{first}", timeout=10).text
    assert _voice_line(page) == "Chưa đọc; sẽ đọc bằng Zalo AI, giọng 2 (nữ miền Bắc)."
    clip = ngan.get(f"{desk.url}/bai-viet/{first}/nghe.mp3?phien_ban=1", timeout=120)
    assert clip.status_code == 200 and clip.headers["content-type"] == "audio/mpeg"
    assert _voice_line(ngan.get(f"{desk.url}/duyet/{first}", timeout=10).text) == \
        "Đọc bằng Zalo AI, giọng 2 (nữ miền Bắc)."
    second = add_article(desk, "hung", "Thông báo thu hồ sơ")
    zalo.fail_next(*["503"] * 10)
    assert ngan.get(f"{desk.url}/bai-viet/{second}/nghe.mp3?phien_ban=1", timeout=120).status_code == 200
    zalo.queued.clear()  # a refusal the cancelled piece did not use
    line = _voice_line(ngan.get(f"{desk.url}/duyet/{second}", timeout=10).text)
    assert line.startswith("Đọc bằng espeak-ng (offline), giọng vi (giọng Bắc)") and \
        "đọc bằng giọng dự phòng espeak" in line
    assert _voice_line(login(desk, "hung").get(f"{desk.url}/bai-viet/{second}", timeout=10).text) == line


def test_an_editor_hears_one_paragraph_in_each_voice_side_by_side(desk: Desk, zalo: FakeProvider) -> None:
    lan = login(desk, "lan")
    page = lan.get(f"{desk.url}/giong-doc", timeout=10)
    assert page.status_code == 200 and "Nghe thử" in page.text and "Số ký tự đã gửi" not in page.text
    before = len(zalo.syntheses())
    r = lan.post(f"{desk.url}/giong-doc/nghe-thu", data={"csrf": form_token(lan, desk, "/giong-doc"),
                                                          "doan": "Bà con nộp hồ sơ trực tuyến.", "giong": "zalo"},
                 timeout=300)
    assert r.status_code == 200, r.text[-2000:]
    sent = zalo.syntheses()[before:]
    assert sorted(s.form()["speaker_id"] for s in sent) == ["1", "2", "3", "4"]
    players = re.findall(r'data-src="([^"]*/giong-doc/mau/[0-9a-f]{64}\.mp3)"', r.text)
    assert len(players) == 4 and "nam miền Nam" in r.text and "nữ miền Bắc" in r.text
    for src in players:
        audio = lan.get(src if src.startswith("http") else "/".join(desk.url.split("/")[:3]) + src, timeout=10)
        assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg"
    for bad, says in (({"doan": "", "giong": "zalo"}, "Nhập một đoạn văn"),
                      ({"doan": "Xin chào", "giong": "viettel"}, "Chọn một giọng đã cài đặt"),
                      ({"doan": "x" * 501, "giong": "zalo"}, "tối đa 500 ký tự")):
        r = lan.post(f"{desk.url}/giong-doc/nghe-thu", data={"csrf": form_token(lan, desk, "/giong-doc"), **bad},
                     timeout=30)
        assert r.status_code == 400 and says in r.text
    assert lan.get(f"{desk.url}/giong-doc/mau/{'0' * 64}.mp3", timeout=10).status_code == 404


def test_the_admin_sees_usage_against_the_budget_and_an_auditor_no_voices(desk: Desk, zalo: FakeProvider) -> None:
    # its own clip through the paid voice: xdist may run this test on a worker that ran none of the others
    article = add_article(desk, "lan", "Lịch trực một cửa ngày thứ bảy")
    heard = login(desk, "ngan").get(f"{desk.url}/bai-viet/{article}/nghe.mp3?phien_ban=1", timeout=120)
    assert heard.status_code == 200 and zalo.syntheses()
    admin = login(desk, "admin").get(f"{desk.url}/giong-doc", timeout=10).text
    assert "Số ký tự đã gửi tháng này" in admin and "Zalo AI" in admin
    row = re.search(r"<td data-label=\"Nhà cung cấp\">Zalo AI</td>\s*<td data-label=\"Ký tự\">([\d.]+)</td>", admin)
    assert row and int(row[1].replace(".", "")) > 0
    assert login(desk, "thanh").get(f"{desk.url}/giong-doc", timeout=10).status_code == 403
    assert zalo.key not in admin
