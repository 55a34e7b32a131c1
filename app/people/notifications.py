"""E-mail and Zalo OA messages that tell people what waits for them: on each event (an article to review
for the leaders, a rejection with its reason or an approval for the author) and once a day their "Việc cần
làm". Queued in storage (storage/notifications.py) with the change that caused it; sent by the publish
pass, e-mail over SMTP (LOA_SMTP_*), a Zalo message to a person the plan gives a `zalo_id` (a follower of
the OA) with the OA's customer-service message API (`POST {LOA_ZALO_API_URL}/v3.0/oa/message/cs`,
LOA_ZALO_TOKEN); every call with a timeout. Without either nothing is queued or sent."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import TYPE_CHECKING

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.runtime import Runtime
from app.settings import Settings
from storage import notifications
from storage.models import Article, Commune, Person

if TYPE_CHECKING:
    from app.people.todo import Todo

ZALO_TEXT_CHARS = 2000  # the longest text of an OA message


def channels(settings: Settings) -> tuple[str, ...]:
    """The channels people can be told on: e-mail with LOA_SMTP_HOST, Zalo with LOA_ZALO_TOKEN."""
    return tuple(c for c, on in (("email", settings.smtp_host), ("zalo", settings.zalo_token)) if on)


def _link(settings: Settings, path: str) -> str:
    return f"{settings.desk_link_base}{path}"


def _tell(settings: Settings, session: Session, person: Person, *, key: str, subject: str, body: str,
          now: datetime) -> int:
    return sum(notifications.queue(session, person=person, key=key, subject=subject, body=body, now=now, channel=c)
               for c in channels(settings))


def article_event(settings: Settings, session: Session, *, article: Article, event: str, now: datetime,
                  reason: str = "") -> int:
    """Queue what `event` (submitted, rejected, approved) tells people; the number queued."""
    if not channels(settings):
        return 0
    version, title = article.current.number, article.current.title
    if event == "submitted":
        leaders = session.scalars(select(Person).where(Person.commune_id == article.commune_id, Person.active,
                                                       Person.id != article.author_id)).all()
        return sum(_tell(
            settings, session, p, key=f"submitted:{article.id}:{version}:{now.isoformat()}:{p.id}",
            subject=f"Bài chờ duyệt: {title}",
            body=(f"{article.author.full_name} ({article.unit.name}) gửi bài «{title}» để duyệt.\n\n"
                  f"Nghe và duyệt: {_link(settings, f'/duyet/{article.id}')}\n"), now=now)
            for p in leaders if p.has_role("approver"))
    if event in ("rejected", "approved"):
        verdict = "bị từ chối" if event == "rejected" else "đã được duyệt"
        why = f"\nLý do: {reason}\n\nSửa bài: {_link(settings, f'/bai-viet/{article.id}/sua')}\n" \
            if event == "rejected" else f"\nXem bài: {_link(settings, f'/bai-viet/{article.id}')}\n"
        return _tell(settings, session, article.author, key=f"{event}:{article.id}:{version}:{now.isoformat()}",
                     subject=f"Bài {verdict}: {title}", body=f"Bài «{title}» {verdict}.\n{why}", now=now)
    return 0


def daily(rt: Runtime, session: Session, commune: Commune, now: datetime) -> int:
    """Once a local day, each person with an address and something waiting gets their "Việc cần làm"."""
    from app.people import todo
    from storage import permissions

    if not channels(rt.settings):
        return 0
    plan = rt.plan(session, commune.code)[1]
    day = now.astimezone(plan.tz).date()
    queued = 0
    for person in session.scalars(select(Person).where(Person.commune_id == commune.id, Person.active,
                                                       Person.email.is_not(None) | Person.zalo_id.is_not(None))):
        may = {a for a in permissions.ACTIONS if permissions.allowed(person, a, commune)}
        found = todo.for_person(rt, session, commune=commune, plan=plan, person=person, may=may)
        lines = _digest(found)
        if lines:
            queued += _tell(
                rt.settings, session, person, key=f"daily:{person.id}:{day.isoformat()}",
                subject=f"Việc cần làm ngày {day:%d/%m/%Y}", now=now,
                body="\n".join([f"Chào {person.full_name},", "", *lines, "", f"Mở Loa: {_link(rt.settings, '/')}"]))
    return queued


def _digest(found: Todo) -> list[str]:
    lines = []
    if found.queue_total:
        lines.append(f"- {found.queue_total} bài chờ duyệt.")
    if found.rejected:
        lines += [f"- Bài bị từ chối cần sửa: {r.title} (lý do: {r.rejected_reason})" for r in found.rejected]
    if found.drafts:
        lines.append(f"- {found.drafts} bản nháp chưa gửi duyệt.")
    if found.quotas_at_risk:
        lines.append(f"- {len(found.quotas_at_risk)} chỉ tiêu của đơn vị có nguy cơ không đạt.")
    if found.failed_posts:
        lines.append(f"- {found.failed_posts} lượt đăng bị lỗi.")
    return lines


def send_due(rt: Runtime, code: str) -> int:
    """Queue the daily messages, then send what is queued for the commune; the number sent. A message
    refused or not answered stays queued with its error (tried again by the next passes, five times)."""
    settings = rt.settings
    if not channels(settings):
        return 0
    with rt.tx() as session:
        commune = rt.commune(session, code)
        daily(rt, session, commune, settings.clock())
        pending = [(n.id, n.channel, n.person.full_name, (n.person.email if n.channel == "email" else n.person.zalo_id)
                    or "", n.subject, n.body) for n in notifications.due(session, commune_id=commune.id)]
    results: list[tuple[int, str | None]] = []
    senders: dict[str, Callable[[list[tuple]], list[tuple[int, str | None]]]] = {
        "email": lambda rows: _send_mail(settings, rows), "zalo": lambda rows: _send_zalo(settings, rows)}
    for channel in channels(settings):
        rows = [(nid, *rest) for nid, c, *rest in pending if c == channel]
        if rows:
            results += senders[channel](rows)
    with rt.tx() as session:
        for nid, error in results:
            notifications.mark(session, notification_id=nid, now=settings.clock(), error=error)
    return sum(1 for _, error in results if error is None)


def _send_mail(settings: Settings, rows: list[tuple]) -> list[tuple[int, str | None]]:
    results: list[tuple[int, str | None]] = []
    try:
        with _connect(settings) as smtp:
            for nid, name, address, subject, body in rows:
                try:
                    smtp.send_message(_message(settings, name, address, subject, body))
                    results.append((nid, None))
                except smtplib.SMTPException as exc:
                    results.append((nid, f"{type(exc).__name__}: {exc}"[:500]))
    except (OSError, smtplib.SMTPException) as exc:
        done = {nid for nid, _ in results}
        results += [(nid, f"the SMTP server {settings.smtp_host}:{settings.smtp_port} did not answer: "
                          f"{type(exc).__name__}") for nid, *_ in rows if nid not in done]
    return results


def _send_zalo(settings: Settings, rows: list[tuple]) -> list[tuple[int, str | None]]:
    """One OA text message per row; Zalo answers {"error": 0, …} when it took it."""
    token = settings.zalo_token.get_secret_value() if settings.zalo_token else ""
    url = f"{settings.zalo_api_url.rstrip('/')}/v3.0/oa/message/cs"
    results: list[tuple[int, str | None]] = []
    with requests.Session() as http:
        for nid, _name, user_id, subject, body in rows:
            text = f"{subject}\n\n{body}"[:ZALO_TEXT_CHARS]
            try:
                answer = http.post(url, headers={"access_token": token}, timeout=(3.05, settings.http_timeout_s),
                                   json={"recipient": {"user_id": user_id}, "message": {"text": text}})
                data = answer.json()  # empty or HTML: unknown, so kept and sent again (twice beats never)
            except (requests.RequestException, ValueError) as exc:
                results.append((nid, f"Zalo OA did not answer with JSON: {type(exc).__name__}"))
                continue
            code = data.get("error") if isinstance(data, dict) else None
            if answer.status_code < 400 and code == 0:
                results.append((nid, None))
            else:
                said = str(data.get("message", ""))[:200].replace(token, "***") if isinstance(data, dict) else ""
                results.append((nid, f"Zalo OA refused the message (HTTP {answer.status_code}, error {code}: {said})"))
    return results


def _connect(settings: Settings) -> smtplib.SMTP:
    timeout = settings.http_timeout_s
    host, port = settings.smtp_host or "", settings.smtp_port
    if settings.smtp_security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
        if settings.smtp_security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
    if settings.smtp_user and settings.smtp_password is not None:
        smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value())
    return smtp


def _message(settings: Settings, name: str, address: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = formataddr(("Loa", settings.smtp_from))
    message["To"] = formataddr((name, address))
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=settings.smtp_from.rpartition("@")[2] or "loa")
    message.set_content(body)
    return message
