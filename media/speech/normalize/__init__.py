"""Vietnamese spoken-form normalizer: what the commune loudspeakers should say for a written text.

    >>> to_spoken("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ")
    'Căn cứ Nghị quyết số bảy mươi sáu ngày mười lăm tháng bảy năm hai nghìn không trăm hai mươi mốt của Chính phủ'

Pure Python, no I/O after the abbreviation lexicon (``media/speech/data/abbreviations.tsv``) is read
once on first use. ``read_number`` is the number reader (0 to 10^12) the rest is built on.
``annotate`` gives the same spoken form with what was expanded and what Loa is not sure of (offsets
into the text), for the editor and for ``loa speech-text --check``.
Inside ``with commune_readings({...}):`` both take a commune's own readings too.
"""

from media.speech.normalize.annotate import Annotated, Doubt, Span, annotate
from media.speech.normalize.numbers import read_number
from media.speech.normalize.own_readings import commune_readings
from media.speech.normalize.pipeline import to_spoken

__all__ = ["Annotated", "Doubt", "Span", "annotate", "commune_readings", "read_number", "to_spoken"]
