"""Topic suggestion: transparent scores over the plan's topic names and keywords, with and without
diacritics, on the hand-labelled articles; and the "suggested" flag until a person confirms."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from schedules.plan import Topic
from schedules.topic_eval import top1_accuracy
from schedules.topics import fold, rank_topics, suggest_topic, terms_of

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT / "tests" / "data" / "topic_articles.yaml"
PLANS = ROOT / "schedules" / "plans"
TOPICS = [Topic(slug="mot-cua", name="Cơ chế một cửa, một cửa liên thông"),
          Topic(slug="dich-vu-cong", name="Dịch vụ công trực tuyến"),
          Topic(slug="giam-sat", name="Vai trò giám sát của người dân", keywords=["hòm thư góp ý", "đường dây nóng"])]


def test_the_labelled_set_covers_every_plan() -> None:
    items = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    assert len(items) >= 60
    assert {item["plan"] for item in items} == {p.stem for p in PLANS.glob("*.yaml")}


def test_top1_accuracy_with_and_without_diacritics() -> None:
    for folded in (False, True):
        result = top1_accuracy(LABELLED, PLANS, without_diacritics=folded)
        assert result.ratio >= 0.8, result.misses


def test_the_score_says_why() -> None:
    best = rank_topics(TOPICS, "Bộ phận một cửa", "Hồ sơ liên thông được giải quyết trong ngày.")[0]
    assert best.slug == "mot-cua" and "mot cua" in best.matched and "lien thong" in best.matched
    assert best.score > 0


def test_keywords_of_the_plan_count() -> None:
    text = "Mọi ý kiến gửi qua hòm thư góp ý và đường dây nóng đều được trả lời."
    assert suggest_topic(TOPICS, "Lắng nghe bà con", text).slug == "giam-sat"
    assert "hom thu" in terms_of(TOPICS[2]) and "cua" not in terms_of(TOPICS[2])


def test_no_suggestion_without_anything_to_go_on() -> None:
    assert suggest_topic(TOPICS, "Thông báo", "Lịch cắt điện ngày mai từ 7 giờ.") is None
    assert suggest_topic([], "Một cửa", "Một cửa") is None
    assert fold("Đường dây nóng") == "duong day nong"


def test_an_article_added_without_a_topic_is_suggested_until_confirmed(planned) -> None:  # type: ignore[no-untyped-def]
    added = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Bộ phận một cửa phường",
                    "--body", "Hồ sơ được tiếp nhận theo cơ chế một cửa liên thông.")
    assert added.code == 0, added.err
    row = json.loads(planned("article", "list", "--format", "json").out)[0]
    assert (row["topic"], row["topic_suggested"]) == ("mot-cua", True)
    edited = planned("article", "edit", added.out.strip(), "--by", "lan", "--topic", "mot-cua")
    assert edited.code == 0, edited.err
    row = json.loads(planned("article", "list", "--format", "json").out)[0]
    assert (row["topic"], row["topic_suggested"]) == ("mot-cua", False)
    chosen = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Bộ phận một cửa",
                     "--body", "Cơ chế một cửa.", "--topic", "chuyen-doi-so")
    rows = {r["id"]: r for r in json.loads(planned("article", "list", "--format", "json").out)}
    assert (rows[int(chosen.out)]["topic"], rows[int(chosen.out)]["topic_suggested"]) == ("chuyen-doi-so", False)
