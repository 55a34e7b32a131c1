"""Counting published items on both sides of month, quarter, half-year and year boundaries (local time),
on SQLite and PostgreSQL, against numbers worked out by hand."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from app.quotas.service import quota_rows, quota_rows_per_window
from schedules.periods import parse_period
from schedules.plan import load_plan
from storage import counting, publications
from storage.db import transaction
from storage.errors import InvalidInput
from storage.models import Article, ArticleVersion, Person, Publication, PublishedMask, Topic, Unit
from storage.readonly.tally import tally
from tests.storage.conftest import PLAN, T0, commune

PLAN_OBJ = load_plan(PLAN)
TZ = PLAN_OBJ.tz

# article -> (unit, channel, topic, [(local time, status, manual)]); the comments give the local month
DATASET: dict[str, tuple[str, str, str | None, list[tuple[str, str, bool]]]] = {
    # 23:59 on 31 March and 00:30 on 1 April (still 31 March in UTC): March and April, once each
    "A1": ("vhxh", "radio", "mot-cua", [("2026-03-31T23:59", "published", False),
                                         ("2026-04-01T00:30", "published", True)]),
    "A2": ("vhxh", "radio", "mot-cua", [("2026-04-01T00:30", "published", False)]),  # April (UTC: 31 March)
    "A3": ("vhxh", "radio", "chi-so", [("2026-01-01T00:10", "published", False)]),  # January 2026 (UTC: 2025)
    "A4": ("vhxh", "radio", "chi-so", [("2025-12-31T23:50", "published", False)]),  # December 2025: outside
    # the last second of June and the first of July: H1 and H2, Q2 and Q3
    "A5": ("vp", "web", "chuyen-doi-so", [("2026-06-30T23:59:59", "published", False),
                                          ("2026-07-01T00:00", "published", False)]),
    # sent, re-sent and recorded by hand in February: one item
    "A6": ("vp", "web", None, [("2026-02-10T09:00", "published", False), ("2026-02-11T09:00", "published", False),
                               ("2026-02-12T09:00", "published", True)]),
    "A7": ("vp", "web", None, [("2026-02-10T09:00", "failed", False)]),  # failed: never counts
    "A8": ("vhxh", "web", "giam-sat", [("2026-12-31T23:59", "published", False),  # December 2026
                                       ("2027-01-01T00:00", "published", False)]),  # 2027: outside
    "A9": ("vhxh", "web", "mot-cua", [("2026-05-20T17:00", "published", True)]),  # manual entry, May
}

EXPECTED = {  # (unit, channel) -> {window: distinct articles}; windows not listed are 0
    ("vhxh", "radio"): {"2026-01": 1, "2026-03": 1, "2026-04": 2, "2026-Q1": 2, "2026-Q2": 2, "2026-H1": 3,
                        "2026": 3, "2025-12": 1},
    ("vp", "web"): {"2026-02": 1, "2026-06": 1, "2026-07": 1, "2026-Q1": 1, "2026-Q2": 1, "2026-Q3": 1,
                    "2026-H1": 2, "2026-H2": 1, "2026": 2},
    ("vhxh", "web"): {"2026-05": 1, "2026-12": 1, "2026-Q2": 1, "2026-Q4": 1, "2026-H1": 1, "2026-H2": 1,
                      "2026": 2, "2027-01": 1},
}
WINDOWS = ([f"2026-{m:02d}" for m in range(1, 13)] + [f"2026-Q{q}" for q in range(1, 5)]
           + ["2026-H1", "2026-H2", "2026", "2025-12", "2027-01"])


def _load(db: sessionmaker[Session], commune_id: int) -> None:
    with transaction(db) as s:
        c = commune(s, commune_id)
        units = {u.code: u for u in s.scalars(select(Unit).where(Unit.commune_id == c.id))}
        topics = {t.slug: t for t in s.scalars(select(Topic).where(Topic.commune_id == c.id))}
        lan = s.scalar(select(Person).where(Person.name == "lan"))
        assert lan is not None
        for key, (unit, channel, topic, pubs) in DATASET.items():
            article = Article(commune_id=c.id, unit_id=units[unit].id, author_id=lan.id,
                              topic_id=topics[topic].id if topic else None, status="approved",
                              channels=channel, created_at=T0, updated_at=T0)
            s.add(article)
            s.flush()
            for number, (at, status, manual) in enumerate(pubs, 1):
                # a re-send is a new approved version (one automatic publication per version and channel)
                version = ArticleVersion(article_id=article.id, number=number, title=f"Tin {key}", body="…",
                                         content_hash=f"{key}{number}", created_at=T0, approved_at=T0)
                s.add(version)
                s.flush()
                when = datetime.fromisoformat(at).replace(tzinfo=TZ)
                s.add(Publication(commune_id=c.id, article_id=article.id, article_version_id=version.id,
                                  unit_id=units[unit].id, channel=channel, status=status, manual=manual,
                                  recorded_by_id=lan.id if manual else None, remote_id=None if manual else f"r-{key}",
                                  published_at=when if status == "published" else None,
                                  created_at=T0, updated_at=T0))
        s.flush()
        # rows written straight to the table (as a bulk import would): the rollup is rebuilt from them
        counting.rebuild_masks(s, commune_id=c.id, tz=TZ)


def _expected(window: str) -> dict[tuple[str, str], int]:
    return {key: by[window] for key, by in EXPECTED.items() if by.get(window)}


def test_boundary_dataset_counts_by_hand(any_db: sessionmaker[Session], any_commune_id: int) -> None:
    _load(any_db, any_commune_id)
    with any_db() as s:
        tallies = {y: tally(s.connection(), commune_id=any_commune_id, year=y) for y in (2025, 2026, 2027)}
        for label in WINDOWS:
            period = parse_period(label)
            start, end = period.utc_bounds(TZ)
            by_query = counting.published_counts(s, commune_id=any_commune_id, start=start, end=end)
            assert by_query == _expected(label), label
            assert tallies[period.year].counts(period.first_month, period.months) == _expected(label), label


def test_the_rollup_follows_publishing_through_the_application(any_db: sessionmaker[Session],
                                                               any_commune_id: int) -> None:
    """Publications marked published (or recorded by hand) update the rollup in the same transaction."""
    _load(any_db, any_commune_id)
    with transaction(any_db) as s:
        s.execute(delete(PublishedMask))
        for pub in s.scalars(select(Publication).where(Publication.status == "published")
                             .order_by(Publication.id)):
            publications.mark_published(s, publication=pub, remote_id=pub.remote_id or "manual", at=pub.published_at)
    with any_db() as s:
        for label in WINDOWS:
            period = parse_period(label)
            counted = tally(s.connection(), commune_id=any_commune_id, year=period.year)
            assert counted.counts(period.first_month, period.months) == _expected(label), label


def test_quota_rows_one_query_equals_one_query_per_window(any_db: sessionmaker[Session], any_commune_id: int) -> None:
    _load(any_db, any_commune_id)
    with any_db() as s:
        c = commune(s, any_commune_id)
        rows = quota_rows(s.connection(), c, PLAN_OBJ, parse_period("2026-Q2"))
        assert [(r.unit, r.channel, r.period, r.quota, r.published, r.met) for r in rows] == [
            ("*", "radio", "2026-04", 2, 2, True),
            ("*", "radio", "2026-05", 2, 0, False),
            ("*", "radio", "2026-06", 2, 0, False),
            ("*", "web", "2026", 12, 4, False),  # A5, A6, A8, A9
        ]
        for label in ("2026-01", "2026-03", "2026-Q1", "2026-H1", "2026-H2", "2026"):
            period = parse_period(label)
            judged = quota_rows(s.connection(), c, PLAN_OBJ, period)
            assert judged == quota_rows_per_window(s, c, PLAN_OBJ, period), label


def test_items_and_topic_coverage(any_db: sessionmaker[Session], any_commune_id: int) -> None:
    _load(any_db, any_commune_id)
    start, end = parse_period("2026-Q2").utc_bounds(TZ)
    with any_db() as s:
        items = counting.published_items(s, commune_id=any_commune_id, start=start, end=end)
        assert [(i.title, i.channel, i.manual, i.recorded_by) for i in items] == [
            ("Tin A1", "radio", True, "lan"), ("Tin A2", "radio", False, ""),
            ("Tin A9", "web", True, "lan"), ("Tin A5", "web", False, "")]
        assert items[0].published_at.astimezone(TZ).isoformat() == "2026-04-01T00:30:00+07:00"
        assert counting.topic_coverage(s, commune_id=any_commune_id, start=start, end=end) == {
            "mot-cua": 3, "chuyen-doi-so": 1}  # A1, A2, A9; A5


def test_windows_must_fall_within_one_year(any_db: sessionmaker[Session], any_commune_id: int) -> None:
    with any_db() as s:
        counted = tally(s.connection(), commune_id=any_commune_id, year=2026)
        with pytest.raises(InvalidInput, match="within one year"):
            counted.counts(11, 3)
        assert counted.counts(1, 12) == {}


def test_a_new_time_zone_in_the_plan_moves_the_months(any_db: sessionmaker[Session], any_commune_id: int) -> None:
    from zoneinfo import ZoneInfo

    from schedules.plan import parse_plan
    from storage import plans

    _load(any_db, any_commune_id)
    text = PLAN.read_text(encoding="utf-8").replace("timezone: Asia/Ho_Chi_Minh", "timezone: UTC")
    with transaction(any_db) as s:
        plans.apply_plan(s, plan=parse_plan(text), plan_yaml=text, now=T0, actor="admin")
    utc = ZoneInfo("UTC")
    with any_db() as s:
        counted = tally(s.connection(), commune_id=any_commune_id, year=2026)
        march = counted.counts(3, 1)
        assert march[("vhxh", "radio")] == 2  # A1 and A2: 1 April 00:30 in Hà Nội is still March in UTC
        for label in WINDOWS:
            period = parse_period(label)
            if period.year != 2026:
                continue
            start, end = period.utc_bounds(utc)
            expected = counting.published_counts(s, commune_id=any_commune_id, start=start, end=end)
            assert counted.counts(period.first_month, period.months) == expected, label
