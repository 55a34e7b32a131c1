"""One real desk server per test module (started by `loa desk --port 0`), stopped at the end."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.desk.server import Desk, env_for, prepare, start

FAKE_FACEBOOK_TOKEN = "EAAB-fake-page-token-that-must-never-show"
PUBLIC_DESK = "https://loa.phu-khuong.example"  # LOA_DESK_URL: where phones reach the desk
CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SHOTS = ROOT / "var" / "test-screenshots"


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    home = tmp_path_factory.mktemp("desk") / "var"
    home.mkdir()
    env = env_for(home, LOA_DESK_TRUSTED_PROXIES="127.0.0.1", LOA_FACEBOOK_TOKEN=FAKE_FACEBOOK_TOKEN,
                  LOA_FACEBOOK_PAGE_ID="123456", LOA_DESK_URL=PUBLIC_DESK)
    prepare(home, env)
    server = start(home, env)
    yield server
    server.stop()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    """Debian's Chromium, headless, 1366×768. Under CI a browser that cannot start fails the test."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,768",
                    "--autoplay-policy=no-user-gesture-required", f"--user-data-dir={tmp_path / 'chromium'}"):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    except Exception as exc:  # no Chromium here, or it cannot start
        if os.environ.get("CI"):
            pytest.fail(f"Chromium could not start under CI: {exc}")
        pytest.skip(f"Chromium could not start: {exc}")
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def screenshot(driver, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Save what the browser shows (PNG) and its HTML under var/test-screenshots/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / f"{name}-{datetime.now():%Y%m%d-%H%M%S}.png"
    driver.save_screenshot(str(shot))
    shot.with_suffix(".html").write_text(driver.page_source, encoding="utf-8")
    print(f"screenshot of the failure: {shot}")  # noqa: T201
    return shot
