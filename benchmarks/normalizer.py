"""Speed of the spoken-form normalizer on every sentence of the five seed plans.

Run alone with ``python -m benchmarks.normalizer``; ``benchmarks/__main__.py`` calls ``main()``.
"""

import re
import time
from pathlib import Path

from media.speech.normalize import to_spoken

TARGET = 2000  # sentences a second on the 2-core reference machine
REPETITIONS = 5
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "tests" / "media" / "speech" / "corpus" / "seed_sentences.tsv"  # the fallback: seed sentences
COMMUNE = ROOT / "tests" / "media" / "speech" / "corpus" / "commune_texts.tsv"  # other texts a commune reads
# a sentence ends at . ; ! ? before a space, but not after a heading number ("1.", "IV.") or Markdown mark
_SENTENCE_END = re.compile(r"(?<=[^\d\sIVX*#][.;!?])\s+")


def seed_sentences(seeds: Path = SEEDS) -> list[str]:
    """Every non-empty sentence of the seed plans: split on lines, then after . ; ! ?"""
    sentences = []
    for path in sorted(seeds.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences += [part for part in _SENTENCE_END.split(line.strip()) if part]
    return sentences


def corpus_sentences(corpus: Path = CORPUS) -> list[str]:
    """The written side of the test corpus (sentences copied from the seeds), when the seeds are not here."""
    if not corpus.is_file():
        return []
    lines = corpus.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[-2] for line in lines if line and not line.startswith("#")]


def sentences_per_second(sentences: list[str], repetitions: int = REPETITIONS) -> float:
    """The best of ``repetitions`` timed passes over all sentences (the first call also loads the lexicon)."""
    to_spoken(sentences[0])
    best = float("inf")
    for _ in range(repetitions):
        started = time.perf_counter()
        for sentence in sentences:
            to_spoken(sentence)
        best = min(best, time.perf_counter() - started)
    return len(sentences) / best


def main() -> bool:
    sentences = seed_sentences() or corpus_sentences()
    if not sentences:
        print(f"normalizer: no seed sentences under {SEEDS} nor in {CORPUS} FAILED")
        return False
    ok = True
    for label, batch in (("seed plans", sentences), ("other commune texts", corpus_sentences(COMMUNE))):
        rate = sentences_per_second(batch)
        verdict = "OK" if rate >= TARGET else "TOO SLOW"
        print(f"normalizer, {label}: {rate:.0f} sentences/s over {len(batch)} sentences (target >= {TARGET}) {verdict}")
        ok = ok and rate >= TARGET
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
