from __future__ import annotations

import io
import subprocess

import imageio_ffmpeg
import pytest
from PIL import Image

from media.errors import MediaError
from media.video import CardText, draw_card, render_video
from media.video.card import BOLD, font_path


def _mp3(path, seconds=2):
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", f"sine=f=440:d={seconds}",
                    "-c:a", "libmp3lame", "-b:a", "64k", str(path)], check=True, timeout=30)
    return path


def test_the_card_is_a_16_9_png_drawn_with_a_font_that_has_vietnamese_letters():
    from PIL import ImageFont

    font = ImageFont.truetype(str(font_path(BOLD)), 40)
    for letter in "ệữặỹđƯ":
        assert font.getmask(letter).getbbox() is not None, letter
    png = draw_card(CardText(commune="Phường Phú Khương", title="Thủ tục hành chính " * 12))
    image = Image.open(io.BytesIO(png))
    assert image.size == (1280, 720) and image.format == "PNG"
    assert len(image.getcolors(maxcolors=1 << 16) or []) > 10  # text was drawn on the plain background


def test_a_title_too_long_for_the_card_is_cut_not_overflowing():
    png = draw_card(CardText(commune="Xã", title="chữ " * 400), width=320, height=180)
    assert Image.open(io.BytesIO(png)).size == (320, 180)
    with pytest.raises(MediaError, match="too small"):
        draw_card(CardText(commune="Xã", title="x"), width=100, height=50)


def test_the_video_lasts_as_long_as_the_clip_and_is_not_rendered_twice(tmp_path):
    clip = _mp3(tmp_path / "clip.mp3")
    card = draw_card(CardText(commune="Phường Phú Khương", title="Một cửa liên thông"), width=640, height=360)
    video = render_video(card, clip, tmp_path / "video", seconds=2.0)
    probe = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(video), "-f", "null", "-"],
                           capture_output=True, timeout=30)
    assert probe.returncode == 0 and video.suffix == ".mp4"
    info = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-i", str(video)], capture_output=True, text=True).stderr
    assert "Video: h264" in info and "Audio: aac" in info and "Duration: 00:00:02" in info
    mtime = video.stat().st_mtime_ns
    assert render_video(card, clip, tmp_path / "video", seconds=2.0) == video and video.stat().st_mtime_ns == mtime
    assert [p.name for p in (tmp_path / "video").iterdir()] == [video.name]  # no temp files left
    with pytest.raises(MediaError, match="missing"):
        render_video(card, tmp_path / "nope.mp3", tmp_path / "video", seconds=2.0)
