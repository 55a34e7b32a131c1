"""The offline voice says the English words of commune texts the Vietnamese way, not with its English
voice; the spoken form (what the desk shows, what gTTS reads) keeps them as written."""

from __future__ import annotations

import ctypes

from media.speech import _espeak
from media.speech.espeak_engine import EspeakEngine
from media.speech.loanwords import said_in_vietnamese
from media.speech.normalize import to_spoken


def _phonemes(text: str) -> str:
    with _espeak._lock:
        lib, _ = _espeak._library()
        lib.espeak_SetVoiceByName(b"vi")
        _espeak._state["voice"] = None  # the next synthesis sets its voice again
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]
        pointer = ctypes.c_char_p(text.encode())
        return lib.espeak_TextToPhonemes(ctypes.byref(pointer), 1, 0x02).decode()


def test_espeak_would_switch_to_english_for_these_words_and_does_not_for_their_readings() -> None:
    assert "(en)" in _phonemes("Zalo")  # the reason this module exists
    spoken = said_in_vietnamese(to_spoken("Theo dõi Fanpage, Zalo OA và website của xã; email, hotline, YouTube."))
    assert spoken == "Theo dõi phan pết, da lô ô a và oép sai của xã; i meo, hót lai, diu túp."
    assert "(en)" not in _phonemes(spoken)


def test_the_offline_voice_is_given_the_vietnamese_reading(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    given: list[str] = []
    real = _espeak.synthesize_pcm

    def recording(text: str, **kw):  # type: ignore[no-untyped-def]
        given.append(text)
        return real(text, **kw)  # the library still speaks it

    monkeypatch.setattr(_espeak, "synthesize_pcm", recording)
    engine = EspeakEngine("vi")
    audio = engine.synthesize("Nhắn tin qua Zalo của xã.")
    assert given == ["Nhắn tin qua da lô của xã."] and audio.data[:4] == b"RIFF" and len(audio.data) > 10_000
    assert any(part.startswith("loanwords=") for part in engine.cache_key_parts())


def test_the_spoken_form_keeps_the_words_as_written() -> None:
    assert to_spoken("Fanpage, Youtube, Chatbot và TikTok") == "Fanpage, Youtube, Chatbot và TikTok"
    assert said_in_vietnamese("web-based, Zalopay, Webinar") == "web-based, Zalopay, Webinar"  # whole words only
