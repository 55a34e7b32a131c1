"""A person's reading of an article on the desk: upload a file, or "Thu âm" in the browser (desk/static/recorder.js
records with MediaRecorder and sends the take through the same form). The rules are app.recordings'."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import BinaryIO

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import Response

from desk.article_upload import safe_name
from desk.guard import Writer
from desk.web import desk_of
from media.errors import AudioError


async def record(request: Request, ctx: Writer, article_id: int) -> Response:
    """POST /bai-viet/{id}/thu-am: the file in `tep` becomes the recording of the article's current version."""
    from app.recordings.attach import attach_recording

    desk = desk_of(request)
    async with saved_upload(request, upload_limit(request, ctx.commune_code, article_id)) as source:
        await run_in_threadpool(attach_recording, desk.rt, article_id=article_id, source=source, by=ctx.name,
                                code=ctx.commune_code)
    return desk.redirect(f"/bai-viet/{article_id}", "da-thu-am")


def upload_limit(request: Request, code: str, article_id: int) -> int:
    """The plan's size limit of a recording of this article: an upload past it is not even kept on disk."""
    from app.recordings.limits import recording_limits
    from storage import articles

    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, code)
        article = articles.get(session, article_id, commune=commune)
        return recording_limits(desk.plan(commune), article.channel_list).max_bytes


@asynccontextmanager
async def saved_upload(request: Request, max_bytes: int) -> AsyncIterator[Path]:
    """The file sent in the form's `tep`, saved under a temporary folder for as long as the block runs;
    AudioError as soon as it passes `max_bytes`."""
    form = await request.form()
    sent = form.get("tep")
    if not isinstance(sent, UploadFile) or not sent.filename:
        raise AudioError("recording.none_sent")
    with tempfile.TemporaryDirectory(prefix="loa-recording-") as tmp:
        target = Path(tmp) / safe_name(sent.filename, "thu-am.webm")
        copied = await run_in_threadpool(_copy_at_most, sent.file, target, max_bytes)
        if copied > max_bytes:
            raise AudioError("recording.upload_too_big", name=target.name, limit_mb=max_bytes / 1e6)
        yield target


def _copy_at_most(source: BinaryIO, target: Path, max_bytes: int) -> int:
    """Copy until the end or one byte past `max_bytes`; returns how many bytes were copied."""
    copied = 0
    with target.open("wb") as out:
        while copied <= max_bytes and (chunk := source.read(min(1 << 20, max_bytes + 1 - copied))):
            out.write(chunk)
            copied += len(chunk)
    return copied

