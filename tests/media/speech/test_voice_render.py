"""Whole clips through each voice: pieces within each API's limit, one voice per clip, the cache, the budget."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyloudnorm
import pytest

from media.errors import SpeechError
from media.radio import _ffmpeg
from media.radio.settings import MasteringSettings
from media.secret import Secret
from media.speech.engines import VoiceConfigError
from media.speech.render import render_clip
from media.speech.settings import ProviderAccess, VoiceSettings
from media.speech.usage import UsageLedger
from media.speech.voices import PROVIDERS
from tests.media.speech.piper_model import build_voice
from tests.media.speech.providers import FakeProvider, serve

SENTENCE = "Ủy ban nhân dân xã đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân. "
ARTICLE = ["Thông báo về dịch vụ công trực tuyến", SENTENCE * 25, SENTENCE * 6, "Trân trọng thông báo."]
VOICES = {"fpt": "lannhi", "zalo": "1", "viettel": "hcm-diemmy", "google": "vi-VN-Standard-A"}
FAST = MasteringSettings(jingles=False)


def voice_for(name: str, fake: FakeProvider | None = None, url: str = "", **options) -> VoiceSettings:
    access = {name: ProviderAccess(url, Secret(fake.key if fake else ""))} if name in VOICES else {}
    return VoiceSettings(engine=name, voice=VOICES.get(name, "vi"), access=options.pop("access", access),
                         backoff_s=0.001, poll_s=0.01, file_wait_s=5.0, timeout_s=5.0, **options)


def render(voice: VoiceSettings, tmp_path: Path, paragraphs=ARTICLE, usage=None):
    return render_clip(paragraphs, voice=voice, mastering=FAST, cache_dir=tmp_path / "cache",
                       out_dir=tmp_path / "media", tags={"title": "Thông báo"}, usage=usage)


@pytest.mark.parametrize("name", list(VOICES))
def test_a_whole_mastered_clip_from_each_cloud_voice(tmp_path, name):
    fake = FakeProvider(name)
    with serve(fake) as url:
        clip = render(voice_for(name, fake, url), tmp_path)
    sent = fake.syntheses()
    texts = [s.raw.decode() if name == "fpt" else s.form()["input"] if name == "zalo" else
             s.json()["text"] if name == "viettel" else s.json()["input"]["text"] for s in sent]
    assert max(PROVIDERS[name].size(t) for t in texts) <= PROVIDERS[name].max_piece
    words = sorted(word for text in texts for word in text.split())  # pieces are sent together, in any order
    assert words == sorted(word for paragraph in ARTICLE for word in paragraph.split())  # every word, once
    assert len(texts) < 10  # whole sentences packed together, not 100-character chunks
    assert (clip.engine_used, clip.voice, clip.speed) == (name, VOICES[name], 1.0)
    assert clip.tts_requests == len(texts) and clip.chars_sent == sum(len(t) for t in texts)
    pcm = _ffmpeg.decode(clip.path, 44100).astype(np.float64)
    assert abs(pyloudnorm.Meter(44100).integrated_loudness(pcm) + 16.0) <= 1.0 and len(pcm) / 44100 > 30


def test_pieces_are_rendered_together_but_within_the_engines_concurrency(tmp_path):
    fake = FakeProvider("google", latency_s=0.3)
    paragraphs = [f"{word}. {SENTENCE * 4}" for word in "Một Hai Ba Bốn Năm Sáu Bảy Tám Chín".split()]
    with serve(fake) as url:
        render(voice_for("google", fake, url), tmp_path, paragraphs)
    assert len(fake.syntheses()) == 9 and 1 < fake.max_in_flight <= 4


def test_piper_speaks_a_whole_clip_with_a_model_built_here(tmp_path):
    model = build_voice(tmp_path)
    clip = render(VoiceSettings(engine="piper", voice="0", piper_model=str(model)), tmp_path, ARTICLE[:2])
    assert clip.engine_used == "piper" and clip.duration_s > 20 and clip.path.is_file()
    again = render(VoiceSettings(engine="piper", voice="0", piper_model=str(model), speed=1.25), tmp_path,
                   ARTICLE[:2])
    assert again.sha256 != clip.sha256 and again.duration_s < clip.duration_s  # faster: shorter


def test_piper_settings_that_cannot_work_are_named(tmp_path):
    with pytest.raises(VoiceConfigError, match="set LOA_PIPER_MODEL"):
        render(VoiceSettings(engine="piper"), tmp_path)
    with pytest.raises(SpeechError, match="no such file"):
        render(VoiceSettings(engine="piper", piper_model=str(tmp_path / "none.onnx")), tmp_path)
    model = build_voice(tmp_path)
    model.with_name(model.name + ".json").write_text("{}")
    with pytest.raises(SpeechError, match="is not a Piper .onnx.json"):
        render(VoiceSettings(engine="piper", piper_model=str(model)), tmp_path)
    model.with_name(model.name + ".json").unlink()
    with pytest.raises(SpeechError, match="config vi_VN-loa-test.onnx.json is missing"):
        render(VoiceSettings(engine="piper", piper_model=str(model)), tmp_path)


def test_a_failing_voice_is_replaced_for_the_whole_clip(tmp_path):
    zalo, fpt = FakeProvider("zalo"), FakeProvider("fpt")
    with serve(zalo) as zalo_url, serve(fpt) as fpt_url:
        zalo.fail_next("html")  # the third piece goes wrong after two were spoken
        access = {"zalo": ProviderAccess(zalo_url, Secret(zalo.key)), "fpt": ProviderAccess(fpt_url, Secret(fpt.key))}
        voice = voice_for("zalo", access=access, fallback=("fpt:leminh", "espeak"))
        clip = render(voice, tmp_path)
    assert (clip.engine_used, clip.voice) == ("fpt", "leminh")
    assert len(fpt.syntheses()) == clip.tts_requests >= 3  # every piece again: one voice reads the whole clip
    warning = next(w for w in clip.warnings if w.startswith("zalo failed"))
    assert "HTML page" in warning and "đọc bằng giọng dự phòng fpt" in warning


def test_the_last_voice_failing_is_the_error(tmp_path):
    fake = FakeProvider("viettel")
    with serve(fake) as url:
        fake.fail_next(*["503"] * 5)
        with pytest.raises(SpeechError, match=r"Viettel AI refused 5 times \(HTTP 503"):
            render(voice_for("viettel", fake, url), tmp_path, ["Một câu ngắn."])
    assert not (tmp_path / "media").exists() or not list((tmp_path / "media").glob("*.mp3"))


def test_an_unchanged_text_is_never_sent_twice(tmp_path):
    fake = FakeProvider("fpt")
    with serve(fake) as url:
        first = render(voice_for("fpt", fake, url), tmp_path)
        sent = len(fake.syntheses())
        again = render(voice_for("fpt", fake, url), tmp_path)
        assert again.tts_requests == 0 and len(fake.syntheses()) == sent and again.sha256 == first.sha256
        edited = render(voice_for("fpt", fake, url), tmp_path, [*ARTICLE[:3], "Xin cảm ơn bà con."])
        assert edited.tts_requests == 1 and len(fake.syntheses()) == sent + 1  # only the changed paragraph
        other_voice = render(voice_for("fpt", fake, url, speed=1.1), tmp_path)
        assert other_voice.tts_requests == sent  # speed is part of what was bought


def test_usage_is_counted_and_the_budget_warns_then_falls_back(tmp_path):
    fake = FakeProvider("google")
    ledger = UsageLedger(tmp_path / "usage", "2026-12", "nghi-duong")
    paragraph = [SENTENCE * 5]
    size = len(paragraph[0].strip())
    with serve(fake) as url:
        voice = voice_for("google", fake, url, fallback=("espeak",), budgets={"google": int(size * 2.2)})
        first = render(voice, tmp_path, paragraph, usage=ledger)
        assert first.engine_used == "google" and ledger.spent("google") == size and not first.warnings
        second = render(voice, tmp_path, [SENTENCE * 4 + "Hết."], usage=ledger)
        assert second.engine_used == "google" and any("of its monthly budget" in w for w in second.warnings)
        third = render(voice, tmp_path, [SENTENCE * 3 + "Xin cảm ơn."], usage=ledger)
    assert third.engine_used == "espeak" and len(fake.syntheses()) == 2
    assert any("monthly budget of" in w and "fell back to espeak" in w for w in third.warnings)
    assert ledger.totals()["google"]["requests"] == 2
    assert UsageLedger(tmp_path / "usage", "2026-12", "other").spent("google") == 0


@pytest.mark.parametrize("voice,says", [
    (VoiceSettings(engine="zalo", voice="7"), "Zalo AI has no voice '7'; use one of 1, 2, 3, 4"),
    (VoiceSettings(engine="fpt", voice="banmai", speed=1.6), "FPT.AI speaks at 0.7–1.3× its normal pace"),
    (VoiceSettings(engine="espeak", fallback=("azure",)), "unknown TTS engine 'azure'"),
])
def test_voice_settings_that_can_never_work_are_refused_before_sending(tmp_path, voice, says):
    with pytest.raises(VoiceConfigError, match=says):
        render(voice, tmp_path)


def test_a_key_never_reaches_the_files_the_logs_or_the_warnings(tmp_path, caplog):
    fake = FakeProvider("zalo")
    with serve(fake) as url:
        clip = render(voice_for("zalo", fake, url, fallback=("espeak",)), tmp_path,
                      usage=UsageLedger(tmp_path / "usage", "2026-12"))
        fake.fail_next(*["500"] * 5)
        failed = render(voice_for("zalo", fake, url, fallback=("espeak",)), tmp_path, ["Một câu khác hẳn."])
    assert clip.engine_used == "zalo" and failed.engine_used == "espeak"
    key = fake.key.encode()
    assert all(key not in path.read_bytes() for path in tmp_path.rglob("*") if path.is_file())
    assert fake.key not in caplog.text and fake.key not in repr(voice_for("zalo", fake, url))
    assert all(fake.key not in w for w in (*clip.warnings, *failed.warnings))


def test_piper_speaks_with_the_chosen_speaker_of_a_voice_of_several(tmp_path):
    model = build_voice(tmp_path, speakers=2, name="vi_VN-two.onnx")
    clip = render(VoiceSettings(engine="piper", voice="1", piper_model=str(model)), tmp_path, ["Xin chào bà con."])
    assert (clip.engine_used, clip.voice) == ("piper", "1") and clip.duration_s > 0.3
    with pytest.raises(SpeechError, match="has speakers 0–1, not 5"):
        render(VoiceSettings(engine="piper", voice="5", piper_model=str(model)), tmp_path, ["Một câu khác."])
    with pytest.raises(SpeechError, match="give the speaker number"):
        render(VoiceSettings(engine="piper", voice="south", piper_model=str(model)), tmp_path)
