import unicodedata

from media.speech.chunking import MAX_CHUNK_CHARS, clean, split_paragraph, split_text

LONG = (
    "Tuyên truyền, phổ biến sâu rộng về tầm quan trọng, ý nghĩa, mục tiêu và tác động của cải cách hành "
    "chính đến phát triển kinh tế - xã hội của đất nước, của thành phố và của xã; tuyên truyền tình hình "
    "triển khai, tiến độ, kết quả thực hiện Chương trình tổng thể cải cách hành chính nhà nước giai đoạn "
    "hai nghìn không trăm hai mốt đến hai nghìn không trăm ba mươi. Người dân được phục vụ tốt hơn!"
)


def test_chunks_are_short_and_never_split_a_word():
    chunks = split_paragraph(LONG)
    words = set(LONG.replace(",", " ").replace(";", " ").replace(".", " ").replace("!", " ").split())
    assert all(len(chunk.text) <= MAX_CHUNK_CHARS for chunk in chunks)
    for chunk in chunks:
        for word in chunk.text.replace(",", " ").replace(";", " ").replace(".", " ").replace("!", " ").split():
            assert word in words
    assert " ".join(chunk.text for chunk in chunks) == " ".join(LONG.split())


def test_sentence_boundaries_end_chunks():
    chunks = split_text(["Câu một ngắn. Câu hai cũng ngắn!", "Đoạn hai."])
    assert [c.text for c in chunks] == ["Câu một ngắn.", "Câu hai cũng ngắn!", "Đoạn hai."]
    assert [c.pause_after for c in chunks] == ["sentence", "paragraph", "paragraph"]


def test_nfd_becomes_nfc_and_unspeakables_go():
    nfd = unicodedata.normalize("NFD", "Ủy ban nhân dân xã thông báo")
    assert clean(nfd + "\x00\x07 😀\u200b") == "Ủy ban nhân dân xã thông báo"
    assert len(split_paragraph(nfd * 3)[0].text) <= MAX_CHUNK_CHARS


def test_symbol_only_text_gives_no_chunks():
    assert split_text(["😀 🎉", "  \n ", "..."]) == []
