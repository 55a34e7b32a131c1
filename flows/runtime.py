"""What an entry point builds once from Settings and hands down: the engine, sessions, the clock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from flows.settings import Settings
from storage import migrate, plans
from storage.db import make_engine, session_factory, transaction
from storage.models import Commune

if TYPE_CHECKING:  # the plan's pydantic models and YAML load only when a verb needs the plan
    from schedules.plan import Plan


@dataclass
class Runtime:
    settings: Settings
    checked: bool = field(default=False, init=False)

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.settings.db_url)

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return session_factory(self.engine)

    @contextmanager
    def tx(self) -> Iterator[Session]:
        """A transaction on a database that `loa init` has brought to the current schema."""
        if not self.checked:
            migrate.require_current(self.engine)
            self.checked = True
        with transaction(self.sessions) as session:
            yield session

    def commune(self, session: Session, code: str | None = None) -> Commune:
        """The commune `code`, else the one chosen by --commune / LOA_COMMUNE, else the only one loaded."""
        return plans.get_commune(session, code or self.settings.commune)

    def plan(self, session: Session, code: str | None = None) -> tuple[Commune, Plan]:
        commune = self.commune(session, code)
        return commune, plans.load_stored_plan(commune)

    def commune_codes(self, session: Session) -> list[str]:
        """What a pass goes over: the chosen commune, or every commune loaded (oldest first)."""
        if self.settings.commune:
            return [self.commune(session).code]
        return plans.commune_codes(session)
