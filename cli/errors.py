"""The errors that mean "bad input or a refused request": shown as one line, exit 1, nothing changed."""

from app.settings import SettingsError
from catalogue import Coded
from media.errors import MediaError
from schedules.errors import ScheduleError
from storage.errors import StorageError


class CliError(Coded):
    """A command-line argument that makes no sense (a date that does not parse, …)."""


USER_ERRORS: tuple[type[BaseException], ...] = (StorageError, ScheduleError, MediaError, CliError,
                                                 SettingsError)
