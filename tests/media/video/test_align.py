"""Captions timed from the pieces a cloud voice was sent (longer than Loa's chunks)."""

import pytest

from media.errors import MediaError
from media.speech.pieces import pieces_for
from media.speech.speakable import checked_chunks
from media.video.align import chunk_timings

SPOKEN = ["Ủy ban nhân dân xã thông báo. Từ ngày mười lăm tháng bảy, người dân nộp hồ sơ trực tuyến, "
          "không cần đến trụ sở. Mọi thắc mắc xin liên hệ bộ phận một cửa.",
          "Xin cảm ơn bà con đã lắng nghe."]


def test_loas_own_chunks_keep_their_timings():
    assert chunk_timings(["a b", "c"], ["a b", "c"], [(0.0, 1.0), (1.4, 2.0)]) == [(0.0, 1.0), (1.4, 2.0)]


def test_chunks_inside_a_cloud_voices_piece_share_its_time_by_their_length():
    chunks = [c.text for c in checked_chunks(SPOKEN)]
    pieces = [p.text for p in pieces_for("fpt", SPOKEN)]
    assert len(pieces) < len(chunks)  # the cloud voice reads whole paragraphs: fewer, longer pieces
    timings = [(0.5, 10.5), (11.3, 13.3)][: len(pieces)]
    out = chunk_timings(chunks, pieces, timings)
    assert len(out) == len(chunks)
    assert out[0][0] == 0.5 and out[-1][1] == timings[-1][1]
    assert all(a <= b for a, b in out) and all(b <= c for (_, b), (c, _) in zip(out, out[1:], strict=False))
    first = [t for _, t in zip(chunks, out, strict=True) if t[1] <= 10.5]
    assert sum(b - a for a, b in first) == pytest.approx(10.0, abs=0.01)  # the first piece's time, shared out


def test_another_text_is_refused_rather_than_captioned_wrongly():
    with pytest.raises(MediaError, match="render the article's audio again"):
        chunk_timings(["một hai"], ["một hai ba"], [(0.0, 1.0)])
