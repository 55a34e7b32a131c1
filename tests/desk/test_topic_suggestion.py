"""The desk preselects the topic suggested from the text, and an article saved with no topic keeps the
suggestion marked as such until someone sets it."""

from __future__ import annotations

import re

import pytest

from tests.desk.server import Desk, form_token, login

pytestmark = pytest.mark.xdist_group("desk-topics")
TITLE = "Bộ phận một cửa phường nhận hồ sơ cả ngày thứ Bảy"
BODY = "Hồ sơ được tiếp nhận theo cơ chế một cửa, một cửa liên thông, trả kết quả đúng hẹn."


def _selected_topic(page: str) -> str | None:
    select = re.search(r'<select name="chu_de">(.*?)</select>', page, re.S)
    assert select is not None
    chosen = re.search(r'<option value="([^"]*)" selected>', select.group(1))
    return chosen.group(1) if chosen else None


def test_the_preview_preselects_the_suggested_topic(desk: Desk) -> None:
    lan = login(desk, "lan")
    page = lan.post(desk.url + "/bai-viet/moi", data={
        "csrf": form_token(lan, desk), "tieu_de": TITLE, "noi_dung": BODY, "don_vi": "vhxh", "kenh": "web",
        "uu_tien": "normal", "hanh_dong": "xem"}, timeout=60)
    assert page.status_code == 200
    assert _selected_topic(page.text) == "mot-cua"
    empty = lan.get(desk.url + "/bai-viet/moi", timeout=30)
    assert _selected_topic(empty.text) is None  # nothing written yet: nothing suggested


def test_an_article_saved_without_a_topic_shows_it_as_a_suggestion(desk: Desk) -> None:
    lan = login(desk, "lan")
    saved = lan.post(desk.url + "/bai-viet/moi", data={
        "csrf": form_token(lan, desk), "tieu_de": TITLE, "noi_dung": BODY, "don_vi": "vhxh", "kenh": "web",
        "uu_tien": "normal", "chu_de": "", "hanh_dong": "luu"}, timeout=60)
    assert saved.status_code == 200 and "/bai-viet/" in saved.url
    assert "gợi ý, chưa xác nhận" in saved.text


def test_the_preview_lists_what_loa_is_not_sure_how_to_read(desk: Desk) -> None:
    lan = login(desk, "lan")
    page = lan.post(desk.url + "/bai-viet/moi", data={
        "csrf": form_token(lan, desk), "tieu_de": TITLE, "noi_dung": "UBND TT Phong Điền gửi TT để biết.",
        "don_vi": "vhxh", "kenh": "web", "uu_tien": "normal", "hanh_dong": "xem"}, timeout=60)
    assert page.status_code == 200
    assert "thị trấn Phong Điền" in re.sub(r"<[^>]+>", "", page.text)  # context decided the first one
    doubts = re.findall(r'<p class="doubts">.*?</p>', page.text, re.S)
    assert len(doubts) == 1 and re.search(r'<code title="TT: context does not say[^"]*">TT</code>', doubts[0])
