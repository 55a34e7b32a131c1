"""The tables the read-only verbs query, as lightweight Core clauses, so that `loa article list` and
`loa quota status` never import the ORM nor map the models (together about 150 ms of a 0.5 s command).

storage.models stays the one definition of the schema: these name a subset of its columns with their
types, and tests/storage/test_tables.py checks each against it.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, column, table

from storage.types import UTCDateTime

commune = table(
    "commune", column("id", Integer), column("code", String), column("name", String),
    column("timezone", String), column("plan_yaml", String), column("quota_view", String),
)
unit = table("unit", column("id", Integer), column("commune_id", Integer), column("code", String),
             column("active", Boolean))
person = table("person", column("id", Integer), column("name", String))
topic = table("topic", column("id", Integer), column("slug", String))
article = table(
    "article", column("id", Integer), column("commune_id", Integer), column("unit_id", Integer),
    column("author_id", Integer), column("topic_id", Integer), column("topic_suggested", Boolean),
    column("status", String), column("priority", String), column("channels", String),
    column("updated_at", UTCDateTime),
)
article_version = table("article_version", column("article_id", Integer), column("number", Integer),
                        column("title", String), column("body", String))
published_mask = table(
    "published_mask", column("commune_id", Integer), column("year", Integer), column("unit_id", Integer),
    column("channel", String), column("mask", Integer),
)
commune_reading = table("commune_reading", column("commune_id", Integer), column("abbreviation", String),
                        column("reading", String))
