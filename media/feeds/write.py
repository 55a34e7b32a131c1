"""Write the three feeds to a folder, each atomically, so a portal never reads half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from media.errors import MediaError
from media.feeds.model import DEFAULT_MAX_ITEMS, FEED_FILES, FeedInfo, FeedItem
from media.feeds.render import render_atom, render_podcast, render_rss


def write_feeds(
    info: FeedInfo, items: Iterable[FeedItem], out_dir: Path, *, max_items: int = DEFAULT_MAX_ITEMS
) -> dict[str, Path]:
    """Render and write rss, podcast and atom feeds under `out_dir`; returns {kind: path}.

    A file whose bytes would not change is left untouched (same mtime), so rebuilding unchanged feeds
    gives byte-identical files and does not make pollers re-download.
    """
    items = list(items)
    rendered = {
        "rss": render_rss(info, items, max_items=max_items),
        "podcast": render_podcast(info, items, max_items=max_items),
        "atom": render_atom(info, items, max_items=max_items),
    }
    paths = {}
    for kind, data in rendered.items():
        path = Path(out_dir) / FEED_FILES[kind]
        write_atomic(path, data)
        paths[kind] = path
    return paths


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temp file in the same folder and os.replace.

    Returns False (and writes nothing) when the file already holds exactly these bytes.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and path.read_bytes() == data:
            return False
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        reason = exc.strerror or exc
        raise MediaError(f"cannot write {path}: {reason}; check the folder is writable") from exc
    return True
