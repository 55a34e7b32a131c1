"""The commune's own readings on the desk (HTTP against the real server): an admin adds the reading of a
doubt from the article's preview and sees the preview again without it; the Từ điển page lists and
removes; an editor cannot add (403, nothing written); a bad reading is refused in Vietnamese, kept in
the form."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import func, select

from tests.desk.server import Desk, form_token, login
from tests.desk.test_security import add_article, runtime

pytestmark = pytest.mark.xdist_group("desk-security")


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _readings(desk: Desk) -> int:
    from storage.models import CommuneReading

    with runtime(desk).tx() as session:
        return session.scalar(select(func.count()).select_from(CommuneReading))


def test_an_admin_adds_a_reading_from_the_preview_and_the_doubt_is_gone(desk: Desk) -> None:
    article = add_article(desk, "lan", "Nộp hồ sơ trên Cổng KQWZ")
    page = f"/bai-viet/{article}"
    lan = login(desk, "lan")
    as_editor = lan.get(desk.url + page, timeout=60).text
    assert "chưa biết cách đọc KQWZ" in _text(as_editor) and "/tu-dien/them" not in as_editor  # no form for her
    refused = lan.post(desk.url + "/tu-dien/them", data={
        "csrf": form_token(lan, desk, page), "viet_tat": "KQWZ", "cach_doc": "khu quy hoạch",
        "tiep": desk.url + page}, timeout=30)
    assert refused.status_code == 403 and _readings(desk) == 0
    assert lan.get(desk.url + "/tu-dien", timeout=10).status_code == 403

    admin = login(desk, "admin")
    shown = admin.get(desk.url + page, timeout=60).text
    form = re.search(r'<form method="post" action="([^"]*/tu-dien/them)" class="add-reading">(.*?)</form>', shown, re.S)
    assert form, "no Thêm cách đọc beside the doubt"
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form[2]))
    assert fields["viet_tat"] == "KQWZ" and fields["tiep"].endswith(page)
    bad = admin.post(desk.url + "/tu-dien/them", data={**fields, "cach_doc": "khu 2"}, timeout=30)
    assert bad.status_code == 400 and "Cách đọc «khu 2» có chữ số" in _text(bad.text) and _readings(desk) == 0
    assert 'value="KQWZ"' in bad.text  # what was typed is kept
    added = admin.post(desk.url + "/tu-dien/them", data={**fields, "cach_doc": "khu quy hoạch"}, timeout=60)
    assert added.status_code == 200 and added.url.split("?")[0].endswith(page), added.url
    again = _text(added.text)
    assert "Đã thêm cách đọc" in again and "chưa biết cách đọc KQWZ" not in again and "khu quy hoạch" in again
    assert "chưa biết cách đọc KQWZ" not in _text(lan.get(desk.url + page, timeout=60).text)  # for everyone

    listing = admin.get(desk.url + "/tu-dien", timeout=10).text
    assert "KQWZ" in listing and "khu quy hoạch" in listing and "Quản trị hệ thống" in listing  # by name
    duplicate = admin.post(desk.url + "/tu-dien/them", data={**fields, "cach_doc": "khác"}, timeout=30)
    assert duplicate.status_code == 400 and "KQWZ đã có cách đọc «khu quy hoạch»" in _text(duplicate.text)
    log = _text(admin.get(desk.url + "/nhat-ky", timeout=30).text)
    assert "Thêm cách đọc vào từ điển" in log
    gone = admin.post(desk.url + "/tu-dien/bo", data={"csrf": form_token(admin, desk, "/tu-dien"),
                                                        "viet_tat": "KQWZ"}, timeout=30)
    assert gone.status_code == 200 and "Đã bỏ cách đọc" in _text(gone.text) and _readings(desk) == 0
    assert "chưa biết cách đọc KQWZ" in _text(admin.get(desk.url + page, timeout=60).text)


def test_the_write_form_links_to_the_lexicon_without_losing_the_text(desk: Desk) -> None:
    admin = login(desk, "admin")
    r = admin.post(desk.url + "/bai-viet/moi", data={
        "csrf": form_token(admin, desk, "/bai-viet/moi"), "tieu_de": "Tin về XKQW", "noi_dung": "Nội dung XKQW.",
        "don_vi": "vhxh", "kenh": ["radio"], "uu_tien": "normal", "hanh_dong": "xem"}, timeout=60)
    assert r.status_code == 200 and "Tin về XKQW" in r.text
    assert re.search(r'href="[^"]*/tu-dien\?viet_tat=XKQW" target="_blank"', r.text)  # a new tab: the draft stays
    assert "/tu-dien/them" not in r.text
