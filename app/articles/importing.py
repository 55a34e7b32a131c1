"""Import articles from documents (.docx .md .txt): each file read and checked on its own, then the
good ones written in one transaction.

One bad file (a zip bomb, a fake .docx, a text too long, a symbolic link) is refused with its one-line reason and
does not stop the others; a file already imported with the same text is skipped, so importing a
folder twice duplicates nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.articles.editorial import add_article, submit_article
from app.runtime import Runtime
from media.documents import ArticleDraft, find_article_files, read_article
from media.errors import MediaError
from storage import plans
from storage.errors import InvalidInput, StorageError
from storage.models import Article, ArticleVersion, content_hash


@dataclass
class ImportResult:
    """One line per file imported or skipped, and the reasons of the files refused (path first)."""

    lines: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """The one-line error when some files were refused."""
        total = len(self.lines) + len(self.refused)
        return f"{self.refused[0]} ({len(self.refused)} of {total} files not imported; the others were)"


def import_documents(rt: Runtime, paths: Sequence[Path], *, unit: str | None, author: str,
                     channels: list[str] | None, topic: str | None, submit_by: str | None = None) -> ImportResult:
    files, links = find_article_files(list(paths))
    if not files and not links:
        raise InvalidInput(f"no .docx, .md or .txt files in {', '.join(map(str, paths))}")
    result = ImportResult(refused=links)
    drafts: list[tuple[Path, ArticleDraft]] = []
    for path in files:
        try:
            if path.is_symlink():  # swapped for a link since it was found
                raise MediaError(f"{path}: became a symbolic link while importing, not imported: Loa never follows "
                                 "links")
            drafts.append((path, read_article(path)))
        except MediaError as exc:
            result.refused.append(str(exc))
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
                result.lines.append(f"{path}: already imported as article {existing}, skipped")
                continue
            try:
                with session.begin_nested():
                    article = add_article(
                        session, commune=commune, plan=plan, unit=unit_code, author=author, title=draft.title,
                        body=draft.body, channels=channels, topic=topic, source=path.name, now=now,
                    )
                    if submit_by:
                        submit_article(session, commune=commune, article_id=article.id, by=submit_by, now=now)
            except StorageError as exc:
                result.refused.append(f"{path}: {exc}")
                continue
            result.lines.append(f"{path}: article {article.id}")
    return result


def import_files(rt: Runtime, paths: Sequence[Path], *, unit: str | None, author: str,
                 channels: list[str] | None, topic: str | None, submit_by: str | None = None) -> Iterator[str]:
    """Yields one line per file: the new article id, why it was skipped, or why it was not imported."""
    result = import_documents(rt, paths, unit=unit, author=author, channels=channels, topic=topic,
                              submit_by=submit_by)
    yield from result.lines
    yield from (f"not imported: {reason}" for reason in result.refused)
