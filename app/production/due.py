"""What audio production finds to do: approved versions with a radio, web or video publication waiting for its
clip and no clip yet. app.production.produce renders them; the pass's overview (app.pipeline.due) asks the
same query for every commune at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select

from storage.models import AudioClip, Publication
from storage.publications import NEEDS_AUDIO

if TYPE_CHECKING:
    from app.pipeline.due import Scope


def needing_audio(commune_ids: list[int]) -> Select[Any]:
    """(commune id, version id) of each version waiting for its clip, oldest version first."""
    return (select(Publication.commune_id, Publication.article_version_id).distinct()
            .outerjoin(AudioClip, AudioClip.article_version_id == Publication.article_version_id)
            .where(Publication.commune_id.in_(commune_ids), Publication.status == "planned",
                   Publication.channel.in_(NEEDS_AUDIO), AudioClip.id.is_(None))
            .order_by(Publication.article_version_id))


def versions(scope: Scope) -> Any:
    """The due query of render-audio (app.pipeline.steps): (commune id, version id)."""
    return scope.session.execute(needing_audio(scope.ids)).tuples()
