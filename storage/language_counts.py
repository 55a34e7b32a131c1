"""How many bulletins went out in each language other than the article's own (bản tin tiếng dân tộc): the
readings aired in radio programs of a period, each article counted once per unit and language.

A language version is not a second article: the quotas count the article; this is the plans' separate duty.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Article, ArticleVersion, Publication, RadioOccurrence, Unit


def language_counts(session: Session, *, commune_id: int, start: datetime, end: datetime) -> dict[tuple[str, str],
                                                                                                  int]:
    """(unit code, language) → distinct articles aired in that language in [start, end)."""
    aired = session.scalars(select(RadioOccurrence.manifest).where(
        RadioOccurrence.commune_id == commune_id, RadioOccurrence.status == "aired",
        RadioOccurrence.starts_at >= start, RadioOccurrence.starts_at < end)).all()
    heard: list[tuple[str, str]] = []  # (language, pub:N | evergreen:N)
    for manifest in aired:
        for item in json.loads(manifest or "{}").get("items", []):
            key, language = str(item.get("key", "")), item.get("language", "vi")
            if key.startswith("lang:"):
                heard.append((language, key.split(":", 2)[2]))
    pubs = {int(k[4:]) for _, k in heard if k.startswith("pub:")}
    versions = {int(k[10:]) for _, k in heard if k.startswith("evergreen:")}
    owner: dict[str, tuple[int, str]] = {}
    if pubs:
        for pid, article, unit in session.execute(select(Publication.id, Publication.article_id, Unit.code)
                                                  .join(Unit, Unit.id == Publication.unit_id)
                                                  .where(Publication.id.in_(pubs))):
            owner[f"pub:{pid}"] = (article, unit)
    if versions:
        for vid, article, unit in session.execute(select(ArticleVersion.id, Article.id, Unit.code)
                                                  .join(Article, Article.id == ArticleVersion.article_id)
                                                  .join(Unit, Unit.id == Article.unit_id)
                                                  .where(ArticleVersion.id.in_(versions))):
            owner[f"evergreen:{vid}"] = (article, unit)
    seen = {(owner[k][1], language, owner[k][0]) for language, k in heard if k in owner}
    counts: dict[tuple[str, str], int] = {}
    for unit, language, _ in seen:
        counts[(unit, language)] = counts.get((unit, language), 0) + 1
    return counts
