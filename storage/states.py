"""The states of DESIGN.md's state machines and the article priorities, importable without the ORM."""

ARTICLE_STATES = ("draft", "submitted", "approved", "rejected", "withdrawn")
PRIORITIES = ("normal", "priority", "emergency")
PUBLICATION_STATES = ("planned", "scheduled", "sending", "published", "failed", "missed", "cancelled")
SLOT_STATES = ("planned", "built", "delivered", "aired", "missed")
