"""What the social step finds to do: posts due (storage.publications.sendable, the selection
app.social.posts.dispatch_due_posts claims from), and channel tokens to renew early or alert about
(app.social.tokens). The pass's overview (app.pipeline.due) asks these for every commune at once."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from storage.models import ChannelToken, Publication
from storage.publications import SOCIAL, sendable

if TYPE_CHECKING:
    from app.pipeline.due import Scope

ROTATE_BEFORE = timedelta(days=30)  # refresh early when the refresh token itself is this close to running out


def posts(scope: Scope) -> Any:
    """The due query of send-posts (app.pipeline.steps): (commune id, channel) with a post due."""
    return scope.session.execute(
        select(Publication.commune_id, Publication.channel).distinct()
        .where(Publication.commune_id.in_(scope.ids), Publication.channel.in_(SOCIAL),
               Publication.manual.is_(False), sendable(scope.now, scope.orphans))).tuples()


def tokens(scope: Scope) -> Any:
    """(commune id, "tokens") for a refresh token to renew (ROTATE_BEFORE) or to alert about (LOA_TOKEN_ALERT_DAYS)."""
    horizon = scope.now + max(ROTATE_BEFORE, timedelta(days=scope.token_alert_days))
    return ((commune_id, "tokens") for (commune_id,) in scope.session.execute(
        select(ChannelToken.commune_id).distinct()
        .where(ChannelToken.commune_id.in_(scope.ids), ChannelToken.refresh_expires_at <= horizon)))
