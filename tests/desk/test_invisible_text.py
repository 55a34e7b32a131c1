"""The desk's article forms (new and edit) store titles and bodies without invisible characters."""

from __future__ import annotations

import re
import sqlite3
import unicodedata

from tests.app.articles.test_invisible_input import BODY, SEEN_BODY, SEEN_TITLE, TITLE
from tests.desk.server import Desk, form_token, login


def _form(desk: Desk, s, path: str, title: str, body: str) -> dict:  # type: ignore[no-untyped-def]
    return {"csrf": form_token(s, desk, path), "tieu_de": title, "noi_dung": body, "don_vi": "vhxh",
            "kenh": "web", "uu_tien": "normal", "hanh_dong": "luu"}


def test_new_and_edited_articles_from_the_desk_keep_only_what_is_seen(desk: Desk) -> None:
    lan = login(desk, "lan")
    made = lan.post(desk.url + "/bai-viet/moi", data=_form(desk, lan, "/bai-viet/moi", TITLE, BODY), timeout=30)
    found = re.search(r"/bai-viet/(\d+)", made.url)
    assert made.status_code == 200 and found, made.url
    number = found[1]
    path = f"/bai-viet/{number}/sua"
    edited = lan.post(desk.url + path, data=_form(desk, lan, path, "\u202a" + TITLE, BODY + "\u200b\u2069 Hết."),
                      timeout=30)
    assert edited.status_code == 200, edited.text[-1500:]
    with sqlite3.connect(desk.home / "loa.db") as db:
        stored = db.execute("SELECT title, body FROM article_version WHERE article_id = ? ORDER BY number",
                            (int(number),)).fetchall()
    assert stored == [(SEEN_TITLE, SEEN_BODY), (SEEN_TITLE, SEEN_BODY + " Hết.")]
    page = lan.get(desk.url + f"/bai-viet/{number}", timeout=10).text
    assert SEEN_TITLE in page and not [c for c in page if unicodedata.category(c) == "Cf"]


def test_the_preview_of_posts_says_they_wait_for_a_public_base_url(desk: Desk) -> None:
    """This desk runs without LOA_BASE_URL: the posts' links would be files on the server."""
    lan = login(desk, "lan")
    made = lan.post(desk.url + "/bai-viet/moi", data=_form(desk, lan, "/bai-viet/moi", "Tin mới", "Nội dung."),
                    timeout=30)
    number = re.search(r"/bai-viet/(\d+)", made.url)[1]  # type: ignore[index]
    page = lan.get(desk.url + f"/bai-viet/{number}", timeout=10).text
    held = re.search(r'<p class="error">(Chưa đặt LOA_BASE_URL:[^<]*)</p>', page)
    assert held and "đặt LOA_BASE_URL=https://… " in held[1], page[-3000:]
