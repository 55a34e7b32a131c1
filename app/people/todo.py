"""What waits for one person ("Việc cần làm"), by the roles they hold: an editor's rejected articles to
fix, drafts not sent and the quotas at risk of their unit; a leader's review queue with its longest
wait; the radio occurrences that are short of items or await confirmation; the log's chain for an
auditor; failed posts for whoever may retry them. Read only, a few bounded queries, no Prefect.
It composes the rooms' own read services (app.articles.worklists, app.quotas, app.radio.view).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.articles import worklists
from app.quotas.service import quota_rows
from app.runtime import Runtime
from schedules.periods import month_of
from schedules.plan import Plan
from schedules.quotas import QuotaRow
from storage import audit_report
from storage.models import Article, Commune, Person, Publication

SHOWN = 5  # rows per list; the full list is one click away
RADIO_DAYS = 14


@dataclass
class Todo:
    rejected: list[worklists.ArticleRow] = field(default_factory=list)
    drafts: int = 0
    quotas_at_risk: list[QuotaRow] = field(default_factory=list)
    queue: list[worklists.ArticleRow] = field(default_factory=list)
    queue_total: int = 0
    oldest_since: datetime | None = None  # the longest-waiting article's submission
    radio: list[dict[str, Any]] = field(default_factory=list)  # short of items, or aired and not confirmed
    chain: audit_report.ChainState | None = None
    failed_posts: int = 0

    @property
    def empty(self) -> bool:
        return not (self.rejected or self.drafts or self.quotas_at_risk or self.queue_total or self.radio
                    or self.failed_posts or (self.chain and self.chain.verified_ok is False))


def for_person(rt: Runtime, session: Session, *, commune: Commune, plan: Plan, person: Person,
               may: set[str]) -> Todo:
    """`may` holds the desk actions the person may do here (storage.permissions' names). The editor's part
    is for those who hold the editor role (a leader may write too, but their home is the queue)."""
    todo = Todo()
    if "article.write" in may and person.has_role("editor"):
        _editor(session, todo, commune, plan, person, rt.settings.clock())
    if "article.review" in may:
        todo.queue, todo.queue_total = worklists.review_queue(session, commune=commune)
        todo.queue = todo.queue[:SHOWN]
        todo.oldest_since = todo.queue[0].updated_at if todo.queue else None
    if "audit.read" in may:
        todo.chain = audit_report.state(session, commune.code)
    if "publication.retry" in may:
        todo.failed_posts = session.scalar(select(func.count()).select_from(Publication).where(
            Publication.commune_id == commune.id, Publication.status == "failed")) or 0
    return todo


def radio_waiting(rt: Runtime, code: str) -> list[dict[str, Any]]:
    """Occurrences of the next two weeks short of items, and delivered ones awaiting confirmation (its own
    transaction: the radio view opens one)."""
    from app.radio.view import upcoming

    return [row for row in upcoming(rt, days=RADIO_DAYS, code=code)
            if not row["filled"] or row["awaiting"]][:SHOWN * 2]


def _editor(session: Session, todo: Todo, commune: Commune, plan: Plan, person: Person, now: datetime) -> None:
    mine = (Article.commune_id == commune.id, Article.author_id == person.id)
    rejected = session.scalars(select(Article).where(*mine, Article.status == "rejected")
                               .order_by(Article.updated_at.desc()).limit(SHOWN)).all()
    todo.rejected = worklists.rows_for(session, list(rejected))
    todo.drafts = session.scalar(select(func.count()).select_from(Article).where(
        *mine, Article.status == "draft")) or 0
    rows = quota_rows(session.connection(), commune, plan, month_of(now, plan.tz), now)
    todo.quotas_at_risk = [r for r in rows if r.at_risk and r.unit in (person.unit.code, "*")]
