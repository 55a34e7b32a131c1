"""`loa audit verify --files`, the public half: the feeds and article pages on disk against what Loa renders
from the database now (app.portal.publish.expected_feeds), item by item and page by page.

    feed_problems     every item of the feeds, by what it says
    page_problems     every article page the feeds link to
    page_state        one page (also what `build_feeds` uses to rewrite an edited one)

A feed file larger than MAX_FEED_BYTES is not parsed (Loa's feeds keep 200 items).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

MAX_FEED_BYTES = 64 * 1024 * 1024
ATOM = "{http://www.w3.org/2005/Atom}"
UNSIGNED = ("author", "category", "creator")  # names a plan reload may change: not part of what was published


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
