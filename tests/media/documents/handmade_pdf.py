"""PDFs written byte by byte, as odd producers write them: one page of lines in Helvetica, either with
its own one-byte codes and a ToUnicode CMap saying which characters they are (marks may be separate
zero-width glyphs), or as raw WinAnsi bytes with no map at all (text typed in a TCVN3 font)."""

from __future__ import annotations

from pathlib import Path


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _escape(data: bytes) -> bytes:
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(lines: list[bytes]) -> bytes:
    body = b"BT /F1 12 Tf 14 TL 72 760 Td\n"
    body += b"".join(b"(" + _escape(line) + b") Tj T*\n" for line in lines)
    return body + b"ET"


def write_mapped(path: Path, lines: list[str], *, says: dict[str, str] | None = None) -> Path:
    """Every distinct character of `lines` gets a code from 0x21 (a space is 0x20); combining marks are
    zero-width glyphs after their letter. The ToUnicode map says what each code is, or what `says`
    claims instead (a producer that maps a mark to a digit)."""
    says = says or {}
    chars = sorted({c for line in lines for c in line} - {" "})
    assert len(chars) <= 0x7E - 0x21, "one-byte codes run out"
    code = {c: 0x21 + i for i, c in enumerate(chars)}
    code[" "] = 0x20
    widths = [250] + [0 if _mark(c) else 560 for c in chars]
    cmap_lines = b"".join(b"<%02X> <%s>\n" % (code[c], says.get(c, c).encode("utf-16-be").hex().upper().encode())
                          for c in [" ", *chars])
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CMapName /Loa-Test def /CMapType 2 def\n1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"%d beginbfchar\n" % (len(chars) + 1) + cmap_lines + b"endbfchar\nendcmap\nCMapName currentdict "
            b"/CMap defineresource pop end end")
    encoded = [bytes(code[c] for c in line) for line in lines]
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar %d /Widths [%s] "
            b"/ToUnicode 5 0 R >>" % (0x20 + len(chars), b" ".join(b"%d" % w for w in widths)))
    return _write(path, encoded, font, [_stream(cmap)])


def write_winansi(path: Path, lines: list[bytes]) -> Path:
    """Raw bytes in Helvetica with WinAnsiEncoding and no ToUnicode: what a TCVN3 (.VnTime) font gives."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    return _write(path, lines, font, [])


def _write(path: Path, lines: list[bytes], font: bytes, more: list[bytes]) -> Path:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents %d 0 R >>" % (5 + len(more)),
        font, *more, _stream(_content(lines)),
    ]
    path.write_bytes(_pdf(objects))
    return path


def _mark(char: str) -> bool:
    import unicodedata

    return unicodedata.combining(char) > 0
