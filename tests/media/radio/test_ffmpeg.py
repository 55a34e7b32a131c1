"""The encoder and its check decoder, run as real ffmpeg processes side by side (one pair per part)."""

from pathlib import Path

import numpy as np
import pytest

from media.errors import AudioError
from media.radio import _encoder, _ffmpeg


def _tone(rate: int, seconds: float) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (0.25 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


def test_encode_writes_the_mp3_and_returns_what_it_sounds_like(tmp_path: Path) -> None:
    path = tmp_path / "a.mp3"
    heard = _encoder.encode_mp3(_tone(22050, 3.0), input_rate=22050, output_rate=44100, bitrate="64k", path=path,
                                heard_rate=16000)
    assert heard.dtype == np.int16 and abs(len(heard) / 16000 - 3.0) < 0.1
    assert np.isclose(np.abs(heard).max() / 32768, 0.25, atol=0.03)
    again = _ffmpeg.decode(path, 16000)  # the file on disk is the MP3 that was measured
    assert abs(len(again) - len(heard)) < 0.05 * 16000


def test_parts_encoded_at_once_join_into_one_playable_mp3(tmp_path: Path) -> None:
    tone, pause = _tone(22050, 2.0), np.zeros(22050 // 2, np.float32)
    first, second = np.concatenate([tone, pause[: len(pause) // 2]]), np.concatenate([pause[len(pause) // 2 :], tone])
    path = tmp_path / "joined.mp3"
    heard = _encoder.encode_mp3([[first[:10000], first[10000:]], [second]], input_rate=22050, output_rate=44100,
                                bitrate="64k", path=path, heard_rate=16000)
    whole = _ffmpeg.decode(path, 16000)
    assert abs(len(whole) / 16000 - 4.5) < 0.15 and abs(len(heard) - len(whole)) < 0.05 * 16000
    loud = np.abs(whole) > 0.1  # two tones with the pause between them, nothing lost at the join
    assert abs(loud[: 16000 * 2].mean() - loud[-16000 * 2 :].mean()) < 0.05 and not loud[36000:40000].any()


def test_a_bad_setting_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="encoder"):
        _encoder.encode_mp3(_tone(22050, 1.0), input_rate=22050, output_rate=12345, bitrate="64k",
                            path=tmp_path / "b.mp3", heard_rate=16000)


def test_audio_that_fails_half_way_stops_the_encoder_and_raises(tmp_path: Path) -> None:
    def blocks():
        yield _tone(22050, 1.0)
        raise AudioError("the third piece could not be decoded")

    with pytest.raises(AudioError, match="third piece"):
        _encoder.encode_mp3([blocks()], input_rate=22050, output_rate=44100, bitrate="64k",
                            path=tmp_path / "c.mp3", heard_rate=16000)
