"""What is due across every commune: the union of the due queries the steps declare (app.pipeline.steps), each
asked once for all the communes of a pass. A province's hundreds of communes with nothing to do cost only
these few queries, and the per-commune steps run only for the communes that have work.

There is no condition of its own here: each kind of work says what it finds to do in its package's `due.py`
(app/production/due.py: versions without their clip; app/social/due.py: posts due, tokens to renew;
app/portal/due.py: web items due, feeds behind or edited; app/radio/due.py: slots, emergencies, pushes,
outlet failures; app/audit/due.py: the daily checkpoint), and the step's own work reads that same query. A
new channel adds its query to its step in app/pipeline/steps.py; the overview and tests/app/pipeline/test_due.py
pick it up from there.

    app/pipeline/steps.py    the steps in order, each with its due query and its work
    app/pipeline/due.py      this module: the overview, `Due` per commune
    app/pipeline/dispatch.py the pass: the overview, then each busy commune's due steps
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.pipeline import steps
from media import owner
from storage import audit
from storage.models import Commune
from storage.publications import orphaned


@dataclass
class Scope:
    """What every due query is asked about: the communes of one pass at one time (read once, shared)."""

    session: Session
    communes: list[Any]  # rows of (id, code, timezone, plan_hash)
    now: datetime
    home: Path | None
    token_alert_days: int = 14

    @property
    def ids(self) -> list[int]:
        return [row.id for row in self.communes]

    @cached_property
    def orphans(self) -> list[int]:
        """Sends a killed process left half done (storage.publications.orphaned): due again."""
        return orphaned(self.session, commune_ids=self.ids, is_dead=owner.is_dead)

    @cached_property
    def signing(self) -> tuple[set[str], list[str]]:
        """storage.audit.signing_state of the communes' chains and the installation's: (due their daily
        checkpoint, written since their last checkpoint)."""
        return audit.signing_state(self.session, [*(row.code for row in self.communes), audit.INSTALLATION],
                                   self.now)

    @classmethod
    def of(cls, session: Session, *, codes: list[str], now: datetime, home: Path | None,
           token_alert_days: int = 14) -> Scope:
        rows = session.execute(select(Commune.id, Commune.code, Commune.timezone, Commune.plan_hash)
                               .where(Commune.code.in_(codes))).all()
        order = {code: i for i, code in enumerate(codes)}
        return cls(session, sorted(rows, key=lambda r: order[r.code]), now, home, token_alert_days)


@dataclass
class Due:
    """One commune's due work: for each step name (app.pipeline.steps), what its due query found (versions
    for render-audio, channels for send-posts, the conditions met for the others), in the order found."""

    code: str
    work: dict[str, list[Any]] = field(default_factory=dict)

    def of(self, step: Any) -> list[Any]:
        """What is due for `step` (an app.pipeline.steps.Step or its name): empty when nothing is."""
        return self.work.get(step if isinstance(step, str) else step.name, [])

    def add(self, name: str, item: Any) -> None:
        found = self.work.setdefault(name, [])
        if item not in found:
            found.append(item)

    @property
    def idle(self) -> bool:
        return not any(self.work.values())


def survey(scope: Scope) -> dict[str, Due]:
    """One Due per commune of `scope` (in its order): every step's due query asked once for all of them."""
    found = {row.code: Due(row.code) for row in scope.communes}
    codes = {row.id: row.code for row in scope.communes}
    for step in steps.COMMUNE_STEPS:
        for query in step.due:
            rows: Iterable[tuple[int, Any]] = query(scope)
            for commune_id, item in rows:
                found[codes[commune_id]].add(step.name, item)
    return found


def overview(session: Session, *, codes: list[str], now: datetime, home: Path | None,
             token_alert_days: int = 14) -> dict[str, Due]:
    """One Due per commune in `codes` (in that order; codes not loaded are left out)."""
    return survey(Scope.of(session, codes=codes, now=now, home=home, token_alert_days=token_alert_days))
