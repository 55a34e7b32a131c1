"""Import articles from documents (.docx .md .txt): read every file first, then write them all at once.

A bad file stops the import before anything is written; a file already imported with the same text
is skipped, so importing a folder twice duplicates nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from sqlalchemy import select

from flows.editorial import add_article, submit_article
from flows.runtime import Runtime
from media.documents import iter_article_files, read_article
from storage import plans
from storage.errors import InvalidInput, StorageError
from storage.models import Article, ArticleVersion, content_hash


def import_files(rt: Runtime, paths: Sequence[Path], *, unit: str | None, author: str,
                 channels: list[str] | None, topic: str | None, submit_by: str | None = None) -> Iterator[str]:
    """Yields one line per file: the new article id or why it was skipped."""
    files = iter_article_files(list(paths))
    if not files:
        raise InvalidInput(f"no .docx, .md or .txt files in {', '.join(map(str, paths))}")
    drafts = [(path, read_article(path)) for path in files]
    lines: list[str] = []
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        now = rt.settings.clock()
        unit_code = unit or plans.get_person(session, commune, author).unit.code
        for path, draft in drafts:
            digest = content_hash(draft.title, draft.body, "vi")
            existing = session.scalar(
                select(Article.id).join(ArticleVersion).where(
                    Article.commune_id == commune.id, Article.source == path.name,
                    ArticleVersion.content_hash == digest)
            )
            if existing is not None:
                lines.append(f"{path}: already imported as article {existing}, skipped")
                continue
            try:
                article = add_article(
                    session, commune=commune, plan=plan, unit=unit_code, author=author, title=draft.title,
                    body=draft.body, channels=channels, topic=topic, source=path.name, now=now,
                )
            except StorageError as exc:
                raise InvalidInput(f"{path}: {exc}") from None
            if submit_by:
                submit_article(session, commune=commune, article_id=article.id, by=submit_by, now=now)
            lines.append(f"{path}: article {article.id}")
    yield from lines
