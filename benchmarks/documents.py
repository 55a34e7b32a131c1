"""Reading documents within bounds: a zip bomb refused, a 300-page Word file read, legacy text converted.

Run alone with ``python -m benchmarks.documents``; ``benchmarks/__main__.py`` calls ``main()``.
"""

import tempfile
import time
import tracemalloc
from pathlib import Path

import docx

from media.documents import legacy, read_article
from media.errors import MediaError

BOMB_SECONDS = 1.0  # a ~340 KB .docx inflating to 300 MiB is refused within this
BOMB_PEAK_MIB = 16
PAGES = 300
PAGE_SECONDS = 0.05  # reading a 300-page .docx: at most this per page
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"


def main() -> bool:
    from tests.media.documents.zipbomb import make_bomb

    met = True
    with tempfile.TemporaryDirectory() as tmp:
        bomb = make_bomb(Path(tmp) / "bomb.docx", declared_mib=100)
        tracemalloc.start()
        started = time.perf_counter()
        try:
            read_article(bomb)
        except MediaError:
            pass
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        ok = elapsed <= BOMB_SECONDS and peak <= BOMB_PEAK_MIB
        met &= ok
        print(f"zip bomb ({bomb.stat().st_size // 1024} KB -> 300 MiB) refused in {elapsed * 1000:.0f} ms, "
              f"peak {peak:.1f} MiB (target <= {BOMB_SECONDS:.0f} s, <= {BOMB_PEAK_MIB} MiB: "
              f"{'met' if ok else 'MISSED'})")

        lines = [line for p in sorted(SEEDS.glob("*.txt"))
                 for line in p.read_text(encoding="utf-8").split("\n") if line]
        document = docx.Document()
        document.add_heading("Kế hoạch", level=1)
        for i in range(PAGES * 8):  # ~8 paragraphs a page
            document.add_paragraph(lines[i % len(lines)])
        big = Path(tmp) / "big.docx"
        document.save(str(big))
        started = time.perf_counter()
        draft = read_article(big)
        elapsed = time.perf_counter() - started
        ok = elapsed <= PAGES * PAGE_SECONDS
        met &= ok
        print(f"{PAGES}-page .docx ({big.stat().st_size // 1024} KB, {len(draft.body):,} characters) read in "
              f"{elapsed:.2f} s (target <= {PAGES * PAGE_SECONDS:.0f} s: {'met' if ok else 'MISSED'})")

    text = "\n".join(lines)
    for encoding in legacy.ENCODINGS:
        encoded = legacy.encode(text, encoding)
        started = time.perf_counter()
        legacy.fix_text(encoded)
        elapsed = time.perf_counter() - started
        print(f"{encoding} detection and conversion: {len(text) / elapsed / 1000:.0f} k characters a second")
    return met


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
