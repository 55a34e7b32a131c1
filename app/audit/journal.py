"""The checkpoint journal: every signed checkpoint also appended, one line each, to a file outside the
database (beside the audit key, or LOA_AUDIT_JOURNAL), so that whoever can write the database alone,
rewriting the log with every hash recomputed and deleting the stored checkpoints, still meets the
ones kept here; `verify` reads it line by line and says when it is missing, cut or edited.

    # loa checkpoint journal v1, started 2026-03-20T03:00:00Z[, with N checkpoints from the database]
    loa-checkpoint v1 phu-khuong 41 <root> <head> 2026-03-20T03:00:00Z <key id> <signature>
    …

Lines are only ever appended (O_APPEND, one write each, fsynced); the file is never rewritten. A host
can make it append-only for everyone, root aside (`chattr +a`), or ship it elsewhere as it grows.
"""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from storage import checkpoints
from storage.audit import chain_label
from storage.errors import StorageError

HEADER = "# loa checkpoint journal v1"
WITHDRAWN = "# not stored in the database: "  # a checkpoint journalled whose transaction then failed


class JournalError(StorageError):
    """The journal cannot be written; the message says where and how to fix it."""


@dataclass
class Journal:
    path: Path
    exists: bool = False
    checkpoints: list[checkpoints.Checkpoint] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    withdrawn: set[str] = field(default_factory=set)  # lines whose transaction failed after they were appended


def start(path: Path, *, seed: list[str], now: datetime) -> bool:
    """Create the journal with its header and `seed` (the checkpoint lines the database holds, on the first
    signing after an upgrade); False when it already exists (another process won the race)."""
    note = f", with {len(seed)} checkpoint(s) from the database" if seed else ""
    text = f"{HEADER}, started {now.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}{note}\n" + "".join(f"{s}\n" for s in seed)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        return False
    except OSError as exc:
        raise JournalError("audit.journal_cannot_create", path=path, why=exc.strerror or exc) from None
    _write(fd, path, text)
    return True


def append(path: Path, lines: list[str]) -> None:
    """Append signed checkpoint lines at the end, never anywhere else; the journal must exist (`start`)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise JournalError("audit.journal_cannot_append", path=path, why=exc.strerror or exc) from None
    _write(fd, path, "".join(f"{line}\n" for line in lines))


def withdraw(path: Path, line: str) -> None:
    """Say that `line`, appended, never reached the database (its transaction failed): `compare` then expects
    it there no more. Best effort: the failure being handled is already on its way to the caller."""
    try:
        append(path, [f"{WITHDRAWN}{line}"])
    except JournalError:
        return


def _write(fd: int, path: Path, text: str) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # workers of several hosts appending to one shared file take turns
        os.write(fd, text.encode("ascii"))  # one write: appenders never interleave within a line
        os.fsync(fd)
    except OSError as exc:
        raise JournalError("audit.journal_cannot_write", path=path, why=exc.strerror or exc) from None
    finally:
        os.close(fd)


def read(path: Path, chains: list[str] | None = None) -> Journal:
    """The journal's checkpoints (of `chains`; None: all), read line by line, and what is wrong with the file
    itself (cut, edited, not a journal)."""
    journal = Journal(path)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        journal.problems.append(f"the checkpoint journal {path} is not a regular file: it was replaced")
        return journal
    wanted = None if chains is None else {c or "*" for c in chains}
    try:
        with path.open("rb") as handle:
            journal.exists = True
            for number, raw in enumerate(handle, start=1):
                _line(journal, number, raw, wanted)
    except FileNotFoundError:
        return journal
    except OSError as exc:
        journal.problems.append(f"the checkpoint journal {path} cannot be read ({exc.strerror or exc})")
    return journal


def _line(journal: Journal, number: int, raw: bytes, wanted: set[str] | None) -> None:
    path = journal.path
    if not raw.endswith(b"\n"):
        journal.problems.append(f"the checkpoint journal {path} ends inside a line: it was cut (truncated)")
        return
    line = raw[:-1].decode("ascii", errors="replace")
    if number == 1:
        if not line.startswith(HEADER):
            journal.problems.append(f"the checkpoint journal {path} does not begin with its header: it was cut at "
                                    "the front or replaced")
        else:
            return
    if not line:
        return
    if line.startswith(WITHDRAWN):
        journal.withdrawn.add(line.removeprefix(WITHDRAWN))
        return
    if wanted is not None and line.startswith(checkpoints.PREFIX + " ") \
            and line[len(checkpoints.PREFIX) + 1:].split(" ", 1)[0] not in wanted:
        return  # another commune's checkpoint: outside this check's scope
    found = checkpoints.find(line)
    if len(found) != 1 or found[0].line() != line:
        journal.problems.append(f"line {number} of the checkpoint journal {path} is not a signed checkpoint: the "
                                "journal was edited")
        return
    journal.checkpoints.append(found[0])


def compare(journal: Journal, stored: list[checkpoints.Checkpoint], chains: list[str]) -> list[tuple[str, str]]:
    """(chain, problem) for each chain of `chains` whose checkpoints differ between the journal and the
    database: one deleted from the database, or one missing from the journal (cut or replaced)."""
    out: list[tuple[str, str]] = []
    kept = {cp.line(): cp for cp in journal.checkpoints if cp.chain in chains and cp.line() not in journal.withdrawn}
    held = {cp.line(): cp for cp in stored if cp.chain in chains}
    for chain in chains:
        gone = [cp for line, cp in kept.items() if cp.chain == chain and line not in held]
        lost = [cp for line, cp in held.items() if cp.chain == chain and line not in kept]
        if gone:
            out.append((chain, f"{chain_label(chain)}: {_some(gone)} in the checkpoint journal "
                               f"{'is' if len(gone) == 1 else 'are'} no longer in the database: stored checkpoints "
                               "were deleted outside Loa"))
        if lost:
            out.append((chain, f"{chain_label(chain)}: the checkpoint journal {journal.path} misses {_some(lost)} "
                               "that the database holds: the journal was cut or replaced"))
    return out


def _some(cps: list[checkpoints.Checkpoint]) -> str:
    first = min(cps, key=lambda cp: (cp.at, cp.size))
    return first.label() + (f" and {len(cps) - 1} more" if len(cps) > 1 else "")
