"""How a clip or a program is mastered for the commune loudspeakers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MasteringSettings:
    target_lufs: float = -16.0
    true_peak_db: float = -1.0
    bitrate: str = "64k"
    sample_rate: int = 44100
    sentence_pause_ms: int = 350
    paragraph_pause_ms: int = 800
    intro_jingle: Path | None = None
    outro_jingle: Path | None = None
    jingles: bool = True
