"""Each language's own podcast feed (LOA_HOME/feeds/<commune>/cchc-<language>.xml, with its `<language>`): the
approved readings of the articles' language versions, so a village's group subscribes to its own language.

Rebuilt from the database on every web pass (a file whose bytes do not change is left untouched).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from app.runtime import Runtime
from media.feeds import FeedInfo, FeedItem
from media.feeds.render import render_podcast
from media.files import write_atomic
from schedules.languages import language_name
from storage import checkpoints, translations
from storage.models import Article, ArticleTranslation


def build_language_feeds(rt: Runtime, code: str | None = None) -> dict[str, Path]:
    """{language: path} of the podcast feed of each of the plan's languages but Vietnamese."""
    now = rt.settings.clock()
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        wanted = [lang for lang in plan.languages if lang != "vi"]
        rows = session.scalars(
            select(ArticleTranslation).join(Article, Article.id == ArticleTranslation.article_id)
            .where(Article.commune_id == commune.id, Article.status == "approved",
                   ArticleTranslation.language.in_(wanted or [""]), ArticleTranslation.status == "approved",
                   ArticleTranslation.audio_path.is_not(None), translations.of_current_text())
            .order_by(ArticleTranslation.approved_at.desc(), ArticleTranslation.id.desc())).all()
        by_language: dict[str, list[FeedItem]] = {lang: [] for lang in wanted}
        seen: set[tuple[int, str]] = set()
        for row in rows:
            out = max(row.approved_at or row.updated_at, row.article.publish_at or row.updated_at)
            if (row.article_id, row.language) in seen or out > now:
                continue  # the newest approved reading of each article; none before the article's time
            seen.add((row.article_id, row.language))
            by_language[row.language].append(FeedItem(
                guid=f"loa:{commune.code}:article:{row.article_id}:{row.language}:v{row.number}", title=row.title,
                body=row.body, link=f"articles/{row.article_id}.html", published_at=out,
                author=row.article.unit.name, language=row.language, audio_url=row.audio_path,
                audio_bytes=row.audio_bytes, audio_duration_s=row.duration_s))
        signed = checkpoints.latest(session, commune.code)
        base = FeedInfo(commune_code=commune.code, commune_name=commune.name, base_url=rt.settings.public_base,
                        checkpoint=signed.text if signed else None)
    folder = rt.settings.dir("feeds", base.commune_code)
    written = {}
    for lang, items in by_language.items():
        info = replace(base, language=lang, language_name=language_name(lang))
        written[lang] = write_atomic(folder / info.podcast_file, render_podcast(info, items))
    return written
