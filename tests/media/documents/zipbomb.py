"""Zip bombs for tests: a real .docx whose document part inflates to hundreds of megabytes."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import docx

MIB = 1024 * 1024


def make_bomb(path: Path, inflated_mib: int = 300, declared_mib: int | None = None) -> Path:
    """A valid .docx (made by python-docx) with word/document.xml replaced by `inflated_mib` MiB of XML.
    With `declared_mib`, the central directory lies about that part's size (an archive crafted to pass
    a check of declared sizes alone)."""
    template = path.with_suffix(".template.docx")
    document = docx.Document()
    document.add_paragraph("Tiêu đề")
    document.save(str(template))
    filler = b"<w:p><w:r><w:t>" + b"a" * (MIB - 40) + b"</w:t></w:r></w:p>"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, source.read(item))
                continue
            with out.open("word/document.xml", "w") as stream:
                stream.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                             b'wordprocessingml/2006/main"><w:body>')
                for _ in range(inflated_mib):
                    stream.write(filler)
                stream.write(b"</w:body></w:document>")
    template.unlink()
    if declared_mib is not None:
        _lie_about_size(path, "word/document.xml", declared_mib * MIB)
    return path


def _lie_about_size(path: Path, name: str, size: int) -> None:
    data = bytearray(path.read_bytes())
    start = 0
    while (at := data.find(b"PK\x01\x02", start)) >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == name.encode():
            struct.pack_into("<I", data, at + 24, size)
        start = at + 4
    path.write_bytes(bytes(data))
