"""The encoder and its check decoder, run as real ffmpeg processes side by side."""

from pathlib import Path

import numpy as np
import pytest

from media.errors import AudioError
from media.radio import _ffmpeg


def _tone(rate: int, seconds: float) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (0.25 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


def test_encode_writes_the_mp3_and_returns_what_it_sounds_like(tmp_path: Path) -> None:
    path = tmp_path / "a.mp3"
    heard = _ffmpeg.encode_mp3(_tone(22050, 3.0), input_rate=22050, output_rate=44100, bitrate="64k", path=path,
                               heard_rate=16000)
    assert abs(len(heard) / 16000 - 3.0) < 0.1
    assert np.isclose(np.abs(heard).max(), 0.25, atol=0.03)
    again = _ffmpeg.decode(path, 16000)  # the file on disk is the MP3 that was measured
    assert abs(len(again) - len(heard)) < 0.05 * 16000


def test_a_bad_setting_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="encoder"):
        _ffmpeg.encode_mp3(_tone(22050, 1.0), input_rate=22050, output_rate=12345, bitrate="64k",
                           path=tmp_path / "b.mp3", heard_rate=16000)
