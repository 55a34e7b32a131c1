from __future__ import annotations

import calendar
import unicodedata
from datetime import datetime

import feedparser
import pytest

from media.errors import MediaError
from media.feeds import render_atom, render_podcast, render_rss
from tests.media.feeds.conftest import make_item


def parse(data: bytes):
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_rss_has_one_item_per_article_newest_first(info):
    feed = parse(render_rss(info, [make_item(1), make_item(3), make_item(2, audio=False)]))
    assert feed.version == "rss20"
    assert feed.feed.title == "Cải cách hành chính — Phường Phú Khương"
    assert feed.feed.link == "https://portal.example/loa/"
    assert [e.title for e in feed.entries] == [f"Dịch vụ công trực tuyến số {n}" for n in (3, 2, 1)]
    first = feed.entries[0]
    assert first.id == "loa:phu-khuong:pub-3-v1"
    assert first.link == "https://portal.example/loa/bai/3"
    assert first.author == "Phòng Văn hóa - Xã hội"
    assert [t.term for t in first.tags] == ["Dịch vụ công trực tuyến"]
    assert feed.entries[1].enclosures == []


def test_description_is_a_summary_and_content_the_full_escaped_text(info):
    body = "A <script>alert(1)</script> & B " + "chữ " * 400 + "\n\nĐoạn cuối <b>đậm</b>."
    feed = parse(render_rss(info, [make_item(1, body=body)]))
    entry = feed.entries[0]
    assert len(entry.summary) < 400 and entry.summary.endswith("…")
    assert "&lt;script&gt;" in entry.summary
    html = entry.content[0].value
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; B" in html
    assert "<p>Đoạn cuối &lt;b&gt;đậm&lt;/b&gt;.</p>" in html
    assert "<script" not in html


def test_dates_keep_their_instant_and_offset(info):
    item = make_item(1)
    data = render_rss(info, [item])
    assert b"+0700" in data
    entry = parse(data).entries[0]
    assert calendar.timegm(entry.published_parsed) == int(item.published_at.timestamp())
    atom = parse(render_atom(info, [item]))
    assert calendar.timegm(atom.entries[0].updated_parsed) == int(item.published_at.timestamp())
    assert calendar.timegm(atom.feed.updated_parsed) == int(item.published_at.timestamp())


def test_last_build_date_is_the_newest_item(info):
    items = [make_item(5), make_item(9), make_item(2)]
    feed = parse(render_rss(info, items))
    assert calendar.timegm(feed.feed.updated_parsed) == int(items[1].published_at.timestamp())


def test_control_characters_are_stripped_and_text_is_nfc(info):
    nfd_title = unicodedata.normalize("NFD", "Một cửa\x00 liên\x0b thông\x1f")
    item = make_item(1, title=nfd_title, body="Nội\x07 dung\x00 bài\ufffe.", author="Phòng\x1b VHXH")
    data = render_rss(info, [item])
    entry = parse(data).entries[0]
    assert entry.title == "Một cửa liên thông"
    assert unicodedata.is_normalized("NFC", entry.title)
    assert entry.content[0].value == "<p>Nội dung bài.</p>"
    assert entry.author == "Phòng VHXH"
    assert "Một cửa liên thông".encode() in data


def test_naive_datetime_is_rejected_with_a_clear_message(info):
    item = make_item(1, published_at=datetime(2026, 3, 1, 8, 0))
    with pytest.raises(MediaError, match="pub-1-v1.*no time zone"):
        render_rss(info, [item])


def test_duplicate_guid_is_rejected(info):
    with pytest.raises(MediaError, match="appears twice"):
        render_atom(info, [make_item(1), make_item(2, guid=make_item(1).guid)])


def test_item_count_is_capped_to_the_newest(info):
    items = [make_item(n) for n in range(30)]
    feed = parse(render_rss(info, items, max_items=10))
    assert len(feed.entries) == 10
    assert feed.entries[0].title.endswith("số 29") and feed.entries[-1].title.endswith("số 20")
    with pytest.raises(MediaError, match="max_items"):
        render_rss(info, items, max_items=0)


def test_same_input_in_any_order_gives_the_same_bytes(info):
    items = [make_item(n) for n in range(5)] + [make_item(7, guid="b"), make_item(7, guid="a")]
    for render in (render_rss, render_podcast, render_atom):
        assert render(info, items) == render(info, list(reversed(items)))


def test_podcast_has_only_audio_items_with_enclosures_and_durations(info):
    items = [make_item(1), make_item(2, audio=False), make_item(3)]
    feed = parse(render_podcast(info, items))
    assert "http://www.itunes.com/dtds/podcast-1.0.dtd" in feed.namespaces.values()
    assert [t.term for t in feed.feed.tags] == ["Government"]
    assert feed.feed.author == "Phường Phú Khương"
    assert [e.id for e in feed.entries] == ["loa:phu-khuong:pub-3-v1", "loa:phu-khuong:pub-1-v1"]
    enclosure = feed.entries[0].enclosures[0]
    assert enclosure.href == "https://portal.example/loa/media/003.mp3"
    assert enclosure.length == "1003"
    assert enclosure.type == "audio/mpeg"
    assert feed.entries[0].itunes_duration == "0:03:05"
    assert feed.entries[1].itunes_duration == "0:01:05"


def test_atom_links_keep_rel_so_audio_is_an_enclosure(info):
    feed = parse(render_atom(info, [make_item(4, audio_url="https://cdn.example/x.mp3")]))
    assert feed.version == "atom10"
    entry = feed.entries[0]
    assert entry.link == "https://portal.example/loa/bai/4"
    assert entry.enclosures[0].href == "https://cdn.example/x.mp3"
    assert entry.enclosures[0].type == "audio/mpeg"
    assert entry.enclosures[0].length == "1004"


def test_empty_feeds_render_and_parse(info):
    for render in (render_rss, render_podcast, render_atom):
        feed = parse(render(info, []))
        assert feed.entries == []
        assert render(info, []) == render(info, [])
