"""A paid voice's monthly budget: a warning from 80 % on, and the next engine once a clip would go past it."""

from __future__ import annotations

ALERT_AT = 0.8


def over_budget(title: str, spent: int, budget: int | None, clip_chars: int) -> str | None:
    """Why this clip must not be sent to the provider (it would pass the budget), or None."""
    if budget is None or budget <= 0:
        return None
    if spent + clip_chars > budget:
        return (f"{title}'s monthly budget of {budget:,} characters would be passed ({spent:,} used, this clip "
                f"{clip_chars:,}); raise voice.budget_chars in the plan or wait for next month")
    return None


def budget_warning(title: str, spent: int, budget: int | None) -> str | None:
    """The alert once `spent` reaches 80 % of the budget, or None."""
    if budget is None or budget <= 0 or spent < ALERT_AT * budget:
        return None
    return (f"{title} has used {spent / budget:.0%} of its monthly budget ({spent:,} of {budget:,} characters); "
            f"past 100 % Loa reads with the fallback voice")
