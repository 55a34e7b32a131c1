"""Every seed sentence in the corpus reads exactly as the announcer's form written beside it."""

from pathlib import Path

import pytest

from media.speech.normalize import to_spoken

CORPUS = Path(__file__).parent / "corpus" / "seed_sentences.tsv"


def _pairs() -> list[tuple[str, str]]:
    pairs = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            written, spoken = line.split("\t")
            pairs.append((written, spoken))
    return pairs


PAIRS = _pairs()


def test_corpus_is_large_enough():
    assert len(PAIRS) >= 150
    assert len({written for written, _ in PAIRS}) == len(PAIRS)


@pytest.mark.parametrize(("written", "spoken"), PAIRS, ids=[f"seed{n:03d}" for n in range(len(PAIRS))])
def test_seed_sentence(written: str, spoken: str):
    assert to_spoken(written) == spoken


@pytest.mark.parametrize(("written", "spoken"), PAIRS[:40], ids=[f"seed{n:03d}" for n in range(40)])
def test_spoken_form_has_no_digits_and_is_stable(written: str, spoken: str):
    assert not any(ch.isdigit() for ch in spoken)
    assert to_spoken(spoken) == spoken
