"""Who holds something (a post being sent, a program being built, a render claim, a half-written temp
file): this host and process, and whether the holder still runs. A process is named by host, pid and its
start time (Linux /proc), so a pid reused by a later process is not mistaken for the one that died. On
another host nothing can be checked: callers fall back to the age of the claim or file. "Host" means this
machine's name and its process-id namespace, so containers sharing a hostname (host networking) never
judge each other's processes: a pid missing from this namespace's /proc may be alive in another one.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
from functools import cache

_TOKEN = re.compile(r"^h([0-9a-f]{6})p(\d+)s(\d+)$")


@cache
def host_tag() -> str:
    """Six hex digits naming this machine and process-id namespace (short enough for a file name)."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:  # no /proc (not Linux): the name alone
        namespace = ""
    return hashlib.sha256(f"{socket.gethostname()}\0{namespace}".encode()).hexdigest()[:6]


def _start_ticks(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (field 22 of /proc/PID/stat); None when it is
    gone or a zombie (dead, not yet reaped by its parent)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read().decode("ascii", "replace")
    except OSError:
        return None
    try:  # the command name (field 2) may hold spaces and parentheses: split after the last ')'
        fields = stat[stat.rindex(")") + 2:].split()
        return None if fields[0] in ("Z", "X") else int(fields[19])
    except (ValueError, IndexError):
        return None


def current() -> str:
    """This process: `h<host>p<pid>s<start ticks>`."""
    pid = os.getpid()
    return f"h{host_tag()}p{pid}s{_start_ticks(pid) or 0}"


def is_dead(token: str) -> bool:
    """True only when `token` names a process of this host that no longer runs; False when it runs,
    when it is on another host, or when the token cannot be read (then only age can tell)."""
    found = _TOKEN.match(token)
    if found is None or found.group(1) != host_tag():
        return False
    pid, ticks = int(found.group(2)), int(found.group(3))
    if not os.path.exists("/proc/self/stat"):  # no /proc: the pid alone
        return not _pid_exists(pid)
    started = _start_ticks(pid)
    return started is None or (ticks != 0 and started != ticks)


def _pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
