"""SQLAlchemy 2.0 typed models. Import from here: `from storage.models import Article`."""

from storage.models.account import CalendarFeed, Credential, DeskSession, LoginFailure, Notification, PasswordLink
from storage.models.article import Article, ArticleVersion, content_hash
from storage.models.audit import AuditCheckpoint, AuditEntry, AuditHead, AuditVerification, PendingEvent
from storage.models.base import Base, UTCDateTime
from storage.models.plan import Commune, Person, Topic, Unit
from storage.models.publication import (
    AudioClip,
    Publication,
    PublishedMask,
    RadioFill,
    RadioOccurrence,
    RadioOutletResult,
)
from storage.models.token import ChannelToken
from storage.states import ARTICLE_STATES, PRIORITIES, PUBLICATION_STATES, SLOT_STATES

__all__ = [
    "ARTICLE_STATES", "PRIORITIES", "PUBLICATION_STATES", "SLOT_STATES",
    "Article", "ArticleVersion", "AudioClip", "AuditEntry", "AuditHead", "Base", "Commune",
    "PendingEvent", "Person", "Publication", "PublishedMask", "RadioFill", "RadioOccurrence", "Topic", "UTCDateTime",
    "RadioOutletResult", "Unit",
    "content_hash",
    "CalendarFeed", "Credential", "DeskSession", "LoginFailure", "Notification", "PasswordLink",
    "ChannelToken",
    "AuditCheckpoint", "AuditVerification",
]

from storage.models.render import RenderClaim  # noqa: E402

__all__ += ["RenderClaim"]

from storage.models.translation import ArticleTranslation  # noqa: E402

__all__ += ["ArticleTranslation"]

from storage.models.reading import CommuneReading  # noqa: E402

__all__ += ["CommuneReading"]
