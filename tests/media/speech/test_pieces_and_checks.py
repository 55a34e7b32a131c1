"""Pieces within each provider's limit, the strict audio checks and Retry-After, on their own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from media.errors import SpeechError
from media.speech.audio_check import checked_audio, mp3_problem, wav_problem
from media.speech.cloud_http import retry_after_s
from media.speech.espeak_engine import wav_bytes
from media.speech.pieces import pieces_for
from media.speech.voices import PROVIDERS
from tests.media.speech.providers import mp3_of

SENTENCE = "Ủy ban nhân dân xã đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân. "


@pytest.mark.parametrize("engine", ["fpt", "zalo", "viettel", "google", "piper"])
def test_pieces_fit_the_limit_keep_every_word_and_never_join_paragraphs(engine: str) -> None:
    paragraphs = ["Thông báo", SENTENCE * 70, SENTENCE * 3, "Ệ" * 1800]
    pieces = pieces_for(engine, paragraphs)
    info = PROVIDERS[engine]
    assert all(info.min_piece <= info.size(p.text) <= info.max_piece for p in pieces)
    assert "".join(p.text for p in pieces).replace(" ", "") == "".join(paragraphs).replace(" ", "")  # all, in order
    assert [p.pause_after for p in pieces].count("paragraph") == 4


def test_a_piece_too_short_for_fpt_is_joined_to_its_neighbour_or_refused() -> None:
    pieces = pieces_for("fpt", ["Có", "Bà con chú ý."])
    assert [p.text for p in pieces] == ["Có Bà con chú ý."]
    with pytest.raises(SpeechError, match="FPT.AI needs at least 3 characters to read; the text is 'A'"):
        pieces_for("fpt", ["A"])


def test_google_counts_bytes_not_characters() -> None:
    pieces = pieces_for("google", ["Ệ" * 4000])
    assert len(pieces) > 2 and all(len(p.text.encode()) <= 5000 for p in pieces)


def test_mp3_checks() -> None:
    whole = mp3_of(1.0)
    assert mp3_problem(whole) is None
    assert "cut short" in mp3_problem(whole[:-50])
    assert mp3_problem(b"ID3\x04\x00\x00\x00\x00\x00\x00") == "no MPEG audio frame"
    assert "garbage after" in mp3_problem(whole + b"<html>")


def test_wav_checks_and_what_is_said_about_non_audio() -> None:
    wav = wav_bytes(b"\x01\x00" * 1000, 16000)
    assert wav_problem(wav) is None and "cut short" in wav_problem(wav[:-10])
    assert wav_problem(wav_bytes(b"", 16000)) == "no samples in it"
    for body, says in ((b"", "empty body"), (b'{"error": 1}', "JSON document"), (b"<!DOCTYPE html>", "HTML page"),
                       (b"\x00" * 100, "100 bytes that are not audio")):
        with pytest.raises(SpeechError, match=says):
            checked_audio(body, "mp3", "FPT.AI")


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    assert retry_after_s("7") == 7.0
    assert retry_after_s("Mon, 07 Dec 2026 10:00:30 GMT", now) == 30.0
    assert retry_after_s("Mon, 07 Dec 2026 09:00:00 GMT", now) == 0.0
    assert retry_after_s("soon") is None and retry_after_s(None) is None
