"""`python -m desk`: the desk's own entry point. `loa desk` checks its options and the database, then hands
the process over to this (the command line and the desk never import each other).

    python -m desk [--host 127.0.0.1] [--port 8040] [--base-path /loa] [--no-scheduler]

On embedded defaults (no PREFECT_API_URL) the same process also runs the schedules of `loa serve`.
"""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="loa desk", description="Serve the staff's web desk.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8040, help="port (0: any free port)")
    parser.add_argument("--base-path", default="", help="path prefix behind a reverse proxy, e.g. /loa")
    parser.add_argument("--no-scheduler", action="store_true", help="do not run prefect.yaml's schedules here")
    args = parser.parse_args(argv)

    from app.pipeline import scheduler
    from app.settings import Settings
    from app.trouble import explain
    from desk.server import serve

    try:
        settings = Settings()
        embedded = not os.environ.get("PREFECT_API_URL")
        background = scheduler.background(settings) if embedded and not args.no_scheduler else None
        serve(settings, host=args.host, port=args.port, base_path=args.base_path, background=background,
              announce=_announce)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        line = explain(exc) or (f"cannot serve the desk on {args.host}:{args.port} ({exc.strerror or exc}): "
                                "choose another --port or --host")
        sys.stderr.write(f"loa: error: {line}\n")
        return 1
    return 0


def _announce(url: str) -> None:
    sys.stdout.write(f"Loa desk: {url}\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
