"""A video from a still card and an audio clip (ffmpeg from imageio-ffmpeg), content-addressed on disk.

H.264 (yuv420p, still-image tuning, one frame a second) and AAC in MP4 with the index at the front:
a format YouTube takes as is. The file is named by a hash of everything it is made from, so a card
and clip already rendered are never rendered again.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from media.errors import MediaError
from media.files import served_dir, temp_path
from media.radio import _ffmpeg


def render_video(card_png: bytes, clip: Path, out_dir: Path, *, seconds: float) -> Path:
    """`out_dir/<hash>.mp4` showing `card_png` for the `seconds` the clip (an MP3) lasts.

    The length is given, not left to `-shortest`: under load ffmpeg may stop at the end of the audio
    before the still image's frames are written.
    """
    if not clip.is_file():
        raise MediaError("video.clip_missing", clip=clip)
    if not 0 < seconds <= 4 * 3600:
        raise MediaError("video.clip_length", seconds=seconds)
    digest = hashlib.sha256(b"loa-video-v2\0" + hashlib.sha256(card_png).digest() + f"{seconds:.3f}".encode()
                            + clip.read_bytes()).hexdigest()
    final = served_dir(out_dir) / f"{digest}.mp4"
    if final.is_file() and final.stat().st_size > 0:
        return final
    card = temp_path(out_dir, ".png")
    video = temp_path(out_dir, ".mp4")
    try:
        card.write_bytes(card_png)
        _ffmpeg.run(["-y", "-loop", "1", "-framerate", "1", "-i", str(card), "-i", str(clip),
                     "-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage", "-pix_fmt", "yuv420p",
                     "-r", "1", "-c:a", "aac", "-b:a", "128k", "-t", f"{seconds:.3f}", "-movflags", "+faststart",
                     "-f", "mp4", str(video)])
        if video.stat().st_size == 0:
            raise MediaError("video.empty_video", clip=clip)
        os.replace(video, final)
    finally:
        card.unlink(missing_ok=True)
        video.unlink(missing_ok=True)
    return final
