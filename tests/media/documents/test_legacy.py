"""TCVN3 (ABC) and VNI text, from the seed plans' own sentences, back to Unicode: by font in .docx runs,
by the paragraph test in text files, and never touching text that is Unicode already."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import docx
import pytest

from media.documents import legacy, read_article
from media.documents.legacy_tables import tcvn3_table, vni_table
from media.errors import MediaError

SEEDS = sorted((Path(__file__).parents[2] / "data" / "seeds").glob("*.txt"))


def _representable(line: str) -> bool:
    """Legacy fonts have no Latin-1 signs of their own (¹, «): those lines cannot be typed in them."""
    return not any("\u00a0" <= c <= "\u00ff" and not c.isalpha() for c in line)


def _seed_lines() -> list[str]:
    return [unicodedata.normalize("NFC", line) for path in SEEDS
            for line in path.read_text(encoding="utf-8").split("\n") if _representable(line)]


def _fragments() -> list[str]:
    text = "\n".join(_seed_lines())
    sentences = [s.strip() for s in re.split(r"(?<=[.;:!?])\s+|\n", text) if len(s.strip()) > 3]
    clauses = [c.strip() for s in sentences for c in s.split(",") if len(c.strip()) > 3]
    return list(dict.fromkeys(sentences + clauses))


FRAGMENTS = _fragments()
VIETNAMESE = [unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy"
              for tone in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")] + ["đ"]


def test_tables_cover_every_letter_once() -> None:
    vni, tcvn3 = vni_table(), tcvn3_table()
    lower = [c for c in VIETNAMESE if not c.isascii()]
    assert set(lower) <= set(vni) and {c.upper() for c in lower} <= set(vni)
    assert set(lower) <= set(tcvn3) and set("ĂÂÊÔƠƯĐ") <= set(tcvn3)
    for table in (vni, tcvn3):
        assert len(set(table.values())) == len(table)  # no two letters share a code
        assert all(all("\u00a1" <= c <= "\u00ff" or c.isascii() for c in code) for code in table.values())


def test_known_words() -> None:
    assert legacy.decode("KÕ ho¹ch tuyªn truyÒn c¶i c¸ch hµnh chÝnh", "tcvn3") == \
        "Kế hoạch tuyên truyền cải cách hành chính"
    assert legacy.decode("Keá hoaïch tuyeân truyeàn caûi caùch haønh chính", "vni") == \
        "Kế hoạch tuyên truyền cải cách hành chính"
    assert legacy.decode("tæ chøc thùc hiÖn", "tcvn3", capitals=True) == "TỔ CHỨC THỰC HIỆN"
    assert legacy.decode("TOÅ CHÖÙC THÖÏC HIEÄN", "vni") == "TỔ CHỨC THỰC HIỆN"


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
def test_round_trip_on_the_seed_sentences(encoding: str) -> None:
    assert len(FRAGMENTS) >= 1800
    wrong = [s for s in FRAGMENTS if legacy.decode(legacy.encode(s, encoding), encoding).lower() != s.lower()]
    assert wrong == []
    if encoding == "vni":  # VNI has every capital: exact, case included
        assert all(legacy.decode(legacy.encode(s, "vni"), "vni") == s for s in FRAGMENTS)


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
def test_the_encoding_of_a_sentence_is_found_without_being_told(encoding: str) -> None:
    alone = [s for s in FRAGMENTS if legacy.fix_paragraph(legacy.encode(s, encoding))[0].lower() != s.lower()]
    assert len(alone) / len(FRAGMENTS) < 0.01, alone[:10]  # a two-word fragment can read both ways
    in_a_document = [s for s in FRAGMENTS
                     if legacy.fix_paragraph(legacy.encode(s, encoding), encoding)[0].lower() != s.lower()]
    assert len(in_a_document) <= 3, in_a_document


def test_unicode_text_is_never_touched() -> None:
    assert [s for s in FRAGMENTS if legacy.fix_paragraph(s) != (s, None)] == []
    assert legacy.fix_text("Cô giáo\nCT, các PCT UBND xã")[0] == "Cô giáo\nCT, các PCT UBND xã"


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_whole_plans_and_mixed_files(seed: Path) -> None:
    lines = [unicodedata.normalize("NFC", line) for line in seed.read_text(encoding="utf-8").split("\n")
             if _representable(line)]
    text = "\n".join(lines)
    for encoding in legacy.ENCODINGS:
        fixed, found = legacy.fix_text(legacy.encode(text, encoding))
        assert found == {encoding} and fixed.lower() == text.lower()
    mixed = "\n".join(legacy.encode(line, ("tcvn3", "vni", "")[i % 3]) if i % 3 < 2 else line
                      for i, line in enumerate(lines))
    fixed, found = legacy.fix_text(mixed)
    assert found == {"tcvn3", "vni"} and fixed.lower() == text.lower()


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
def test_a_legacy_text_file_is_read_as_unicode(tmp_path: Path, encoding: str) -> None:
    title, body = "Kế hoạch tuyên truyền cải cách hành chính", "\n".join(_seed_lines()[20:40])
    path = tmp_path / "cu.txt"
    path.write_bytes(legacy.encode(f"{title}\r\n{body}", encoding).encode("latin-1"))
    draft = read_article(path)
    assert draft.title.lower() == title.lower() and "\u00d7" not in draft.body
    assert draft.body.lower().split() == body.lower().split()


def test_text_in_no_known_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes("Cải cách hành chính".encode("utf-16-le"))
    with pytest.raises(MediaError, match=r"x\.txt: not UTF-8 text .*nor TCVN3/VNI"):
        read_article(path)


def test_docx_runs_are_decoded_by_their_font(tmp_path: Path) -> None:
    document = docx.Document()
    heading = document.add_paragraph(style="Title")
    heading.add_run(legacy.encode("tổ chức thực hiện", "tcvn3")).font.name = ".VnTimeH"
    paragraph = document.add_paragraph()
    paragraph.add_run(legacy.encode("Ủy ban nhân dân xã ", "vni")).font.name = "VNI-Times"
    paragraph.add_run(legacy.encode("tuyên truyền cải cách hành chính ", "tcvn3")).font.name = ".VnTime"
    paragraph.add_run("năm 2026 — Chương trình").font.name = "Times New Roman"
    styled = document.styles.add_style("Cu", 1)
    styled.font.name = ".VnArial"
    document.add_paragraph(legacy.encode("Dịch vụ công trực tuyến", "tcvn3"), style="Cu")
    document.add_paragraph(legacy.encode("Niêm yết công khai thủ tục hành chính", "vni"))  # no font: the test
    path = tmp_path / "cu.docx"
    document.save(str(path))
    draft = read_article(path)
    assert draft.title == "TỔ CHỨC THỰC HIỆN"
    assert draft.body.split("\n\n") == [
        "Ủy ban nhân dân xã tuyên truyền cải cách hành chính năm 2026 — Chương trình",
        "Dịch vụ công trực tuyến", "Niêm yết công khai thủ tục hành chính"]
