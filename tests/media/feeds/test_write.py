from __future__ import annotations

import os

import feedparser

from media.feeds import FEED_FILES, write_feeds
from tests.media.feeds.conftest import make_item


def test_writes_three_parseable_feeds(info, tmp_path):
    paths = write_feeds(info, [make_item(1), make_item(2, audio=False)], tmp_path / "feeds")
    assert set(paths) == {"rss", "podcast", "atom"}
    for kind, path in paths.items():
        assert path == tmp_path / "feeds" / FEED_FILES[kind]
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo
    assert len(feedparser.parse(paths["podcast"].read_bytes()).entries) == 1
    assert len(feedparser.parse(paths["rss"].read_bytes()).entries) == 2
    assert [p.name for p in (tmp_path / "feeds").iterdir() if p.name.startswith(".")] == []


def test_rewrite_of_unchanged_feeds_is_byte_identical_and_untouched(info, tmp_path):
    items = [make_item(n) for n in range(3)]
    first = write_feeds(info, items, tmp_path)
    before = {k: (p.read_bytes(), p.stat().st_mtime_ns) for k, p in first.items()}
    for path in first.values():
        os.utime(path, ns=(1, 1))
    second = write_feeds(info, list(reversed(items)), tmp_path)
    for kind, path in second.items():
        assert path.read_bytes() == before[kind][0]
        assert path.stat().st_mtime_ns == 1


def test_a_new_item_replaces_the_files(info, tmp_path):
    write_feeds(info, [make_item(1)], tmp_path)
    paths = write_feeds(info, [make_item(1), make_item(2)], tmp_path)
    titles = [e.title for e in feedparser.parse(paths["rss"].read_bytes()).entries]
    assert titles == ["Dịch vụ công trực tuyến số 2", "Dịch vụ công trực tuyến số 1"]
