"""Documents uploaded from the desk (.docx .doc .odt .pdf .md .txt, at most MAX_FILES at once): each imported
as an article of the editor's (app.articles.importing), the list shown again with the ids made and, in
Vietnamese, why a file was not."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from app.articles import worklists
from desk import vi
from desk.guard import Ctx, Writer
from desk.web import Desk, desk_of
from media.errors import MediaError
from storage import plans
from storage.errors import StorageError

if TYPE_CHECKING:
    pass

MAX_FILES = 50


async def upload(request: Request, ctx: Writer) -> Response:
    form = await request.form()
    files = [f for f in form.getlist("tep") if isinstance(f, UploadFile) and f.filename]
    unit = str(form.get("don_vi", "")) or None
    desk = desk_of(request)
    with tempfile.TemporaryDirectory(prefix="loa-upload-") as tmp:
        paths = []
        for i, upload_file in enumerate(files[:MAX_FILES]):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            target = folder / safe_name(upload_file.filename or "bai.txt")
            target.write_bytes(await upload_file.read())
            paths.append(target)
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_import, request, ctx, desk, paths, unit, len(files))


def _import(request: Request, ctx: Ctx, desk: Desk, paths: list[Path], unit: str | None, given: int) -> Response:
    from app.articles.importing import import_documents

    error = ""
    results: list[tuple[str, int | None, bool]] = []
    if given > MAX_FILES:
        error = f"Mỗi lần tải lên tối đa {MAX_FILES} tệp."
    elif not paths:
        error = "Chưa chọn tệp .docx, .md hoặc .txt nào."
    else:
        try:
            result = import_documents(desk.rt.__class__(desk.rt.settings.replace(
                commune=ctx.commune_code)), paths, unit=unit, author=ctx.name, channels=None, topic=None)
            results = [(i.path.name, i.article_id, i.skipped) for i in result.imported]
            error = " ".join(_refused_line(r.error, r.path) for r in result.refused)
        except (StorageError, MediaError) as exc:
            error = _refused_line(exc, None) + " Chưa tệp nào được nhập."
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        person = plans.get_person(session, commune, ctx.name)
        rows, total = worklists.my_articles(session, commune=commune, person=person)
        units = [(u.code, u.name) for u in commune.units if u.active]
    return desk.page(request, "articles/list.html", {
        "ctx": ctx, "rows": rows, "total": total, "trang": 1, "page_size": worklists.PAGE, "units": units,
        "error": error, "results": results, "tz": commune.timezone}, status=400 if error else 200)


def _refused_line(error: StorageError | MediaError, path: Path | None) -> str:
    """Why a file was not imported; the file's name in front unless the sentence names it already."""
    if path is None or "path" in error.params:
        return vi.reason(error)
    return f"{path.name}: {vi.reason(error)}"


def safe_name(name: str, default: str = "bai.txt") -> str:
    """An uploaded file's name, safe to write in a folder of ours: its last part, odd characters replaced."""
    base = Path(name.replace("\\", "/")).name
    return (re.sub(r"[^\w.\- ]", "_", base).strip(" .") or default)[-150:]
