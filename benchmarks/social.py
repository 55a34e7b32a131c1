"""1,000 due social posts (500 Facebook, 500 Zalo OA) to loopback platforms answering after 50 ms each.

Target: the whole dispatch in under 30 s, with at most LOA_SOCIAL_CONCURRENCY (default 4) requests in
flight on each channel. Printed beside it: the time the same requests take one after another (the
50 ms latency times the requests made, a floor for a serial sender), the speed-up, and the most
requests each platform saw at once. The platforms are the test suite's Graph- and Zalo-shaped servers
(tests/media/social), on 127.0.0.1.
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from pathlib import Path

POSTS_PER_CHANNEL, LATENCY_S, TARGET_S = 500, 0.05, 30.0
NOW = datetime.fromisoformat("2026-03-02T08:00:00+07:00")


def main() -> bool:
    from app.runtime import Runtime
    from app.settings import Settings
    from app.social.posts import dispatch_due_posts
    from benchmarks.passes import environment
    from storage import migrate, plans
    from tests.app.social import social_world as world
    from tests.media.social.loopback import FakeGraph, FakeZalo, serve

    graph, zalo = FakeGraph(latency_s=LATENCY_S), FakeZalo(latency_s=LATENCY_S)
    with tempfile.TemporaryDirectory(prefix="loa-bench-social-") as tmp, serve(graph), serve(zalo):
        env = world.live_env(graph, zalo) | {"LOA_HOME": str(Path(tmp) / "var"), "LOA_NOW": NOW.isoformat(),
                                             "LOA_ZALO_TOKEN": "bench-static-zalo-token", "LOA_SOCIAL_CONCURRENCY": "4",
                                             "LOA_HTTP_TIMEOUT_S": "20"}
        zalo.access_tokens.add("bench-static-zalo-token")
        with environment(**env):
            rt = Runtime(Settings())
            migrate.upgrade(rt.engine)
            plan_text = world.plan_text()
            from schedules.plan import parse_plan

            with rt.tx() as session:
                plans.apply_plan(session, plan=parse_plan(plan_text), plan_yaml=plan_text, now=NOW, actor="bench")
            world.add_articles(rt, POSTS_PER_CHANNEL, ["facebook", "zalo"], now=NOW)
            started = time.perf_counter()
            outcomes = dispatch_due_posts(rt)
            elapsed = time.perf_counter() - started
    published = sum(o.result == "published" for o in outcomes)
    requests_made = len(graph.seen) + len(zalo.seen)
    serial = requests_made * LATENCY_S
    width = int(env["LOA_SOCIAL_CONCURRENCY"])
    bounded = graph.max_in_flight <= width and zalo.max_in_flight <= width
    met = published == 2 * POSTS_PER_CHANNEL and elapsed < TARGET_S and bounded
    print(f"social: {published} posts published in {elapsed:.1f} s (target < {TARGET_S:.0f} s), "
          f"{requests_made} requests at {LATENCY_S * 1000:.0f} ms each; one after another: {serial:.1f} s "
          f"({serial / elapsed:.1f}x slower)")
    print(f"social: most requests in flight at once: Facebook {graph.max_in_flight}, Zalo {zalo.max_in_flight} "
          f"(bound {width} per channel) -> {'target met' if met else 'TARGET MISSED'}")
    return met


if __name__ == "__main__":
    import sys

    sys.exit(0 if main() else 1)
