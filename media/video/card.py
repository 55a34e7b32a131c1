"""The still image of a video: the commune's card (name, section, the article's title) as PNG, with Pillow.

The font must have Vietnamese letters (ệ, ữ, ặ …): DejaVu Sans (Debian's fonts-dejavu-core, free
licence) is looked for first; Pillow's built-in font lacks them, so it is never used silently.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from media.errors import MediaError
from media.text import clean_line

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/usr/local/share/fonts"), Path("/usr/share/fonts/TTF"))
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
SAMPLE = "Cải cách hành chính: thủ tục, dịch vụ công, Ủy ban nhân dân phường"
BACKGROUND, BAND, INK, PALE = (12, 56, 110), (196, 30, 58), (255, 255, 255), (205, 220, 240)


@dataclass(frozen=True)
class CardText:
    commune: str  # e.g. "Phường Phú Khương"
    title: str
    section: str = "Cải cách hành chính"


@cache
def font_path(name: str) -> Path:
    for folder in FONT_DIRS:
        for path in (folder / name, *folder.rglob(name)) if folder.is_dir() else ():
            if path.is_file():
                return path
    raise MediaError("video.no_font", font=name, folders=", ".join(map(str, FONT_DIRS)))


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(name)), size)


def draw_card(text: CardText, *, width: int = 1280, height: int = 720) -> bytes:
    """The card as PNG bytes: the commune on a band at the top, the section, the title wrapped large."""
    if width < 160 or height < 90:
        raise MediaError("video.card_too_small", width=width, height=height)
    scale = height / 720
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = int(60 * scale)
    draw.rectangle((0, 0, width, int(110 * scale)), fill=BAND)
    draw.text((margin, int(55 * scale)), clean_line(text.commune).upper(), font=font(BOLD, int(40 * scale)),
              fill=INK, anchor="lm")
    draw.text((margin, int(170 * scale)), clean_line(text.section), font=font(REGULAR, int(34 * scale)),
              fill=PALE, anchor="lm")
    title_font, lines = fit_title(draw, clean_line(text.title), width - 2 * margin, height - int(300 * scale), scale)
    y = int(240 * scale)
    for line in lines:
        draw.text((margin, y), line, font=title_font, fill=INK)
        y += int(title_font.size * 1.25)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def fit_title(draw: ImageDraw.ImageDraw, title: str, max_w: int, max_h: int,
         scale: float) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title size (64 down to 28 px at 720p) whose wrapped lines fit; cut with "…" if none does."""
    for size in range(64, 27, -6):
        face = font(BOLD, max(8, int(size * scale)))
        lines = wrap(draw, title, face, max_w)
        if len(lines) * face.size * 1.25 <= max_h:
            return face, lines
    face = font(BOLD, max(8, int(28 * scale)))
    fits = max(1, int(max_h // (face.size * 1.25)))
    lines = wrap(draw, title, face, max_w)
    return face, lines[: fits - 1] + [lines[fits - 1].rstrip(" ,.;:") + "…"] if len(lines) > fits else lines


def wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, max_w: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= max_w:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines or [""]
