"""`loa plan draft` on the five seed plans, compared field by field with the plan files people wrote.

Run alone with ``python -m benchmarks.plan_draft``; ``benchmarks/__main__.py`` calls ``main()``.
"""

import time
from pathlib import Path

import yaml

from schedules.plan_draft import draft_plan
from schedules.plan_draft_eval import Score, compare
from schedules.plan_draft_yaml import render, uncertain

TARGET = 0.90  # precision and recall on units, quotas and topics
TARGET_FIELDS = ("units", "quotas", "topics")
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
PLANS = ROOT / "schedules" / "plans"


def evaluate() -> tuple[dict[str, Score], int, float]:
    totals: dict[str, list[int]] = {}
    checks, elapsed = 0, 0.0
    for seed in sorted(SEEDS.glob("*.txt")):
        started = time.perf_counter()
        text = render(draft_plan(seed.read_text(encoding="utf-8").split("\n")), seed.name)
        elapsed += time.perf_counter() - started
        checks += uncertain(text)
        expected = yaml.safe_load((PLANS / f"{seed.stem}.yaml").read_text(encoding="utf-8"))
        for field, score in compare(yaml.safe_load(text), expected).items():
            total = totals.setdefault(field, [0, 0, 0])
            total[0] += score.matched
            total[1] += score.drafted
            total[2] += score.expected
    return {field: Score(*numbers) for field, numbers in totals.items()}, checks, elapsed


def main() -> bool:
    scores, checks, elapsed = evaluate()
    met = True
    for field, score in scores.items():
        ok = field not in TARGET_FIELDS or (score.precision >= TARGET and score.recall >= TARGET)
        met &= ok
        target = f"target >= {TARGET:.0%}: {'met' if ok else 'MISSED'}" if field in TARGET_FIELDS else "no target"
        print(f"plan draft {field}: precision {score.precision:.1%} ({score.matched}/{score.drafted}), "
              f"recall {score.recall:.1%} ({score.matched}/{score.expected}) ({target})")
    print(f"plan draft: 5 seed plans in {elapsed * 1000:.0f} ms; {checks} lines marked KIỂM TRA")
    return met


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
