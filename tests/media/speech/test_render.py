import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
from mutagen.id3 import ID3
from scipy.signal import resample_poly

from media.errors import SpeechError
from media.radio import _ffmpeg
from media.radio.settings import MasteringSettings
from media.speech.render import VoiceSettings, render_clip

PARAGRAPH = (
    "Ủy ban nhân dân xã đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân và doanh "
    "nghiệp. Bà con có thể nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia, không phải đến trụ sở. "
    "Mọi thắc mắc xin liên hệ bộ phận một cửa của xã trong giờ hành chính."
)


def _render(paragraphs, tmp_path: Path, **mastering):
    return render_clip(paragraphs, voice=VoiceSettings(engine="espeak"), mastering=MasteringSettings(**mastering),
                       cache_dir=tmp_path / "cache", out_dir=tmp_path / "out",
                       tags={"title": "Cải cách hành chính", "artist": "Phòng Văn hóa - Xã hội",
                             "album": "Xã Nghi Dương", "date": "2026-03-12"})


def test_clip_is_broadcast_ready(tmp_path: Path):
    clip = _render([PARAGRAPH], tmp_path)
    assert clip.path == tmp_path / "out" / f"{clip.sha256}.mp3" and clip.engine_used == "espeak"
    decoded = _ffmpeg.decode(clip.path, 44100).astype(np.float64)
    probe = _ffmpeg.run(["-i", str(clip.path), "-af", "aformat=channel_layouts=mono", "-f", "wav", "pipe:1"])
    assert probe[22:24] == b"\x01\x00" and int.from_bytes(probe[24:28], "little") == 44100  # mono 44.1 kHz
    assert abs(pyloudnorm.Meter(44100).integrated_loudness(decoded) + 16.0) <= 1.0
    assert 20 * np.log10(np.abs(resample_poly(decoded, 4, 1)).max()) <= -1.0
    assert len(decoded) / 44100 > 5.0 and abs(clip.duration_s - len(decoded) / 44100) < 0.2
    assert str(ID3(clip.path)["TIT2"]) == "Cải cách hành chính" and str(ID3(clip.path)["TALB"]) == "Xã Nghi Dương"
    assert not list((tmp_path / "out").glob(".tmp-*"))


def test_leading_and_trailing_silence_is_trimmed(tmp_path: Path):
    clip = _render(["Xin chào bà con."], tmp_path, jingles=False)
    pcm = _ffmpeg.decode(clip.path, 44100)
    loud = np.flatnonzero(np.abs(pcm) > 10 ** (-40 / 20))
    assert loud[0] / 44100 < 0.1 and (len(pcm) - loud[-1]) / 44100 < 0.15  # encoder padding aside


def test_hostile_text_still_gives_a_playable_mp3(tmp_path: Path):
    text = unicodedata.normalize("NFD", "Thông báo\x00\x1b[31m 😀🎉 của Ủy ban. ")
    mixed = "Slư̱ pjạ bản lạ chắng. Hội nghị 会议 ngày mai."  # Tày-style Latin and Han characters
    clip = _render([text, mixed, "\u200b\ufeff"], tmp_path, jingles=False)
    assert len(_ffmpeg.decode(clip.path, 44100)) / 44100 > 1.0


def test_empty_and_oversized_text_are_refused(tmp_path: Path):
    with pytest.raises(SpeechError, match="nothing to speak"):
        _render(["   ", "\x00 😀"], tmp_path)
    with pytest.raises(SpeechError, match="at most 20,000"):
        _render(["Cải cách hành chính. " * 5000], tmp_path)
    assert not (tmp_path / "out").exists()


def test_unchanged_clip_is_found_without_the_audio_stack(tmp_path: Path):
    first = _render([PARAGRAPH], tmp_path)
    script = (
        "import sys, json; from pathlib import Path\n"
        "from media.radio.settings import MasteringSettings\n"
        "from media.speech.render import VoiceSettings, render_clip\n"
        f"clip = render_clip([{PARAGRAPH!r}], voice=VoiceSettings(engine='espeak'), mastering=MasteringSettings(),"
        f" cache_dir=Path({str(tmp_path / 'cache')!r}), out_dir=Path({str(tmp_path / 'out')!r}),"
        " tags={'title': 'Cải cách hành chính', 'artist': 'Phòng Văn hóa - Xã hội', 'album': 'Xã Nghi Dương',"
        " 'date': '2026-03-12'})\n"
        "heavy = [m for m in ('numpy', 'scipy', 'pyloudnorm', 'media.speech.voicing', 'media.speech._espeak')"
        " if m in sys.modules]\n"
        "print(json.dumps([str(clip.path), clip.tts_requests, heavy]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[3])
    path, requests_sent, heavy = json.loads(done.stdout)
    assert Path(path) == first.path and requests_sent == 0 and heavy == []


def test_auto_reuses_the_fallback_clip_without_asking_the_network(tmp_path: Path):
    """A clip spoken offline when Google was unreachable is found again: no request, and a warning says so."""
    first = _render([PARAGRAPH], tmp_path)  # espeak's clip
    again = render_clip([PARAGRAPH], voice=VoiceSettings(engine="auto"), mastering=MasteringSettings(),
                        cache_dir=tmp_path / "cache", out_dir=tmp_path / "out",
                        tags={"title": "Cải cách hành chính", "artist": "Phòng Văn hóa - Xã hội",
                              "album": "Xã Nghi Dương", "date": "2026-03-12"})
    assert again.path == first.path and again.engine_used == "espeak" and again.tts_requests == 0
    assert any("reused the espeak clip" in warning for warning in again.warnings)
