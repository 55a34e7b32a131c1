"""What the browser tests walk: a desk with articles in every state, and every page each person can open
(found from desk.routes.ROUTES, so a new page is walked without touching the tests)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import requests

from desk.routes import ROUTES
from tests.conftest import START
from tests.desk.server import Desk, login

NOW = datetime.fromisoformat(START)
BODY = ("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ, UBND phường đẩy mạnh cải cách hành chính. "
        "Người dân nộp hồ sơ trực tuyến trên Cổng DVCQG, xin gọi Tổng đài 1022.")
ROLES = {"editor": "lan", "leader": "ngan", "operator": "binh", "auditor": "thanh", "admin": "admin"}
QUERIES = {"/lich/chuong-trinh": "?slot=cchc&ngay=2026-03-12"}  # pages that need a query to show something
NOT_PAGES = ("/static/", "nghe.mp3", "/xuat", "/bao-cao", "/lich/{token}", "/dat-mat-khau/")


def seed(home: Path) -> dict[str, int]:
    """Articles of lan in every state (draft, submitted, rejected, approved) and one of phuc: their ids."""
    from app import lexicon
    from app.articles import editorial
    from app.runtime import Runtime
    from app.settings import Settings

    rt = Runtime(Settings(home=home, now=NOW, tts_engine="espeak", commune="phu-khuong"))
    ids = {}
    with rt.tx() as session:
        commune, plan = rt.plan(session)

        def add(author: str, unit: str, title: str) -> int:
            return editorial.add_article(session, commune=commune, plan=plan, unit=unit, author=author, title=title,
                                         body=BODY, channels=["radio", "web", "facebook", "zalo"], now=NOW).id

        for state in ("draft", "submitted", "rejected", "approved"):
            ids[state] = add("lan", "vhxh", f"Cải cách hành chính năm 2026: bài {state} về KQWZ, tiêu đề dài để thử")
            if state != "draft":
                editorial.submit_article(session, commune=commune, article_id=ids[state], by="lan", now=NOW)
        editorial.reject_article(session, commune=commune, article_id=ids["rejected"], by="ngan",
                                 reason="Sai số liệu quý I, hãy kiểm tra lại", now=NOW)
        editorial.approve_article(session, commune=commune, article_id=ids["approved"], by="ngan", now=NOW)
        ids["phuc"] = add("phuc", "vhxh", "Bài của lãnh đạo Phúc")
        lexicon.add(session, commune, abbreviation="XKQW", reading="xã khu quy hoạch dài để thử bảng",
                    by="admin", now=NOW)  # the admin's Từ điển has a row; KQWZ is a doubt with its Thêm cách đọc
        editorial.submit_article(session, commune=commune, article_id=ids["phuc"], by="phuc", now=NOW)
    return ids


def pages_of(desk: Desk, name: str, ids: dict[str, int]) -> list[str]:
    """Every page (GET, HTML) that `name` can open: each route with sample ids, kept when it answers 200."""
    s = login(desk, name)
    found = []
    for method, path, _ in ROUTES:
        if method != "GET" or any(part in path for part in NOT_PAGES):
            continue
        for article in (ids["submitted"], ids["rejected"]) if "{article_id}" in path else (0,):
            url = path.replace("{article_id}", str(article)) + QUERIES.get(path, "")
            answer = s.get(desk.url + url, timeout=60, allow_redirects=False)
            if answer.status_code == 200 and answer.headers["content-type"].startswith("text/html"):
                found.append(url)
    return found


def session_cookie(s: requests.Session) -> dict[str, str]:
    return {"name": "loa_session", "value": s.cookies["loa_session"], "path": "/"}
