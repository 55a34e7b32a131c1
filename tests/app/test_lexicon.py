"""app.lexicon on SQLite and PostgreSQL: readings per commune with who and when, audit entries, a
duplicate refused, and two admins adding the same word at once: one wins, the other is told (PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app import lexicon
from schedules.plan import load_plan
from storage import plans
from storage.db import transaction
from storage.errors import InvalidInput, NotFound
from storage.models import AuditEntry, Commune
from tests.conftest import ROOT
from tests.storage.conftest import T0, any_db  # noqa: F401 - the SQLite/PostgreSQL fixture

OTHER = ROOT / "schedules" / "plans" / "nghi-duong.yaml"


def _communes(factory: sessionmaker[Session]) -> tuple[int, int]:
    with transaction(factory) as session:
        other = plans.apply_plan(session, plan=load_plan(OTHER), plan_yaml=OTHER.read_text(encoding="utf-8"),
                                 now=T0, actor="admin")
        return plans.get_commune(session, "phu-khuong").id, other.id


def test_readings_per_commune_in_the_audit_log(any_db: sessionmaker[Session]) -> None:  # noqa: F811
    mine, theirs = _communes(any_db)
    with transaction(any_db) as session:
        row = lexicon.add(session, session.get(Commune, mine), abbreviation=" KQWZ ", reading="khu  quy hoạch",
                          by="admin", now=T0)
        assert (row.abbreviation, row.reading, row.added_by) == ("KQWZ", "khu quy hoạch", "admin")
    with transaction(any_db) as session:
        assert lexicon.readings_of(session, session.get(Commune, mine)) == {"KQWZ": "khu quy hoạch"}
        assert lexicon.readings_of(session, session.get(Commune, theirs)) == {}
        with pytest.raises(InvalidInput, match="already read 'khu quy hoạch'"):
            lexicon.add(session, session.get(Commune, mine), abbreviation="KQWZ", reading="khác", by="admin", now=T0)
        other = lexicon.add(session, session.get(Commune, theirs), abbreviation="KQWZ", reading="khu quân sự",
                            by="admin", now=T0)  # the same word means something else over there
        assert other.reading == "khu quân sự"
    with transaction(any_db) as session:
        assert lexicon.remove(session, session.get(Commune, mine), abbreviation="KQWZ", by="admin",
                              now=T0 + timedelta(minutes=1)) == "khu quy hoạch"
        with pytest.raises(NotFound, match="no reading of its own"):
            lexicon.remove(session, session.get(Commune, mine), abbreviation="KQWZ", by="admin", now=T0)
        assert lexicon.readings_of(session, session.get(Commune, theirs)) == {"KQWZ": "khu quân sự"}
        log = session.execute(select(AuditEntry.chain, AuditEntry.action, AuditEntry.actor)
                              .where(AuditEntry.action.like("lexicon.%"))).all()
    assert sorted(tuple(r) for r in log) == [("nghi-duong", "lexicon.added", "admin"),
                                             ("phu-khuong", "lexicon.added", "admin"),
                                             ("phu-khuong", "lexicon.removed", "admin")]


@pytest.mark.parametrize("any_db", ["postgresql"], indirect=True)
def test_two_admins_adding_the_same_word_at_once(any_db: sessionmaker[Session]) -> None:  # noqa: F811
    mine, _ = _communes(any_db)
    first = any_db()
    lexicon.add(first, first.get(Commune, mine), abbreviation="KQWZ", reading="khu quy hoạch", by="admin", now=T0)
    outcome: list[object] = []

    def second() -> None:
        try:
            with transaction(any_db) as session:  # checks before the first commits, then waits on the unique key
                lexicon.add(session, session.get(Commune, mine), abbreviation="KQWZ", reading="khác", by="lan",
                            now=T0)
            outcome.append("added")
        except InvalidInput as exc:
            outcome.append(str(exc))

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(timeout=2)  # it waits on the first one's row lock (or is already done: then the test fails below)
    first.commit()
    first.close()
    thread.join(timeout=60)
    assert len(outcome) == 1 and "was just given a reading by someone else" in str(outcome[0]), outcome
    with transaction(any_db) as session:
        assert lexicon.readings_of(session, session.get(Commune, mine)) == {"KQWZ": "khu quy hoạch"}
