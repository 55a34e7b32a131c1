"""What the audit step finds to do in a pass: a commune's chain due its daily signed checkpoint (entries, and no
checkpoint for CHECKPOINT_EVERY: storage.audit.signing_state, what app.audit.service.sign_if_due signs)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.pipeline.due import Scope


def checkpoint(scope: Scope) -> Iterator[tuple[int, str]]:
    """The due query of sign-checkpoint (app.pipeline.steps): (commune id, "daily")."""
    daily, _ = scope.signing
    return ((row.id, "daily") for row in scope.communes if row.code in daily)
