"""Files every outlet writes: atomically (a reader never sees a partial or 0-byte file), and
content-addressed where the name is the content's hash."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from media.errors import MediaError


def temp_path(directory: Path, suffix: str) -> Path:
    """A fresh empty file in `directory` (same file system as the final name, so os.replace is atomic)."""
    directory.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=suffix)
    os.close(handle)
    return Path(name)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` through a temp file in the same folder, fsync and os.replace.

    A file that already holds exactly these bytes is left untouched (same mtime), so rebuilding
    unchanged feeds or playlists does not make pollers download them again.
    """
    try:
        if path.is_file() and path.read_bytes() == data:
            return path
        tmp = temp_path(path.parent, path.suffix)
        try:
            with tmp.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise MediaError(f"cannot write {path}: {exc.strerror or exc}; check the folder is writable") from exc
    return path


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
