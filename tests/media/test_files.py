"""Files others must read are 0644 in 0755 folders whatever the umask; a crash's temp files are swept."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from media.files import publish_content_addressed, sweep_stale_temps, temp_path, write_atomic


@pytest.fixture
def strict_umask() -> Iterator[None]:
    old = os.umask(0o077)  # what a hardened service account often runs with
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_served_files_and_folders_are_readable_by_others(tmp_path: Path, strict_umask: None) -> None:
    page = write_atomic(tmp_path / "feeds" / "cchc.xml", b"<rss/>")
    assert (_mode(page), _mode(page.parent)) == (0o644, 0o755)
    tmp = temp_path(tmp_path / "media", ".mp3")
    tmp.write_bytes(b"ID3")
    final, _ = publish_content_addressed(tmp, tmp_path / "media", ".mp3")
    assert _mode(final) == 0o644


def test_settings_folders_are_served(tmp_path: Path, strict_umask: None) -> None:
    from app.settings import Settings

    folder = Settings(home=tmp_path / "home").dir("radio", "cchc", "2026-03-12")
    assert all(_mode(p) == 0o755 for p in (tmp_path / "home", folder.parent.parent, folder.parent, folder))


def test_only_stale_temp_files_are_swept(tmp_path: Path) -> None:
    old, fresh = tmp_path / "radio" / "cchc" / ".tmp-abc.mp3", tmp_path / "media" / ".tmp-def.mp3"
    kept = tmp_path / "media" / "0123.mp3"
    for path in (old, fresh, kept):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    hours_ago = time.time() - 7200
    os.utime(old, (hours_ago, hours_ago))
    os.utime(kept, (hours_ago, hours_ago))
    assert sweep_stale_temps(tmp_path) == [old]
    assert not old.exists() and fresh.exists() and kept.exists()
    assert sweep_stale_temps(tmp_path / "nowhere") == []
