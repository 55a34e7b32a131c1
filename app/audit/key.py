"""The installation's Ed25519 key that signs audit checkpoints: a file outside the database.

`LOA_AUDIT_KEY_FILE`, else `LOA_HOME/keys/audit-ed25519.pem` (folder 0700), created 0600 on first use
and refused when anyone but its owner may read it. Only its public half ever leaves this module
(`loa audit key` prints it for the auditor); the file's bytes are never logged or echoed in an error.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from app.audit import journal
from app.settings import Settings
from storage import checkpoints
from storage.errors import StorageError

MAX_BYTES = 4096


class AuditKeyError(StorageError):
    """The key file is missing, unsafe or unreadable; the message says how to fix it."""


def key_path(settings: Settings) -> Path:
    return Path(settings.audit_key_file) if settings.audit_key_file else settings.home / "keys" / "audit-ed25519.pem"


def journal_path(settings: Settings) -> Path:
    """The append-only file every signed checkpoint also goes to (app.audit.journal): LOA_AUDIT_JOURNAL, else
    beside the key (`audit-ed25519.checkpoints`)."""
    return Path(settings.audit_journal) if settings.audit_journal else key_path(settings).with_suffix(".checkpoints")


def key_exists(settings: Settings) -> bool:
    path = key_path(settings)
    return path.exists() or path.is_symlink()


def load(settings: Settings, *, create: bool) -> Ed25519PrivateKey | None:
    """The private key; created when missing and `create` (its journal started beside it), else None when
    missing."""
    path = key_path(settings)
    if not path.exists() and not path.is_symlink():
        if not create:
            return None
        key = _create(path)
        journal.start(journal_path(settings), seed=[], now=settings.clock())
        return key
    return _read(path)


def _read(path: Path) -> Ed25519PrivateKey:
    try:
        info = path.stat()
    except OSError as exc:
        raise AuditKeyError("audit.key_unreadable", path=path, why=exc.strerror or exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise AuditKeyError("audit.key_not_a_file", path=path)
    if info.st_mode & 0o077:
        raise AuditKeyError("audit.key_exposed", path=path, mode=info.st_mode & 0o777)
    if info.st_size > MAX_BYTES:
        raise AuditKeyError("audit.key_too_big", path=path, size=info.st_size)
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, OSError):
        raise AuditKeyError("audit.key_not_pem", path=path) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise AuditKeyError("audit.key_not_ed25519", path=path)
    return key


def public_key(settings: Settings, given: str | None = None) -> Ed25519PublicKey | None:
    """The key checkpoints are checked with: the one the auditor gives (the `ed25519:…` text or a file
    holding it), else the installation's own, else None when there is none yet."""
    if given:
        candidate = Path(given)
        if len(given) < 4096 and candidate.is_file() and candidate.stat().st_size < MAX_BYTES:
            given = candidate.read_text(encoding="utf-8", errors="replace")
        return checkpoints.parse_public(given)
    key = load(settings, create=False)
    return key.public_key() if key else None


def _create(path: Path) -> Ed25519PrivateKey:
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
        path.parent.chmod(0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    temp = path.with_name(f".tmp-{path.name}-{os.getpid()}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp, path)  # fails if another process created the key meanwhile: theirs wins
        except FileExistsError:
            return _read(path)
    except OSError as exc:
        raise AuditKeyError("audit.key_cannot_create", path=path, why=exc.strerror or exc) from None
    finally:
        temp.unlink(missing_ok=True)
    return key
