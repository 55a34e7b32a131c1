"""E-mail of what waits for people, against a real SMTP server on 127.0.0.1 (aiosmtpd): the leaders hear
of an article to review, its author of a rejection and why; once a day each person with something waiting
gets their "Việc cần làm", once; a server that is down loses nothing and the next pass sends it."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.conftest import PLAN, Result

EMAILS = {"lan": "lan@phukhuong.example", "ngan": "ngan@phukhuong.example", "phuc": "phuc@phukhuong.example"}


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Inbox, int]]:
    from aiosmtpd.controller import Controller

    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("LOA_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("LOA_SMTP_PORT", str(port))
    monkeypatch.setenv("LOA_SMTP_SECURITY", "none")
    monkeypatch.setenv("LOA_SMTP_FROM", "loa@phukhuong.example")
    monkeypatch.setenv("LOA_DESK_URL", "https://loa.phukhuong.example")
    yield inbox, port
    controller.stop()


@pytest.fixture
def mailed(cli: Callable[..., Result], tmp_path: Path) -> Callable[..., Result]:
    text = PLAN.read_text(encoding="utf-8")
    for name, address in EMAILS.items():
        text = text.replace(f"- {{name: {name}, ", f"- {{name: {name}, email: {address}, ", 1)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = cli("init", "--plan", str(plan))
    assert result.code == 0, result.err
    return cli


def _send() -> int:
    from app.people.notifications import send_due
    from app.runtime import Runtime
    from app.settings import Settings

    return send_due(Runtime(Settings()), "phu-khuong")


def test_events_and_the_daily_list_reach_people_once(smtp, mailed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inbox, _ = smtp
    body = tmp_path / "bai.txt"
    body.write_text("Phường hướng dẫn người dân nộp hồ sơ trực tuyến.", encoding="utf-8")
    article = mailed("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Hồ sơ trực tuyến",
                     "--body-file", str(body)).out.strip()
    assert mailed("article", "submit", article).code == 0
    assert _send() >= 2
    to_ngan = inbox.to(EMAILS["ngan"])
    waiting = [m for m in to_ngan if m["Subject"] == "Bài chờ duyệt: Hồ sơ trực tuyến"]
    assert len(waiting) == 1 and f"https://loa.phukhuong.example/duyet/{article}" in waiting[0].get_content()
    assert any(m["Subject"] == "Bài chờ duyệt: Hồ sơ trực tuyến" for m in inbox.to(EMAILS["phuc"]))
    assert not any("Bài chờ duyệt" in m["Subject"] for m in inbox.to(EMAILS["lan"]))  # not to its author
    daily = [m for m in to_ngan if m["Subject"].startswith("Việc cần làm ngày 02/03/2026")]
    assert len(daily) == 1 and "1 bài chờ duyệt" in daily[0].get_content()

    before = len(inbox.messages)
    assert _send() == 0 and len(inbox.messages) == before  # nothing twice, the daily list included

    result = mailed("article", "reject", article, "--by", "ngan", "--reason", "Thiếu số điện thoại liên hệ")
    assert result.code == 0, result.err
    assert _send() == 1
    told = inbox.to(EMAILS["lan"])[-1]
    assert told["Subject"] == "Bài bị từ chối: Hồ sơ trực tuyến"
    assert "Lý do: Thiếu số điện thoại liên hệ" in told.get_content()
    assert f"/bai-viet/{article}/sua" in told.get_content()


def test_a_server_that_is_down_loses_nothing(smtp, mailed, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.runtime import Runtime
    from app.settings import Settings
    from storage.models import Notification

    inbox, port = smtp
    body = tmp_path / "bai.txt"
    body.write_text("Nội dung bài.", encoding="utf-8")
    article = mailed("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Bài gửi khi máy thư tắt",
                     "--body-file", str(body)).out.strip()
    monkeypatch.setenv("LOA_SMTP_PORT", str(_free_port()))  # nobody listens there
    assert mailed("article", "submit", article).code == 0
    assert _send() == 0 and not inbox.messages
    with Runtime(Settings()).tx() as session:
        kept = session.scalars(select(Notification)).all()
        assert kept and all(n.sent_at is None and n.attempts == 1 and "did not answer" in n.last_error for n in kept)
    monkeypatch.setenv("LOA_SMTP_PORT", str(port))
    assert _send() == len(kept)
    assert any(m["Subject"] == "Bài chờ duyệt: Bài gửi khi máy thư tắt" for m in inbox.to(EMAILS["ngan"]))


def test_without_smtp_nothing_is_queued(mailed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from app.runtime import Runtime
    from app.settings import Settings
    from storage.models import Notification

    body = tmp_path / "bai.txt"
    body.write_text("Nội dung bài.", encoding="utf-8")
    article = mailed("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Bài không thư",
                     "--body-file", str(body)).out.strip()
    assert mailed("article", "submit", article).code == 0
    assert _send() == 0
    with Runtime(Settings()).tx() as session:
        assert session.scalar(select(func.count()).select_from(Notification)) == 0


def test_a_bad_address_in_the_plan_is_refused_with_its_place(cli: Callable[..., Result], tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace("- {name: lan, ", "- {name: lan, email: 'lan at xa', ", 1),
                    encoding="utf-8")
    result = cli("init", "--plan", str(plan))
    assert result.code != 0 and "email" in result.err and len(result.err.strip().splitlines()) == 1, result.err


class _ZaloOA:
    """A loopback Zalo OA message API: `POST /v3.0/oa/message/cs` with header access_token; answers
    {"error": 0, "data": {"message_id"}} for a follower, -213 for someone who does not follow the OA, and
    for the first message it is asked after `blank` is set, an empty 200 (as a proxy in trouble does)."""

    TOKEN = "zalo-oa-access-token-secret"
    FOLLOWERS = {"8412345678901234567"}

    def __init__(self) -> None:
        import json
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        oa = self
        self.received: list[dict] = []
        self.blank = False

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
                if self.path != "/v3.0/oa/message/cs" or self.headers.get("access_token") != oa.TOKEN:
                    answer = {"error": -216, "message": "Access token is invalid"}
                elif oa.blank:
                    oa.blank = False
                    self.send_response(200)
                    self.send_header("content-length", "0")
                    self.end_headers()
                    return
                elif body["recipient"]["user_id"] not in oa.FOLLOWERS:
                    answer = {"error": -213, "message": "User has not followed OA"}
                else:
                    oa.received.append(body)
                    answer = {"error": 0, "message": "Success",
                              "data": {"message_id": f"m{len(oa.received)}", "user_id": body["recipient"]["user_id"]}}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def test_a_follower_of_the_oa_gets_a_zalo_message(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    from sqlalchemy import select

    from app.runtime import Runtime
    from app.settings import Settings
    from storage.models import Notification

    oa = _ZaloOA()
    monkeypatch.setenv("LOA_ZALO_API_URL", oa.url)
    monkeypatch.setenv("LOA_ZALO_TOKEN", oa.TOKEN)
    text = PLAN.read_text(encoding="utf-8")
    text = text.replace("- {name: ngan, ", "- {name: ngan, zalo_id: '8412345678901234567', ", 1)
    text = text.replace("- {name: phuc, ", "- {name: phuc, zalo_id: '8400000000000000001', ", 1)  # not a follower
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    assert cli("init", "--plan", str(plan)).code == 0
    body = tmp_path / "bai.txt"
    body.write_text("Nội dung bài.", encoding="utf-8")
    article = cli("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Bài báo qua Zalo",
                  "--body-file", str(body)).out.strip()
    assert cli("article", "submit", article).code == 0
    oa.blank = True  # the first answer is lost: that message stays queued
    try:
        sent = _send()
        texts = [m["message"]["text"] for m in oa.received]
        assert sent == len(oa.received) >= 1
        with Runtime(Settings()).tx() as session:
            rows = session.scalars(select(Notification).where(Notification.channel == "zalo")).all()
            failed = [n.last_error for n in rows if n.sent_at is None]
        assert any("did not answer with JSON" in e for e in failed)
        assert any("error -213" in e for e in failed) and all(oa.TOKEN not in e for e in failed)
        assert _send() >= 1  # the lost one goes out on the next pass
        texts = [m["message"]["text"] for m in oa.received]
        assert any(t.startswith("Bài chờ duyệt: Bài báo qua Zalo") and f"/duyet/{article}" in t for t in texts)
        assert any(t.startswith("Việc cần làm ngày") for t in texts)
        assert all(m["recipient"]["user_id"] == "8412345678901234567" for m in oa.received)
        assert len(texts) == len(set(texts))  # each once
    finally:
        oa.server.shutdown()
