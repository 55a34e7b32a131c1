"""What `loa audit verify` trusts outside the database, checked against what the database says: the
checkpoint journal (there when the key is, holding every checkpoint the database holds and no other),
the key file (the one the plan pins, present when the journal names checkpoints it signed), and the
checkpoint lines of the commune's published feeds.

Each function returns (chain, problem) pairs, chain "" for the installation as a whole; the caller
adds them to its Report. Plain data in: no settings, no session.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.audit.journal import HEADER, Journal, compare
from storage import checkpoints

Found = list[tuple[str, str]]


def journal_problems(journal: Journal, *, key_file: Path | None, stored: list[checkpoints.Checkpoint],
                     chains: list[str]) -> Found:
    """The journal missing while the key (or a stored checkpoint) says one was kept, the file itself cut or
    edited, and checkpoints held on one side only. `key_file`: the installation's key file, if it exists."""
    found: Found = [("", p) for p in journal.problems]
    if not journal.exists and not journal.problems:
        if key_file is not None or stored:
            signed = (f"the database holds {len(stored)} signed checkpoint(s)" if stored
                      else f"the key {key_file} exists")
            found.append(("", f"the checkpoint journal {journal.path} is missing but {signed}: it was deleted; restore "
                              "it from a backup (after an upgrade, the next `loa audit checkpoint` starts it)"))
        return found
    return found + compare(journal, stored, chains)


def key_problems(journal: Journal, *, public: Ed25519PublicKey | None, key_file: Path, pins: dict[str, str],
                 given_key: bool) -> Found:
    """The key that checks the checkpoints against the plans' pins, and a key file gone that signed the
    journal's checkpoints. `pins`: commune code -> the plan's `audit.key_fingerprint`."""
    found: Found = []
    if public is None:
        if journal.checkpoints:
            found.append(("", f"the audit key {key_file} is missing but the checkpoint journal holds "
                              f"{len(journal.checkpoints)} checkpoint(s) it signed: restore the key file or give "
                              "--public-key"))
        for code, pin in sorted(pins.items()):
            found.append((code, f"{code}: the plan pins the audit key {pin}, but there is no key to check the "
                                "checkpoints with: restore the key file or give --public-key"))
        return found
    have = checkpoints.fingerprint(public)
    where = "the public key given" if given_key else f"the audit key {key_file}"
    for code, pin in sorted(pins.items()):
        if have != pin:
            found.append((code, f"{code}: {where} ({have}) is not the key the plan pins ({pin}): it was replaced, "
                                "and checkpoints it signed prove nothing"))
    return found


FEED_HEAD = 16 * 1024  # the line sits in the channel's description, before any item (~500 bytes in)


def feed_checkpoints(home: Path, codes: list[str]) -> list[checkpoints.Checkpoint]:
    """The signed checkpoint lines in the communes' feeds on disk (the copy every reader also keeps), read
    from each feed's head only: a province's feeds are gigabytes, their checkpoint lines a few kilobytes."""
    out = []
    for code in codes:  # the feeds by their suffix (media.feeds, which names them, loads feedgen)
        folder = home / "feeds" / code
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if path.suffix not in (".xml", ".atom"):
                continue
            try:
                with path.open("rb") as handle:
                    out += checkpoints.find(handle.read(FEED_HEAD).decode("utf-8", errors="replace"))
            except OSError:
                continue
    return out


def journal_notes(journal: Journal) -> list[str]:
    """A journal started from the database's checkpoints: those before it rest on the database alone."""
    try:
        with journal.path.open(encoding="ascii", errors="replace") as handle:
            first = handle.readline().strip()
    except OSError:
        return []
    if first.startswith(HEADER) and "from the database" in first:
        return [f"the checkpoint journal {journal.path} was {first.removeprefix(HEADER + ', ')}: the ones copied "
                "then are only as good as the database was"]
    return []
