"""Finding the commune a command acts on, and its stored plan, in Core: no ORM import, so that the
read-only verbs stay light. storage.plans.get_commune gives the same commune as a mapped object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Connection, select

from storage.errors import NotFound
from storage.readonly.tables import commune, commune_reading

if TYPE_CHECKING:

    from schedules.plan import Plan
    from schedules.quota_view import QuotaView


@dataclass(frozen=True)
class CommuneRow:
    id: int
    code: str
    name: str
    timezone: str
    plan_yaml: str
    quota_view: str  # JSON of schedules.quota_view.QuotaView, "" when not known


def find_commune(db: Connection, code: str | None = None) -> CommuneRow:
    """The commune by code, or the only one when there is just one."""
    query = select(commune.c.id, commune.c.code, commune.c.name, commune.c.timezone, commune.c.plan_yaml,
                   commune.c.quota_view).order_by(commune.c.id)
    if code:
        found = db.execute(query.where(commune.c.code == code)).first()
        if found is None:
            raise NotFound("commune.not_found", commune=code)
        return CommuneRow(*found)
    rows = db.execute(query).all()
    if not rows:
        raise NotFound("commune.none_loaded")
    if len(rows) > 1:
        codes = ", ".join(row.code for row in rows)
        raise NotFound("commune.several_loaded", communes=codes)
    return CommuneRow(*rows[0])


def own_readings(db: Connection, commune_id: int) -> dict[str, str]:
    """Abbreviation -> reading, the commune's own (app.lexicon writes them), read in Core."""
    rows = db.execute(select(commune_reading.c.abbreviation, commune_reading.c.reading)
                      .where(commune_reading.c.commune_id == commune_id))
    return dict(rows.tuples().all())


def commune_codes(db: Connection) -> list[str]:
    return list(db.execute(select(commune.c.code).order_by(commune.c.id)).scalars())


def stored_quota_view(found: CommuneRow) -> QuotaView:
    """The commune's units, quotas and time zone, kept with its plan; parsed from the plan if not kept."""
    from schedules.quota_view import QuotaView

    if found.quota_view:
        return QuotaView.from_json(found.quota_view)
    return load_stored_plan(found).quota_view()


class StoredPlan(Protocol):  # a CommuneRow or a mapped storage.models.Commune
    @property
    def code(self) -> str: ...
    @property
    def plan_yaml(self) -> str: ...


def load_stored_plan(found: StoredPlan) -> Plan:
    """The plan stored with a commune, parsed and validated again."""
    from schedules.plan import parse_plan

    return parse_plan(found.plan_yaml, source=f"stored plan of {found.code}")
