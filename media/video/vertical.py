"""The vertical video (1080×1920, H.264 + AAC) of one part: card and title on top, captions, a progress bar.

Pillow draws one full frame per caption (the card, the commune, the title, "Phần 1/3", the caption in
large DejaVu Sans); ffmpeg shows each for its cue's time (the concat demuxer: every frame decoded once),
slides the progress bar across, and encodes the part's slice of the clip as AAC at 48 kHz. Streams
are those TikTok, Reels and Shorts take as is: 25 fps, yuv420p, a key frame every 2 s, index first.
x264's ultrafast preset with two threads: a 60-s part in a fraction of its length and ~150 MB (veryfast
took 3.5× as long and twice the memory for a file a quarter the size: still frames compress anyway).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from media.errors import MediaError
from media.files import served_dir, temp_path, write_atomic
from media.radio import _ffmpeg
from media.text import clean_line
from media.video.captions import Cue
from media.video.card import BACKGROUND, BAND, BOLD, INK, PALE, REGULAR, fit_title, font, wrap
from media.video.parts import Part
from media.video.webvtt import webvtt

WIDTH, HEIGHT, FPS = 1080, 1920, 25
CAPTION_TOP, CAPTION_BOTTOM = 980, 1760
BAR_Y, BAR_H = 1840, 18
CAPTION_SIZES = (76, 68, 60, 52)
BAR = (255, 196, 0)
FORMAT = "loa-vertical-v1"


@dataclass(frozen=True)
class Frame:
    commune: str
    title: str
    section: str = "Cải cách hành chính"


@dataclass(frozen=True)
class VerticalVideo:
    video: Path
    captions: Path  # the WebVTT beside it
    part: Part


def background(frame: Frame, label: str) -> Image.Image:
    """Everything but the caption: the commune on a band, the section and part, the title, the bar's track."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 170), fill=BAND)
    draw.text((60, 85), clean_line(frame.commune).upper(), font=font(BOLD, 54), fill=INK, anchor="lm")
    draw.text((60, 250), clean_line(frame.section), font=font(REGULAR, 46), fill=PALE, anchor="lm")
    if label:
        draw.text((WIDTH - 60, 250), label, font=font(BOLD, 46), fill=BAR, anchor="rm")
    face, lines = fit_title(draw, clean_line(frame.title), WIDTH - 120, 600, 1.5)
    y = 330
    for line in lines:
        draw.text((60, y), line, font=face, fill=INK)
        y += int(face.size * 1.25)
    draw.line((60, CAPTION_TOP - 50, WIDTH - 60, CAPTION_TOP - 50), fill=PALE, width=3)
    draw.rectangle((0, BAR_Y, WIDTH, BAR_Y + BAR_H), fill=(40, 80, 140))
    return image


def with_caption(base: Image.Image, text: str) -> Image.Image:
    """`base` with `text` centred in the caption box, as large as fits (never cut: a cue is short)."""
    image = base.copy()
    draw = ImageDraw.Draw(image)
    box_w, box_h = WIDTH - 100, CAPTION_BOTTOM - CAPTION_TOP
    for size in CAPTION_SIZES:
        face = font(BOLD, size)
        lines = wrap(draw, text, face, box_w)
        if len(lines) * size * 1.3 <= box_h and all(draw.textlength(line, font=face) <= box_w for line in lines):
            break
    step = int(face.size * 1.3)
    y = CAPTION_TOP + (box_h - step * len(lines)) // 2
    for line in lines:
        draw.text((WIDTH // 2, y), line, font=face, fill=INK, anchor="ma", stroke_width=4, stroke_fill=(0, 0, 0))
        y += step
    return image


def timeline(cues: Sequence[Cue], seconds: float) -> list[tuple[float, str]]:
    """(duration, caption) slices covering [0, seconds): each cue, and "" between cues."""
    slices, at = [], 0.0
    for cue in cues:
        start, end = max(at, cue.start), min(seconds, cue.end)
        if end <= start:
            continue
        if start > at:
            slices.append((start - at, ""))
        slices.append((end - start, cue.text))
        at = end
    if seconds > at:
        slices.append((seconds - at, ""))
    return slices


def render_part(frame: Frame, part: Part, clip: Path, out_dir: Path) -> VerticalVideo:
    """`out_dir/<hash>.mp4` and `.vtt` of `part` of `clip`; an identical part is not rendered again."""
    if not clip.is_file():
        raise MediaError("video.clip_missing", clip=clip)
    digest = hashlib.sha256(json.dumps([FORMAT, frame.commune, frame.title, frame.section, part.number, part.count,
                                        round(part.start, 3), round(part.end, 3),
                                        [[c.start, c.end, c.text] for c in part.cues]]).encode()
                            + hashlib.sha256(clip.read_bytes()).digest()).hexdigest()
    folder = served_dir(out_dir)
    final, captions = folder / f"{digest}.mp4", folder / f"{digest}.vtt"
    if final.is_file() and final.stat().st_size > 0 and captions.is_file():
        return VerticalVideo(final, captions, part)
    work = Path(tempfile.mkdtemp(prefix=".tmp-video-", dir=folder))
    video = temp_path(out_dir, ".mp4")
    try:
        listing = _frames(frame, part, work)
        _encode(listing, part, clip, video)
        if video.stat().st_size == 0:
            raise MediaError("video.empty_video", clip=clip)
        write_atomic(captions, webvtt(part.cues).encode("utf-8"))
        os.replace(video, final)
    finally:
        video.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    return VerticalVideo(final, captions, part)


def _frames(frame: Frame, part: Part, work: Path) -> Path:
    """The frames as PNG files and the concat list that shows each for its time."""
    base = background(frame, part.label)
    names: dict[str, str] = {}
    lines = ["ffconcat version 1.0"]
    for seconds, text in timeline(part.cues, part.seconds):
        if text not in names:
            names[text] = f"f{len(names):04d}.png"
            out = io.BytesIO()
            (with_caption(base, text) if text else base).save(out, format="PNG", compress_level=1)
            (work / names[text]).write_bytes(out.getvalue())
        lines += [f"file '{names[text]}'", f"duration {seconds:.3f}"]
    lines.append(lines[-2])  # the concat demuxer keeps the last duration only when the file is listed again
    listing = work / "frames.txt"
    listing.write_text("\n".join(lines) + "\n")
    return listing


def _encode(listing: Path, part: Part, clip: Path, video: Path) -> None:
    seconds = f"{part.seconds:.3f}"
    # each picture becomes yuv420p once, before fps repeats it (converting every repeated frame costs 10×)
    graph = (f"[0:v]format=yuv420p,fps={FPS}[v];color=c=0x{BAR[0]:02X}{BAR[1]:02X}{BAR[2]:02X}:s={WIDTH}x{BAR_H}"
             f":r={FPS},format=yuv420p[bar];[v][bar]overlay=x='-W+W*t/{part.seconds:.3f}':y={BAR_Y}:shortest=1[out]")
    _ffmpeg.run(["-y", "-f", "concat", "-safe", "0", "-i", str(listing),
                 "-ss", f"{part.start:.3f}", "-t", seconds, "-i", str(clip),
                 "-filter_complex", graph, "-map", "[out]", "-map", "1:a",
                 "-c:v", "libx264", "-preset", "ultrafast", "-tune", "stillimage", "-crf", "21", "-threads", "2",
                 "-g", str(FPS * 2), "-pix_fmt", "yuv420p", "-r", str(FPS),
                 "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
                 "-t", seconds, "-movflags", "+faststart", "-f", "mp4", str(video)])
