"""A person's reading of an article on the desk: upload a file, or "Thu âm" in the browser (desk/static/recorder.js
records with MediaRecorder and sends the take through the same form). The rules are app.recordings'."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import Response

from desk.guard import Writer
from desk.web import desk_of
from media.errors import AudioError


async def record(request: Request, ctx: Writer, article_id: int) -> Response:
    """POST /bai-viet/{id}/thu-am: the file in `tep` becomes the recording of the article's current version."""
    from app.recordings.attach import attach_recording

    desk = desk_of(request)
    async with saved_upload(request) as source:
        await run_in_threadpool(attach_recording, desk.rt, article_id=article_id, source=source, by=ctx.name,
                                code=ctx.commune_code)
    return desk.redirect(f"/bai-viet/{article_id}", "da-thu-am")


@asynccontextmanager
async def saved_upload(request: Request) -> AsyncIterator[Path]:
    """The file sent in the form's `tep`, saved under a temporary folder for as long as the block runs."""
    form = await request.form()
    sent = form.get("tep")
    if not isinstance(sent, UploadFile) or not sent.filename:
        raise AudioError("no recording was sent: choose a file or record one with Thu âm")
    with tempfile.TemporaryDirectory(prefix="loa-recording-") as tmp:
        target = Path(tmp) / _safe_name(sent.filename)
        with target.open("wb") as out:
            await run_in_threadpool(shutil.copyfileobj, sent.file, out, 1 << 20)
        yield target


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name
    return (re.sub(r"[^\w.\- ]", "_", base).strip(" .") or "thu-am.webm")[-150:]
