"""Errors media/ raises for bad input or an outside service that gave up.

The message is one line a communications officer can act on: what is wrong and how to fix it.
"""

from catalogue import Coded


class MediaError(Coded):
    """Base of every error media/ raises on purpose."""


class SpeechError(MediaError):
    """Text that cannot be spoken, or a TTS engine that failed."""


class AudioError(MediaError):
    """Audio that cannot be decoded, mastered or encoded."""


class OutletError(MediaError):
    """A feed, post or radio outlet that refused or could not be reached."""
