"""The flows the desk reads: the spoken preview, post previews, the diff, the month calendar and its
iCalendar feed; and the CLI verbs `loa person password` and `loa publication retry`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from icalendar import Calendar

from app.articles.preview import FACEBOOK_CHARS, spoken_diff, text_diff
from app.runtime import Runtime
from app.settings import Settings
from tests.conftest import Result


def test_the_spoken_form_marks_what_the_normalizer_expanded() -> None:
    para = spoken_diff("Căn cứ Nghị quyết số 76/NQ-CP của UBND phường")
    changed = {s.written: s.text for s in para.segments if s.written}
    assert changed == {"76/NQ-CP": "bảy mươi sáu", "UBND": "Ủy ban nhân dân"}
    assert " ".join(s.text for s in para.segments).startswith("Căn cứ Nghị quyết số bảy mươi sáu")


def test_the_spoken_form_lists_what_loa_is_not_sure_of() -> None:
    para = spoken_diff("UBND TT Phong Điền gửi TT để biết")
    assert " ".join(s.text for s in para.segments).startswith("Ủy ban nhân dân thị trấn Phong Điền")
    [doubt] = para.doubts
    assert doubt.written == "TT" and "context does not say" in doubt.reason
    assert spoken_diff("Căn cứ Nghị quyết số 76/NQ-CP của UBND phường").doubts == []


def test_posts_preview_exactly_as_they_are_sent(planned: Callable[..., Result]) -> None:
    import json

    from app.articles.preview import preview
    from app.social.posts import dispatch_due_posts

    title = "Tiêu đề " * 30
    article = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", title, "--channels",
                      "facebook,zalo", "--body", "Đoạn một.\n\nĐoạn hai.").out.strip()
    planned("article", "submit", article)
    assert planned("article", "approve", article, "--by", "ngan").code == 0
    rt = Runtime(Settings())
    with rt.tx() as session:
        hashtags = tuple(rt.plan(session)[1].hashtags)
    shown = preview(rt, title=title, body="Đoạn một.\n\nĐoạn hai.", article_id=int(article), hashtags=hashtags)
    assert {o.result for o in dispatch_due_posts(rt)} == {"dry-run"}
    sent = {p.parent.name: json.loads(p.read_text(encoding="utf-8"))["json"]
            for p in (rt.settings.home / "outbox").glob("*/*.json")}
    facebook, zalo = shown.facebook, shown.zalo
    assert sent["facebook"]["message"] == facebook.text and "#loa-" not in facebook.text
    assert rt.settings.article_url(int(article)) in facebook.text and "#CCHC" in facebook.text
    assert facebook.limit == FACEBOOK_CHARS and not facebook.notes
    assert sent["zalo"]["title"] == zalo.title and sent["zalo"]["description"] == zalo.text
    assert [item["content"] for item in sent["zalo"]["body"]] == zalo.paragraphs
    assert len(zalo.title) <= 150 and zalo.title.endswith("…") and "title_cut" in zalo.notes


def test_text_diff_marks_words_and_keeps_paragraphs() -> None:
    diff = text_diff("Tiêu đề\nNgười dân nộp hồ sơ.", "Tiêu đề\nNgười dân nộp hồ sơ trực tuyến.")
    assert len(diff) == 2
    assert [(c.op, c.text) for c in diff[1] if c.op != "equal"] == [("delete", "sơ."), ("insert", "sơ trực tuyến.")]


def test_month_calendar_and_feed(planned: Callable[..., Result], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.calendar import calendar_feed, month_calendar
    from schedules.periods import parse_period

    added = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Tin chờ duyệt",
                    "--body", "Nội dung tin.")
    assert planned("article", "submit", added.out.strip()).code == 0
    rt = Runtime(Settings())
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        month = month_calendar(session, commune, plan, parse_period("2026-03"))
        feed = calendar_feed(session, commune, plan, datetime.fromisoformat("2026-03-02T08:00:00+07:00"))
    assert [o.starts_at.day for o in month.slots] == [12, 26] and month.slots[0].starts_at.hour == 17
    assert [w.title for w in month.waiting] == ["Tin chờ duyệt"] and month.waiting_total == 1
    assert (month.previous, month.next) == ("2026-02", "2026-04")
    events = Calendar.from_ical(feed).walk("VEVENT")
    assert len({str(e["uid"]) for e in events}) == len(events) >= 8  # Feb to June, two a month


def test_person_password_and_link(planned: Callable[..., Result]) -> None:
    assert planned("person", "password", "lan", stdin="mot-mat-khau-dai\n").code == 0
    short = planned("person", "password", "lan", stdin="ngan\n")
    assert short.code == 1 and "at least 10" in short.err
    assert planned("person", "password", "nobody", stdin="mot-mat-khau-dai\n").code == 1
    link = planned("person", "password", "thanh", "--link")
    assert link.code == 0 and "/dat-mat-khau/" in link.out and len(link.out.strip().rsplit("/", 1)[1]) >= 40


def test_publication_retry_verb(planned: Callable[..., Result]) -> None:
    from sqlalchemy import select

    from storage import publications
    from storage.models import Publication

    added = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Tin", "--body", "Nội dung.",
                    "--channels", "facebook").out.strip()
    assert planned("article", "submit", added).code == 0
    assert planned("article", "approve", added, "--by", "ngan").code == 0
    rt = Runtime(Settings())
    with rt.tx() as session:
        pub = session.scalar(select(Publication))
        publications.mark_failed(session, publication=pub, error="boom", now=rt.settings.clock(), retry=False)
        pub_id = pub.id
    assert planned("publication", "retry", str(pub_id), "--by", "lan").code == 1
    done = planned("publication", "retry", str(pub_id), "--by", "ngan")
    assert done.code == 0 and "scheduled" in done.out
