"""Every error a platform can answer with reaches the desk as a plain Vietnamese sentence, not the fallback."""

from __future__ import annotations

import pytest

from desk.vi import publication_error
from media.social._http import Answer
from media.social.facebook import facebook_error
from media.social.youtube import youtube_error
from media.social.zalo import zalo_error

FALLBACK = publication_error("something nobody wrote a sentence for")


def _fb(code: int, status: int = 400, **extra: object) -> str:
    return str(facebook_error(Answer(status, {"error": {"code": code, "message": "m", **extra}}), posting=True,
                              token="t"))


def _zalo(code: int) -> str:
    error = zalo_error(Answer(200, {"error": code, "message": "m"}), posting=True, token="t")
    assert error is not None
    return str(error)


def _yt(status: int, reason: str = "") -> str:
    body = {"error": {"message": "m", "errors": [{"reason": reason}] if reason else []}}
    return str(youtube_error(Answer(status, body), token="t", starting=True))


@pytest.mark.parametrize("message", [
    _fb(190), _fb(200), _fb(4), _fb(17), _fb(32), _fb(368), _fb(506), _fb(2), _fb(1, is_transient=True), _fb(100),
    _fb(999), _fb(0, status=503),
    _zalo(-216), _zalo(-124), _zalo(-223), _zalo(-32), _zalo(-201),
    _yt(401), _yt(403, "quotaExceeded"), _yt(429), _yt(403), _yt(503),
])
def test_each_platform_error_has_a_vietnamese_sentence(message: str) -> None:
    said = publication_error(message)
    assert said and said != FALLBACK, message
    assert "—" in said  # what happened — what to do (or what Loa does)
