"""Recordings in every format phones, Zalo and browsers make, mastered like a synthesized clip; bad ones refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from media.errors import AudioError
from media.radio import _ffmpeg
from media.radio.loudness import integrated_lufs
from media.radio.recording import RecordingLimits, master_recording
from media.radio.settings import MasteringSettings
from tests.recordings import FORMATS, make_recording

PLAIN = MasteringSettings(jingles=False)  # to measure the trimmed length itself
LIMITS = RecordingLimits(max_seconds=60, max_bytes=5_000_000)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_is_trimmed_and_mastered(tmp_path: Path, fmt: str) -> None:
    source = make_recording(tmp_path, fmt)
    done, kind = master_recording(source, limits=LIMITS, tags={"title": "Thông báo"}, out_dir=tmp_path / "out",
                                  settings=PLAIN)
    assert kind == ("m4a" if fmt == "m4a" else fmt)
    assert done.path.read_bytes()[:3] == b"ID3"
    assert 2.9 < done.duration_s < 3.3  # the second of silence at each end is gone
    pcm = _ffmpeg.decode(done.path, 44100)
    assert integrated_lufs(pcm, 44100) == pytest.approx(-16.0, abs=1.0)
    assert 20 * np.log10(float(np.abs(pcm).max())) <= -0.5


def test_with_the_clips_jingles_like_a_synthesized_clip(tmp_path: Path) -> None:
    source = make_recording(tmp_path, "webm")
    plain, _ = master_recording(source, limits=LIMITS, tags={}, out_dir=tmp_path, settings=PLAIN)
    full, _ = master_recording(source, limits=LIMITS, tags={}, out_dir=tmp_path)
    assert full.duration_s > plain.duration_s + 1
    assert full.lufs == pytest.approx(-16.0, abs=1.0)


@pytest.mark.parametrize(("content", "expected"), [
    (b"<!DOCTYPE html><html><body>Zalo</body></html>", "an HTML or XML page, not a recording"),
    (b'{"error": 1}', "a JSON document, not a recording"),
    (b"%PDF-1.4 ...", "a PDF document, not a recording"),
    (b"\x00" * 400, "not audio Loa knows, not a recording"),
    (b"", r"is empty \(0 bytes\)"),
])
def test_what_is_not_audio_is_refused_in_one_line(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "ghi-am.mp3"
    path.write_bytes(content)
    with pytest.raises(AudioError, match=expected) as caught:
        master_recording(path, limits=LIMITS, tags={}, out_dir=tmp_path / "out")
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_truncated_file_cannot_be_decoded(tmp_path: Path) -> None:
    whole = make_recording(tmp_path, "m4a")
    cut = tmp_path / "cut.m4a"
    cut.write_bytes(whole.read_bytes()[:200])
    with pytest.raises(AudioError, match="cut.m4a cannot be decoded as audio"):
        master_recording(cut, limits=LIMITS, tags={}, out_dir=tmp_path)


def test_silent_recording(tmp_path: Path) -> None:
    path = make_recording(tmp_path, "m4a", expr="0.0001*sin(2*PI*220*t)")
    with pytest.raises(AudioError, match=r"doc.m4a is silent .*microphone"):
        master_recording(path, limits=LIMITS, tags={}, out_dir=tmp_path)


def test_clipped_throughout(tmp_path: Path) -> None:
    path = make_recording(tmp_path, "wav", expr="max(-1,min(1,8*sin(2*PI*220*t)))")
    with pytest.raises(AudioError, match="clipped throughout"):
        master_recording(path, limits=LIMITS, tags={}, out_dir=tmp_path)


def test_a_loud_but_clean_recording_passes(tmp_path: Path) -> None:
    path = make_recording(tmp_path, "wav", expr="0.97*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*3*t))")
    done, _ = master_recording(path, limits=LIMITS, tags={}, out_dir=tmp_path, settings=PLAIN)
    assert done.lufs == pytest.approx(-16.0, abs=1.0)


def test_longer_than_the_limit(tmp_path: Path) -> None:
    path = make_recording(tmp_path, "mp3", expr="0.3*sin(2*PI*220*t)", seconds=150)
    with pytest.raises(AudioError, match=r"lasts 2.5 min, longer than the limit of 2 min"):
        master_recording(path, limits=RecordingLimits(max_seconds=120), tags={}, out_dir=tmp_path)
    # far longer than the limit: only a minute past it is decoded
    with pytest.raises(AudioError, match=r"lasts at least 2.0 min, longer than the limit of 1 min"):
        master_recording(path, limits=RecordingLimits(max_seconds=60), tags={}, out_dir=tmp_path)


def test_over_the_size_limit(tmp_path: Path) -> None:
    path = make_recording(tmp_path, "wav")
    with pytest.raises(AudioError, match=r"doc.wav is 0.2 MB, over the limit of 0 MB"):
        master_recording(path, limits=RecordingLimits(max_bytes=100_000), tags={}, out_dir=tmp_path)


def test_where_the_speech_of_a_recording_sits_between_its_jingles(tmp_path: Path) -> None:
    from media.radio.master import speech_span

    done, _ = master_recording(make_recording(tmp_path, "ogg"), limits=LIMITS, tags={}, out_dir=tmp_path)
    [(start, end)] = done.pieces
    found = speech_span(done.duration_s, MasteringSettings())
    assert found[0] == pytest.approx(start, abs=0.05) and found[1] == pytest.approx(end, abs=0.08)
    assert speech_span(3.0, PLAIN) == (0.0, 3.0)
