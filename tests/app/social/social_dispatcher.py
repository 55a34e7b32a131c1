"""Dispatch passes in a process of their own, as a worker runs them: the reliability tests kill it with SIGKILL.

    python -m tests.app.social.social_dispatcher --start ISO --passes N [--step-minutes 16]

Each pass takes "now" `step` minutes after the one before (past a dead worker's stale claim and any
backoff), prints its outcome counts as one JSON line, and stops early when nothing is left to send.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import Counter
from datetime import datetime, timedelta


def remaining(rt) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from storage.models import Publication

    with rt.tx() as session:
        return session.scalar(select(func.count()).select_from(Publication).where(
            Publication.channel.in_(("facebook", "zalo", "youtube")),
            Publication.status.in_(("planned", "scheduled", "sending")))) or 0


def run(start: datetime, passes: int, step: timedelta) -> int:
    from app.runtime import Runtime
    from app.settings import Settings
    from app.social.posts import dispatch_due_posts

    rt = Runtime(Settings())
    for n in range(passes):
        rt.settings = rt.settings.replace(now=start + n * step)
        started = time.monotonic()
        counts = Counter(o.result for o in dispatch_due_posts(rt))
        print(json.dumps({"pass": n, "seconds": round(time.monotonic() - started, 2), **counts}), flush=True)
        if remaining(rt) == 0:
            return 0
    return 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--start", required=True)
    parser.add_argument("--passes", type=int, default=30)
    parser.add_argument("--step-minutes", type=float, default=16)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(threadName)s %(message)s")
    return run(datetime.fromisoformat(args.start), args.passes, timedelta(minutes=args.step_minutes))


if __name__ == "__main__":
    sys.exit(main())
