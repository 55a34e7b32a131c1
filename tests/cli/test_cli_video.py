"""`loa article video ID -o tin.mp4 [--part N]`: the parts with their captions, and one line on bad input."""

from __future__ import annotations

import subprocess

import imageio_ffmpeg

BODY = "Người dân nộp hồ sơ theo Nghị quyết 76/NQ-CP tại Bộ phận Một cửa.\n\nLệ phí giảm 50% từ ngày 15/7."


def _refused(result, *fragments: str) -> None:  # type: ignore[no-untyped-def]
    lines = result.err.strip().splitlines()
    assert result.code != 0 and len(lines) == 1 and lines[0].startswith("loa: error: "), result.err
    assert all(f in lines[0] for f in fragments), lines[0]


def test_the_video_and_its_captions_are_written_and_bad_input_is_one_line(planned, tmp_path):
    added = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Giảm lệ phí", "--body", BODY)
    assert added.code == 0, added.err
    out = tmp_path / "ra" / "tin.mp4"
    result = planned("article", "video", "1", "-o", str(out))
    assert result.code == 0, result.err
    assert result.out.startswith(f"{out}\t1/1\t") and out.is_file() and out.with_suffix(".vtt").is_file()
    info = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(out)], capture_output=True,
                          text=True).stderr
    assert "1080x1920" in info and "Audio: aac" in info
    captions = out.with_suffix(".vtt").read_text()
    assert captions.startswith("WEBVTT") and "76/NQ-CP" in captions and "15/7" in captions
    _refused(planned("article", "video", "1", "-o", str(tmp_path / "tin.mp3")), "ending in .mp4")
    _refused(planned("article", "video", "1", "-o", str(tmp_path / "x.mp4"), "--part", "3"), "no part 3", "1 part")
    _refused(planned("article", "video", "9", "-o", str(tmp_path / "y.mp4")), "no article 9")
    assert not (tmp_path / "x.mp4").exists() and not (tmp_path / "y.mp4").exists()
