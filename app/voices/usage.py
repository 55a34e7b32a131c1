"""What the paid voices cost: characters sent per provider this month against the plan's budget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from media.speech.usage import UsageLedger
from media.speech.voices import CLOUD, PROVIDERS
from schedules.periods import VIETNAM

if TYPE_CHECKING:
    from app.settings import Settings
    from schedules.plan import Plan


def month_of(settings: Settings, plan: Plan | None, at: datetime | None = None) -> str:
    """The commune's local month (YYYY-MM) of `at` (default now)."""
    zone = plan.tz if plan is not None else VIETNAM
    return (at or settings.clock()).astimezone(zone).strftime("%Y-%m")


def ledger(settings: Settings, plan: Plan | None, month: str | None = None) -> UsageLedger:
    """The commune's usage ledger for `month` (default this month), under LOA_HOME/usage/tts."""
    return UsageLedger(settings.home / "usage" / "tts", month or month_of(settings, plan),
                       plan.commune.code if plan is not None else "")


@dataclass(frozen=True)
class UsageRow:
    provider: str
    title: str
    chars: int
    requests: int
    budget: int | None

    @property
    def share(self) -> float | None:
        return self.chars / self.budget if self.budget else None

    @property
    def state(self) -> str:
        """ok | warning (80 % or more) | over (100 % or more: the fallback reads) | no budget"""
        if self.share is None:
            return "no budget"
        return "over" if self.share >= 1 else "warning" if self.share >= 0.8 else "ok"


def usage(settings: Settings, plan: Plan | None, month: str | None = None) -> list[UsageRow]:
    """One row per paid voice: this commune's characters and requests in the month, and its budget."""
    book = ledger(settings, plan, month)
    totals = book.totals(commune=book.commune)
    budgets = plan.voice.budgets() if plan is not None else {}
    return [UsageRow(name, PROVIDERS[name].title, totals.get(name, {}).get("chars", 0),
                     totals.get(name, {}).get("requests", 0), budgets.get(name)) for name in CLOUD]
