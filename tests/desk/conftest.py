"""One real desk server per test module (started by `loa desk --port 0`), stopped at the end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.desk.server import Desk, env_for, prepare, start

FAKE_FACEBOOK_TOKEN = "EAAB-fake-page-token-that-must-never-show"


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    home = tmp_path_factory.mktemp("desk") / "var"
    home.mkdir()
    env = env_for(home, LOA_DESK_TRUSTED_PROXIES="127.0.0.1", LOA_FACEBOOK_TOKEN=FAKE_FACEBOOK_TOKEN,
                  LOA_FACEBOOK_PAGE_ID="123456")
    prepare(home, env)
    server = start(home, env)
    yield server
    server.stop()
