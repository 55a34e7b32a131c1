"""Handing a locked program to its outlets: the drop folder and the vendor upload now (each with
retries, then an alert), the Icecast push queued for air time (app.radio.air). An occurrence is
delivered once at least one outlet has it; one that failed is tried again by later passes until air.
Each outlet's result (ok, failed and why, queued) is recorded with its time (storage.radio_outlets).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.notify import alert
from app.radio import places as radio_places
from app.runtime import Runtime
from media.errors import OutletError
from media.radio.outlets import OutletRefused, drop_folder, http_upload, with_retries
from media.radio.program import PROGRAM_FILE
from schedules.plan import RadioSlot
from storage import radio as occurrences
from storage import radio_outlets as outlet_results
from storage.models import Commune, RadioOccurrence
from storage.readonly.communes import commune_codes

FILE_OUTLETS = outlet_results.FILE_OUTLETS


def deliver(rt: Runtime, *, code: str | None, slot: RadioSlot | None, occurrence_id: int, label: str,
            outlets: list[str] | None = None) -> str:
    """Deliver a built occurrence to `outlets` (default: the slot's); one `radio.delivered` entry at most."""
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        occ = session.get(RadioOccurrence, occurrence_id)
        assert occ is not None and occ.program_path
        program_dir = (rt.settings.home / occ.program_path).parent
        folder = program_dir.name
        start, slug = occ.starts_at, occ.slot_slug
    wanted = outlets or (slot.outlets if slot else ["drop-folder"])
    results = {name: send(rt, name, commune, slug, start, folder, program_dir, label) for name in wanted}
    taken = [name for name, result in results.items() if result["ok"]]
    with rt.tx() as session:
        occ = session.get(RadioOccurrence, occurrence_id)
        assert occ is not None
        if taken and not occurrences.mark_delivered(session, occ=occ, outlets=results, now=rt.settings.clock(),
                                                    commune=commune.code):
            return f"{label}: already delivered by another pass"
        record_all(session, occ, results, rt.settings.clock())
    if not taken:
        return f"{label}: built but NOT delivered (every outlet failed; the next pass tries again)"
    failed = [name for name in wanted if name not in taken]
    return f"{label}: delivered to {', '.join(taken)}" + (f"; FAILED: {', '.join(failed)}" if failed else "")


def redeliver_failed(rt: Runtime, *, code: str | None, occurrence_id: int, until: datetime | None = None,
                     label: str | None = None) -> str:
    """Until air (or `until`), try again the file outlets that failed; returns a note for the summary."""
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        occ = session.get(RadioOccurrence, occurrence_id)
        assert occ is not None
        retry = [r.outlet for r in outlet_results.of(session, occurrence_id)
                 if r.outlet in FILE_OUTLETS and r.status == "failed"]
        if not retry or rt.settings.clock() >= (until or occ.starts_at) or not occ.program_path:
            return ""
        program_dir = (rt.settings.home / occ.program_path).parent
        label = label or f"{occ.slot_slug} {occ.starts_at.astimezone(plan.tz):%Y-%m-%d %H:%M}"
        start, slug = occ.starts_at, occ.slot_slug
    results = {n: send(rt, n, commune, slug, start, program_dir.name, program_dir, label) for n in retry}
    with rt.tx() as session:
        occ = session.get(RadioOccurrence, occurrence_id)
        assert occ is not None
        record_all(session, occ, results, rt.settings.clock())
    now_ok = [n for n, r in results.items() if r["ok"]]
    return f"; now also to {', '.join(now_ok)}" if now_ok else f"; {', '.join(retry)} still failing"


def record_all(session: Session, occ: RadioOccurrence, results: dict[str, dict[str, Any]], now: datetime) -> None:
    for name, result in results.items():
        outlet_results.record(session, occ=occ, outlet=name, result=result, now=now)


def send(rt: Runtime, outlet: str, commune: Commune, slug: str, start: datetime, folder: str, program_dir: Path,
         label: str) -> dict[str, Any]:
    """One outlet, with retries; an alert when it gives up. Returns what the as-run records."""
    settings = rt.settings
    try:
        shared = radio_places.shared_address(settings, outlet, _communes(rt))
        if shared:
            raise OutletRefused(shared)
        if outlet == "icecast":
            if not settings.icecast_url or settings.icecast_password is None:
                raise OutletError("radio.icecast_not_set")
            return {"ok": True, "queued": True, "airs_at": start.isoformat()}
        if outlet == "drop-folder":
            dest = radio_places.drop_dir(settings, commune.code, slug, folder)
            where, attempts = with_retries(lambda _: drop_folder.deliver(program_dir, dest, owner=commune.code),
                                           what=f"drop folder {dest}", attempts=settings.radio_retries,
                                           delays=[settings.radio_retry_delay_s])
            return {"ok": True, "path": str(where), "attempts": attempts}
        if outlet == "upload":
            if not settings.radio_upload_url:
                raise OutletError("radio.upload_not_set")
            return _upload(rt, commune.code, slug, start, program_dir, label)
        raise OutletError("radio.unknown_outlet", outlet=outlet)
    except OutletError as exc:
        alert(settings, kind="radio.outlet-failed", message=f"{label}: {outlet} did not take the program: {exc}",
              commune=commune.code, slot=slug, outlet=outlet, starts_at=start.isoformat())
        return {"ok": False, "error": str(exc)[:500]}


def _communes(rt: Runtime) -> int:
    with rt.read() as db:
        return len(commune_codes(db))


def _upload(rt: Runtime, commune: str, slug: str, start: datetime, program_dir: Path, label: str) -> dict[str, Any]:
    settings = rt.settings
    manifest = json.loads((program_dir / "manifest.json").read_text(encoding="utf-8"))
    stamp = f"{start.astimezone(UTC):%Y-%m-%dT%H%MZ}"
    url = http_upload.target_url(settings.radio_upload_url or "", commune=commune, slot=slug, starts=stamp)
    token = settings.radio_upload_token.get_secret_value() if settings.radio_upload_token else None
    meta = {"commune": commune, "slot": slug, "starts_at": start.isoformat(), "title": manifest.get("title", ""),
            "duration_s": f"{manifest.get('total_s', 0):.1f}", "sha256": manifest.get("sha256", "")}
    remote, attempts = with_retries(
        lambda _: http_upload.upload(program_dir / PROGRAM_FILE, url=url, token=token, metadata=meta,
                                     key=f"loa-{commune}-{slug}-{stamp}-{manifest.get('sha256', '')[:16]}",
                                     timeout=(3.05, settings.http_timeout_s)),
        what=f"upload for {label}", attempts=settings.radio_retries, delays=[settings.radio_retry_delay_s])
    return {"ok": True, "remote": remote, "attempts": attempts}
