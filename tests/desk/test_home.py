""""Việc cần làm": the home page tells each person what waits for them (HTTP against the real desk)."""

from __future__ import annotations

import re

import pytest

from tests.desk.server import Desk, form_token, login
from tests.desk.test_security import add_article

pytestmark = pytest.mark.xdist_group("desk-security")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _section(html: str, name: str) -> str:
    found = re.search(rf'<section class="card {name}[^"]*">(.*?)</section>', html, re.S)
    assert found, f"no {name} section"
    return _text(found[1])


def test_each_role_is_told_what_waits_for_it(desk: Desk) -> None:
    waiting = add_article(desk, "hung", "Bài của Hùng đang chờ duyệt")
    rejected = add_article(desk, "lan", "Bài của Lan sẽ bị trả lại")
    ngan = login(desk, "ngan")
    ngan.post(f"{desk.url}/duyet/{rejected}/tu-choi",
              data={"csrf": form_token(ngan, desk), "ly_do": "Thiếu nguồn số liệu"}, timeout=30)

    leader = ngan.get(desk.url + "/", timeout=60).text
    queue = _section(leader, "todo-queue")
    assert re.search(r"Bài chờ duyệt: \d+", queue) and "Bài của Hùng đang chờ duyệt" in queue
    assert re.search(r"đã chờ \d+ (phút|giờ|ngày)", queue) and "Trần Văn Hùng" in queue
    assert "todo-editor" not in leader and "todo-audit" not in leader  # a leader's home is the leader's

    lan = login(desk, "lan").get(desk.url + "/", timeout=60).text
    editor = _section(lan, "todo-editor")
    assert "Bài của Lan sẽ bị trả lại" in editor and "Thiếu nguồn số liệu" in editor
    assert f"/bai-viet/{rejected}/sua" in lan
    assert "Chỉ tiêu tháng này có nguy cơ không đạt" in editor
    assert "todo-queue" not in lan and "Bài của Hùng" not in lan

    auditor = login(desk, "thanh").get(desk.url + "/", timeout=60).text
    assert "mục" in _section(auditor, "todo-audit") and "todo-queue" not in auditor
    phuc = login(desk, "phuc").get(desk.url + "/", timeout=60).text  # leader and editor: both parts
    assert "todo-queue" in phuc and "todo-editor" in phuc and f"/duyet/{waiting}" in phuc
