from __future__ import annotations

import pytest

from media.social.text import (
    FACEBOOK_BODY_CHARS,
    PostSource,
    facebook_message,
    normalized,
    preview,
    youtube_description,
    youtube_tags,
    youtube_title,
)

LONG = "\n\n".join(f"Đoạn {n}: người dân nộp hồ sơ trực tuyến, nhận kết quả tại nhà, không phải đi lại nhiều lần. "
                   * 2 for n in range(1, 9))
SRC = PostSource(title="Dịch vụ công trực tuyến <mức độ 4>", body=LONG, link="https://cong.example/articles/7.html",
                 hashtags=("CCHC", "PhuKhuong"))


def test_facebook_keeps_whole_lead_paragraphs_then_link_and_hashtags():
    message = facebook_message(SRC)
    title, *middle, link, tags = message.split("\n\n")
    assert title == SRC.title and link == "Xem chi tiết: https://cong.example/articles/7.html"
    assert tags == "#CCHC #PhuKhuong"
    assert 0 < len("\n\n".join(middle)) <= FACEBOOK_BODY_CHARS and all(p.startswith("Đoạn") for p in middle)
    assert "Đoạn 8" not in message  # shortened as Facebook readers expect


def test_a_single_huge_paragraph_is_cut_at_a_word():
    message = facebook_message(PostSource(title="T", body="chữ " * 400))
    body = message.split("\n\n")[1]
    assert len(body) <= FACEBOOK_BODY_CHARS and body.endswith("…") and not body.endswith(" …")


def test_youtube_title_description_and_tags_keep_within_the_api_limits():
    assert "<" not in youtube_title(SRC) and ">" not in youtube_description(PostSource(title="a", body="x <b> y"))
    assert len(youtube_title(PostSource(title="Tiêu đề " * 30, body="x"))) <= 100
    assert youtube_tags(SRC) == ["CCHC", "PhuKhuong"]
    assert youtube_description(SRC).endswith("#CCHC #PhuKhuong")


@pytest.mark.parametrize("channel", ["facebook", "zalo", "youtube"])
def test_every_preview_names_title_link_and_hashtags(channel):
    text = preview(SRC, channel)
    assert "mức độ 4" in text and "https://cong.example/articles/7.html" in text and "#CCHC" in text


def test_normalized_messages_compare_equal_across_line_ends_and_unicode_forms():
    import unicodedata

    a = "Thủ tục\r\nhành  chính \n\n#CCHC"
    b = unicodedata.normalize("NFD", "Thủ tục\nhành chính\n#CCHC ")
    assert normalized(a) == normalized(b)
