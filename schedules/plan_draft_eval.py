"""A drafted plan compared field by field with the plan file a person wrote (precision and recall).

Units match by name (folded words, Jaccard >= 0.5, "xã"/"phường" ignored); quotas by channel, period,
minimum and scope; topics by their section label or by name (Jaccard >= 0.35); channels exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from schedules.topics import fold

_IGNORED = {"xa", "phuong", "va", "cac", "thi", "tran", "ve", "cua", "trong", "cchc", "cai", "cach", "hanh", "chinh"}


@dataclass(frozen=True)
class Score:
    matched: int
    drafted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in _IGNORED}


def jaccard(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def match(drafted: Sequence[Any], expected: Sequence[Any], same: Callable[[Any, Any], bool]) -> Score:
    """Greedy one-to-one matching in order."""
    left = list(expected)
    matched = 0
    for item in drafted:
        hit = next((e for e in left if same(item, e)), None)
        if hit is not None:
            left.remove(hit)
            matched += 1
    return Score(matched, len(drafted), len(expected))


def compare(draft: dict[str, Any], expected: dict[str, Any]) -> dict[str, Score]:
    """Per field: units, quotas, topics, channels. Both sides as loaded YAML mappings."""
    def quota_key(q: dict[str, Any]) -> tuple[Any, ...]:
        return q.get("channel"), q.get("per"), q.get("min"), q.get("scope", "commune")

    return {
        "units": match(draft.get("units") or [], expected.get("units") or [],
                       lambda d, e: jaccard(d["name"], e["name"]) >= 0.5),
        "quotas": match(draft.get("quotas") or [], expected.get("quotas") or [],
                        lambda d, e: quota_key(d) == quota_key(e)),
        "topics": match(draft.get("topics") or [], expected.get("topics") or [],
                        lambda d, e: d.get("source") == e.get("source") or jaccard(d["name"], e["name"]) >= 0.35),
        "channels": match(draft.get("channels") or [], expected.get("channels") or [], lambda d, e: d == e),
    }
