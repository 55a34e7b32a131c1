"""What a post says on each platform, from the article: pure functions, no request, no token.

Every channel gets the title, the body shortened as that platform's readers expect, the link to the
article's page on the portal and the commune's hashtags; nothing else (no internal ids or markers).

- Facebook shows about three lines before "Xem thêm": the lead paragraphs up to ~500 characters.
- A Zalo OA article is read in full inside Zalo: the whole body, a ≤300-character description.
- YouTube: a title of at most 100 characters and no angle brackets (both refused by the Data API),
  a description that leads with the summary, hashtags (the first three show above the title), tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from media.text import clean_line, paragraphs, summarize

FACEBOOK_BODY_CHARS = 500
ZALO_TITLE_CHARS, ZALO_DESCRIPTION_CHARS = 150, 300
YOUTUBE_TITLE_CHARS, YOUTUBE_DESCRIPTION_CHARS, YOUTUBE_TAGS_CHARS = 100, 4500, 450
MORE = "Xem chi tiết"


@dataclass(frozen=True)
class PostSource:
    """The article as the posts need it: `link` is its page on the portal, `hashtags` without '#'."""

    title: str
    body: str
    link: str | None = None
    hashtags: tuple[str, ...] = field(default_factory=tuple)


def cut(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:.-") + "…"


def lead(body: str, limit: int) -> str:
    """Whole paragraphs from the start while they fit in `limit`; at least the first one, cut."""
    out: list[str] = []
    for para in paragraphs(body):
        if len("\n\n".join([*out, para])) > limit:
            break
        out.append(para)
    return "\n\n".join(out) if out else summarize(body, limit)


def hashtag_line(tags: tuple[str, ...]) -> str:
    return " ".join(f"#{t}" for t in tags)


def facebook_message(src: PostSource) -> str:
    parts = [clean_line(src.title), lead(src.body, FACEBOOK_BODY_CHARS)]
    if src.link:
        parts.append(f"{MORE}: {src.link}")
    if src.hashtags:
        parts.append(hashtag_line(src.hashtags))
    return "\n\n".join(p for p in parts if p)


def zalo_title(src: PostSource) -> str:
    return cut(clean_line(src.title), ZALO_TITLE_CHARS)


def zalo_description(src: PostSource) -> str:
    return summarize(src.body, ZALO_DESCRIPTION_CHARS)


def zalo_paragraphs(src: PostSource) -> list[str]:
    paras = paragraphs(src.body)
    if src.link:
        paras.append(f"{MORE}: {src.link}")
    if src.hashtags:
        paras.append(hashtag_line(src.hashtags))
    return paras


def youtube_title(src: PostSource) -> str:
    return cut(_no_brackets(clean_line(src.title)), YOUTUBE_TITLE_CHARS)


def youtube_description(src: PostSource) -> str:
    parts = [lead(src.body, YOUTUBE_DESCRIPTION_CHARS)]
    if src.link:
        parts.append(f"{MORE}: {src.link}")
    if src.hashtags:
        parts.append(hashtag_line(src.hashtags))
    return _no_brackets("\n\n".join(p for p in parts if p))


def youtube_tags(src: PostSource) -> list[str]:
    tags, total = [], 0
    for tag in src.hashtags:
        total += len(tag) + 1
        if total > YOUTUBE_TAGS_CHARS:
            break
        tags.append(tag)
    return tags


def preview(src: PostSource, channel: str) -> str:
    """The text a reader sees on `channel` (for `loa article list --format json`)."""
    if channel == "facebook":
        return facebook_message(src)
    if channel == "zalo":
        return "\n\n".join([zalo_title(src), *zalo_paragraphs(src)])
    if channel == "youtube":
        return f"{youtube_title(src)}\n\n{youtube_description(src)}"
    raise ValueError(f"no post text for channel {channel!r}")


def previews(src: PostSource, channels: list[str]) -> dict[str, str]:
    """The post text of each social channel among `channels`."""
    return {c: preview(src, c) for c in channels if c in ("facebook", "zalo", "youtube")}


def normalized(text: str | None) -> str:
    """A message as compared after an unknown outcome: NFC, spaces folded, no trailing blanks."""
    return " ".join(clean_line(line) for line in (text or "").splitlines() if line.strip())


def _no_brackets(text: str) -> str:
    return text.replace("<", "‹").replace(">", "›")
