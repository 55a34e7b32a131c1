"""The streamer: one Icecast push in a process of its own, started by a pass (app.radio.air) and
left running when the pass ends. `python -m app.radio.streamer OCCURRENCE COMMUNE` reads Loa's
settings from the LOA_* variables the pass hands it; it logs to LOA_HOME/logs/icecast-<occurrence>.log
and exits 0 when the program went out (or another streamer has it), 1 when the push failed (recorded
and alerted; the next pass exits 1 for it too).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from app.settings import PREFIX, Settings

ROOT = Path(__file__).resolve().parents[2]  # where `flows` is imported from


def spawn(settings: Settings, occurrence_id: int, code: str | None) -> subprocess.Popen[bytes]:
    """Start the streamer of `occurrence_id`, detached from this process (its own session: a pass that ends,
    or a Ctrl-C in its terminal, leaves it running)."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(PREFIX)}
    env.update(settings.to_env())
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    log_path = settings.dir("logs") / f"icecast-{occurrence_id}.log"
    with log_path.open("ab") as log_file:
        return subprocess.Popen([sys.executable, "-m", "app.radio.streamer", str(occurrence_id), code or ""],
                                env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
                                start_new_session=True, close_fds=True)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, format="%(asctime)s loa-streamer[%(process)d] %(levelname)s: %(message)s")
    log = logging.getLogger("loa.streamer")
    if len(args) != 2 or not args[0].isdigit():
        log.error("usage: python -m app.radio.streamer OCCURRENCE COMMUNE")
        return 2
    from app.radio.air import ClaimLost, push_occurrence
    from app.runtime import Runtime

    try:
        ok, line = push_occurrence(Runtime(Settings()), args[1] or None, int(args[0]))
    except ClaimLost as exc:
        ok, line = True, f"{exc}; this streamer stops"
    except Exception:  # nobody to raise to: the log says what happened, the next pass takes the push over
        log.exception("the Icecast push of radio occurrence %s stopped", args[0])
        return 1
    log.info("%s", line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
