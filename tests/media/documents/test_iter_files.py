from __future__ import annotations

import pytest

from media.documents import iter_article_files
from media.errors import MediaError


def test_folders_expand_sorted_to_supported_visible_files(tmp_path):
    drop = tmp_path / "drop"
    for name in [
        "b.md",
        "a.txt",
        "C.docx",
        "notes.pdf",
        "sheet.xlsx",
        ".hidden.txt",
        "~$C.docx",
        "sub/d.txt",
        ".git/e.txt",
    ]:
        (drop / name).parent.mkdir(parents=True, exist_ok=True)
        (drop / name).write_text("x", encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text("x", encoding="utf-8")
    found = iter_article_files([drop, single, drop / "a.txt"])
    assert found == [drop / "C.docx", drop / "a.txt", drop / "b.md", drop / "notes.pdf", drop / "sub" / "d.txt",
                     single]


def test_a_named_file_is_kept_even_if_unsupported_so_reading_explains_why(tmp_path):
    sheet = tmp_path / "bang.xlsx"
    sheet.write_bytes(b"PK")
    assert iter_article_files([sheet]) == [sheet]


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(MediaError, match=r"nope: no such file or folder"):
        iter_article_files([tmp_path / "nope"])
