"""`loa audit verify --files`: what lies on disk, checked against what the log recorded.

    clip_problems     every audio clip of the commune: the file's SHA-256 against its `audio.rendered` entry
    program_problems  every radio program built: the file's SHA-256 against the last `radio.*` entry of it
    version_problems  every article version a feed shows: its text against its `publication.published` entry
    feed_problems     every item of the feeds on disk against the same item rendered from the database
    page_problems     every article page the feeds link to against the page rendered from the database

Each returns one line per problem, naming the commune, the file and the entry. A file is read in 1 MiB
blocks; a feed file larger than MAX_FEED_BYTES is not parsed (Loa's feeds keep 200 items).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
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

MAX_FEED_BYTES = 64 * 1024 * 1024
ATOM = "{http://www.w3.org/2005/Atom}"
UNSIGNED = ("author", "category", "creator")  # names a plan reload may change: not part of what was published


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
        seq, logged = recorded.get(f"loa.audio.{clip.id}", (0, ""))
        if not seq:
            out.append(f"{what} has no audio.rendered entry in the log: it was added outside Loa")
        elif logged != clip.sha256:
            out.append(f"{what}: its hash in the database is not the one entry {seq} (audio.rendered) recorded: it "
                       "was changed outside Loa")
        elif problem := _file(home, clip.path, logged):
            out.append(f"{what} {problem} (entry {seq}, audio.rendered)")
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
        seq, logged = recorded.get(f"loa.radio.{occ.id}", (0, ""))
        if not seq:
            out.append(f"{what} has no radio entry in the log: it was built outside Loa")
        elif logged != occ.program_sha256:
            out.append(f"{what}: its hash in the database is not the one entry {seq} recorded: it was changed "
                       "outside Loa")
        elif problem := _file(home, occ.program_path or "", logged):
            out.append(f"{what} {problem} (entry {seq})")
    return checked, out


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


def feed_problems(folder: Path, expected: dict[str, bytes], code: str) -> list[str]:
    """The feeds in `folder` against `expected` (file name -> the bytes Loa renders from the database now),
    item by item; the channel's own lines (the latest checkpoint) may differ between builds."""
    out = []
    for name, data in expected.items():
        where = f"{code}: feeds/{code}/{name}"
        try:
            path = folder / name
            if path.is_symlink() or not path.is_file():
                out.append(f"{where} is missing: run `loa feeds build`")
                continue
            if path.stat().st_size > MAX_FEED_BYTES:
                out.append(f"{where} is larger than any feed Loa writes: it was replaced")
                continue
            held = _items(path.read_bytes())
        except (OSError, ET.ParseError) as exc:
            out.append(f"{where} is not a feed Loa wrote ({getattr(exc, 'strerror', None) or exc})")
            continue
        want = _items(data)
        for guid, (title, xml) in want.items():
            if guid not in held:
                out.append(f"{where} misses item {guid} ({title[:60]!r}): it was removed")
            elif held[guid][1] != xml:
                shown = held[guid][0]
                was = f" (it was published as {title[:60]!r})" if shown != title else ""
                out.append(f"{where}: item {guid} ({shown[:60]!r}) is not what was published{was}: the feed was "
                           "edited")
        out += [f"{where} holds item {guid} ({title[:60]!r}) that Loa never published: the feed was edited"
                for guid, (title, _) in held.items() if guid not in want]
    return out


def page_problems(home: Path, expected: dict[str, bytes], code: str) -> list[str]:
    """Each article page the feeds link to (path under LOA_HOME -> the bytes Loa writes from the database)."""
    return [f"{code}: the page {relative} {problem}; the next `loa feeds build` or pass that writes the feeds "
            "rewrites it" for relative, data in expected.items() if (problem := page_state(home / relative, data))]


def page_state(path: Path, data: bytes) -> str:
    """"" when the page says what Loa wrote (`data`), else what is wrong with it."""
    try:
        if path.is_symlink() or not path.is_file():
            return "is missing"
        if _page_text(path.read_bytes()) != _page_text(data):
            return "is not the text that was published: it was edited on disk"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return ""


def _page_text(page: bytes) -> list[bytes]:
    """A page Loa wrote, without its unit line (a plan reload may rename the unit)."""
    return [line for line in page.splitlines() if not line.startswith(b"<p><em>")]


def _items(data: bytes) -> dict[str, tuple[str, list[tuple[str, str, tuple[tuple[str, str], ...]]]]]:
    """guid (RSS) or id (Atom) -> (title, what the item says) of every item of a feed. What it says leaves
    out the unit and topic names (a plan reload renames them) and reduces every address to its last part
    (LOA_BASE_URL may differ between the pass and the auditor's shell): media files are named by their hash."""
    root = ET.fromstring(data)
    found = {}
    for item in [*root.iterfind("./channel/item"), *root.iterfind(f"{ATOM}entry")]:
        guid = item.findtext("guid") or item.findtext(f"{ATOM}id") or ""
        title = item.findtext("title") or item.findtext(f"{ATOM}title") or ""
        says = sorted((child.tag, _tail(child.text or ""), tuple(sorted((k, _tail(v)) for k, v in child.items())))
                      for child in item if not child.tag.rsplit("}", 1)[-1].endswith(UNSIGNED))
        found[guid] = (title, says)
    return found


def _tail(value: str) -> str:
    value = value.strip()
    return value.rsplit("/", 1)[-1] if "://" in value or value.startswith("/") else value
