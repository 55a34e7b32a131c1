"""Is this answer really audio? Strict checks of what a cloud voice sent before it may become a clip.

An HTML error page, a JSON error, an empty body or an MP3 cut short by a dropped connection all reach
the client as "200 OK" sometimes; each must be an error, never a clip. MP3 is walked frame by frame
(every frame header valid, the last frame whole); WAV must declare as many samples as it carries.
"""

from __future__ import annotations

import struct

from media.errors import SpeechError
from media.speech.engine import AudioFormat

# bitrates (kb/s) of MPEG Layer III: version 1, and versions 2 / 2.5
_BITRATES = {1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
             2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}  # by version bits
_MIN_FRAMES = 2


def _id3_length(data: bytes) -> int:
    if data[:3] != b"ID3" or len(data) < 10:
        return 0
    size = 0
    for byte in data[6:10]:
        size = (size << 7) | (byte & 0x7F)
    return 10 + size + (10 if data[5] & 0x10 else 0)  # a footer follows when flagged


def _frame_length(header: bytes) -> int | None:
    """Length of the MPEG Layer III frame starting with these 4 bytes, or None when they are no header."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version_bits, layer_bits = (header[1] >> 3) & 3, (header[1] >> 1) & 3
    bitrate_index, rate_index, padding = header[2] >> 4, (header[2] >> 2) & 3, (header[2] >> 1) & 1
    if version_bits == 1 or layer_bits != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    bitrate = _BITRATES[1 if version_bits == 3 else 2][bitrate_index] * 1000
    rate = _RATES[version_bits][rate_index]
    return (144 if version_bits == 3 else 72) * bitrate // rate + padding


def _declared_frames(frame: bytes) -> int | None:
    """The frame count a Xing/Info header (LAME's first frame) declares, or None."""
    for tag in (b"Xing", b"Info"):
        at = frame.find(tag)
        if at >= 0 and len(frame) >= at + 12 and frame[at + 7] & 1:
            frames: int = struct.unpack(">I", frame[at + 8:at + 12])[0]
            return frames
    return None


def mp3_problem(data: bytes) -> str | None:
    """Why `data` is not a whole MP3 file, or None when it is one."""
    position, frames, declared = _id3_length(data), 0, None
    while position < len(data):
        tail = data[position:]
        if tail[:3] == b"TAG" and len(tail) == 128 or tail[:8] == b"APETAGEX":
            break  # an ID3v1 or APE tag closes the file
        length = _frame_length(tail[:4])
        if length is None:
            return "no MPEG audio frame" if frames == 0 else f"garbage after {frames} MPEG frames"
        if position + length > len(data):
            return f"cut short in frame {frames + 1} (a dropped or truncated download)"
        if frames == 0:
            declared = _declared_frames(data[position:position + length])
        position += length
        frames += 1
    if frames < _MIN_FRAMES:
        return "no MPEG audio frame" if frames == 0 else "only one MPEG frame (no speech in it)"
    if declared is not None and frames < declared:
        return f"cut short ({frames} of the {declared} MPEG frames its header declares)"
    return None


def wav_problem(data: bytes) -> str | None:
    """Why `data` is not a whole PCM WAV file, or None when it is one."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return "no RIFF/WAVE header"
    position = 12
    while position + 8 <= len(data):
        chunk, size = data[position:position + 4], struct.unpack("<I", data[position + 4:position + 8])[0]
        if chunk == b"data":
            if size == 0:
                return "no samples in it"
            if position + 8 + size > len(data):
                return "cut short (fewer samples than its header declares)"
            return None
        position += 8 + size + (size & 1)
    return "no data chunk"


def sniff(data: bytes) -> str:
    """A few words on what an answer that is not audio looks like (for the error message)."""
    if not data.strip():
        return "an empty answer"
    head = data[:200].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        return "an HTML page"
    if head.startswith((b"{", b"[")):
        return "a JSON document"
    return f"{len(data)} bytes that are not audio"


def checked_audio(data: bytes, fmt: str, provider: str) -> bytes:
    """`data` when it is a whole MP3/WAV file; otherwise SpeechError naming the provider and what came."""
    if not data:
        raise SpeechError("voice.empty_audio", provider=provider)
    looks = data[:4] == b"RIFF" and "wav" or (data[:3] == b"ID3" or data[:1] == b"\xff") and "mp3" or None
    if looks is None:
        raise SpeechError("voice.not_audio", provider=provider, sniffed_en=sniff(data), format=fmt.upper())
    problem = mp3_problem(data) if looks == "mp3" else wav_problem(data)
    if problem is not None:
        raise SpeechError("voice.broken_audio", provider=provider, format=looks.upper(), problem_en=problem)
    return data


def audio_format(data: bytes) -> AudioFormat:
    """'wav' or 'mp3' for audio that passed `checked_audio`."""
    return "wav" if data[:4] == b"RIFF" else "mp3"
