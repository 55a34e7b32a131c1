import base64
import json
import urllib.parse
from pathlib import Path

import requests
import responses

from media.radio import _ffmpeg
from media.radio.settings import MasteringSettings
from media.speech.espeak_engine import EspeakEngine
from media.speech.gtts_request import tts_url
from media.speech.render import VoiceSettings, render_clip

URL = tts_url("com")
ARTICLE = ["Câu thứ nhất nói về dịch vụ công trực tuyến.", "Câu thứ hai nói về một cửa liên thông."]


def _answer() -> str:
    mp3 = _ffmpeg.run(["-i", "pipe:0", "-ar", "24000", "-f", "mp3", "pipe:1"],
                      stdin=EspeakEngine().synthesize("xin chào bà con").data)
    row = [["wrb.fr", "jQ1olc", json.dumps([base64.b64encode(mp3).decode()]), None, None, None, "generic"]]
    return ")]}'\n\n" + json.dumps(row, separators=(",", ":"))


def _spoken(body: str) -> str:
    """The chunk text inside a batchexecute request body."""
    rpc = json.loads(urllib.parse.unquote(body.removeprefix("f.req=").rstrip("&")))
    return json.loads(rpc[0][0][1])[0]


def _render(paragraphs, tmp_path: Path):
    return render_clip(paragraphs, voice=VoiceSettings(engine="gtts"), mastering=MasteringSettings(jingles=False),
                       cache_dir=tmp_path / "cache", out_dir=tmp_path / "out", tags={"title": "x"},
                       http=requests.Session())


@responses.activate
def test_unchanged_article_makes_no_request_and_one_edit_makes_one(tmp_path: Path):
    responses.post(URL, body=_answer())
    first = _render(ARTICLE, tmp_path)
    assert first.tts_requests == len(responses.calls) == 2
    again = _render(ARTICLE, tmp_path)
    assert again.tts_requests == 0 and len(responses.calls) == 2 and again.sha256 == first.sha256
    edited = _render([ARTICLE[0], "Câu thứ hai đã được sửa lại."], tmp_path)
    assert edited.tts_requests == 1 and len(responses.calls) == 3
    assert _spoken(responses.calls[-1].request.body) == "Câu thứ hai đã được sửa lại."
    assert edited.sha256 != first.sha256


def test_espeak_chunk_cache_survives_a_lost_clip(tmp_path: Path):
    voice, mastering = VoiceSettings(engine="espeak"), MasteringSettings(jingles=False)
    kwargs = {"voice": voice, "mastering": mastering, "cache_dir": tmp_path / "c", "out_dir": tmp_path / "o"}
    first = render_clip(ARTICLE, tags={}, **kwargs)
    first.path.unlink()  # the MP3 is gone: the clip cache must not answer with a missing file
    second = render_clip(ARTICLE, tags={}, **kwargs)
    assert first.tts_requests == 2 and second.tts_requests == 0 and second.path.is_file()
