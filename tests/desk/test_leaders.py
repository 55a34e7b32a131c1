"""Leaders at the desk (HTTP against the real server): their own articles read "Không thể tự duyệt" with
nothing to approve or reject; several articles are approved at once, each on its own, and one that may
not be approved is named while the others go through."""

from __future__ import annotations

import re

import pytest

from tests.desk.server import Desk, form_token, login
from tests.desk.test_security import add_article, status_of

pytestmark = pytest.mark.xdist_group("desk-security")


def _row(html: str, article_id: int) -> str:
    found = re.search(rf"<tr>\s*<td data-label=\"Bài\"><a href=\"/duyet/{article_id}\">.*?</tr>", html, re.S)
    assert found, f"article {article_id} is not in the queue"
    return found[0]


def test_a_leaders_own_article_cannot_be_approved_from_the_desk(desk: Desk) -> None:
    own = add_article(desk, "phuc", "Bài của chính lãnh đạo Phúc")
    other = add_article(desk, "lan", "Bài của biên tập viên Lan")
    phuc = login(desk, "phuc")
    queue = phuc.get(desk.url + "/duyet", timeout=30).text
    assert "Không thể tự duyệt" in _row(queue, own) and 'name="bai"' not in _row(queue, own)
    assert f'name="bai" value="{other}"' in _row(queue, other) and "Không thể tự duyệt" not in _row(queue, other)
    page = phuc.get(f"{desk.url}/duyet/{own}", timeout=30).text
    assert "Không thể tự duyệt" in page
    assert f"/duyet/{own}/duyet" not in page and f"/duyet/{own}/tu-choi" not in page
    assert "Huỳnh Văn Phúc" in page and "Phòng Văn hóa - Xã hội" in page  # names, not "phuc", "vhxh"
    assert "data-confirm=" in phuc.get(f"{desk.url}/duyet/{other}", timeout=30).text  # approving asks first


def test_several_articles_are_approved_at_once_each_on_its_own(desk: Desk) -> None:
    first, second = (add_article(desk, "lan", f"Bài duyệt cùng lúc {n}") for n in (1, 2))
    own = add_article(desk, "phuc", "Bài phúc tự viết")
    phuc = login(desk, "phuc")
    token = form_token(phuc, desk, "/duyet")
    r = phuc.post(desk.url + "/duyet/nhieu", data={"csrf": token, "bai": [str(first), str(own), str(second)]},
                  timeout=120)
    assert r.status_code == 400 and "Đã duyệt 2 bài; 1 bài không duyệt được" in r.text
    assert f"Bài {own}:" in r.text and "không thể tự duyệt" in r.text
    assert [status_of(desk, i) for i in (first, second, own)] == ["approved", "approved", "submitted"]
    r = phuc.post(desk.url + "/duyet/nhieu", data={"csrf": token}, timeout=30)
    assert r.status_code == 200 and "Chưa chọn bài nào" in r.text
    lan = login(desk, "lan")  # an editor may not approve, not even several at once
    third = add_article(desk, "hung", "Bài của Hùng")
    r = lan.post(desk.url + "/duyet/nhieu", data={"csrf": form_token(lan, desk), "bai": [str(third)]}, timeout=30)
    assert r.status_code == 403 and status_of(desk, third) == "submitted"
