"""A program joined from mastered clips frame by frame: what a station player and a listener get."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pyloudnorm
import pytest

from media.errors import AudioError
from media.radio import _ffmpeg
from media.radio.mp3frames import scan
from media.radio.parts import program_parts
from media.radio.program import ProgramItem, build_program
from media.radio.settings import MasteringSettings
from media.speech.render import VoiceSettings, render_clip
from tests.app.radio.helpers import tone

TEXTS = [
    "Ủy ban nhân dân xã thông báo về dịch vụ công trực tuyến, bà con có thể nộp hồ sơ tại nhà.",
    "Bộ phận một cửa tiếp nhận hồ sơ từ thứ hai đến thứ sáu, sáng từ bảy giờ, chiều từ một giờ.",
]


def _rendered(tmp_path: Path) -> list[ProgramItem]:
    items = []
    for index, text in enumerate(TEXTS):
        clip = render_clip([text], voice=VoiceSettings(engine="espeak"), mastering=MasteringSettings(jingles=False),
                           cache_dir=tmp_path / "cache", out_dir=tmp_path / "media", tags={"title": f"Tin {index}"})
        items.append(ProgramItem(clip.path, f"Tin số {index + 1}", f"pub:{index + 1}"))
    return items


def _m3u(path: Path) -> list[tuple[int, str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#EXTM3U"
    return [(int(info.removeprefix("#EXTINF:").split(",", 1)[0]), info.split(",", 1)[1], location)
            for info, location in zip(lines[1::2], lines[2::2], strict=True)]


def test_rendered_clips_make_one_program_a_player_and_a_listener_agree_on(tmp_path: Path) -> None:
    items = _rendered(tmp_path)
    parts = program_parts(tmp_path / "parts", MasteringSettings())
    program = build_program(items, title="Chuyên mục Cải cách hành chính", slot_s=900.0, out_dir=tmp_path / "p",
                            parts=parts, extra={"commune": "phu-khuong"})
    manifest = json.loads(program.manifest_path.read_text(encoding="utf-8"))
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == ["manifest.json", "program.m3u", "program.mp3"]
    assert [i["title"] for i in manifest["items"]] == ["Tin số 1", "Tin số 2"] and manifest["fits"] is True
    assert manifest["commune"] == "phu-khuong" and manifest["sha256"] == program.sha256
    heard = _ffmpeg.decode(program.mp3_path, 44100).astype(np.float64)
    assert abs(len(heard) / 44100 - manifest["total_s"]) < 0.1  # the decoder agrees with the frame count
    clips = [scan(i.path.read_bytes()).duration_s for i in items]
    gaps = parts.intro.duration_s + parts.pause.duration_s + parts.outro.duration_s
    assert abs(manifest["total_s"] - (sum(clips) + gaps)) < 0.01
    first, second = manifest["items"]
    assert first["start_s"] == pytest.approx(parts.intro.duration_s, abs=0.01)
    assert second["start_s"] == pytest.approx(first["start_s"] + clips[0] + parts.pause.duration_s, abs=0.01)
    assert abs(pyloudnorm.Meter(44100).integrated_loudness(heard) + 16) <= 1.0  # clips at -16, jingles under
    [(seconds, title, location)] = _m3u(program.m3u_path)
    assert (location, title, seconds) == ("program.mp3", "Chuyên mục Cải cách hành chính", round(manifest["total_s"]))
    assert program.mp3_path.stat().st_mode & 0o777 == 0o644


def test_a_missing_clip_is_skipped_and_reported(tmp_path: Path) -> None:
    parts = program_parts(tmp_path / "parts", MasteringSettings(jingles=False))
    gone = tmp_path / "gone.mp3"
    items = [ProgramItem(tone(tmp_path / "a.mp3", 3), "A", "pub:1"), ProgramItem(gone, "Gone", "pub:2"),
             ProgramItem(tone(tmp_path / "b.mp3", 2), "B", "pub:3")]
    program = build_program(items, title="T", slot_s=60, out_dir=tmp_path / "p", parts=parts)
    assert [e.key for e in program.entries] == ["pub:1", "pub:3"]
    [(item, reason)] = program.skipped
    assert item.key == "pub:2" and "missing on disk" in reason
    assert json.loads(program.manifest_path.read_text())["skipped"][0]["title"] == "Gone"
    with pytest.raises(AudioError, match="nothing to air.*missing on disk"):
        build_program(items[1:2], title="T", slot_s=60, out_dir=tmp_path / "q", parts=parts)
    assert not (tmp_path / "q" / "program.mp3").exists() and not list((tmp_path / "q").glob(".tmp-*"))


def test_nothing_runs_past_the_slot(tmp_path: Path) -> None:
    parts = program_parts(tmp_path / "parts", MasteringSettings())
    items = [ProgramItem(tone(tmp_path / "a.mp3", 20), "A"), ProgramItem(tone(tmp_path / "b.mp3", 30), "B"),
             ProgramItem(tone(tmp_path / "c.mp3", 5), "C")]
    program = build_program(items, title="T", slot_s=30.0, out_dir=tmp_path / "p", parts=parts)
    assert [e.title for e in program.entries] == ["A", "C"] and [i.title for i in program.left_over] == ["B"]
    assert program.duration_s <= 30.0 and not program.fits


def test_clips_in_another_format_are_converted_and_tags_left_out(tmp_path: Path) -> None:
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    odd = tmp_path / "odd.mp3"  # 22.05 kHz stereo, with a Xing frame and ID3v1 at the end
    subprocess.run([ffmpeg, "-v", "error", "-f", "lavfi", "-i", "sine=f=500:d=3", "-ac", "2", "-ar", "22050",
                    "-b:a", "48k", "-write_id3v1", "1", "-metadata", "title=x", str(odd)], check=True)
    scanned = scan(odd.read_bytes())
    assert scanned.format == (2, 22050, 2) and abs(scanned.duration_s - 3.0) < 0.1
    parts = program_parts(tmp_path / "parts", MasteringSettings())
    program = build_program([ProgramItem(tone(tmp_path / "a.mp3", 2), "A"), ProgramItem(odd, "Odd")], title="T",
                            slot_s=60, out_dir=tmp_path / "p", parts=parts)
    joined = scan(program.mp3_path.read_bytes())
    assert joined.format == (3, 44100, 1) and len(joined.segments) == 1  # one clean stream, tags only in front
    assert abs(joined.duration_s - program.duration_s) < 0.01
    decoded = subprocess.run([ffmpeg, "-v", "error", "-i", str(program.mp3_path), "-f", "null", "-"],
                             capture_output=True, check=True)
    assert not decoded.stderr
