"""Files every outlet writes: atomically (a reader never sees a partial or 0-byte file), readable by
the web server or station player that serves them (0644 in 0755 folders), and content-addressed
where the name is the content's hash. A crash leaves at most `.tmp-*` files, which the next pass
sweeps away (`sweep_stale_temps`): a temp file's name says which process writes it (media.owner), so
one whose writer died on this host goes at once, any other after an hour."""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
import time
from pathlib import Path

from media import owner
from media.errors import MediaError

TEMP_PREFIX = ".tmp-"
SERVED_FILE, SERVED_DIR = 0o644, 0o755
STALE_AFTER_S = 3600.0  # no render, program or feed takes an hour: an older temp file is a crash's leftover


def served_dir(directory: Path) -> Path:
    """A folder others must read (feeds, media, the radio drop folder): created 0755 whatever the umask."""
    directory.mkdir(parents=True, exist_ok=True)
    if directory.stat().st_mode & 0o777 != SERVED_DIR:
        directory.chmod(SERVED_DIR)
    return directory


def temp_path(directory: Path, suffix: str) -> Path:
    """A fresh empty file in `directory` (same file system as the final name, so os.replace is atomic),
    mode 0644 so the final file is readable by the web server or station player."""
    served_dir(directory)
    handle, name = tempfile.mkstemp(dir=directory, prefix=f"{TEMP_PREFIX}{owner.current()}-", suffix=suffix)
    try:
        os.fchmod(handle, SERVED_FILE)
    finally:
        os.close(handle)
    return Path(name)


def sweep_stale_temps(root: Path, *, older_than_s: float = STALE_AFTER_S) -> list[Path]:
    """Remove `.tmp-*` files under `root` left by a process that died mid-write (on this host: at once;
    otherwise once older than `older_than_s`); returns them."""
    if not root.is_dir():
        return []
    limit = time.time() - older_than_s
    removed = []
    for path in root.rglob(f"{TEMP_PREFIX}*"):
        writer = path.name[len(TEMP_PREFIX):].split("-", 1)[0]
        try:
            if path.is_file() and not path.is_symlink() and (owner.is_dead(writer) or path.stat().st_mtime < limit):
                path.unlink()
                removed.append(path)
        except FileNotFoundError:  # another pass removed it first
            continue
    return removed


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> Path:
    """Write `data` to `path` through a temp file in the same folder, fsync and os.replace.

    A file that already holds exactly these bytes is left untouched (same mtime), so rebuilding
    unchanged feeds or playlists does not make pollers download them again. `sync=False` skips the
    fsync, for caches whose entries can be made again (a reader still never sees a partial file).
    """
    try:
        if path.is_file() and path.read_bytes() == data:
            return path
        tmp = temp_path(path.parent, path.suffix)
        try:
            with tmp.open("wb") as handle:
                handle.write(data)
                handle.flush()
                if sync:
                    os.fsync(handle.fileno())
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise MediaError("file.cannot_write_fix", path=path, why_en=exc.strerror or exc, fix_en=_fix(exc)) from exc
    return path


def _fix(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free space on that disk (old reports/ and cache/tts/ under LOA_HOME) and run it again"
    if exc.errno == errno.EROFS:
        return "remount that disk read-write, or point LOA_HOME at a writable folder"
    return "check the folder is writable"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def publish_content_addressed(tmp: Path, out_dir: Path, suffix: str) -> tuple[Path, str]:
    """Move a finished temp file to `out_dir/<sha256>.<suffix>`; returns (path, sha256)."""
    digest = sha256_file(tmp)
    final = out_dir / f"{digest}{suffix}"
    os.replace(tmp, final)
    return final, digest
