import json
from pathlib import Path

import numpy as np
import pyloudnorm

from media.radio import _ffmpeg
from media.radio.program import ProgramItem, build_program
from media.radio.settings import MasteringSettings
from media.speech.render import VoiceSettings, render_clip

TEXTS = [
    "Ủy ban nhân dân xã thông báo về dịch vụ công trực tuyến, bà con có thể nộp hồ sơ tại nhà.",
    "Bộ phận một cửa tiếp nhận hồ sơ từ thứ hai đến thứ sáu, sáng từ bảy giờ, chiều từ một giờ.",
    "Xã phát động phong trào chuyển đổi số trong từng thôn, mỗi hộ gia đình có một tài khoản định danh. " * 12,
]


def _clips(tmp_path: Path) -> list[ProgramItem]:
    items = []
    for index, text in enumerate(TEXTS):
        clip = render_clip([text], voice=VoiceSettings(engine="espeak"), mastering=MasteringSettings(jingles=False),
                           cache_dir=tmp_path / "cache", out_dir=tmp_path / "media", tags={"title": f"Tin {index}"})
        items.append(ProgramItem(clip.path, f"Tin số {index + 1}"))
    return items


def _parse_m3u(path: Path) -> list[tuple[int, str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#EXTM3U"
    entries = []
    for info, location in zip(lines[1::2], lines[2::2], strict=True):
        seconds, title = info.removeprefix("#EXTINF:").split(",", 1)
        entries.append((int(seconds), title, location))
    return entries


def test_program_fits_the_slot_and_reports_what_does_not(tmp_path: Path):
    items = _clips(tmp_path)
    durations = [len(_ffmpeg.decode(i.path, 22050)) / 22050 for i in items]
    assert durations[2] > 55  # the long clip
    slot_minutes = 1  # the two short clips and jingles fit; the long one would not
    assert sum(durations[:2]) + 10 < 60 < sum(durations)
    program = build_program(items, title="Chuyên mục Cải cách hành chính", slot_minutes=slot_minutes,
                            out_dir=tmp_path / "radio" / "cchc" / "2026-03-12", mastering=MasteringSettings())
    manifest = json.loads(program.manifest_path.read_text(encoding="utf-8"))
    assert [i["title"] for i in manifest["items"]] == ["Tin số 1", "Tin số 2"]
    assert [i["title"] for i in manifest["left_over"]] == ["Tin số 3"] and manifest["fits"] is False
    assert [e.title for e in program.left_over] == ["Tin số 3"]
    heard = _ffmpeg.decode(program.mp3_path, 44100).astype(np.float64)
    assert abs(manifest["total_s"] - len(heard) / 44100) < 0.2 and manifest["total_s"] <= 60
    assert manifest["total_s"] > sum(i["duration_s"] for i in manifest["items"]) + 2  # jingles and pause
    assert abs(pyloudnorm.Meter(44100).integrated_loudness(heard) + 16) <= 1.0
    [(seconds, title, location)] = _parse_m3u(program.m3u_path)
    assert location == "program.mp3" and title == "Chuyên mục Cải cách hành chính"
    assert seconds == round(manifest["total_s"])
    starts = [i["start_s"] for i in manifest["items"]]
    assert starts[0] > 1.0 and starts[1] > starts[0] + manifest["items"][0]["duration_s"]


def test_everything_fits_a_long_slot(tmp_path: Path):
    program = build_program(_clips(tmp_path), title="Bản tin", slot_minutes=15, out_dir=tmp_path / "p",
                            mastering=MasteringSettings())
    assert program.fits and not program.left_over and len(program.entries) == 3
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == ["manifest.json", "program.m3u", "program.mp3"]
