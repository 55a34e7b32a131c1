"""Load a validated commune plan into the database; loading again updates it and keeps history.

Units, people and topics dropped from the plan are deactivated, never deleted: their articles and
publications still count in the periods they belonged to.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import audit, counting
from storage.errors import Forbidden, NotFound
from storage.models import Commune, Person, Topic, Unit
from storage.readonly.communes import find_commune

if TYPE_CHECKING:  # the plan's pydantic models and YAML load only when a verb needs the plan
    from schedules.plan import Plan


def apply_plan(session: Session, *, plan: Plan, plan_yaml: str, now: datetime, actor: str) -> Commune:
    digest = hashlib.sha256(plan_yaml.encode()).hexdigest()
    commune = session.scalar(select(Commune).where(Commune.code == plan.commune.code))
    if commune is None:
        commune = Commune(code=plan.commune.code)
        session.add(commune)
    elif commune.plan_hash == digest:
        commune.quota_view = commune.quota_view or plan.quota_view().to_json()
        return commune
    zone_changed = commune.id is not None and commune.timezone != plan.commune.timezone
    commune.name, commune.province = plan.commune.name, plan.commune.province
    commune.timezone, commune.plan_yaml, commune.plan_hash = plan.commune.timezone, plan_yaml, digest
    commune.plan_loaded_at, commune.quota_view = now, plan.quota_view().to_json()
    session.flush()
    if zone_changed:  # the local months of every publication move with the zone
        counting.rebuild_masks(session, commune_id=commune.id, tz=plan.tz)

    units = _sync(session, Unit, commune.id, "code", {u.code: {"name": u.name} for u in plan.units})
    _sync(session, Topic, commune.id, "slug", {t.slug: {"name": t.name, "source": t.source} for t in plan.topics})
    _sync(session, Person, commune.id, "name", {
        p.name: {"full_name": p.full_name, "unit_id": units[p.unit].id, "roles": ",".join(p.roles), "email": p.email,
                 "zalo_id": p.zalo_id}
        for p in plan.people
    })
    audit.record(
        session, at=now, actor=actor, action="plan.loaded", subject=f"loa.commune.{commune.id}",
        commune=commune.code, content_hash=digest,
        details={"units": len(plan.units), "people": len(plan.people), "quotas": len(plan.quotas)},
    )
    return commune


_Listed = TypeVar("_Listed", Unit, Topic, Person)  # what a plan lists: kept, marked inactive when dropped


def _sync(session: Session, model: type[_Listed], commune_id: int, key: str,
          wanted: dict[str, dict[str, object]]) -> dict[str, _Listed]:
    existing = {getattr(row, key): row for row in session.scalars(select(model).where(model.commune_id == commune_id))}
    for code, listed in existing.items():
        listed.active = code in wanted
    for code, fields in wanted.items():
        row = existing.get(code)
        if row is None:
            row = model(commune_id=commune_id, **{key: code})
            session.add(row)
            existing[code] = row
        for name, value in fields.items():
            setattr(row, name, value)
    session.flush()
    return existing


def get_commune(session: Session, code: str | None = None) -> Commune:
    """The commune by code, or the only one when there is just one (storage.readonly.communes.find_commune)."""
    found = session.get(Commune, find_commune(session.connection(), code).id)
    assert found is not None  # found by the query just before, in the same transaction
    return found


def get_unit(session: Session, commune: Commune, code: str) -> Unit:
    unit = session.scalar(select(Unit).where(Unit.commune_id == commune.id, Unit.code == code))
    if unit is None or not unit.active:
        known = ", ".join(u.code for u in commune.units if u.active)
        raise NotFound("unit.unknown", unit=code, known=known)
    return unit


def get_person(session: Session, commune: Commune, name: str) -> Person:
    person = session.scalar(select(Person).where(Person.commune_id == commune.id, Person.name == name))
    if person is None or not person.active:
        raise NotFound("person.unknown", name=name)
    return person


WRITERS = ("editor", "approver", "admin")


def can_read(person: Person, commune: Commune) -> bool:
    """People read their own commune; the province role reads every commune of the installation."""
    return person.active and (person.commune_id == commune.id or person.has_role("province"))


RADIO_CONFIRMERS = ("operator", *WRITERS)


def require_radio_confirmer(person: Person) -> Person:
    """Who may say a program went out on the loudspeakers: its operator, or an editor, approver or admin."""
    if not any(person.has_role(role) for role in RADIO_CONFIRMERS):
        raise Forbidden("radio.not_operator", name=person.name, roles=person.roles or "no")
    return person


def require_writer(person: Person, doing: str) -> Person:
    """Auditors read and export; only editors, approvers and admins change anything."""
    if not any(person.has_role(role) for role in WRITERS):
        raise Forbidden("person.not_writer", name=person.name, roles=person.roles or "no", doing_en=doing)
    return person


