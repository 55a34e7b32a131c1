"""Old .doc, .odt and PDF files made by a real LibreOffice in the test, read back as articles; scans,
empty and broken files refused with a one-line reason; a hung conversion killed with its process group."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import docx
import pytest

from media.documents import read_article
from media.documents.extract import document_blocks
from media.documents.office import find_soffice, to_docx
from media.errors import MediaError

TITLE = "Đẩy mạnh dịch vụ công trực tuyến"
BODY = ["Người dân nộp hồ sơ qua Cổng Dịch vụ công quốc gia mà không cần đến trụ sở.",
        "Ủy ban nhân dân xã hướng dẫn cài đặt và sử dụng ứng dụng VNeID."]


def _soffice() -> str:
    program = find_soffice()
    if program is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice must be installed under CI (libreoffice-writer)")
        pytest.skip("LibreOffice is not installed")
    return program


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same article as .docx (python-docx) and as .doc, .odt and .pdf (LibreOffice)."""
    program = _soffice()
    folder = tmp_path_factory.mktemp("office")
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    for text in BODY:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Đường dây nóng", "1022"
    source = folder / "bai.docx"
    document.save(str(source))
    files = {"docx": source}
    for kind in ("doc", "odt", "pdf"):
        out = folder / kind
        subprocess.run([program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--convert-to", kind, "--outdir", str(out), str(source)],
                       check=True, capture_output=True, timeout=180)
        files[kind] = out / f"bai.{kind}"
    return files


@pytest.mark.parametrize("kind", ["doc", "odt", "pdf"])
def test_old_word_opendocument_and_pdf_read_like_the_docx(made: dict[str, Path], kind: str) -> None:
    draft = read_article(made[kind])
    assert draft.title == TITLE
    assert draft.body.split("\n\n")[:2] == BODY
    assert "1022" in draft.body


def test_a_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    from PIL import Image

    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(scan)
    with pytest.raises(MediaError, match=r"scan\.pdf: this PDF has no text layer"):
        read_article(scan)


def test_an_empty_pdf_has_no_text_layer(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    empty = tmp_path / "trong.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(str(empty))
    with pytest.raises(MediaError, match="no text layer"):
        document_blocks(empty)


def test_a_doc_libreoffice_cannot_open_is_refused(tmp_path: Path) -> None:
    _soffice()
    broken = tmp_path / "hong.doc"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4096))
    with pytest.raises(MediaError) as caught:
        read_article(broken)
    message = str(caught.value)
    assert message.startswith(f"{broken}: ") and "\n" not in message and "docx" in message


def test_a_conversion_that_overruns_is_killed_with_its_process_group(made: dict[str, Path], tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    own = tmp_path / "tmp"  # this conversion's profile lives here: other tests convert documents at the same time
    own.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(own))
    started = time.monotonic()
    with pytest.raises(MediaError, match=r"bai\.doc: LibreOffice did not finish reading it in 0 s"):
        to_docx(made["doc"], tmp_path / "x.docx", timeout=0.3)
    assert time.monotonic() - started < 10
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", f"{own}/loa-office-"], capture_output=True, text=True).stdout.split()
    assert left == []


def test_without_libreoffice_the_error_names_the_package(made: dict[str, Path],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(MediaError, match=r"bai\.odt: reading \.odt files needs LibreOffice; install .*-writer"):
        read_article(made["odt"])
