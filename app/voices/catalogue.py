"""`loa voice list` and the desk's voice page: each engine, whether it is set up, its voices, whether it
answers, and this month's use. A probe never sends text (text is billed): it only asks whether the
provider's address answers at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.voices.choice import provider_access, voice_for
from app.voices.usage import usage
from media.speech.voices import CLOUD, PROVIDERS

if TYPE_CHECKING:
    from app.settings import Settings
    from media.secret import Secret
    from schedules.plan import Plan

PROBE_TIMEOUT_S = 3.0


@dataclass(frozen=True)
class EngineLine:
    engine: str
    title: str
    configured: bool
    reachable: str  # yes | no (why) | not checked
    voices: str
    chars_this_month: int | None
    budget: int | None
    chosen: bool  # the plan's (or the settings') voice, or in its fallback chain

    def row(self) -> dict[str, object]:
        return {"engine": self.engine, "title": self.title, "configured": self.configured,
                "reachable": self.reachable, "chosen": self.chosen, "chars_this_month": self.chars_this_month,
                "budget": self.budget, "voices": self.voices}


COLUMNS = ("engine", "configured", "reachable", "chosen", "chars_this_month", "budget", "voices")


def probe(url: str, timeout_s: float = PROBE_TIMEOUT_S) -> str:
    """'yes' when the address answers anything over HTTP (even 401/404/405), else 'no (why)'."""
    import requests

    try:
        requests.get(url, timeout=(timeout_s, timeout_s), allow_redirects=False)
    except requests.RequestException as exc:
        return f"no ({type(exc).__name__})"
    return "yes"


def _configured(settings: Settings, name: str, stored: Mapping[str, Secret] | None = None) -> bool:
    if name in CLOUD:
        return bool(provider_access(settings, stored)[name].key)
    if name == "piper":
        return bool(settings.piper_model and Path(settings.piper_model).expanduser().is_file())
    return True


def engine_lines(settings: Settings, plan: Plan | None, *, check: bool = True,
                 stored: Mapping[str, Secret] | None = None) -> list[EngineLine]:
    access = provider_access(settings, stored)
    voice = voice_for(settings, plan)
    chosen = {voice.engine, *(item.split(":")[0].strip() for item in voice.fallback)}
    if "auto" in chosen:
        chosen |= {"gtts", "espeak"}
    used = {row.provider: row for row in usage(settings, plan)}
    targets = {name: access[name].url for name in CLOUD if _configured(settings, name, stored)}
    if "gtts" in chosen:
        targets["gtts"] = "https://translate.google.com/"
    with ThreadPoolExecutor(max_workers=max(1, len(targets))) as pool:
        reachable = dict(zip(targets, pool.map(probe, targets.values()), strict=True)) if check else {}
    lines = []
    for name, info in PROVIDERS.items():
        configured = _configured(settings, name, stored)
        state = reachable.get(name, "not checked")
        if name in ("espeak", "piper"):
            state = "offline" if configured else "not set up"
        lines.append(EngineLine(
            name, info.title, configured, state,
            ", ".join(f"{v.id} ({v.label})" for v in info.voices) if name != "piper" else
            (settings.piper_model or "set LOA_PIPER_MODEL"),
            used[name].chars if name in used else None, used[name].budget if name in used else None,
            name in chosen))
    return lines
