"""`radio`: the example plan loaded with its slot set up as a test needs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.flows.radio.helpers import SLOT, Cli, plan_with


@pytest.fixture
def radio(cli: Cli, tmp_path: Path) -> Callable[..., Cli]:
    """Load the example plan with its slot given as `SLOT` + extra settings."""
    def setup(extra: str = "") -> Cli:
        result = cli("init", "--plan", str(plan_with(tmp_path, SLOT + extra + "}")))
        assert result.code == 0, result.err
        return cli
    return setup


from tests.icecast import icecast  # noqa: E402, F401
