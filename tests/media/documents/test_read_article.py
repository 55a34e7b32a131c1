from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest

from media.documents import ArticleDraft, read_article
from media.errors import MediaError

TITLE = "Đẩy mạnh dịch vụ công trực tuyến"


def write_docx(
    path: Path, paragraphs: list[tuple[str, str | None]], table: list[list[str]] | None = None
) -> Path:
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    document.save(str(path))
    return path


def test_txt_first_non_empty_line_is_the_title(tmp_path):
    path = tmp_path / "bai.txt"
    path.write_text(f"\n\n  {TITLE}  \r\nĐoạn một.\r\n\r\n\r\n\r\nĐoạn hai.\r\n", encoding="utf-8")
    assert read_article(path) == ArticleDraft(title=TITLE, body="Đoạn một.\n\nĐoạn hai.", source=str(path))


def test_text_is_nfc_and_free_of_control_characters(tmp_path):
    path = tmp_path / "nfd.txt"
    path.write_bytes(
        ("\ufeff" + unicodedata.normalize("NFD", f"{TITLE}\x00\nNội dung\x07 bài.")).encode("utf-8")
    )
    draft = read_article(path)
    assert draft.title == TITLE and draft.body == "Nội dung bài."
    assert unicodedata.is_normalized("NFC", draft.title + draft.body)


def test_utf16_with_bom_is_accepted(tmp_path):
    path = tmp_path / "notepad.txt"
    path.write_bytes(f"{TITLE}\nThân bài.".encode("utf-16"))
    assert read_article(path).title == TITLE


def test_markdown_heading_is_the_title_and_markup_is_stripped(tmp_path):
    path = tmp_path / "bai.md"
    path.write_text(
        f"# {TITLE}\n\nNgười dân **nộp hồ sơ** tại [Cổng dịch vụ công](https://dichvucong.gov.vn)\n"
        "mà không cần đến `trụ sở`.\n\n## Lợi ích\n\n- tiết kiệm *thời gian*\n- giảm chi phí\n\n"
        "> Hỗ trợ: 0270 3822 111\n",
        encoding="utf-8",
    )
    draft = read_article(path)
    assert draft.title == TITLE
    assert draft.body == (
        "Người dân nộp hồ sơ tại Cổng dịch vụ công mà không cần đến trụ sở.\n\n"
        "Lợi ích\n\ntiết kiệm thời gian\ngiảm chi phí\n\nHỗ trợ: 0270 3822 111"
    )


def test_markdown_without_heading_uses_the_first_line(tmp_path):
    path = tmp_path / "bai.md"
    path.write_text(f"{TITLE}\n\nThân bài _ngắn_.\n", encoding="utf-8")
    assert (read_article(path).title, read_article(path).body) == (TITLE, "Thân bài ngắn.")


def test_docx_title_style_wins_over_the_first_paragraph(tmp_path):
    path = write_docx(
        tmp_path / "bai.docx",
        [
            ("UBND PHƯỜNG PHÚ KHƯƠNG", None),
            (TITLE, "Title"),
            ("Đoạn một.", None),
            ("", None),
            ("Đoạn hai.", None),
        ],
        table=[["Thủ tục", "Thời hạn"], ["Khai sinh", "1 ngày"]],
    )
    draft = read_article(path)
    assert draft.title == TITLE
    assert (
        draft.body
        == "UBND PHƯỜNG PHÚ KHƯƠNG\n\nĐoạn một.\n\nĐoạn hai.\n\nThủ tục – Thời hạn\nKhai sinh – 1 ngày"
    )
    assert draft.source == str(path)


def test_docx_heading_1_or_first_paragraph_is_the_title(tmp_path):
    heading = write_docx(tmp_path / "h.docx", [("Lời dẫn.", None), (TITLE, "Heading 1"), ("Thân.", None)])
    assert read_article(heading).title == TITLE
    plain = write_docx(tmp_path / "p.docx", [("", None), (TITLE, None), ("Thân.", None)])
    assert (read_article(plain).title, read_article(plain).body) == (TITLE, "Thân.")


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("renamed.docx", "Tôi là văn bản thường".encode(), r"renamed\.docx: not a real Word \.docx.*Save As"),
        ("legacy.txt", TITLE.encode("cp1258", errors="replace"), r"legacy\.txt: not UTF-8.*encoding UTF-8"),
        ("old.doc", b"\xd0\xcf\x11\xe0", r"old\.doc: not a real Word \.doc .*save it as \.docx"),
        ("broken.pdf", b"%PDF-1.4", r"broken\.pdf: not a readable PDF .*save"),
        ("sheet.xls", b"\xd0\xcf\x11\xe0", r"sheet\.xls: unsupported file type '\.xls'; save it as \.docx"),
        ("empty.txt", b"\n \n\t\n", r"empty\.txt: no title found"),
        ("title-only.md", f"# {TITLE}\n\n".encode(), r"title-only\.md: the article .* has no body"),
    ],
)
def test_bad_files_give_one_line_errors_naming_file_and_fix(tmp_path, name, content, match):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(MediaError, match=match) as info:
        read_article(path)
    assert "\n" not in str(info.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(MediaError, match=r"missing\.txt: file not found"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(MediaError, match="is a folder"):
        read_article(tmp_path)


def test_empty_docx_body_is_refused(tmp_path):
    path = write_docx(tmp_path / "only-title.docx", [(TITLE, "Title")])
    with pytest.raises(MediaError, match="has no body"):
        read_article(path)
