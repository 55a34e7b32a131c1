"""The libespeak-ng library from espeakng-loader, loaded once per process through ctypes.

libespeak-ng keeps one global synthesizer, so every call goes through one lock. This module only
drives the library; `espeak_engine.py` turns its output into Loa's audio.
"""

from __future__ import annotations

import ctypes
import threading
from typing import TypedDict

import espeakng_loader

from media.errors import SpeechError

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_PARAM_RATE = 1
_EE_OK = 0
_DEFAULT_RATE = 175  # words a minute, espeak-ng's own default

_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)



class _State(TypedDict, total=False):
    lib: ctypes.CDLL
    rate: int  # the library's sample rate
    callback: object  # kept alive while the library may call it
    voice: str | None  # what the library is set to now
    speed: int | None
    pieces: list[bytes]  # the PCM of the text being spoken


_lock = threading.Lock()
_state: _State = {}


def _library() -> tuple[ctypes.CDLL, int]:
    """Load and initialise libespeak-ng once; returns the library and its sample rate (call under _lock)."""
    if "lib" not in _state:
        try:
            lib = ctypes.CDLL(espeakng_loader.get_library_path())
        except OSError as exc:
            raise SpeechError("espeak.not_loaded", detail_en=exc) from exc
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
            ctypes.c_void_p, ctypes.c_void_p,
        ]
        rate = lib.espeak_Initialize(
            _AUDIO_OUTPUT_SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(), 0
        )
        if rate <= 0:
            raise SpeechError("espeak.no_init")
        callback = _CALLBACK(_collect)
        lib.espeak_SetSynthCallback(callback)
        _state.update({"lib": lib, "rate": rate, "callback": callback, "voice": None, "speed": None})
    return _state["lib"], _state["rate"]


def _collect(wav: ctypes._Pointer[ctypes.c_short], numsamples: int, _events: int | None) -> int:
    if numsamples > 0 and wav:
        _state["pieces"].append(ctypes.string_at(wav, numsamples * 2))
    return 0


def synthesize_pcm(text: str, *, voice: str, rate: int | None) -> tuple[bytes, int]:
    """Speak `text` with `voice`; returns (16-bit little-endian mono PCM, sample rate)."""
    with _lock:
        lib, sample_rate = _library()
        if _state["voice"] != voice:
            if lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
                raise SpeechError("espeak.unknown_voice", voice=voice)
            _state["voice"] = voice
            _state["speed"] = None
        speed = _DEFAULT_RATE if rate is None else int(rate)
        if _state["speed"] != speed:
            lib.espeak_SetParameter(_PARAM_RATE, speed, 0)
            _state["speed"] = speed
        _state["pieces"] = []
        data = text.encode("utf-8") + b"\0"
        result = lib.espeak_Synth(data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
        pieces = _state.pop("pieces")
        if result != _EE_OK:
            raise SpeechError("espeak.refused", error=result)
        return b"".join(pieces), sample_rate
