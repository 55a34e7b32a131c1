"""Language versions (bản tiếng dân tộc): `loa article translate`, the plan's languages, a recording required for a
language no voice reads, and four eyes for every version (an approver who reads the language, never the
translator or the reader; the Vietnamese text approved while its translation waits)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tests.cli.test_cli_recording import BODY, _refused
from tests.conftest import PLAN, Result
from tests.recordings import make_recording

Cli = Callable[..., Result]
HMONG = "Cov pej xeem tuaj yeem xa ntaub ntawv hauv online ntawm lub rooj vag kev pab pej xeem."


def _plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    text = PLAN.read_text(encoding="utf-8").replace(
        "{name: phuc, full_name: Huỳnh Văn Phúc, unit: vhxh, roles: [approver, editor]}",
        "{name: phuc, full_name: Huỳnh Văn Phúc, unit: vhxh, roles: [approver, editor], languages: [hmn]}")
    path.write_text(text + "languages: [vi, hmn]\n", encoding="utf-8")
    return path


def _article(cli: Cli) -> str:
    added = cli("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Nộp hồ sơ trực tuyến", "--body",
                BODY, "--channels", "radio,web")
    assert added.code == 0, added.err
    return added.out.strip()


def _translations(home: Path) -> list[tuple]:
    with sqlite3.connect(home / "loa.db") as db:
        return db.execute("SELECT article_id, language, number, status, audio_path IS NOT NULL FROM "
                          "article_translation ORDER BY id").fetchall()


def test_a_language_the_plan_does_not_use_is_refused(planned: Cli, loa_home: Path, tmp_path: Path) -> None:
    article = _article(planned)
    _refused(planned("article", "translate", article, "--language", "hmn", "--body", HMONG, "--by", "lan"),
             "language hmn (H'Mông) is not in the plan's languages", "loa init --plan")
    _refused(planned("article", "translate", article, "--language", "xyz", "--body", HMONG, "--by", "lan"),
             "unknown language 'xyz'", "hmn (H'Mông)")
    bad = tmp_path / "bad.yaml"
    bad.write_text(PLAN.read_text(encoding="utf-8") + "languages: [vi, klingon]\n", encoding="utf-8")
    _refused(planned("init", "--plan", str(bad)), "languages", "unknown language 'klingon'")
    assert _translations(loa_home) == []


def test_an_hmong_version_is_translated_recorded_and_approved_on_its_own(planned: Cli, loa_home: Path,
                                                                          tmp_path: Path) -> None:
    assert planned("init", "--plan", str(_plan(tmp_path))).code == 0
    article = _article(planned)
    assert planned("article", "submit", article).code == 0
    assert planned("article", "approve", article, "--by", "ngan").code == 0  # the Vietnamese text goes first
    text = tmp_path / "ban-dich.txt"
    text.write_text(HMONG + "\n", encoding="utf-8")
    made = planned("article", "translate", article, "--language", "hmn", "--body-file", str(text), "--by", "lan")
    assert made.code == 0, made.err
    assert made.out.startswith(f"article {article} in hmn (H'Mông): version 1, draft; record its reading")
    assert planned("article", "translate", article, "--language", "hmn", "--body-file", str(text),
                   "--by", "lan").out.startswith(f"article {article} in hmn (H'Mông): version 1")  # same text
    _refused(planned("article", "translate", article, "--language", "vi", "--body", "x", "--by", "lan"),
             "is written in vi")
    _refused(planned("article", "submit", article, "--language", "hmn"), "has no recording", "no voice reads hmn",
             f"loa article recording {article} FILE --language hmn")
    _refused(planned("article", "submit", article, "--language", "tha"), "language tha (Thái) is not in the plan")
    recorded = planned("article", "recording", article, str(make_recording(tmp_path, "amr")), "--language", "hmn",
                       "--by", "lan")
    assert recorded.code == 0, recorded.err
    with sqlite3.connect(loa_home / "loa.db") as db:  # the Vietnamese clip is not touched
        assert db.execute("SELECT count(*) FROM audio_clip").fetchone() == (0,)
    assert planned("article", "submit", article, "--language", "hmn").code == 0
    _refused(planned("article", "approve", article, "--language", "hmn", "--by", "ngan"),
             "ngan is not named in the plan as reading hmn", "ask phuc")
    _refused(planned("article", "reject", article, "--language", "hmn", "--by", "phuc", "--reason", " "),
             "needs a reason")
    approved = planned("article", "approve", article, "--language", "hmn", "--by", "phuc")
    assert approved.code == 0, approved.err
    assert _translations(loa_home) == [(int(article), "hmn", 1, "approved", 1)]
    _refused(planned("article", "recording", article, str(make_recording(tmp_path, "mp3")), "--language", "hmn",
                     "--by", "lan"), f"the hmn version of article {article} is approved")
    changed = planned("article", "translate", article, "--language", "hmn", "--body", HMONG + " Tsis them nyiaj.",
                      "--by", "lan")
    assert changed.code == 0 and "version 2, draft" in changed.out  # a new text: its own recording and review
    assert _translations(loa_home)[-1] == (int(article), "hmn", 2, "draft", 0)


def test_neither_the_translator_nor_the_reader_approves(planned: Cli, loa_home: Path, tmp_path: Path) -> None:
    assert planned("init", "--plan", str(_plan(tmp_path))).code == 0
    article = _article(planned)
    assert planned("article", "translate", article, "--language", "hmn", "--body", HMONG, "--by", "phuc").code == 0
    assert planned("article", "recording", article, str(make_recording(tmp_path, "ogg")), "--language", "hmn",
                   "--by", "lan").code == 0
    assert planned("article", "submit", article, "--language", "hmn").code == 0
    _refused(planned("article", "approve", article, "--language", "hmn", "--by", "phuc"),
             "phuc translated the hmn version", "four eyes")
    _refused(planned("article", "approve", article, "--language", "hmn", "--by", "hung"),
             "hung does not hold the approver role")
    assert _translations(loa_home) == [(int(article), "hmn", 1, "submitted", 1)]


def test_each_language_has_its_own_podcast_feed(planned: Cli, loa_home: Path, tmp_path: Path) -> None:
    import feedparser

    assert planned("init", "--plan", str(_plan(tmp_path))).code == 0
    article = _article(planned)
    waiting = _article(planned)  # translated and recorded, never approved: not in the feed
    for number in (article, waiting):
        assert planned("article", "submit", number).code == 0
        assert planned("article", "approve", number, "--by", "ngan").code == 0
        assert planned("article", "translate", number, "--language", "hmn", "--title", f"Xov xwm {number}",
                       "--body", HMONG, "--by", "lan").code == 0
        assert planned("article", "recording", number, str(make_recording(tmp_path, "webm")), "--language", "hmn",
                       "--by", "lan").code == 0
        assert planned("article", "submit", number, "--language", "hmn").code == 0
    assert planned("article", "approve", article, "--language", "hmn", "--by", "phuc").code == 0
    built = planned("feeds", "build")
    assert built.code == 0 and "phu-khuong podcast-hmn: " in built.out, built.err
    feed = feedparser.parse(loa_home / "feeds" / "phu-khuong" / "cchc-hmn.xml")
    assert not feed.bozo and feed.feed.language == "hmn" and "tiếng H'Mông" in feed.feed.title
    assert any(link.href.endswith("/cchc-hmn.xml") and link.rel == "self" for link in feed.feed.links)
    [item] = feed.entries
    assert item.title == f"Xov xwm {article}" and item.enclosures[0].type == "audio/mpeg"
    with sqlite3.connect(loa_home / "loa.db") as db:
        [path] = db.execute("SELECT audio_path FROM article_translation WHERE article_id = ?", (article,)).fetchone()
    assert item.enclosures[0].href.endswith(path)
    vietnamese = feedparser.parse(loa_home / "feeds" / "phu-khuong" / "cchc-podcast.xml")
    assert vietnamese.feed.language == "vi" and all("Xov xwm" not in e.title for e in vietnamese.entries)
    assert planned("article", "withdraw", article, "--by", "ngan", "--reason", "Sai số liệu").code == 0
    assert planned("feeds", "build").code == 0
    assert feedparser.parse(loa_home / "feeds" / "phu-khuong" / "cchc-hmn.xml").entries == []


def test_a_translation_of_an_older_text_no_longer_goes_out(planned: Cli, loa_home: Path, tmp_path: Path) -> None:
    import feedparser

    assert planned("init", "--plan", str(_plan(tmp_path))).code == 0
    article = _article(planned)
    assert planned("article", "translate", article, "--language", "hmn", "--body", HMONG, "--by", "lan").code == 0
    assert planned("article", "recording", article, str(make_recording(tmp_path, "ogg")), "--language", "hmn",
                   "--by", "lan").code == 0
    assert planned("article", "submit", article, "--language", "hmn").code == 0
    assert planned("article", "approve", article, "--language", "hmn", "--by", "phuc").code == 0
    def approved_and_fed() -> list:
        assert planned("article", "submit", article).code == 0
        assert planned("article", "approve", article, "--by", "ngan").code == 0
        assert planned("feeds", "build").code == 0
        return feedparser.parse(loa_home / "feeds" / "phu-khuong" / "cchc-hmn.xml").entries

    assert len(approved_and_fed()) == 1
    assert planned("article", "edit", article, "--by", "lan", "--body", BODY + " Lệ phí 0 đồng.").code == 0
    assert approved_and_fed() == []  # the Vietnamese text changed: its translation must be made again
    again = planned("article", "translate", article, "--language", "hmn", "--body", HMONG, "--by", "lan")
    assert "version 2, draft" in again.out  # the same words, but of the new text: reviewed again


def test_an_article_written_in_a_language_no_voice_reads_goes_out_only_as_a_recording(
        planned: Cli, loa_home: Path, tmp_path: Path) -> None:
    add = ("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Xov xwm", "--body", HMONG,
           "--channels", "radio,web")
    _refused(planned(*add, "--language", "hmn"), "language hmn (H'Mông) is not in the plan's languages")
    _refused(planned(*add, "--language", "english"), "unknown language 'english'")
    assert planned("init", "--plan", str(_plan(tmp_path))).code == 0
    added = planned(*add, "--language", "hmn")
    assert added.code == 0, added.err
    article = added.out.strip()
    _refused(planned("article", "submit", article), f"article {article} is in hmn and no voice reads hmn",
             f"loa article recording {article} FILE")
    assert planned("article", "recording", article, str(make_recording(tmp_path, "mp3")), "--by", "lan").code == 0
    assert planned("article", "submit", article).code == 0
    assert planned("article", "approve", article, "--by", "ngan").code == 0
    assert planned("publish").code == 0
    with sqlite3.connect(loa_home / "loa.db") as db:
        assert db.execute("SELECT engine FROM audio_clip").fetchall() == [("recording",)]
        assert db.execute("SELECT status FROM publication WHERE channel = 'web'").fetchall() == [("published",)]


def test_a_stored_article_in_such_a_language_without_a_recording_is_never_read_by_a_vietnamese_voice(
        planned: Cli, loa_home: Path, tmp_path: Path) -> None:
    from cli.common import runtime
    from storage import articles

    assert planned("init", "--plan", str(_plan(tmp_path))).code == 0
    rt = runtime()
    with rt.tx() as session:  # as a database written before the check holds it
        commune, plan = rt.plan(session)
        now = rt.settings.clock()
        article = articles.add(session, commune=commune, unit="vhxh", author="lan", title="Xov xwm", body=HMONG,
                               channels=["radio"], allowed_channels=list(plan.channels), language="hmn", now=now)
        articles.submit(session, article_id=article.id, actor="lan", now=now, commune=commune)
        articles.approve(session, article_id=article.id, by="ngan", now=now, commune=commune)
    passed = planned("publish")
    assert "1 FAILED" in passed.out and "no voice reads hmn" in passed.out
    with sqlite3.connect(loa_home / "loa.db") as db:
        assert db.execute("SELECT count(*) FROM audio_clip").fetchone() == (0,)
        [(status, error)] = db.execute("SELECT status, last_error FROM publication").fetchall()
    assert status == "failed" and "no voice reads hmn" in error
