"""What an auditor kept, read back for `loa audit verify --checkpoint FILE|LINE`: signed checkpoint lines
from any saved file (an export in CSV or JSON Lines, a feed, a plain text file), and, from an
export, the entries themselves, so a rewritten entry is named with what changed in it."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import audit, checkpoints
from storage.errors import InvalidInput
from storage.models import AuditEntry

CHECKPOINT_ACTION = "audit.checkpoint"  # how an export lists a checkpoint among entries

Copies = dict[str, dict[int, dict[str, Any]]]  # chain -> seq -> exported entry


def read(files: list[str]) -> tuple[list[checkpoints.Checkpoint], Copies]:
    """The checkpoints (each once, in order) and the exported entries held by `files`; a value that is
    no file but a checkpoint line itself (pasted from the feed) is taken as it is."""
    found: dict[str, checkpoints.Checkpoint] = {}
    copies: Copies = defaultdict(dict)
    for given in files:
        pasted = checkpoints.find(given) if given.startswith(checkpoints.PREFIX) else []
        if pasted:
            found.update((cp.line(), cp) for cp in pasted if cp.line() not in found)
            continue
        path = Path(given)
        seen = 0
        for line in _lines(path):
            for cp in checkpoints.find(line):
                found.setdefault(cp.line(), cp)
                seen += 1
        for row in _entries(path):
            try:
                copies[str(row.get("chain") or "")][int(row["seq"])] = row
            except (KeyError, TypeError, ValueError):
                continue
        if not seen:
            raise InvalidInput("audit.checkpoint_no_line", path=path, prefix=checkpoints.PREFIX)
    return list(found.values()), copies


def _lines(path: Path) -> Iterator[str]:
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            yield from handle
    except FileNotFoundError:
        raise InvalidInput("audit.checkpoint_missing", path=path) from None
    except IsADirectoryError:
        raise InvalidInput("audit.checkpoint_folder", path=path) from None
    except OSError as exc:
        raise InvalidInput("audit.checkpoint_unreadable", path=path, why=exc.strerror or exc) from None


def _entries(path: Path) -> Iterator[dict[str, Any]]:
    lines = _lines(path)
    first = next(lines, "")
    if first.startswith("seq,at,"):
        rows: Iterator[dict[str, Any]] = csv.DictReader([first, *lines])
    else:
        rows = (_json(line) for line in [first, *lines] if line.startswith("{"))
    for row in rows:
        if row and "hash" in row and "seq" in row and row.get("action") != CHECKPOINT_ACTION:
            yield row


def _json(line: str) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return "" if value is None else str(value)


def differences(session: Session, copies: Copies) -> list[tuple[str, str]]:
    """Per chain, the first exported entry the log no longer holds as it was: what changed in it."""
    out = []
    for chain, rows in copies.items():
        if not rows:
            continue
        where = audit.chain_label(chain)
        seqs = sorted(rows)
        held = dict(session.execute(select(AuditEntry.seq, AuditEntry.hash).where(
            AuditEntry.chain == chain, AuditEntry.seq >= seqs[0], AuditEntry.seq <= seqs[-1])).tuples().all())
        first = next((seq for seq in seqs if held.get(seq) != rows[seq].get("hash")), None)
        if first is None:
            continue
        entry = session.get(AuditEntry, (chain, first))
        if entry is None:
            out.append((chain, f"{where}: entry {first}, in the copy given, is no longer in the log"))
            continue
        copy, now = rows[first], audit.export_row(entry)
        changed = [f"{f} {_text(copy.get(f))!r} is now {_text(now[f])!r}" for f in audit.EXPORT_FIELDS
                   if f not in ("hash", "prev_hash", "chain") and f in copy and _text(copy[f]) != _text(now[f])]
        out.append((chain, f"{where}: entry {first} differs from the copy given: "
                           f"{'; '.join(changed[:3]) or 'its hash changed'}"))
    return out
