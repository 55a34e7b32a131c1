"""The four cloud voices against loopback servers that answer as FPT.AI, Zalo AI, Viettel AI and Google do."""

from __future__ import annotations

import importlib
import logging

import pytest
import requests

from media.errors import SpeechError
from media.speech.audio_check import mp3_problem
from media.speech.cloud_http import ProviderUnreachable, Transport
from media.speech.fpt_engine import fpt_speed
from media.speech.voices import PROVIDERS
from tests.media.speech.providers import FakeProvider, serve

CLOUD = ("fpt", "zalo", "viettel", "google")
VOICES = {"fpt": "leminh", "zalo": "4", "viettel": "hcm-diemmy", "google": "vi-VN-Wavenet-B"}
TEXT = "Ủy ban nhân dân xã thông báo lịch tiếp công dân tháng này."


def make_engine(name: str, url: str, *, key: str | None = None, read_timeout: float = 2.0, attempts: int = 4,
                speed: float = 1.0, voice: str | None = None, **extra):
    module = importlib.import_module(f"media.speech.{name}_engine")
    transport = Transport(PROVIDERS[name].title, requests.Session(), timeout=(2.0, read_timeout),
                          max_attempts=attempts, backoff_s=0.001, secrets=(key or "",))
    if name in ("fpt", "zalo"):
        extra = {"deadline_s": 2.0, "poll_s": 0.01} | extra
    return getattr(module, f"{name.capitalize()}Engine")(
        key=key if key is not None else FakeProvider(name).key, voice=voice or VOICES[name], speed=speed,
        transport=transport, url=url, **extra)


@pytest.fixture(params=CLOUD)
def fake(request):
    provider = FakeProvider(request.param)
    with serve(provider) as url:
        provider.endpoint = url
        yield provider


def test_a_piece_comes_back_as_whole_mp3_and_its_characters_are_counted(fake):
    counted = []
    engine = make_engine(fake.name, fake.endpoint, on_sent=lambda name, chars: counted.append((name, chars)))
    audio = engine.synthesize(TEXT)
    assert audio.format == "mp3" and mp3_problem(audio.data) is None and len(audio.data) > 1000
    assert counted == [(fake.name, len(TEXT))] and engine.chars_sent == len(TEXT)
    assert len(fake.syntheses()) == 1


def test_requests_have_the_documented_shape(fake):
    make_engine(fake.name, fake.endpoint, speed=1.2).synthesize(TEXT)
    sent = fake.syntheses()[0]
    if fake.name == "fpt":
        assert sent.raw.decode("utf-8") == TEXT and sent.headers["api-key"] == fake.key
        assert sent.headers["voice"] == "leminh" and sent.headers["speed"] == "2"
    elif fake.name == "zalo":
        form = sent.form()
        assert form["input"] == TEXT and form["speaker_id"] == "4" and form["speed"] == "1.2"
        assert form["encode_type"] == "1" and sent.headers["apikey"] == fake.key
    elif fake.name == "viettel":
        body = sent.json()
        assert body["text"] == TEXT and body["voice"] == "hcm-diemmy" and body["speed"] == 1.2
        assert body["tts_return_option"] == 3 and body["token"] == fake.key
    else:
        body = sent.json()
        assert body["input"]["text"] == TEXT and body["voice"] == {"languageCode": "vi-VN", "name": "vi-VN-Wavenet-B"}
        assert body["audioConfig"] == {"audioEncoding": "MP3", "speakingRate": 1.2}
        assert sent.headers["x-goog-api-key"] == fake.key and fake.key not in sent.path


@pytest.mark.parametrize("faults", [("429", "429"), ("500", "503"), ("drop",)])
def test_throttling_server_errors_and_lost_answers_are_retried(fake, faults):
    fake.fail_next(*faults)
    audio = make_engine(fake.name, fake.endpoint).synthesize(TEXT)
    assert mp3_problem(audio.data) is None and len(fake.syntheses()) == len(faults) + 1


def test_retry_after_is_honoured(fake):
    fake.retry_after = "1"
    fake.fail_next("429")
    make_engine(fake.name, fake.endpoint).synthesize(TEXT)
    first, second = fake.syntheses()[:2]
    assert second.at - first.at >= 0.95  # the provider asked for one second; backoff alone is ~1 ms


def test_a_long_retry_after_gives_up_at_once_with_the_reason(fake):
    fake.retry_after = "3600"
    fake.fail_next("429")
    with pytest.raises(SpeechError, match=r"throttling \(HTTP 429.*asks to wait 3600 s"):
        make_engine(fake.name, fake.endpoint).synthesize(TEXT)
    assert len(fake.syntheses()) == 1


def test_throttled_every_time_is_a_clear_error(fake):
    fake.fail_next(*["429"] * 4)
    with pytest.raises(SpeechError, match=r"refused 4 times \(HTTP 429.*LOA_TTS_FALLBACK"):
        make_engine(fake.name, fake.endpoint).synthesize(TEXT)


@pytest.mark.parametrize("fault,says", [("html", "HTML page"), ("empty", "empty"), ("truncated", "cut short")])
def test_an_answer_that_is_not_whole_audio_is_an_error(fake, fault, says):
    fake.fail_next(fault)
    with pytest.raises(SpeechError, match=says):
        make_engine(fake.name, fake.endpoint).synthesize(TEXT)


def test_a_stalled_answer_times_out_and_is_retried(fake):
    fake.stall_s = 1.5
    fake.fail_next("stall")
    audio = make_engine(fake.name, fake.endpoint, read_timeout=0.3).synthesize(TEXT)
    assert mp3_problem(audio.data) is None and len(fake.syntheses()) == 2


def test_nobody_listening_is_unreachable_not_a_hang():
    for name in CLOUD:
        with pytest.raises(ProviderUnreachable, match="could not be reached in 2 attempts"):
            make_engine(name, "http://127.0.0.1:9/none", attempts=2).synthesize(TEXT)


def test_a_wrong_key_is_refused_with_the_setting_to_fix_and_never_shown(fake, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = "wrong-key-SECRET-123456"
    with pytest.raises(SpeechError) as caught:
        make_engine(fake.name, fake.endpoint, key=wrong).synthesize(TEXT)
    assert PROVIDERS[fake.name].key_setting in str(caught.value)
    assert wrong not in str(caught.value) and wrong not in caplog.text and fake.key not in caplog.text


def test_a_missing_key_is_named_before_anything_is_sent(fake):
    with pytest.raises(SpeechError, match=PROVIDERS[fake.name].key_setting):
        make_engine(fake.name, fake.endpoint, key="")
    assert fake.seen == []


def test_fpt_file_that_appears_late_is_polled_for():
    fake = FakeProvider("fpt", ready_after=5)
    with serve(fake) as url:
        audio = make_engine("fpt", url).synthesize(TEXT)
    gets = [s for s in fake.seen if s.method == "GET"]
    assert mp3_problem(audio.data) is None and len(gets) == 6 and len(fake.syntheses()) == 1


@pytest.mark.parametrize("name", ["fpt", "zalo"])
def test_an_audio_file_that_never_appears_is_given_up_at_the_deadline(name):
    fake = FakeProvider(name)
    with serve(fake) as url:
        fake.fail_next("never")
        with pytest.raises(SpeechError, match=r"did not appear within 0.2 s \(the link still answers HTTP 404\)"):
            make_engine(name, url, deadline_s=0.2, poll_s=0.02).synthesize(TEXT)
        fake.fail_next("file-html")
        with pytest.raises(SpeechError, match="HTML page where MP3 audio was expected"):
            make_engine(name, url).synthesize(TEXT)
        fake.fail_next("truncated")
        with pytest.raises(SpeechError, match="cut short"):
            make_engine(name, url).synthesize(TEXT)


@pytest.mark.parametrize("name,options,says", [
    ("fpt", {"voice": "nobody"}, r"FPT.AI did not accept the text \(Invalid voice\); check the voice 'nobody'"),
    ("zalo", {"speed": 1.5}, r"Zalo AI did not accept the text \(error -2: Invalid parameter\); check the speaker"),
    ("viettel", {"voice": "south-lady"}, r"Viettel AI did not accept the text \(Voice not found\)"),
])
def test_provider_refusals_name_the_provider_and_what_to_change(name, options, says):
    fake = FakeProvider(name)
    with serve(fake) as url, pytest.raises(SpeechError, match=says):
        make_engine(name, url, **options).synthesize(TEXT)


def test_pieces_outside_the_limits_are_refused_before_sending():
    fake = FakeProvider("fpt")
    with serve(fake) as url, pytest.raises(SpeechError, match="FPT.AI takes 3–5000 characters a request, not 2"):
        make_engine("fpt", url).synthesize("ab")
    assert fake.seen == []


def test_google_counts_its_limit_in_bytes():
    fake = FakeProvider("google")
    with serve(fake) as url:
        engine = make_engine("google", url)
        with pytest.raises(SpeechError, match="1–5000 bytes of text a request, not 5202"):
            engine.synthesize("ệ" * 1734)  # 1,734 characters but 5,202 bytes
    assert fake.seen == []


def test_fpt_speed_steps():
    assert [fpt_speed(s) for s in (0.7, 0.85, 1.0, 1.1, 1.3)] == [-3, -2, 0, 1, 3]
