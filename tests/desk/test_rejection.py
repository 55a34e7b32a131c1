"""The author always knows why: a rejection's reason on the article page, in the list and in the edit
form; at resubmission the leader sees the earlier reason and what changed, in the text and in what Loa
will read (HTTP against the real desk)."""

from __future__ import annotations

import re

import pytest

from tests.desk.server import Desk, form_token, login

pytestmark = pytest.mark.xdist_group("desk-security")
REASON = "Số liệu quý I chưa đúng, hãy sửa 15 thành 18 hồ sơ"
BODY = "UBND phường đã tiếp nhận 15 hồ sơ trực tuyến trong quý I/2026."


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_reject_reason_reaches_the_author_and_the_leader_sees_the_changes(desk: Desk) -> None:
    lan, ngan = login(desk, "lan"), login(desk, "ngan")
    r = lan.post(desk.url + "/bai-viet/moi", data={
        "csrf": form_token(lan, desk, "/bai-viet/moi"), "tieu_de": "Kết quả tiếp nhận hồ sơ trực tuyến",
        "noi_dung": BODY, "don_vi": "vhxh", "kenh": ["radio", "web"], "uu_tien": "normal", "hanh_dong": "gui"},
        timeout=60)
    article = int(re.search(r"/bai-viet/(\d+)", r.url)[1])
    r = ngan.post(f"{desk.url}/duyet/{article}/tu-choi", data={"csrf": form_token(ngan, desk), "ly_do": REASON},
                  timeout=30)
    assert r.status_code == 200 and "gửi lý do cho tác giả" in r.text

    for path in (f"/bai-viet/{article}", "/bai-viet", f"/bai-viet/{article}/sua"):
        page = _text(lan.get(desk.url + path, timeout=30).text)
        assert "Lý do bị từ chối" in page and REASON in page, path
    assert "Võ Thị Ngọc Ngân" in _text(lan.get(f"{desk.url}/bai-viet/{article}", timeout=30).text)

    r = lan.post(f"{desk.url}/bai-viet/{article}/sua", data={
        "csrf": form_token(lan, desk), "tieu_de": "Kết quả tiếp nhận hồ sơ trực tuyến",
        "noi_dung": BODY.replace("15", "18"), "kenh": ["radio", "web"], "uu_tien": "normal", "hanh_dong": "gui"},
        timeout=60)
    assert r.status_code == 200 and "Chờ duyệt" in r.text
    assert REASON not in _text(lan.get(desk.url + "/bai-viet", timeout=30).text)  # no longer rejected

    html = ngan.get(f"{desk.url}/duyet/{article}", timeout=60).text
    section = html[html.index('class="diff resubmitted'):]
    assert REASON in _text(section) and "phiên bản 1" in _text(section)
    written, spoken = section.split("Loa sẽ đọc: thay đổi", 1)
    assert "<del>15</del>" in written and "<ins>18</ins>" in written
    assert "mười <del>lăm</del> <ins>tám</ins>" in spoken  # word by word, as the loudspeakers say it


def test_a_resubmission_without_changes_is_pointed_out(desk: Desk) -> None:
    lan, ngan = login(desk, "lan"), login(desk, "ngan")
    r = lan.post(desk.url + "/bai-viet/moi", data={
        "csrf": form_token(lan, desk, "/bai-viet/moi"), "tieu_de": "Bài gửi lại nguyên văn", "noi_dung": BODY,
        "don_vi": "vhxh", "kenh": ["web"], "uu_tien": "normal", "hanh_dong": "gui"}, timeout=60)
    article = int(re.search(r"/bai-viet/(\d+)", r.url)[1])
    ngan.post(f"{desk.url}/duyet/{article}/tu-choi", data={"csrf": form_token(ngan, desk), "ly_do": REASON},
              timeout=30)
    lan.post(f"{desk.url}/bai-viet/{article}/gui", data={"csrf": form_token(lan, desk)}, timeout=30)
    page = _text(ngan.get(f"{desk.url}/duyet/{article}", timeout=60).text)
    assert REASON in page and "gửi lại mà không sửa chữ nào" in page
