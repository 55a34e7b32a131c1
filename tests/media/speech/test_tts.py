import base64
import json
import urllib.parse
from pathlib import Path

import pytest
import requests
import responses

from media.errors import SpeechError
from media.radio import _ffmpeg
from media.radio.settings import MasteringSettings
from media.speech.engines import reset_breaker
from media.speech.espeak_engine import EspeakEngine
from media.speech.gtts_engine import GttsEngine
from media.speech.gtts_request import looks_like_mp3, tts_url
from media.speech.render import VoiceSettings, render_clip

URL = tts_url("com")
TEXT = ["Ủy ban nhân dân xã thông báo lịch tiếp công dân. Bà con mang theo căn cước khi đến làm thủ tục."]
FAST = MasteringSettings(jingles=False)


@pytest.fixture(autouse=True)
def _fresh_breaker():
    reset_breaker()
    yield
    reset_breaker()


@pytest.fixture(scope="module")
def mp3_answer() -> str:
    """A batchexecute answer carrying real MP3 speech, as Google sends it."""
    wav = EspeakEngine("vi").synthesize("xin chào bà con").data
    mp3 = _ffmpeg.run(["-i", "pipe:0", "-ar", "24000", "-b:a", "32k", "-f", "mp3", "pipe:1"], stdin=wav)
    audio = base64.b64encode(mp3).decode()
    row = [["wrb.fr", "jQ1olc", json.dumps([audio]), None, None, None, "generic"]]
    return ")]}'\n\n" + json.dumps(row, separators=(",", ":"))


def fast_engine(**options) -> GttsEngine:
    return GttsEngine(session=requests.Session(), backoff_s=0.001, **options)


@responses.activate
def test_429_twice_then_success_retries(mp3_answer):
    responses.post(URL, status=429)
    responses.post(URL, status=429)
    responses.post(URL, body=mp3_answer)
    audio = fast_engine().synthesize("xin chào")
    assert audio.format == "mp3" and looks_like_mp3(audio.data) and len(audio.data) > 500
    assert len(responses.calls) == 3
    sent = urllib.parse.unquote(responses.calls[0].request.body)
    assert "xin ch\\\\u00e0o" in sent and '\\"vi\\"' in sent and "jQ1olc" in sent


@responses.activate
def test_every_request_has_connect_and_read_timeouts(mp3_answer):
    responses.post(URL, body=mp3_answer)
    fast_engine(timeout=(2.0, 9.0)).synthesize("xin chào")
    assert responses.calls[0].request.req_kwargs["timeout"] == (2.0, 9.0)


@responses.activate
def test_rate_limited_forever_gives_clear_error_and_no_file(tmp_path: Path):
    responses.post(URL, status=429)
    with pytest.raises(SpeechError, match=r"refused 6 times with HTTP 429 \(rate limited\).*LOA_TTS_ENGINE=espeak"):
        render_clip(TEXT, voice=VoiceSettings(engine="gtts"), mastering=FAST, cache_dir=tmp_path / "c",
                    out_dir=tmp_path / "out", tags={}, http=requests.Session())
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@responses.activate
def test_garbage_answer_is_a_clear_error():
    responses.post(URL, body="<html>Our systems have detected unusual traffic</html>")
    with pytest.raises(SpeechError, match="without audio"):
        fast_engine().synthesize("xin chào")
    garbage = base64.b64encode(b"<html>not audio</html>" * 20).decode()
    responses.replace(responses.POST, URL, body=f'jQ1olc","[\\"{garbage}\\"]"')
    with pytest.raises(SpeechError, match="not MP3 audio"):
        fast_engine().synthesize("xin chào")


@responses.activate
def test_auto_falls_back_to_espeak_with_a_warning_and_then_skips_gtts(tmp_path: Path):
    responses.post(URL, body=requests.ConnectionError("no route to host"))
    clip = render_clip(TEXT, voice=VoiceSettings(engine="auto"), mastering=FAST, cache_dir=tmp_path / "c",
                       out_dir=tmp_path / "out", tags={"title": "t"}, http=requests.Session())
    assert clip.engine_used == "espeak" and clip.path.is_file()
    assert any("gtts failed" in w and "fell back to espeak" in w for w in clip.warnings)
    calls = len(responses.calls)
    again = render_clip(TEXT + ["Một đoạn mới."], voice=VoiceSettings(engine="auto"), mastering=FAST,
                        cache_dir=tmp_path / "c", out_dir=tmp_path / "out", tags={}, http=requests.Session())
    assert len(responses.calls) == calls  # circuit breaker: gTTS not tried again
    assert again.engine_used == "espeak" and any("skipped" in w for w in again.warnings)


@responses.activate
def test_gtts_render_speaks_every_chunk_once(tmp_path: Path, mp3_answer):
    responses.post(URL, body=mp3_answer)
    clip = render_clip(TEXT, voice=VoiceSettings(engine="gtts"), mastering=FAST, cache_dir=tmp_path / "c",
                       out_dir=tmp_path / "out", tags={}, http=requests.Session())
    assert clip.engine_used == "gtts" and clip.tts_requests == len(responses.calls) == 2
    assert clip.duration_s > 1.0
