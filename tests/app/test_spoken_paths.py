"""Every module outside media/ that computes a spoken form does it with the commune's own readings around
it, or is only ever called from one that does (named here with that caller): a new path that forgets them
fails here rather than reading an abbreviation differently from the preview."""

from __future__ import annotations

import re

from tests.conftest import ROOT

SPEAKS = re.compile(r"\b(?:spoken_paragraphs|to_spoken|annotate|check_speakable|radio_warning|spoken_form)\(")
WITH_READINGS = re.compile(r"\b(?:speaking|_speaking|commune_readings)\(")
#: module -> the module that calls it inside the readings
CALLED_INSIDE = {
    "app/production/audio.py": "cli/speech.py",  # render_text: `loa speak` wraps it (`loa voice test` reads a sample)
    "app/articles/draft_audio.py": "desk/article_media.py",  # clip(): listen_draft wraps it
    "app/radio/approval.py": "app/articles/editorial.py",  # radio_warning(): approval_warnings wraps it
}


def test_every_spoken_form_reads_the_communes_own_readings() -> None:
    forgotten = []
    for folder in ("flows", "desk", "app"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            text = path.read_text(encoding="utf-8")
            if not SPEAKS.search(text) or name.startswith("app/lexicon"):
                continue
            caller = CALLED_INSIDE.get(name)
            checked = (ROOT / caller).read_text(encoding="utf-8") if caller else text
            if not WITH_READINGS.search(checked):
                forgotten.append(name)
    assert not forgotten, f"spoken forms without the commune's own readings (app.lexicon.speaking): {forgotten}"
