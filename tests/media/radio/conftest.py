"""`icecast`: a real icecast2 on 127.0.0.1 for one test (tests/icecast.py)."""

from tests.icecast import icecast  # noqa: F401
