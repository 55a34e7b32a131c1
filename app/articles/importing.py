"""Import articles from documents (.docx .md .txt): each file read and checked on its own, then the
good ones written in one transaction.

One bad file (a zip bomb, a fake .docx, a text too long, a symbolic link) is refused with its coded reason and
does not stop the others; a file already imported with the same text is skipped, so importing a
folder twice duplicates nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
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


@dataclass(frozen=True)
class Imported:
    """A file that is now an article: `article_id` is new, or the article it was imported as before (skipped)."""

    path: Path
    article_id: int
    skipped: bool = False


@dataclass(frozen=True)
class Refused:
    """A file not imported, and why (a coded error: str() in English, the desk renders its code)."""

    path: Path | None
    error: StorageError | MediaError


@dataclass
class ImportResult:
    """Each file imported or skipped (in order), and the files refused."""

    imported: list[Imported] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)

    @property
    def made(self) -> list[int]:
        """The ids of the articles this import made."""
        return [i.article_id for i in self.imported if not i.skipped]

    @property
    def skipped(self) -> list[Imported]:
        return [i for i in self.imported if i.skipped]


def import_documents(rt: Runtime, paths: Sequence[Path], *, unit: str | None, author: str,
                     channels: list[str] | None, topic: str | None, submit_by: str | None = None) -> ImportResult:
    files, links = find_article_files(list(paths))
    if not files and not links:
        raise InvalidInput("import.no_files", paths=", ".join(map(str, paths)))
    result = ImportResult(refused=[Refused(_path_of(link), link) for link in links])
    drafts: list[tuple[Path, ArticleDraft]] = []
    for path in files:
        try:
            if path.is_symlink():  # swapped for a link since it was found
                raise MediaError("import.became_link", path=path)
            drafts.append((path, read_article(path)))
        except MediaError as exc:
            result.refused.append(Refused(path, exc))
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
                result.imported.append(Imported(path, existing, skipped=True))
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
                result.refused.append(Refused(path, exc))
                continue
            result.imported.append(Imported(path, article.id))
    return result


def _path_of(error: MediaError) -> Path | None:
    path = error.params.get("path")
    return Path(path) if path is not None else None

