"""The plan's topics ranked for an article by a score anyone can check by hand.

A topic's terms are the words and two-word phrases of its name and of its optional `keywords`, with
diacritics folded away ("dịch vụ công" and "dich vu cong" are one term) and function words dropped.
A term found in the article scores its rarity among the plan's topics (log (1 + topics / topics
having it): "CCHC", in every topic, says little; "một cửa", in one, says much), times 1 + log of how
often it occurs (a title counts thrice); a phrase weighs 2, a lone word 0.5 (Vietnamese words are
mostly two syllables: "thông" alone says little). A topic's score is the sum over its
terms; the best topic is suggested when its score reaches MIN_SCORE.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

MIN_SCORE = 3.0
_STOP = frozenset(
    "của và về trong các cho với theo tại là được có những một số đến từ trên này đó khi để nhằm hơn việc "
    "thực hiện năm giai đoạn gắn tổ chức cá nhân người đã sẽ đang hay hoặc nhưng thì mà ra vào lên nào "
    "cũng rất".split()
)
_TOKEN = re.compile(r"[^\W_]+")
# the plans' own abbreviations, read as the words they stand for, so "CCHC" and "cải cách hành chính" agree
_ABBREVIATIONS = {"cchc": "cai cach hanh chinh", "tthc": "thu tuc hanh chinh", "cntt": "cong nghe thong tin",
                  "dvc": "dich vu cong", "qppl": "quy pham phap luat", "ubnd": "uy ban nhan dan"}


def fold(text: str) -> str:
    """Lowercase, without diacritics, đ as d: how a term and an article are compared."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class TopicLike(Protocol):
    slug: str
    name: str
    keywords: list[str]


@dataclass(frozen=True)
class TopicScore:
    slug: str
    name: str
    score: float
    matched: tuple[str, ...]  # the terms found, best first: the reason for the score


def _words(text: str) -> list[str]:
    words = []
    for word in _TOKEN.findall(fold(text)):
        if not word.isdigit():
            words += _ABBREVIATIONS.get(word, word).split()
    return words


def terms_of(topic: TopicLike) -> set[str]:
    """Words and two-word phrases of the topic's name and keywords; a function word ("của", not "cửa":
    judged before diacritics are folded) is no term alone, nor is a phrase of two of them."""
    found: set[str] = set()
    for phrase in [topic.name, *topic.keywords]:
        for part in re.split(r"[;,:()]", phrase):
            words = [(w, w.lower() in _STOP) for w in _TOKEN.findall(part) if not w.isdigit()]
            folded = [(f, stop) for w, stop in words for f in _words(w)]
            found |= {f for f, stop in folded if not stop and len(f) > 1}
            found |= {f"{a} {b}" for (a, sa), (b, sb) in zip(folded, folded[1:], strict=False) if not (sa and sb)}
    return found


def rank_topics(topics: Sequence[TopicLike], title: str, body: str) -> list[TopicScore]:
    """Every topic with its score for the article, best first (ties in plan order)."""
    term_sets = [terms_of(t) for t in topics]
    spread = Counter(term for terms in term_sets for term in terms)
    counts = _counts(body)
    title_counts = _counts(title)
    ranked = []
    for order, (topic, terms) in enumerate(zip(topics, term_sets, strict=True)):
        parts = []
        for term in terms:
            found = counts[term] + 2 * title_counts[term]
            if found:
                weight = math.log(1 + len(topics) / spread[term]) * (1 + math.log(found))
                parts.append((weight * (2 if " " in term else 0.5), term))
        parts.sort(reverse=True)
        score = round(sum(w for w, _ in parts), 3)
        ranked.append((-score, order, TopicScore(topic.slug, topic.name, score, tuple(t for _, t in parts))))
    return [entry for _, _, entry in sorted(ranked, key=lambda x: (x[0], x[1]))]


def suggest_topic(topics: Sequence[TopicLike], title: str, body: str) -> TopicScore | None:
    """The best-scoring topic, or None when no topic reaches MIN_SCORE (nothing to go on)."""
    ranked = rank_topics(topics, title, body)
    return ranked[0] if ranked and ranked[0].score >= MIN_SCORE else None


def _counts(text: str) -> Counter[str]:
    words = _words(text)
    return Counter(words) + Counter(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))

