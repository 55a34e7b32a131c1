"""Issue 18, item 10 (the files): `loa audit verify --files` checks every audio clip and radio program on disk
against the hash its entry recorded and every feed item against its entry; a pass rewrites a feed that
was edited on disk from the database, records it in the log and alerts. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from sqlalchemy import text

from tests.app.audit.audit_world import CODE, Log, log_fixture  # noqa: F401
from tests.app.test_alerts_and_reports import webhook  # noqa: F401 (fixture)


@pytest.fixture
def aired(log: Log) -> Log:
    """The two approved articles rendered and published on the web, and the 26 March program built."""
    published = log.cli("publish")
    assert published.code == 0 and "audio: 2 clip(s) rendered" in published.out, published.err
    built = log.cli("radio", "build", "--slot", "cchc", "--date", "2026-03-26")
    assert built.code == 0 and "program built, 2 items" in built.out, built.err
    checked = log.cli("audit", "verify", "--files")
    assert checked.code == 0, checked.err
    assert "files match the log: 2 clips, 1 programs, 2 feed items" in checked.out
    return log


def _files(log: Log, *, more: str = "") -> dict[str, Path]:
    with log.engine.connect() as conn:
        clip = conn.execute(text("SELECT path FROM audio_clip ORDER BY id LIMIT 1")).scalar()
        program = conn.execute(text("SELECT program_path FROM radio_occurrence WHERE program_path IS NOT NULL"
                                    )).scalar()
    return {"clip": log.home / clip, "program": log.home / program, "rss": log.home / "feeds" / CODE / "cchc.xml",
            "atom": log.home / "feeds" / CODE / "cchc.atom"}


def _broken(log: Log, *expected: str) -> str:
    plain = log.verify()
    assert plain.code == 0, plain.err  # the log itself is intact: only --files looks at the disk
    checked = log.cli("audit", "verify", "--files")
    assert checked.code == 1
    for line in expected:
        assert line in checked.err
    assert all(line.startswith("loa: audit log BROKEN: ") for line in checked.err.strip().splitlines())
    return checked.err


def test_a_clip_or_program_changed_on_disk_is_named(aired: Log) -> None:
    files = _files(aired)
    with files["clip"].open("ab") as handle:
        handle.write(b"\xff\xfb\x90\x00" * 8)  # a few more bytes: an edited MP3
    files["program"].unlink()
    _broken(aired, f"phu-khuong: the clip of article 1 v1 ({files['clip'].relative_to(aired.home)}) is not the audio "
                   "the log recorded: it was replaced or edited (entry ",
            "phu-khuong: the program of cchc 2026-03-26 10:00 UTC (programs/phu-khuong/cchc/2026-03-26/program.mp3) "
            "is missing (entry ")


def test_a_clip_hash_changed_in_the_database_is_named(aired: Log) -> None:
    files = _files(aired)
    files["clip"].write_bytes(b"ID3 forged")
    with aired.engine.begin() as conn:  # the forger makes the database agree with the forged file
        conn.execute(text("UPDATE audio_clip SET sha256 = :h WHERE path = :p"),
                     {"h": "ab" * 32, "p": str(files["clip"].relative_to(aired.home))})
    _broken(aired, "phu-khuong: the clip of article 1 v1 (", "its hash in the database is not the one entry ")


def test_an_edited_feed_item_is_named_and_the_next_pass_rewrites_it(aired: Log, monkeypatch: pytest.MonkeyPatch,
                                                                    webhook: tuple[str, list[dict]]) -> None:  # noqa: F811
    url, received = webhook
    monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
    files = _files(aired)
    rss = files["rss"].read_text(encoding="utf-8")
    assert rss.count("<title>Một cửa liên thông</title>") == 1
    files["rss"].write_text(rss.replace("<title>Một cửa liên thông</title>", "<title>Một cửa: đã hủy</title>"),
                            encoding="utf-8")
    files["atom"].unlink()
    _broken(aired, "phu-khuong: feeds/phu-khuong/cchc.xml: item loa:phu-khuong:article:1:v1 ('Một cửa: đã hủy') is "
                   "not what was published (it was published as 'Một cửa liên thông'): the feed was edited",
            "phu-khuong: feeds/phu-khuong/cchc.atom is missing")

    repaired = aired.cli("publish")
    assert repaired.code == 0, repaired.err
    titles = [e.title for e in feedparser.parse(files["rss"].read_bytes()).entries]
    assert sorted(titles) == ["Chỉ số PAR INDEX", "Một cửa liên thông"] and files["atom"].is_file()
    [alert] = [a for body in received for a in body["alerts"] if a["kind"] == "feeds.repaired"]
    assert alert["commune"] == CODE and "cchc.atom, cchc.xml were changed on disk outside Loa" in alert["message"]
    with aired.engine.connect() as conn:
        details = conn.execute(text("SELECT details FROM audit_entry WHERE action = 'feeds.repaired'")).scalars().all()
    assert details == ['{"files": ["cchc.atom", "cchc.xml"]}']
    assert aired.cli("audit", "verify", "--files").code == 0
    assert "checkpoint(s) signed" in repaired.out  # the repair's own entry is signed before the pass ends


def test_an_item_added_to_a_feed_and_a_published_text_rewritten_are_named(aired: Log) -> None:
    files = _files(aired)
    rss = files["rss"].read_text(encoding="utf-8")
    forged = rss[rss.index("<item>"):rss.index("</item>") + len("</item>")]
    forged = forged.replace("loa:phu-khuong:article:", "loa:phu-khuong:article:9")
    files["rss"].write_text(rss.replace("<item>", forged + "<item>", 1), encoding="utf-8")
    with aired.engine.begin() as conn:  # the published text rewritten in the database, the feeds rebuilt from it
        conn.execute(text("UPDATE article_version SET body = 'Nội dung khác.' WHERE article_id = 2"))
    assert aired.cli("feeds", "build").code == 0
    rebuilt = _broken(aired, "phu-khuong: article 2 v1 ('Chỉ số PAR INDEX') is not the text entry ",
                      "(publication.published) recorded: its title or body was changed outside Loa")
    assert "that Loa never published" not in rebuilt  # `feeds build` rewrote the added item away

    files["rss"].write_text(rss.replace("<item>", forged + "<item>", 1), encoding="utf-8")
    _broken(aired, "phu-khuong: feeds/phu-khuong/cchc.xml holds item loa:phu-khuong:article:9")


def test_an_edited_page_or_audio_link_is_named_and_rewritten_whatever_the_base_url(
        aired: Log, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOA_BASE_URL", "https://xa.example.vn/cchc/")  # not what the feeds were written with
    assert aired.cli("audit", "verify", "--files").code == 0
    files = _files(aired)
    page = aired.home / "articles" / "1.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", "</h1>\n<p>Lệ phí: 500.000 đồng.</p>"),
                    encoding="utf-8")
    with aired.engine.connect() as conn:
        clips = conn.execute(text("SELECT path FROM audio_clip ORDER BY id")).scalars().all()
    rss = files["rss"].read_text(encoding="utf-8")
    one, two = (Path(c).name for c in clips)
    files["rss"].write_text(rss.replace(one, "PLACEHOLDER").replace(two, one).replace("PLACEHOLDER", two),
                            encoding="utf-8")  # each item now plays the other article's audio
    _broken(aired, "phu-khuong: the page articles/1.html is not the text that was published: it was edited on disk",
            "phu-khuong: feeds/phu-khuong/cchc.xml: item loa:phu-khuong:article:1:v1 ('Một cửa liên thông') is not "
            "what was published: the feed was edited")

    assert aired.cli("feeds", "build").code == 0
    assert "500.000" not in page.read_text(encoding="utf-8")
    assert aired.cli("audit", "verify", "--files").code == 0
    with aired.engine.connect() as conn:
        details = conn.execute(text("SELECT details FROM audit_entry WHERE action = 'feeds.repaired'")).scalars().all()
    assert details == ['{"files": ["cchc.xml", "articles/1.html"]}']
