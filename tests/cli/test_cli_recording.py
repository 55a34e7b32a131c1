"""`loa article recording ID FILE --by NAME`: a person's reading goes out instead of the synthesized voice
(radio clip, podcast feed); bad audio and bad requests get one line; a new text drops it unless kept."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import feedparser

from tests.conftest import PLAN, Result
from tests.recordings import make_recording

Cli = Callable[..., Result]
BODY = "Người dân có thể nộp hồ sơ trực tuyến tại cổng dịch vụ công của phường."


def _refused(result: Result, *fragments: str) -> None:
    lines = result.err.strip().splitlines()
    assert result.code != 0 and len(lines) == 1 and lines[0].startswith("loa: error: "), result.err
    assert all(f in lines[0] for f in fragments), lines[0]


def _clips(home: Path) -> list[tuple[int, str, str, str]]:
    with sqlite3.connect(home / "loa.db") as db:
        return db.execute("SELECT v.number, c.engine, c.voice, c.path FROM audio_clip c JOIN article_version v "
                          "ON v.id = c.article_version_id ORDER BY v.number").fetchall()


def _add(cli: Cli) -> str:
    added = cli("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Nộp hồ sơ trực tuyến",
                "--body", BODY, "--channels", "radio,web")
    assert added.code == 0, added.err
    return added.out.strip()


def test_a_recording_goes_out_instead_of_the_voice(planned: Cli, loa_home: Path, tmp_path: Path) -> None:
    article = _add(planned)
    done = planned("article", "recording", article, str(make_recording(tmp_path, "m4a")), "--by", "lan")
    assert done.code == 0, done.err
    assert done.out.startswith(f"article {article} version 1: recording by lan (m4a), ") and "LUFS" in done.out
    [(number, engine, voice, path)] = _clips(loa_home)
    assert (number, engine, voice) == (1, "recording", "lan")
    assert planned("article", "submit", article).code == 0
    assert planned("article", "approve", article, "--by", "ngan").code == 0
    assert planned("publish").code == 0
    assert _clips(loa_home) == [(1, "recording", "lan", path)]  # no voice read it over
    feed = feedparser.parse(loa_home / "feeds" / "phu-khuong" / "cchc-podcast.xml")
    [item] = feed.entries
    assert item.enclosures[0].href.endswith(Path(path).name)
    _refused(planned("article", "recording", article, str(make_recording(tmp_path, "mp3")), "--by", "lan"),
             f"article {article} is approved", "edit it")


def test_bad_recordings_and_bad_requests_are_one_line_and_change_nothing(planned: Cli, loa_home: Path,
                                                                          tmp_path: Path) -> None:
    article = _add(planned)
    page = tmp_path / "zalo.m4a"
    page.write_text("<!DOCTYPE html><html><body>Phiên đăng nhập đã hết hạn</body></html>")
    _refused(planned("article", "recording", article, str(page), "--by", "lan"), "zalo.m4a is an HTML", "not a")
    silent = make_recording(tmp_path, "webm", expr="0", name="im-lang")
    _refused(planned("article", "recording", article, str(silent), "--by", "lan"), "im-lang.webm is silent")
    _refused(planned("article", "recording", article, str(tmp_path / "none.mp3"), "--by", "lan"), "cannot read")
    good = make_recording(tmp_path, "amr")
    _refused(planned("article", "recording", article, str(good), "--by", "thanh"), "thanh", "cannot record")
    _refused(planned("article", "recording", "99", str(good), "--by", "lan"), "no article 99")
    assert _clips(loa_home) == []
    assert not list(loa_home.glob("media/*.mp3"))


def test_the_plans_limit(planned: Cli, loa_home: Path, tmp_path: Path) -> None:
    short = tmp_path / "plan.yaml"
    short.write_text(PLAN.read_text(encoding="utf-8") + "recordings: {max_minutes: 0.05, max_mb: 1}\n",
                     encoding="utf-8")
    assert planned("init", "--plan", str(short)).code == 0
    article = _add(planned)
    _refused(planned("article", "recording", article, str(make_recording(tmp_path, "ogg")), "--by", "lan"),
             "doc.ogg lasts", "longer than the limit of 0.05 min")
    big = make_recording(tmp_path, "wav", seconds=40, name="dai")
    _refused(planned("article", "recording", article, str(big), "--by", "lan"), "dai.wav is 1.3 MB, over the limit")


def test_a_new_text_drops_the_recording_unless_kept(planned: Cli, loa_home: Path, tmp_path: Path) -> None:
    article = _add(planned)
    assert planned("article", "recording", article, str(make_recording(tmp_path, "wav")), "--by", "lan").code == 0
    kept = planned("article", "edit", article, "--by", "lan", "--body", BODY + " Lệ phí: 0 đồng.",
                   "--keep-recording")
    assert kept.code == 0, kept.err
    dropped = planned("article", "edit", article, "--by", "lan", "--body", BODY + " Không mất phí.")
    assert dropped.code == 0, dropped.err
    clips = _clips(loa_home)
    assert [(n, e, v) for n, e, v, _ in clips] == [(1, "recording", "lan"), (2, "recording", "lan")]
    assert clips[0][3] == clips[1][3]
    _refused(planned("article", "edit", article, "--by", "lan", "--body", BODY, "--keep-recording"),
             "version 3 of article", "no recording to keep")
    assert len(_clips(loa_home)) == 2


def test_the_short_video_carries_the_recording(planned: Cli, loa_home: Path, tmp_path: Path) -> None:
    from media.radio import _ffmpeg

    article = _add(planned)
    long_reading = make_recording(tmp_path, "mp3", expr="0.3*sin(2*PI*220*t)*between(t,1,18)", seconds=19)
    assert planned("article", "recording", article, str(long_reading), "--by", "lan").code == 0
    with sqlite3.connect(loa_home / "loa.db") as db:
        [seconds] = db.execute("SELECT duration_s FROM audio_clip").fetchone()
    out = tmp_path / "tin.mp4"
    made = planned("article", "video", article, "-o", str(out))
    assert made.code == 0, made.err
    info = subprocess.run([_ffmpeg.executable(), "-hide_banner", "-i", str(out)], capture_output=True,
                          text=True).stderr  # ffmpeg without an output names the input's duration
    h, m, s = re.search(r"Duration: (\d+):(\d+):([\d.]+)", info).groups()  # type: ignore[union-attr]
    assert abs(int(h) * 3600 + int(m) * 60 + float(s) - seconds) < 0.5  # the 17 s reading, not the voice's 5 s
    captions = out.with_suffix(".vtt").read_text()
    assert "dịch vụ công" in captions


def test_whoever_read_the_recording_does_not_approve_it(planned: Cli, loa_home: Path, tmp_path: Path) -> None:
    article = _add(planned)
    assert planned("article", "recording", article, str(make_recording(tmp_path, "aac")), "--by", "phuc").code == 0
    assert planned("article", "submit", article).code == 0
    _refused(planned("article", "approve", article, "--by", "phuc"), "phuc read the recording", "four eyes")
    _refused(planned("article", "reject", article, "--by", "phuc", "--reason", "x"), "phuc read the recording")
    assert planned("article", "approve", article, "--by", "ngan").code == 0
