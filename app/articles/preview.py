"""What an article will be, before it goes anywhere: the spoken form the loudspeakers will read (with
the parts the normalizer expanded marked, and what it is not sure of listed) and the Facebook and Zalo posts
exactly as they would be sent.

The desk shows these; the same functions build what is published (media.speech, app.social), so the
preview cannot drift from the real thing.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.runtime import Runtime
from media.social import text
from media.social.text import PostSource
from media.speech.normalize import annotate, commune_readings

if TYPE_CHECKING:
    from storage.models import ArticleVersion

FACEBOOK_CHARS = 63_206  # the Graph API's limit for a Page post's message
_WORDS = re.compile(r"\S+")


@dataclass(frozen=True)
class Segment:
    text: str
    written: str | None = None  # the written words this spoken text stands for, when they differ


@dataclass(frozen=True)
class Doubt:
    written: str  # the words Loa is not sure how to read ("TT", "15/9")
    reason: str

    @property
    def addable(self) -> bool:
        """An abbreviation an admin can give the commune's own reading (the preview offers the form)."""
        from media.speech.normalize.own_readings import addable

        return addable(self.written)


@dataclass(frozen=True)
class Paragraph:
    segments: list[Segment]
    doubts: list[Doubt] = field(default_factory=list)  # what `loa speech-text --check` would list


@dataclass
class SocialPreview:
    channel: str
    title: str = ""
    text: str = ""
    paragraphs: list[str] = field(default_factory=list)
    length: int = 0
    limit: int = 0
    notes: list[str] = field(default_factory=list)  # codes: title_cut, description_cut, too_long, error
    error: str = ""



@dataclass
class Preview:
    spoken: list[Paragraph]
    facebook: SocialPreview
    zalo: SocialPreview
    held: str = ""  # why live posts are held back (LOA_BASE_URL unset or not public), as the alert says it

    @property
    def doubts(self) -> list[Doubt]:
        """What `loa speech-text --check` lists for the title and the body, each written form once."""
        seen: dict[str, Doubt] = {}
        for paragraph in self.spoken:
            for found in paragraph.doubts:
                seen.setdefault(found.written, found)
        return list(seen.values())


def spoken_diff(written: str) -> Paragraph:
    """The spoken form of one paragraph as segments; runs of words the normalizer changed carry the
    written words they came from. Its doubts are those `loa speech-text --check` lists."""
    annotated = annotate(written)
    spoken = annotated.spoken.strip()
    a, b = _WORDS.findall(written), _WORDS.findall(spoken)
    matcher = difflib.SequenceMatcher(a=[w.casefold() for w in a], b=[w.casefold() for w in b], autojunk=False)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        text = " ".join(b[j1:j2])
        if not text:
            continue
        segments.append(Segment(text) if op == "equal" else Segment(text, " ".join(a[i1:i2]) or "…"))
    return Paragraph(segments, [Doubt(doubt.text, doubt.reason) for doubt in annotated.doubts])


def spoken_form(title: str, body: str) -> list[Paragraph]:
    parts = [title, *body.replace("\r\n", "\n").split("\n")]
    return [p for p in (spoken_diff(part) for part in parts if part.strip()) if p.segments]


def social_previews(source: PostSource) -> tuple[SocialPreview, SocialPreview]:
    """The Facebook and Zalo posts as app.social will send them (media.social.text builds both)."""
    facebook = SocialPreview("facebook", limit=FACEBOOK_CHARS)
    facebook.text = text.facebook_message(source)
    facebook.length = len(facebook.text)
    if facebook.length > FACEBOOK_CHARS:
        facebook.notes.append("too_long")
    zalo = SocialPreview("zalo", limit=text.ZALO_DESCRIPTION_CHARS)
    zalo.title, zalo.text = text.zalo_title(source), text.zalo_description(source)
    zalo.paragraphs = text.zalo_paragraphs(source)
    zalo.length = len(zalo.text)
    if zalo.title.endswith("…"):
        zalo.notes.append("title_cut")
    if zalo.text.endswith("…"):
        zalo.notes.append("description_cut")
    return facebook, zalo


def preview(rt: Runtime, *, title: str, body: str, article_id: int | None = None,
            hashtags: tuple[str, ...] = (), code: str | None = None) -> Preview:
    """`article_id` gives the posts their link to the article's page (a new article has none yet); the
    spoken form reads commune `code`'s own readings too (the desk always gives it; None: the packaged lexicon)."""
    from app.lexicon import readings_for
    from app.social.public_link import base_url_problem

    link = rt.settings.article_url(article_id) if article_id is not None else None
    facebook, zalo = social_previews(PostSource(title, body, link, tuple(hashtags)))
    with commune_readings(readings_for(rt, code) if code is not None else {}):
        spoken = spoken_form(title, body)
    return Preview(spoken=spoken, facebook=facebook, zalo=zalo,
                   held=base_url_problem(rt.settings) or "")


@dataclass(frozen=True)
class Change:
    op: str  # equal | insert | delete
    text: str


def text_diff(old: str, new: str) -> list[list[Change]]:
    """Word-level changes from `old` to `new`, paragraph by paragraph (a line break is its own token)."""
    tokens_a, tokens_b = re.findall(r"\n|[^\s]+", old), re.findall(r"\n|[^\s]+", new)
    matcher = difflib.SequenceMatcher(a=tokens_a, b=tokens_b, autojunk=False)
    paragraphs: list[list[Change]] = [[]]

    def add(op: str, words: list[str]) -> None:
        for i, part in enumerate(" ".join(words).split("\n")):
            if i:
                paragraphs.append([])
            if part.strip():
                paragraphs[-1].append(Change(op, part.strip()))

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add("equal", tokens_b[j1:j2])
        else:
            add("delete", tokens_a[i1:i2])
            add("insert", tokens_b[j1:j2])
    return [p for p in paragraphs if p]


@dataclass
class Resubmission:
    """What a leader sees when a rejected article comes back: the earlier reason, and what changed in
    the text and in the spoken form since the version rejected."""
    version: int
    reason: str
    by: str  # the full name of the leader who rejected it
    at: object
    text: list[list[Change]]
    spoken: list[list[Change]]
    changed: bool


def resubmission(rejected: ArticleVersion, current: ArticleVersion) -> Resubmission:
    """`rejected` and `current` are article versions (the same one when nothing was changed)."""
    from media.speech.speakable import spoken_paragraphs

    old, new = f"{rejected.title}\n{rejected.body}", f"{current.title}\n{current.body}"
    spoken_old = "\n".join(spoken_paragraphs(rejected.title, rejected.body))
    spoken_new = "\n".join(spoken_paragraphs(current.title, current.body))
    return Resubmission(rejected.number, rejected.reject_reason or "",
                        rejected.rejected_by.full_name if rejected.rejected_by else "", rejected.rejected_at,
                        text_diff(old, new), text_diff(spoken_old, spoken_new), old != new)
