"""What went wrong around Loa, not in its input: a full disk, a read-only or corrupt SQLite file, an
unreachable PostgreSQL, a file where a folder should be. One line saying what and what to do, instead
of a traceback; the transaction was rolled back and files are written atomically, so nothing is
half-written. `explain` returns None for anything else (a bug keeps its traceback).
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator

FREE = ("free space there (old reports/ and cache/tts/ under LOA_HOME; never media/, feeds/ or programs/) "
        "and run the command again")
_OS = {
    errno.ENOSPC: "no space left on the disk holding {where}: " + FREE,
    errno.EDQUOT: "the disk quota is used up for {where}: " + FREE,
    errno.EROFS: "{where} is on a read-only file system: remount it read-write, or point LOA_HOME at a "
                 "writable folder",
    errno.EACCES: "{where}: permission denied: let the user running Loa write there, or point LOA_HOME at a "
                  "folder it owns",
    errno.EPERM: "{where}: operation not permitted: let the user running Loa write there, or point LOA_HOME at "
                 "a folder it owns",
    errno.ENOTDIR: "{where}: a file stands where Loa needs a folder: move it away, or point LOA_HOME elsewhere",
    errno.EEXIST: "{where}: a file stands where Loa needs a folder: move it away, or point LOA_HOME elsewhere",
}
_SQLITE = (  # (what SQLite says, what Loa says) for the SQLite file {db}
    ("database or disk is full", "no space left for the database {db}: " + FREE),
    ("readonly database", "the database {db} is read-only: remount its disk read-write, or let the user running "
                          "Loa write it and its folder (SQLite writes -wal and -shm files beside it)"),
    ("unable to open database file", "cannot open the database {db}: check that its folder exists and is "
                                     "writable, or set LOA_DATABASE_URL"),
    ("file is not a database", "{db} is not an SQLite database (damaged, or another file): restore it from a "
                               "backup, or move it away and run `loa init --plan PLAN.yaml`"),
    ("malformed", "the database {db} is damaged: restore it from a backup (`sqlite3 {db} .recover` may save "
                  "what is left)"),
    ("disk i/o error", "the disk holding {db} failed to read or write: check the disk (dmesg) and its space"),
    ("database is locked", "the database {db} stayed locked by another Loa for 30 s: try again when it is done"),
)
_POSTGRES = (
    ("password authentication failed", "PostgreSQL at {where} refused the login: check the user and password "
                                       "in LOA_DATABASE_URL"),
    ("does not exist", "PostgreSQL at {where}: {reason}: create it (`createdb NAME` for a database, `createuser "
                       "NAME` for a role), or fix LOA_DATABASE_URL"),
    ("", "cannot reach PostgreSQL at {where} ({reason}): start it, or check the host and port in "
         "LOA_DATABASE_URL"),
)


def explain(exc: BaseException, database_url: str | None = None) -> str | None:
    """One line for a failure of the machine around Loa, or None."""
    for err in _chain(exc):
        if isinstance(err, OSError) and err.errno in _OS:
            if not err.filename and err.errno in (errno.ENOSPC, errno.EDQUOT):
                return "no space left on the disk Loa was writing to (the output after `>`, or LOA_HOME): " + FREE
            return _OS[err.errno].format(where=_where(err))
        line = _database(err, database_url)
        if line:
            return line
    return None


def _database(err: BaseException, url: str | None) -> str | None:
    sa = sys.modules.get("sqlalchemy.exc")
    if sa is None or not isinstance(err, sa.DBAPIError | sa.ArgumentError | sa.NoSuchModuleError):
        return None
    if not isinstance(err, sa.DBAPIError):
        return f"the database URL is not usable ({_first(err)}): set LOA_DATABASE_URL to sqlite:///PATH or " \
               "postgresql://USER@HOST/DB"
    if isinstance(err, sa.IntegrityError | sa.ProgrammingError):  # Loa's own mistake: keep its traceback
        return None
    said = _first(err.orig or err)
    if err.orig is not None and type(err.orig).__module__.startswith("sqlite3"):
        db = _sqlite_path(url)
        if any(f in said.lower() for f in ("disk i/o error", "unable to open", "readonly")):
            said = _why(db) or said  # SQLite says little when it cannot make its -wal/-shm files
        for fragment, line in _SQLITE:
            if fragment in said.lower():
                return line.format(db=db)
        return f"the database {_sqlite_path(url)} failed: {said}"
    if isinstance(err, sa.OperationalError | sa.InterfaceError):
        for fragment, line in _POSTGRES:
            if fragment in said:
                return line.format(where=_pg_where(url), reason=_short(said))
    return None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        yield link
        link = link.__cause__ or link.__context__


def _where(err: OSError) -> str:
    return str(err.filename) if err.filename else "what Loa was writing (a file, or the output after `>`)"


def _first(err: BaseException) -> str:
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    return lines[0] if lines else type(err).__name__


def _short(said: str) -> str:
    """psycopg's 'connection failed: connection to server at "h", port 1 failed: Connection refused'."""
    return said.rsplit(": ", 1)[-1].strip() or said


def _sqlite_path(url: str | None) -> str:
    return url.removeprefix("sqlite:///") if url and url.startswith("sqlite:///") else "(LOA_HOME/loa.db)"


def _why(db: str) -> str | None:
    """What SQLite's vague error means for the folder of the database file: read-only, or full."""
    import os
    import shutil

    folder = os.path.dirname(db) or "."
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY or not os.access(folder, os.W_OK):
            return "readonly database"
        if shutil.disk_usage(folder).free < 64 * 1024:
            return "database or disk is full"
    except OSError:
        return None
    return None


def _pg_where(url: str | None) -> str:
    if not url:
        return "LOA_DATABASE_URL"
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"
