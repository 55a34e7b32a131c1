"""What an entry point builds once from Settings and hands down: the engine, sessions, the clock.

Nothing here imports the ORM at start-up: a verb that only reads (`loa article list`, `loa quota status`)
takes a Core connection from `read()` and never maps the models.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from app.settings import Settings
from storage import migrate
from storage.db import READ_ONLY, make_engine, session_factory, transaction
from storage.readonly import communes

if TYPE_CHECKING:  # the plan's pydantic models and YAML load only when a verb needs the plan
    from sqlalchemy.orm import Session, sessionmaker

    from schedules.plan import Plan
    from storage.models import Commune


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

    def _require_current(self) -> None:
        if not self.checked:
            migrate.require_current(self.engine)
            self.checked = True

    @contextmanager
    def tx(self) -> Iterator[Session]:
        """A transaction on a database that `loa init` has brought to the current schema."""
        self._require_current()
        with transaction(self.sessions) as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A Core connection for queries that only read (storage.readonly.tables), in one transaction."""
        self._require_current()
        with self.engine.connect() as conn:
            conn = conn.execution_options(**{READ_ONLY: True})  # SQLite: a deferred BEGIN, no write lock
            with conn.begin():
                yield conn

    def commune(self, session: Session, code: str | None = None) -> Commune:
        """The commune `code`, else the one chosen by --commune / LOA_COMMUNE, else the only one loaded."""
        from storage import plans

        return plans.get_commune(session, code or self.settings.commune)

    def commune_row(self, db: Connection, code: str | None = None) -> communes.CommuneRow:
        """The same commune as `commune`, as plain data read in Core."""
        return communes.find_commune(db, code or self.settings.commune)

    def plan(self, session: Session, code: str | None = None) -> tuple[Commune, Plan]:
        commune = self.commune(session, code)
        return commune, communes.load_stored_plan(commune)

    def commune_codes(self, session: Session) -> list[str]:
        """What a pass goes over: the chosen commune, or every commune loaded (oldest first)."""
        if self.settings.commune:
            return [self.commune(session).code]
        return communes.commune_codes(session.connection())
