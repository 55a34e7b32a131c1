"""Every corpus sentence reads exactly as the announcer's form written beside it.

seed_sentences.tsv: sentences of the five seed plans (written<TAB>spoken); commune_texts.tsv: other texts
a commune reads out, by kind (kind<TAB>written<TAB>spoken).
"""

from pathlib import Path

import pytest

from media.speech.normalize import annotate, to_spoken

CORPUS = Path(__file__).parent / "corpus"


def _rows(name: str) -> list[tuple[str, str, str]]:
    rows = []
    for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cells = line.split("\t")
            rows.append(("plan", *cells) if len(cells) == 2 else tuple(cells))  # type: ignore[arg-type]
    return rows


SEEDS = _rows("seed_sentences.tsv")
COMMUNE = _rows("commune_texts.tsv")
PAIRS = [(written, spoken) for _, written, spoken in SEEDS + COMMUNE]


def test_corpus_is_large_and_varied():
    assert len(SEEDS) >= 150
    assert len(COMMUNE) >= 400
    assert len({kind for kind, _, _ in COMMUNE}) >= 20
    assert len({written for written, _ in PAIRS}) == len(PAIRS)


@pytest.mark.parametrize(("written", "spoken"), [(w, s) for _, w, s in SEEDS],
                         ids=[f"seed{n:03d}" for n in range(len(SEEDS))])
def test_seed_sentence(written: str, spoken: str):
    assert to_spoken(written) == spoken


@pytest.mark.parametrize(("written", "spoken"), [(w, s) for _, w, s in COMMUNE],
                         ids=[f"{kind}-{n:03d}" for n, (kind, _, _) in enumerate(COMMUNE)])
def test_commune_text(written: str, spoken: str):
    assert to_spoken(written) == spoken


@pytest.mark.parametrize(("written", "spoken"), PAIRS[::10], ids=[f"pair{n:03d}" for n in range(0, len(PAIRS), 10)])
def test_spoken_form_has_no_digits_and_is_stable(written: str, spoken: str):
    assert not any(ch.isdigit() for ch in spoken)
    assert to_spoken(spoken) == spoken


def test_annotate_reads_the_whole_corpus_the_same_and_maps_every_span_back():
    text = "\n".join(written for written, _ in PAIRS)
    annotated = annotate(text)
    assert annotated.spoken == "\n".join(spoken for _, spoken in PAIRS)
    for span in annotated.expanded:
        assert text[span.start : span.end] == span.written
        assert annotated.spoken[span.spoken_start : span.spoken_end] == span.spoken
        assert span.kinds
