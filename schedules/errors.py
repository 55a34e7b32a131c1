"""Errors schedules/ raises for a plan file or a period that cannot be understood."""

from catalogue import Coded


class ScheduleError(Coded):
    """Base: the message is one line naming the file/field and what is wrong."""


class PlanError(ScheduleError):
    """A commune plan file that does not load or does not validate."""


class PeriodError(ScheduleError):
    """A period such as 2026-13 or 2026-Q5 that does not exist."""


class LanguageError(ScheduleError, ValueError):
    """A language code Loa does not know, or one the plan does not use."""
