"""Top-1 accuracy of the topic suggester on a labelled set (used by the tests and `make bench`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from schedules.plan import Plan, load_plan
from schedules.topics import fold, rank_topics


@dataclass(frozen=True)
class Accuracy:
    correct: int
    total: int
    misses: tuple[tuple[str, str, str], ...]  # (title, labelled topic, suggested topic)

    @property
    def ratio(self) -> float:
        return self.correct / self.total if self.total else 0.0


def top1_accuracy(labelled: Path, plans: Path, *, without_diacritics: bool = False) -> Accuracy:
    """Each labelled article ({plan, topic, title, body}) ranked against its plan's topics."""
    items = yaml.safe_load(labelled.read_text(encoding="utf-8"))
    loaded: dict[str, Plan] = {}
    correct, misses = 0, []
    for item in items:
        plan = loaded.setdefault(item["plan"], load_plan(plans / f"{item['plan']}.yaml"))
        title, body = item["title"], item["body"]
        if without_diacritics:
            title, body = fold(title), fold(body)
        best = rank_topics(plan.topics, title, body)[0].slug
        if best == item["topic"]:
            correct += 1
        else:
            misses.append((item["title"], item["topic"], best))
    return Accuracy(correct, len(items), tuple(misses))
