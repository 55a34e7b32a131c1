"""Zip bombs and oversized documents are refused before any parser sees them, fast and in little memory."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest

from media.documents import limits, read_article
from media.errors import MediaError
from tests.media.documents.zipbomb import make_bomb


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    return {"honest": make_bomb(folder / "honest.docx"),
            "lying": make_bomb(folder / "lying.docx", declared_mib=100)}


def _refusal(path: Path) -> tuple[str, float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(MediaError) as caught:
        read_article(path)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return str(caught.value), elapsed, peak


@pytest.mark.parametrize("kind", ["honest", "lying"])
def test_a_zip_bomb_is_refused_quickly_in_little_memory(bombs: dict[str, Path], kind: str) -> None:
    path = bombs[kind]
    assert path.stat().st_size < 500_000  # ~340 KB that would inflate to 300 MiB
    message, elapsed, peak = _refusal(path)
    assert message.startswith(f"{path}: ") and "zip bomb" in message and "\n" not in message
    assert elapsed < 2.0, elapsed
    assert peak < 16 * 1024 * 1024, peak


def test_the_declared_size_alone_is_not_trusted(bombs: dict[str, Path]) -> None:
    with zipfile.ZipFile(bombs["lying"]) as archive:
        declared = archive.getinfo("word/document.xml").file_size
    assert declared <= limits.MAX_UNZIPPED_BYTES  # passes the declared-size check…
    assert "inflates more than" in _refusal(bombs["lying"])[0]  # …and is caught while inflating


def test_a_part_inflating_beyond_its_declared_size_is_refused(tmp_path: Path) -> None:
    path = make_bomb(tmp_path / "short.docx", inflated_mib=2, declared_mib=1)
    message = _refusal(path)[0]
    assert str(path) in message and ("damaged one" in message or "declared size" in message)


def test_too_many_parts(tmp_path: Path) -> None:
    path = tmp_path / "parts.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(limits.MAX_MEMBERS + 1):
            archive.writestr(f"p/{i}.xml", b"")
    assert "parts inside" in _refusal(path)[0]


def test_a_real_document_with_a_large_image_passes(tmp_path: Path) -> None:
    import os

    from PIL import Image

    picture = tmp_path / "anh.png"
    Image.frombytes("RGB", (800, 800), os.urandom(800 * 800 * 3)).save(picture)
    document = docx.Document()
    document.add_heading("Chuyển đổi số", level=1)
    document.add_paragraph("Người dân dùng VNeID. " * 2000)
    document.add_picture(str(picture))
    path = tmp_path / "anh.docx"
    document.save(str(path))
    limits.check_zip(path)
    assert read_article(path).title == "Chuyển đổi số"


def test_a_device_or_a_huge_text_is_refused_without_reading_it(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="not a regular file"):
        read_article(Path("/dev/zero.txt") if Path("/dev/zero.txt").exists() else _fifo(tmp_path))
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(limits.MAX_TEXT_BYTES + 1)
    with pytest.raises(MediaError, match=r"big\.txt: .* too big"):
        read_article(big)


def _fifo(tmp_path: Path) -> Path:
    import os

    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path
