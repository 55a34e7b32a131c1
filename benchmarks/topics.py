"""Top-1 accuracy of the topic suggester on the hand-labelled articles written from the seed plans.

Run alone with ``python -m benchmarks.topics``; ``benchmarks/__main__.py`` calls ``main()``.
"""

import time
from pathlib import Path

from schedules.topic_eval import top1_accuracy

TARGET = 0.80
ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "topic_articles.yaml"
PLANS = ROOT / "schedules" / "plans"


def main() -> bool:
    met = True
    for folded in (False, True):
        started = time.perf_counter()
        result = top1_accuracy(LABELLED, PLANS, without_diacritics=folded)
        elapsed = time.perf_counter() - started
        ok = result.ratio >= TARGET
        met &= ok
        kind = "without diacritics" if folded else "as written"
        print(f"topic suggestion, {kind}: top-1 {result.correct}/{result.total} = {result.ratio:.1%} "
              f"(target >= {TARGET:.0%}: {'met' if ok else 'MISSED'}); "
              f"{elapsed * 1000 / result.total:.1f} ms an article")
        for title, labelled, suggested in result.misses:
            print(f"  miss: {title!r}: labelled {labelled}, suggested {suggested}")
    return met


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
