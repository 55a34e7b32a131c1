"""`loa audit verify --files`: what lies on disk, checked against what the log recorded.

    clip_problems     every audio clip of the commune: the file's SHA-256 against its `audio.rendered` entry
    program_problems  every radio program built: the file's SHA-256 against the last `radio.*` entry of it
    version_problems  every article version a feed shows: its text against its `publication.published` entry

The feeds and article pages are checked by app.audit.feed_files. Each returns one line per problem,
naming the commune, the file and the entry. A file is read in 1 MiB blocks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from media.files import sha256_file
from storage.audit import legacy_end, of_commune
from storage.models import (
    Article,
    ArticleVersion,
    AudioClip,
    AuditEntry,
    Commune,
    RadioOccurrence,
    Unit,
    content_hash,
)


@dataclass(frozen=True)
class Shown:
    """An article version as a feed shows it: the publication behind it and the text it was published with."""

    publication_id: int
    article_id: int
    number: int
    title: str
    body: str
    language: str
    content_hash: str


def _recorded(session: Session, commune: Commune, actions: Iterable[str], field: str) -> dict[str, tuple[int, str]]:
    """subject -> (seq, hash) of the last entry of `actions` naming it, in the commune's log."""
    column = getattr(AuditEntry, field)
    rows = session.execute(select(AuditEntry.subject, AuditEntry.seq, column)
                           .where(of_commune(commune.code, legacy_end(session)), AuditEntry.action.in_(list(actions)),
                                  column != "")
                           .order_by((AuditEntry.chain == commune.code), AuditEntry.seq))
    return {subject: (seq, value) for subject, seq, value in rows}


def _file(home: Path, relative: str, expected: str) -> str:
    """"" when the file holds `expected`, else what is wrong with it."""
    path = home / relative
    try:
        if path.is_symlink() or not path.is_file():
            return "is missing" if not path.exists() else "is not a regular file"
        return "" if sha256_file(path) == expected else "is not the audio the log recorded: it was replaced or edited"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"


def clip_problems(session: Session, home: Path, commune: Commune) -> tuple[int, list[str]]:
    """(clips checked, problems)."""
    recorded = _recorded(session, commune, ["audio.rendered"], "audio_hash")
    out, checked = [], 0
    for clip, article_id, number in session.execute(
            select(AudioClip, ArticleVersion.article_id, ArticleVersion.number)
            .join(ArticleVersion, ArticleVersion.id == AudioClip.article_version_id)
            .join(Article, Article.id == ArticleVersion.article_id).join(Unit, Unit.id == Article.unit_id)
            .where(Unit.commune_id == commune.id).order_by(AudioClip.id)):
        checked += 1
        what = f"{commune.code}: the clip of article {article_id} v{number} ({clip.path})"
        out += _against_log(home, what, recorded.get(f"loa.audio.{clip.id}", (0, "")), clip.sha256, clip.path,
                            entry="audio.rendered", made="added")
    return checked, out


def program_problems(session: Session, home: Path, commune: Commune) -> tuple[int, list[str]]:
    """(programs checked, problems)."""
    recorded = _recorded(session, commune, ["radio.built", "radio.delivered", "radio.aired"], "audio_hash")
    out, checked = [], 0
    for occ in session.scalars(select(RadioOccurrence).where(RadioOccurrence.commune_id == commune.id,
                                                             RadioOccurrence.program_path.is_not(None))
                               .order_by(RadioOccurrence.starts_at)):
        checked += 1
        what = f"{commune.code}: the program of {occ.slot_slug} {occ.starts_at:%Y-%m-%d %H:%M} UTC ({occ.program_path})"
        out += _against_log(home, what, recorded.get(f"loa.radio.{occ.id}", (0, "")), occ.program_sha256,
                            occ.program_path or "", entry="radio", made="built")
    return checked, out


def _against_log(home: Path, what: str, logged_at: tuple[int, str], stored: str | None, path: str, *, entry: str,
                 made: str) -> list[str]:
    """A file Loa made, against the entry that recorded it: the entry exists, the database's hash is the
    entry's, and the file on disk is still those bytes. At most one problem, the first found."""
    seq, logged = logged_at
    if not seq:
        return [f"{what} has no {entry} entry in the log: it was {made} outside Loa"]
    if logged != stored:
        return [f"{what}: its hash in the database is not the one entry {seq} ({entry}) recorded: it was changed "
                "outside Loa"]
    problem = _file(home, path, logged)
    return [f"{what} {problem} (entry {seq}, {entry})"] if problem else []


def version_problems(session: Session, commune: Commune, shown: list[Shown]) -> list[str]:
    """Each version a feed shows: its text hashes to what it was published with (its entry)."""
    recorded = _recorded(session, commune, ["publication.published"], "content_hash")
    out = []
    for item in shown:
        what = f"{commune.code}: article {item.article_id} v{item.number} ({item.title[:60]!r})"
        seq, logged = recorded.get(f"loa.publication.{item.publication_id}", (0, ""))
        if not seq:
            out.append(f"{what} is in the feeds but no publication.published entry records it: it was published "
                       "outside Loa")
        elif content_hash(item.title, item.body, item.language) != logged or item.content_hash != logged:
            out.append(f"{what} is not the text entry {seq} (publication.published) recorded: its title or body "
                       "was changed outside Loa")
    return out
