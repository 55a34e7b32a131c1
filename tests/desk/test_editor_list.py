"""Editors at the desk (HTTP against the real server): the preview names what Loa cannot read, with why,
before anything is saved; the list searches titles and texts, filters by status, unit, channel, topic and
month, and pages through the results; a filter naming nothing known is said, not a 500."""

from __future__ import annotations

import re

import pytest

from tests.desk.server import Desk, form_token, login
from tests.desk.test_security import NOW, runtime

pytestmark = pytest.mark.xdist_group("desk-security")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_preview_names_what_loa_cannot_read_before_saving(desk: Desk) -> None:
    from tests.desk.test_security import counts

    lan = login(desk, "lan")
    before = counts(desk)
    r = lan.post(desk.url + "/bai-viet/moi", data={
        "csrf": form_token(lan, desk, "/bai-viet/moi"), "tieu_de": "Nộp hồ sơ trên Cổng KQWZ",
        "noi_dung": "Người dân nộp hồ sơ qua ứng dụng XYZQ của tỉnh.", "don_vi": "vhxh", "kenh": ["radio"],
        "uu_tien": "normal", "hanh_dong": "xem"}, timeout=60)
    page = _text(r.text)
    assert r.status_code == 200 and "Loa chưa chắc cách đọc 2 chỗ" in page
    assert "chưa biết cách đọc KQWZ" in page and "chưa biết cách đọc XYZQ" in page and "từ điển" in page
    assert counts(desk) == before  # a preview saves nothing
    clip = re.search(r'src="(/bai-viet/nghe-thu/[0-9a-f]{40}\.mp3)"', r.text)
    assert clip, "no Nghe thử before saving"
    audio = lan.get(desk.url + clip[1], timeout=120)
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg"
    assert audio.content[:3] == b"ID3" or audio.content[:2] in (b"\xff\xfb", b"\xff\xf3")
    assert login(desk, "hung").get(desk.url + clip[1], timeout=30).status_code == 404  # only its writer's
    assert counts(desk) == before
    clean = lan.post(desk.url + "/bai-viet/moi", data={
        "csrf": form_token(lan, desk, "/bai-viet/moi"), "tieu_de": "Dịch vụ công trực tuyến",
        "noi_dung": "Người dân nộp hồ sơ trực tuyến.", "don_vi": "vhxh", "kenh": ["radio"], "uu_tien": "normal",
        "hanh_dong": "xem"}, timeout=60)
    assert "Loa chưa chắc cách đọc" not in clean.text


def test_the_list_searches_filters_and_pages(desk: Desk) -> None:
    from app.articles import editorial

    rt = runtime(desk)
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        for n in range(55):
            editorial.add_article(session, commune=commune, plan=plan, unit="tt-hcc", author="hung",
                                  title=f"Tin một cửa số {n}", body=f"Bộ phận một cửa tiếp nhận hồ sơ đợt {n}.",
                                  channels=["web"] if n % 2 else ["radio", "web"], topic="mot-cua", now=NOW)
        editorial.add_article(session, commune=commune, plan=plan, unit="tt-hcc", author="hung",
                              title="Thông báo lịch tiếp dân", body="Lãnh đạo phường tiếp công dân vào thứ Năm.",
                              channels=["facebook"], now=NOW)
    hung = login(desk, "hung")
    first = hung.get(desk.url + "/bai-viet", params={"tim": "một cửa"}, timeout=60).text
    assert "56 bài" not in _text(first) and "55 bài" in _text(first) and "Trang 1 / 2" in first
    second = hung.get(desk.url + "/bai-viet", params={"tim": "một cửa", "trang": 2}, timeout=60).text
    assert len(re.findall(r'data-label="Bài"', second)) == 5 and "tim=" in second  # the search stays on
    body = _text(hung.get(desk.url + "/bai-viet", params={"tim": "tiếp công dân"}, timeout=60).text)
    assert "1 bài" in body and "Thông báo lịch tiếp dân" in body  # found by its text, not its title
    radio = _text(hung.get(desk.url + "/bai-viet", params={"tim": "một cửa", "kenh": "radio"}, timeout=60).text)
    assert "28 bài" in radio
    facebook = _text(hung.get(desk.url + "/bai-viet", params={"kenh": "facebook", "chu_de": "mot-cua"},
                              timeout=60).text)
    assert "Không có bài nào khớp" in facebook
    month = _text(hung.get(desk.url + "/bai-viet", params={"thang": "2026-03", "trang_thai": "draft",
                                                           "don_vi": "tt-hcc"}, timeout=60).text)
    assert "56 bài" in month
    empty = _text(hung.get(desk.url + "/bai-viet", params={"thang": "2026-04"}, timeout=60).text)
    assert "Không có bài nào khớp" in empty
    lan = login(desk, "lan")  # another editor: her own list, unless she asks for every article
    assert "Tin một cửa số 3 " not in _text(lan.get(desk.url + "/bai-viet", params={"tim": "số 3"}, timeout=60).text)
    assert "Tin một cửa số 3 " in _text(lan.get(desk.url + "/bai-viet", params={"tim": "số 3", "pham_vi": "tat-ca"},
                                                timeout=60).text)
    for bad in ({"don_vi": "khong-co"}, {"thang": "2026-13"}, {"kenh": "<script>"}, {"trang_thai": "x"}):
        r = hung.get(desk.url + "/bai-viet", params=bad, timeout=60)
        assert r.status_code == 200 and "class=\"error\"" in r.text and "<script>" not in r.text, bad


def test_an_upload_links_the_articles_it_made_and_says_in_vietnamese_why_a_file_was_not(desk: Desk) -> None:
    """The import hands the desk the ids it made (no parsing of printed lines) and coded refusals, which the desk
    words in Vietnamese from the catalogue, each with its file's name."""
    from sqlalchemy import select

    from storage.models import Article

    lan = login(desk, "lan")
    good = ("mot-cua-tai-len.txt", "Một cửa tải lên\n\nBộ phận một cửa nhận hồ sơ cả sáng thứ bảy.\n".encode())
    files = [("tep", good), ("tep", ("chi-tieu-de.txt", "Chỉ có tiêu đề\n".encode()))]
    r = lan.post(desk.url + "/bai-viet/tai-len", data={"csrf": form_token(lan, desk, "/bai-viet"), "don_vi": "vhxh"},
                 files=files, timeout=60)
    with runtime(desk).tx() as session:
        made = session.scalar(select(Article.id).where(Article.source == "mot-cua-tai-len.txt"))
    page = _text(r.text)
    assert r.status_code == 400 and made is not None
    assert f"mot-cua-tai-len.txt: đã tạo bài {made}" in page and f'href="/bai-viet/{made}"' in r.text
    assert "chi-tieu-de.txt: tệp chỉ có tiêu đề «Chỉ có tiêu đề», chưa có nội dung." in page
    again = lan.post(desk.url + "/bai-viet/tai-len", data={"csrf": form_token(lan, desk, "/bai-viet"),
                                                           "don_vi": "vhxh"}, files=[("tep", good)], timeout=60)
    assert again.status_code == 200 and f"đã nhập trước đó (bài {made} ), bỏ qua" in _text(again.text)
