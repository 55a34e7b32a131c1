"""MPEG audio (MP3) frames read from bytes: where the audio starts and ends in a file, how long it
lasts, and the frames one by one for pacing a stream. No decoding: a header is 4 bytes.

Tags (ID3v2 in front, ID3v1/APE behind) and the Xing/Info frame some encoders put first are not
audio and are left out, so frames of several files can be joined into one stream.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from media.errors import AudioError

_BITRATES = {  # kbit/s by bitrate index, Layer III
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}  # by version bits


@dataclass(frozen=True)
class Header:
    version: int  # 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
    sample_rate: int
    channels: int
    bitrate_kbps: int
    length: int  # bytes, header included
    samples: int  # per channel

    @property
    def format(self) -> tuple[int, int, int]:
        return self.version, self.sample_rate, self.channels


def header(data: bytes | memoryview, pos: int) -> Header | None:
    """The Layer III frame header at `pos`, or None when there is none."""
    if pos + 4 > len(data) or data[pos] != 0xFF or data[pos + 1] & 0xE0 != 0xE0:
        return None
    b1, b2, b3 = data[pos + 1], data[pos + 2], data[pos + 3]
    version, layer = (b1 >> 3) & 3, (b1 >> 1) & 3
    rate_index, bitrate_index = (b2 >> 2) & 3, b2 >> 4
    if version == 1 or layer != 1 or rate_index == 3 or bitrate_index in (0, 15):
        return None
    kbps = _BITRATES[1 if version == 3 else 2][bitrate_index]
    rate = _RATES[version][rate_index]
    samples = 1152 if version == 3 else 576
    length = samples // 8 * kbps * 1000 // rate + ((b2 >> 1) & 1)
    return Header(version, rate, 1 if (b3 >> 6) == 3 else 2, kbps, length, samples)


def id3v2_size(data: bytes | memoryview) -> int:
    """Bytes taken by an ID3v2 tag at the start (0 when there is none)."""
    if len(data) < 10 or bytes(data[:3]) != b"ID3":
        return 0
    size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
    return 10 + size + (10 if data[5] & 0x10 else 0)


def _is_info_frame(data: bytes | memoryview, pos: int, head: Header) -> bool:
    side = (17 if head.channels == 1 else 32) if head.version == 3 else (9 if head.channels == 1 else 17)
    tag = bytes(data[pos + 4 + side: pos + 8 + side])
    return tag in (b"Xing", b"Info") or bytes(data[pos + 36: pos + 40]) == b"VBRI"


@dataclass(frozen=True)
class Scan:
    segments: tuple[tuple[int, int], ...]  # byte ranges [start, end) holding only audio frames
    format: tuple[int, int, int]
    frames: int
    samples: int
    bitrate_kbps: float

    @property
    def duration_s(self) -> float:
        return self.samples / self.format[1]


def scan(data: bytes | memoryview, *, name: str = "audio") -> Scan:
    """The audio frames of a whole MP3 file's bytes; AudioError when it holds none or mixes formats."""
    pos, end = id3v2_size(data), len(data)
    segments: list[tuple[int, int]] = []
    fmt: tuple[int, int, int] | None = None
    frames = samples = total_bytes = 0
    start = None
    first = True
    while pos < end:
        head = header(data, pos)
        if head is None or pos + head.length > end or (fmt is not None and head.format != fmt):
            if start is not None:
                segments.append((start, pos))
                start = None
            if head is not None and fmt is not None and head.format != fmt and pos + head.length <= end \
                    and header(data, pos + head.length) is not None:
                raise AudioError("audio.format_changes", name=name)
            nxt = _resync(data, pos + 1, fmt)
            if nxt is None:
                break
            pos = nxt
            continue
        if first and _is_info_frame(data, pos, head):
            first = False
            pos += head.length
            continue
        first = False
        fmt = fmt or head.format
        if start is None:
            start = pos
        frames, samples, total_bytes = frames + 1, samples + head.samples, total_bytes + head.length
        pos += head.length
    if start is not None:
        segments.append((start, pos))
    if not frames or fmt is None:
        raise AudioError("audio.no_mp3", name=name)
    kbps = total_bytes * 8 / (samples / fmt[1]) / 1000
    return Scan(tuple(segments), fmt, frames, samples, kbps)


def _resync(data: bytes | memoryview, pos: int, fmt: tuple[int, int, int] | None) -> int | None:
    """The next offset where two frames follow each other (the trailing tags and junk are skipped)."""
    raw = bytes(data) if isinstance(data, memoryview) else data
    while True:
        pos = raw.find(b"\xff", pos)
        if pos < 0:
            return None
        head = header(raw, pos)
        if head is not None and (fmt is None or head.format == fmt):
            nxt = header(raw, pos + head.length)
            if nxt is not None and nxt.format == head.format:
                return pos
        pos += 1


def iter_frames(stream: BinaryIO, *, block: int = 1 << 16) -> Iterator[tuple[bytes, Header]]:
    """Frames of an MP3 stream, one at a time, reading `block` bytes at a time (tags are skipped)."""
    buf = stream.read(block)
    skip = id3v2_size(buf)
    while skip > len(buf):
        skip -= len(buf)
        buf = stream.read(max(block, skip))
        if not buf:
            return
    buf, pos = buf[skip:], 0
    eof = False
    while True:
        if len(buf) - pos < 4096 and not eof:
            more = stream.read(block)
            eof = not more
            buf, pos = buf[pos:] + more, 0
        head = header(buf, pos)
        if head is None:
            if len(buf) - pos < 4:
                return
            pos += 1  # junk or a trailing tag: look for the next frame
            continue
        if pos + head.length > len(buf):
            if eof:
                return
            continue
        yield buf[pos:pos + head.length], head
        pos += head.length
