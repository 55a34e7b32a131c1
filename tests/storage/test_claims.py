"""Claims that name their process (media.owner) on SQLite and PostgreSQL: a publication left `sending`,
or a radio occurrence left claimed, by a process that has died is taken over at once, by one reviver
only; a living holder's claim, or one from another host, waits until it is stale."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from media import owner
from storage import publications
from storage import radio as occurrences
from storage.db import transaction
from storage.models import Publication, RadioOccurrence, RadioOutletResult
from tests.storage.conftest import T0
from tests.storage.test_radio import START, _approved_radio_item

ELSEWHERE = "hffffffp4242s99"  # another machine: nothing can be checked, only the claim's age


@pytest.fixture(scope="module")
def dead() -> str:
    """The token of a process of this host that has ended."""
    ended = subprocess.run([sys.executable, "-c", "from media import owner; print(owner.current())"],
                           capture_output=True, text=True, check=True)
    token = ended.stdout.strip()
    assert owner.is_dead(token) and not owner.is_dead(owner.current()) and not owner.is_dead(ELSEWHERE)
    return token


def test_a_process_in_another_pid_namespace_is_never_judged_dead() -> None:
    """Containers sharing this hostname: its pid means nothing in this /proc, so only age can tell."""
    other = subprocess.run(["unshare", "--pid", "--fork", "--mount-proc", sys.executable, "-c",
                            "from media import owner; print(owner.current())"],
                           capture_output=True, text=True, timeout=60)
    assert other.returncode == 0, f"unshare (needs root, as in CI) failed: {other.stderr}"
    token = other.stdout.strip()
    assert token[1:7] != owner.host_tag()
    assert not owner.is_dead(token)  # it has ended, but from here nothing can be known


def _left_sending(db: sessionmaker[Session], commune_id: int, title: str, holder: str) -> int:
    pub_id = _approved_radio_item(db, commune_id, title)
    with transaction(db) as s:
        assert publications.claim(s, publication_id=pub_id, now=T0, owner=holder, is_dead=owner.is_dead)
    return pub_id


def _due(db: sessionmaker[Session], commune_id: int, minutes: int) -> list[int]:
    with db() as s:
        return [p.id for p in publications.due(s, commune_id=commune_id, channels=("radio",),
                                               now=T0 + timedelta(minutes=minutes), is_dead=owner.is_dead)]


def test_a_dead_senders_publication_is_due_at_once_and_taken_by_one_reviver(
        any_db: sessionmaker[Session], any_commune_id: int, dead: str) -> None:
    orphan = _left_sending(any_db, any_commune_id, "Mồ côi", dead)
    alive = _left_sending(any_db, any_commune_id, "Đang gửi", owner.current())
    remote = _left_sending(any_db, any_commune_id, "Máy khác", ELSEWHERE)
    assert _due(any_db, any_commune_id, 1) == [orphan]
    with any_db() as s:
        assert publications.orphaned(s, commune_ids=[any_commune_id], is_dead=owner.is_dead) == [orphan]
    me = owner.current()
    with transaction(any_db) as s:  # two revivers read the same dead holder; the second finds it changed
        assert publications.claim(s, publication_id=orphan, now=T0 + timedelta(minutes=1), owner=me,
                                  is_dead=owner.is_dead)
        assert not publications.claim(s, publication_id=orphan, now=T0 + timedelta(minutes=1), owner=ELSEWHERE,
                                      is_dead=owner.is_dead)
        assert not publications.claim(s, publication_id=alive, now=T0 + timedelta(minutes=1), owner=ELSEWHERE,
                                      is_dead=owner.is_dead)
    with any_db() as s:
        rows = {r.id: (r.claimed_by, r.attempts) for r in s.execute(select(
            Publication.id, Publication.claimed_by, Publication.attempts))}
    assert rows[orphan] == (me, 2) and rows[alive] == (me, 1) and rows[remote] == (ELSEWHERE, 1)
    assert _due(any_db, any_commune_id, 16) == [orphan, alive, remote]  # every claim is stale by now


def test_a_dead_builders_radio_occurrence_is_taken_over_and_released_only_by_its_holder(
        any_db: sessionmaker[Session], any_commune_id: int, dead: str) -> None:
    with transaction(any_db) as s:
        occ_id = occurrences.get_or_create(s, commune_id=any_commune_id, slot_slug="cchc", starts_at=START,
                                           minutes=15, now=T0).id
        assert occurrences.claim(s, occurrence_id=occ_id, now=T0, owner=dead, is_dead=owner.is_dead)
    me, soon = owner.current(), T0 + timedelta(minutes=1)
    with transaction(any_db) as s:
        assert occurrences.claim(s, occurrence_id=occ_id, now=soon, owner=me, is_dead=owner.is_dead)
        assert not occurrences.claim(s, occurrence_id=occ_id, now=soon, owner=ELSEWHERE, is_dead=owner.is_dead)
        occurrences.release(s, occurrence_id=occ_id, owner=dead)  # the dead pass's late release changes nothing
        assert s.scalar(select(RadioOccurrence.claimed_by).where(RadioOccurrence.id == occ_id)) == me
        occurrences.release(s, occurrence_id=occ_id, owner=me)
        assert occurrences.claim(s, occurrence_id=occ_id, now=soon, owner=ELSEWHERE, is_dead=owner.is_dead)
        assert not occurrences.claim(s, occurrence_id=occ_id, now=soon + timedelta(minutes=14), owner=me,
                                     is_dead=owner.is_dead)  # another host's claim: only its age tells
        assert occurrences.claim(s, occurrence_id=occ_id, now=soon + timedelta(minutes=15), owner=me,
                                 is_dead=owner.is_dead)


def test_an_icecast_push_is_claimed_by_one_streamer_taken_from_a_dead_or_silent_one_and_the_loser_stops(
        any_db: sessionmaker[Session], any_commune_id: int, dead: str) -> None:
    from storage import radio_outlets

    with transaction(any_db) as s:
        occ = occurrences.get_or_create(s, commune_id=any_commune_id, slot_slug="cchc", starts_at=START,
                                        minutes=15, now=T0)
        radio_outlets.record(s, occ=occ, outlet="icecast", result={"ok": True, "queued": True}, now=T0)
        occ_id = occ.id
        assert radio_outlets.claim_push(s, occurrence_id=occ_id, now=T0, owner=dead, is_dead=owner.is_dead)
        assert radio_outlets.heartbeat(s, occurrence_id=occ_id, owner=dead, now=T0, progress_s=12.5)
    me, soon = owner.current(), T0 + timedelta(seconds=30)
    with transaction(any_db) as s:
        row = radio_outlets.claim_push(s, occurrence_id=occ_id, now=soon, owner=me, is_dead=owner.is_dead)
        assert row is not None and row.progress_s == 12.5 and row.status == "streaming"  # goes on from there
        assert radio_outlets.claim_push(s, occurrence_id=occ_id, now=soon, owner=ELSEWHERE, is_dead=owner.is_dead) \
            is None  # a living streamer keeps it
        assert not radio_outlets.heartbeat(s, occurrence_id=occ_id, owner=dead, now=soon, progress_s=13.0)
    with transaction(any_db) as s:  # taken by another host; only silence tells there that it stopped
        s.execute(RadioOutletResult.__table__.update().values(claimed_by=ELSEWHERE, claimed_at=soon))
        later = soon + radio_outlets.STALE_PUSH
        assert radio_outlets.claim_push(s, occurrence_id=occ_id, now=later - timedelta(seconds=1), owner=me,
                                        is_dead=owner.is_dead) is None
        assert radio_outlets.claim_push(s, occurrence_id=occ_id, now=later, owner=me, is_dead=owner.is_dead)
        radio_outlets.record(s, occ=s.get(RadioOccurrence, occ_id), outlet="icecast", now=later,
                             result={"ok": True, "pushed_s": 60.0})
        assert radio_outlets.claim_push(s, occurrence_id=occ_id, now=later, owner=me, is_dead=owner.is_dead) is None
