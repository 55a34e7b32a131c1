"""PDFs read right: Vietnamese from LibreOffice, reportlab, Chromium and hand-written PDFs (marks as
separate glyphs behind a ToUnicode map, TCVN3 bytes with no map) comes back whole and NFC; a PDF whose
font maps its marks to digits ("dâ5n") is refused with one line rather than imported as nonsense."""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from media.documents import read_article
from media.documents.legacy import encode
from media.documents.readable import MIN_SHARE, join_marks, reading
from media.errors import MediaError
from tests.conftest import Result
from tests.media.documents.handmade_pdf import write_mapped, write_winansi
from tests.media.documents.test_office_pdf import _soffice

TITLE = "Đẩy mạnh tuyên truyền cải cách hành chính"
BODY = ["Người dân được hướng dẫn nộp hồ sơ trực tuyến; truyền thông về chuyển đổi số được đẩy mạnh ở "
        "từng thôn, ấp, khu phố.",
        "Ủy ban nhân dân phường thông báo: thủ tục hành chính được giải quyết nhanh chóng, đúng hẹn, "
        "không phát sinh chi phí."]


def every_vowel_and_tone() -> str:
    """Every Vietnamese vowel with every tone, lower and upper case, inside syllables."""
    words = []
    for vowel in "aăâeêioôơuưy":
        for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            v = unicodedata.normalize("NFC", vowel + tone)
            words += [f"d{v}n", f"ngh{v}" if vowel in "eêi" else f"th{v}", f"{v.upper()}m"]
    return " ".join(words) + "."


MARKS = every_vowel_and_tone()


def _words(text: str) -> list[str]:
    return text.split()


def test_a_libreoffice_pdf_with_every_mark_reads_as_written(tmp_path: Path) -> None:
    program = _soffice()
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    for text in BODY:
        document.add_paragraph(text).alignment = 3  # justified: LibreOffice stretches the spaces
    document.add_paragraph(MARKS)
    document.add_paragraph(unicodedata.normalize("NFD", BODY[0]))  # typed decomposed (macOS, some keyboards)
    source = tmp_path / "bai.docx"
    document.save(str(source))
    subprocess.run([program, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    draft = read_article(tmp_path / "bai.pdf")
    assert draft.title == TITLE
    assert _words(draft.body) == _words(" ".join([*BODY, MARKS, BODY[0]]))
    assert unicodedata.is_normalized("NFC", draft.body)


def test_a_reportlab_pdf_of_decomposed_text_reads_composed(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.exists():
        pytest.skip("fonts-dejavu-core is not installed")
    pdfmetrics.registerFont(TTFont("DejaVu", str(font)))
    path = tmp_path / "reportlab.pdf"
    page = canvas.Canvas(str(path))
    page.setFont("DejaVu", 11)
    y = 780
    for line in [TITLE, "", *_wrap(" ".join(BODY)), "", *_wrap(MARKS)]:
        page.drawString(60, y, unicodedata.normalize("NFD", line))
        y -= 16
    page.save()
    draft = read_article(path)
    assert draft.title == TITLE and _words(draft.body) == _words(" ".join([*BODY, MARKS]))


def _wrap(text: str, width: int = 80) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) >= width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return [*lines, line]


def test_a_chromium_pdf_reads_as_written(tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium must be installed under CI (chromium)")
        pytest.skip("Chromium is not installed")
    page = tmp_path / "bai.html"
    paragraphs = "".join(f"<p>{text}</p>" for text in [*BODY, MARKS])
    page.write_text(f'<!doctype html><meta charset="utf-8"><h1>{TITLE}</h1>{paragraphs}', encoding="utf-8")
    out = tmp_path / "chromium.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={out}", page.as_uri()], check=True, capture_output=True, timeout=180)
    draft = read_article(out)
    assert draft.title == TITLE and _words(draft.body) == _words(" ".join([*BODY, MARKS]))


def test_marks_drawn_as_their_own_glyphs_behind_a_tounicode_map(tmp_path: Path) -> None:
    lines = [unicodedata.normalize("NFD", text) for text in [TITLE + ".", *BODY]]
    draft = read_article(write_mapped(tmp_path / "tay.pdf", lines))
    assert draft.title == TITLE + "." and draft.body == "\n\n".join(BODY)


def test_a_pdf_typed_in_tcvn3_reads_as_unicode(tmp_path: Path) -> None:
    """TCVN3's text font has no capitals with marks ("Ủ" needs .VnTimeH): compared in lower case."""
    lines = [encode(text, "tcvn3").encode("latin-1") for text in [TITLE + ".", *BODY]]
    draft = read_article(write_winansi(tmp_path / "vntime.pdf", lines))
    assert draft.title == TITLE + "." and draft.body.lower() == "\n\n".join(BODY).lower()


def test_a_font_that_maps_its_marks_to_digits_is_refused_in_one_line(tmp_path: Path) -> None:
    lines = [unicodedata.normalize("NFD", text) for text in [TITLE + ".", *BODY]]
    lying = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "5", "\u0323": "6"}
    path = write_mapped(tmp_path / "hong.pdf", lines, says=lying)
    with pytest.raises(MediaError) as caught:
        read_article(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: the text of this PDF does not read as Vietnamese (only ")
    assert "\n" not in message and ".docx" in message


def test_marks_set_apart_by_a_space_are_joined() -> None:
    apart = unicodedata.normalize("NFD", "truyền dẫn").replace("\u0300", " \u0300").replace("\u0303", " \u0303")
    assert join_marks(apart) == "truyền dẫn"


@pytest.mark.parametrize(("text", "vietnamese"), [
    (" ".join([TITLE, *BODY, MARKS]), True),
    ("UBND xã ban hành Quyết định số 215/QĐ-UBND ngày 12/3/2026 về ST25 và VNeID", True),
    ("truyê n thu dâ5n đươ6c ho2 sơ", False),
    ("Tuyªn truyÒn dÞch vô c«ng trùc tuyÕn", False),
    ("", True),
])
def test_the_share_of_vietnamese_syllables(text: str, vietnamese: bool) -> None:
    found = reading(text)
    assert found.vietnamese is vietnamese, found
    assert (found.share >= MIN_SHARE) is vietnamese or found.words == 0


def test_pdfs_read_from_many_threads_at_once(tmp_path: Path) -> None:
    """PDFium is not thread-safe (the desk imports in worker threads): readers take turns, and each
    gets its own text. Without the lock this crashes the process or mixes pages, now and then."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [write_mapped(tmp_path / f"{i}.pdf", [unicodedata.normalize("NFD", f"{TITLE} {i}."), *BODY])
             for i in range(6)]
    with ThreadPoolExecutor(6) as pool:
        drafts = list(pool.map(read_article, paths * 4))
    assert [d.title for d in drafts] == [f"{TITLE} {i}." for i in range(6)] * 4


def test_loa_plan_draft_and_import_refuse_a_pdf_that_reads_as_nonsense(tmp_path: Path,
                                                                       planned: Callable[..., Result]) -> None:
    lines = [unicodedata.normalize("NFD", text) for text in [TITLE + ".", *BODY]]
    bad = write_mapped(tmp_path / "ke-hoach.pdf", lines, says={"\u0303": "5", "\u0300": "2", "\u0323": "6"})
    for args in (["plan", "draft", str(bad), "-o", str(tmp_path / "plan.yaml")],
                 ["article", "import", str(bad), "--author", "lan"]):
        result = planned(*args)
        assert result.code == 1 and "Traceback" not in result.err
        assert result.err.strip().splitlines() == [result.err.strip()]
        assert "does not read as Vietnamese" in result.err
    assert not (tmp_path / "plan.yaml").exists()
    assert planned("article", "list", "--format", "json").out.strip() == "[]"
