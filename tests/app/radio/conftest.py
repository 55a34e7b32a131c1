"""`radio`: the example plan loaded with its slot set up as a test needs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.app.radio.helpers import SLOT, Cli, approved, give_clip, plan_with
from tests.icecast import Icecast, icecast  # noqa: F401 (the fixture)

MOUNT = "/phu-khuong.mp3"


@pytest.fixture
def radio(cli: Cli, tmp_path: Path) -> Callable[..., Cli]:
    """Load the example plan with its slot given as `SLOT` + extra settings."""
    def setup(extra: str = "") -> Cli:
        result = cli("init", "--plan", str(plan_with(tmp_path, SLOT + extra + "}")))
        assert result.code == 0, result.err
        return cli
    return setup


@pytest.fixture
def on_icecast(radio: Callable[..., Cli], icecast: Icecast, loa_home: Path,  # noqa: F811
               monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The slot on Icecast (a mount per commune), pushed 2× faster than real time (slow enough for a listener
    on a loaded machine to hear it all), with two 4-second items."""
    cli = radio(", outlets: [icecast]")
    monkeypatch.setenv("LOA_ICECAST_URL", icecast.url("/{commune}.mp3"))
    monkeypatch.setenv("LOA_ICECAST_PASSWORD", icecast.source_password)
    monkeypatch.setenv("LOA_ICECAST_PACE", "2")
    monkeypatch.setenv("LOA_RADIO_RETRY_DELAY_S", "0.1")
    give_clip(loa_home, approved(cli, "Tin một"), 4, 440)
    give_clip(loa_home, approved(cli, "Tin hai", unit="vp", author="mai"), 4, 660)
    return cli


@pytest.fixture(autouse=True)
def no_streamer_left() -> Iterator[None]:
    """Every streamer process a test started has ended when it ends (killed if it must be)."""
    yield
    from app.radio import air

    for job in list(air._spawned.values()):
        if job.poll() is None:
            job.kill()
        job.wait(30)
    air._spawned.clear()

