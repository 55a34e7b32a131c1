"""What the reports count, recomputed from the audit log and compared: any difference is a forgery.

Every `publication.published` entry carries the commune, unit, channel, article (details) and the
time it was published (the entry's time; a manual entry's `at` in its details). From them alone the
`published_mask` rollup the reports read is rebuilt and compared row by row, the publications marked
published are matched with the log one by one, and the stored plan (its quotas and time zone) must be
the one the last `plan.loaded` entry hashed.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.audit import of_commune
from storage.models import AuditEntry, Commune, Publication, PublishedMask, Unit

SHOWN = 12  # differences named one by one; the rest are counted

MaskKey = tuple[int, str, str, int]  # year, unit code, channel, article id
Logged = tuple[str, str, int, datetime | None]  # unit code, channel, article id, when (to the second)


def check_commune(session: Session, commune: Commune, *, legacy: int) -> list[str]:
    """Every difference between the log and what the reports read for this commune, named."""
    problems: list[str] = []
    tz = ZoneInfo(commune.timezone)
    log_masks: dict[MaskKey, int] = defaultdict(int)
    log_pubs: dict[int, Logged] = {}
    query = (select(AuditEntry.seq, AuditEntry.at, AuditEntry.subject, AuditEntry.unit, AuditEntry.channel,
                    AuditEntry.details)
             .where(of_commune(commune.code, legacy), AuditEntry.action == "publication.published"))
    for seq, at, subject, unit, channel, details in session.execute(query):
        try:
            data = json.loads(details)
            when = datetime.fromisoformat(data["at"]).astimezone(UTC) if data.get("manual") else at
            article, pub_id = int(data["article"]), int(subject.rsplit(".", 1)[1])
        except (ValueError, KeyError, TypeError, IndexError):
            problems.append(f"{commune.code}: entry {seq} (publication.published) lacks the article or the time "
                            "the report counts: the rollup cannot be checked for it")
            continue
        local = when.astimezone(tz)
        log_masks[(local.year, unit, channel, article)] |= 1 << (local.month - 1)
        log_pubs[pub_id] = (unit, channel, article, when.replace(microsecond=0))
    problems += _masks(session, commune, log_masks)
    problems += _publications(session, commune, log_pubs)
    problems += _plan(session, commune, legacy)
    if len(problems) > SHOWN:
        problems = [*problems[:SHOWN], f"{commune.code}: and {len(problems) - SHOWN} more differences"]
    return problems


def _months(year: int, mask: int) -> str:
    return ", ".join(f"{year}-{m:02d}" for m in range(1, 13) if mask >> (m - 1) & 1)


def _masks(session: Session, commune: Commune, log_masks: dict[MaskKey, int]) -> list[str]:
    stored: dict[MaskKey, int] = {}
    for year, unit, channel, article, mask in session.execute(
            select(PublishedMask.year, Unit.code, PublishedMask.channel, PublishedMask.article_id, PublishedMask.mask)
            .join(Unit, Unit.id == PublishedMask.unit_id).where(PublishedMask.commune_id == commune.id)):
        stored[(year, unit, channel, article)] = int(mask)
    out = []
    for key in sorted(set(stored) | set(log_masks)):
        year, unit, channel, article = key
        extra = stored.get(key, 0) & ~log_masks.get(key, 0)
        lacking = log_masks.get(key, 0) & ~stored.get(key, 0)
        what = f"article {article} ({unit}, {channel})"
        if extra:
            out.append(f"{commune.code}: the report rollup counts {what} in {_months(year, extra)}, which the log "
                       "never published: published_mask was changed outside Loa")
        if lacking:
            out.append(f"{commune.code}: the log published {what} in {_months(year, lacking)}, which the report "
                       "rollup does not count: published_mask was changed outside Loa")
    return out


def _when(at: datetime | None) -> str:
    return f"{at:%Y-%m-%d %H:%M} UTC" if at else "at no time"


def _publications(session: Session, commune: Commune, log_pubs: dict[int, Logged]) -> list[str]:
    out = []
    rows = session.execute(select(Publication.id, Unit.code, Publication.channel, Publication.article_id,
                                  Publication.published_at)
                           .join(Unit, Unit.id == Publication.unit_id)
                           .where(Publication.commune_id == commune.id, Publication.status == "published"))
    seen = set()
    for pub_id, unit, channel, article, at in rows:
        seen.add(pub_id)
        logged = log_pubs.get(pub_id)
        if logged is None:
            out.append(f"{commune.code}: publication {pub_id} (article {article}, {channel}) is marked published but "
                       "the log never published it")
        elif logged != (unit, channel, article, at.replace(microsecond=0) if at else None):
            out.append(f"{commune.code}: publication {pub_id} is article {article} ({unit}, {channel}) published "
                       f"{_when(at)}, but the log says article {logged[2]} ({logged[0]}, {logged[1]}) "
                       f"at {_when(logged[3])}")
    for pub_id in sorted(set(log_pubs) - seen):
        unit, channel, article, _ = log_pubs[pub_id]
        out.append(f"{commune.code}: the log published publication {pub_id} (article {article}, {channel}) but the "
                   "database no longer marks it published")
    return out


def _plan(session: Session, commune: Commune, legacy: int) -> list[str]:
    """The stored plan (quotas, time zone) must be the one the last plan.loaded entry hashed."""
    from storage.readonly.communes import load_stored_plan

    seq, logged = session.execute(
        select(AuditEntry.seq, AuditEntry.content_hash)
        .where(of_commune(commune.code, legacy), AuditEntry.action == "plan.loaded")
        .order_by(AuditEntry.chain.desc(), AuditEntry.seq.desc()).limit(1)).one_or_none() or (None, None)
    if logged is None:
        return [f"{commune.code}: the log has no plan.loaded entry, so its quotas cannot be checked"]
    actual = hashlib.sha256(commune.plan_yaml.encode()).hexdigest()
    if actual != logged or commune.plan_hash != logged:
        return [f"{commune.code}: the stored plan is not the one the log recorded (entry {seq}, plan.loaded): "
                "its quotas or time zone were changed outside Loa"]
    zone = load_stored_plan(commune).commune.timezone
    if zone != commune.timezone:
        return [f"{commune.code}: the commune's time zone is {commune.timezone}, but its plan says {zone}: "
                "changed outside Loa (it moves publications between months)"]
    return []
