"""Bidirectional controls, zero-width and other invisible characters never reach an article, whichever way
it comes in: `loa article add`, `loa article edit` (--body and --body-file), and `loa article import` of
every document type (.txt .md .docx, and .doc .odt .pdf made by LibreOffice)."""

from __future__ import annotations

import sqlite3
import subprocess
import unicodedata
from pathlib import Path

import docx
import pytest

from media.documents.office import find_soffice

TITLE = "Thông báo \u202enừhc\u202c số\u200b 12 về dịch\u2066 vụ\u2069 công"
SEEN_TITLE = "Thông báo nừhc số 12 về dịch vụ công"
BODY = ("Người\u200d dân nộp\u00ad hồ sơ\u2060 trực tuyến\ufeff tại nhà.\u200e\n\n"
        "Chi tiết \u2067xem tại\u2069 trụ sở\U000e0041\U000e0042 Ủy ban\u3164 nhân dân.")
SEEN_BODY = "Người dân nộp hồ sơ trực tuyến tại nhà.\n\nChi tiết xem tại trụ sở Ủy ban nhân dân."


def invisible(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in text if unicodedata.category(c) == "Cf" or c == "\u3164"]


def versions(home: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(home / "loa.db") as db:
        return db.execute("SELECT title, body FROM article_version ORDER BY id").fetchall()


def test_add_and_edit_store_what_is_seen(planned, loa_home, tmp_path):
    added = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", TITLE, "--body", BODY)
    assert added.code == 0, added.err
    body_file = tmp_path / "sua.txt"
    body_file.write_text("\ufeff" + BODY.replace("tại nhà", "tại\u200b nhà\u202e nay"), encoding="utf-8")
    edited = planned("article", "edit", added.out.strip(), "--by", "lan", "--title", "\u2067" + TITLE,
                     "--body-file", str(body_file))
    assert edited.code == 0, edited.err
    stored = versions(loa_home)
    assert stored[0] == (SEEN_TITLE, SEEN_BODY)
    assert stored[1] == (SEEN_TITLE, SEEN_BODY.replace("tại nhà", "tại nhà nay"))
    listed = planned("article", "list", "--format", "json")
    assert invisible(listed.out) == [] and SEEN_TITLE in listed.out


def _docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    for paragraph in BODY.split("\n\n"):
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same spoofing article as .txt, .md, .docx and, through LibreOffice, .doc, .odt and .pdf."""
    folder = tmp_path_factory.mktemp("nhap")
    (folder / "bai.txt").write_text(f"{TITLE}\n\n{BODY}\n", encoding="utf-8")
    (folder / "bai-md.md").write_text(f"# {TITLE}\n\n{BODY}\n", encoding="utf-8")
    source = _docx(folder / "bai-docx.docx")
    program = find_soffice()
    if program is not None:
        work = tmp_path_factory.mktemp("lo")
        for kind in ("doc", "odt", "pdf"):
            subprocess.run([program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                            "--convert-to", kind, "--outdir", str(work), str(source)],
                           check=True, capture_output=True, timeout=180)
            (work / f"bai-docx.{kind}").rename(folder / f"bai-{kind}.{kind}")
    return folder


def test_import_of_every_document_type_stores_what_is_seen(planned, loa_home, documents):
    kinds = sorted(p.suffix for p in documents.iterdir())
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed: .doc, .odt and .pdf cannot be made")
    assert kinds == [".doc", ".docx", ".md", ".odt", ".pdf", ".txt"]
    result = planned("article", "import", str(documents), "--unit", "vhxh", "--author", "lan")
    assert result.code == 0, result.err
    with sqlite3.connect(loa_home / "loa.db") as db:
        stored = dict(db.execute("SELECT a.source, v.title || '\n' || v.body FROM article a "
                                 "JOIN article_version v ON v.article_id = a.id").fetchall())
    assert len(stored) == 6
    for source, text in stored.items():
        assert invisible(text) == [], source
        if not source.endswith(".pdf"):  # a PDF holds the text as drawn (an override already applied)
            assert text == f"{SEEN_TITLE}\n{SEEN_BODY}", source
