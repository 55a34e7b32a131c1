"""Errors storage/ raises when a request breaks a rule of the domain (not a bug): a code of the catalogue and its
parameters (catalogue/errors.py)."""

from catalogue import Coded


class StorageError(Coded):
    """Base: the message is one line saying what is wrong and how to fix it."""


class NotFound(StorageError):
    """An article, unit, person or publication that does not exist."""


class Forbidden(StorageError):
    """A person without the role, or a four-eyes violation."""


class InvalidState(StorageError):
    """A transition the state machine does not allow (approving twice, …)."""


class InvalidInput(StorageError):
    """An empty title, a date in the future, …"""
