"""What the portal's steps find to do: web items due (storage.publications.sendable, what
app.portal.publish.publish_due_web takes), and feeds behind the database (web items published since they were
written) or edited on disk (app.portal.stamp). The pass's overview (app.pipeline.due) asks these for every
commune at once; `feeds_stale` asks the same of one commune."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, select

from app.portal.stamp import edited_feeds, published_in_feeds
from storage.models import Publication
from storage.publications import sendable

if TYPE_CHECKING:
    from app.pipeline.due import Scope


def web_items(scope: Scope) -> Any:
    """The due query of publish-web (app.pipeline.steps): (commune id, "web") with an item due."""
    return ((commune_id, "web") for (commune_id,) in scope.session.execute(
        select(Publication.commune_id).distinct()
        .where(Publication.commune_id.in_(scope.ids), Publication.channel == "web",
               Publication.manual.is_(False), sendable(scope.now, scope.orphans))))


def published_web(commune_ids: list[int]) -> Select[Any]:
    """(commune id, how many web items are published): what the feeds should hold."""
    return (select(Publication.commune_id, func.count(Publication.id))
            .where(Publication.commune_id.in_(commune_ids), Publication.channel == "web",
                   Publication.status == "published")
            .group_by(Publication.commune_id))


def behind(home: Path, code: str, published: int) -> bool:
    """The commune's feeds were written from another number of published web items (or never)."""
    return published != (published_in_feeds(home, code) or 0)


def feeds(scope: Scope) -> Any:
    """The due query of build-feeds (app.pipeline.steps): (commune id, "behind" or "edited")."""
    codes = {row.id: row.code for row in scope.communes}
    for commune_id, published in scope.session.execute(published_web(scope.ids)).tuples():
        if scope.home is not None and behind(scope.home, codes[commune_id], published):
            yield commune_id, "behind"
    for commune_id, code in codes.items():  # app.portal.publish.build_feeds rewrites (and records) an edited feed
        if scope.home is not None and edited_feeds(scope.home / "feeds" / code):
            yield commune_id, "edited"
