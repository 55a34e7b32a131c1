"""Every page each role can open fits a 360×740 phone and a 1366×768 laptop without sideways scrolling,
the header menu folds on the phone, and axe-core finds no serious or critical accessibility violation on
any of them (Chromium, driven by Selenium; a screenshot on failure). axe-core is vendored from the npm
registry (tests/desk/vendor/axe-<version>.min.js, MPL-2.0, `npm pack axe-core`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from tests.desk.conftest import screenshot
from tests.desk.pages import ROLES, pages_of, seed, session_cookie
from tests.desk.server import Desk, env_for, form_token, login, prepare, start, with_operator

pytestmark = pytest.mark.xdist_group("desk-browser")
SIZES = {"phone": (360, 740), "laptop": (1366, 768)}
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
AXE_RUN = """const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))));"""
# what sticks out: the elements whose right edge passes the window, for the failure message
WIDE = """const w = arguments[0]; const out = [];
for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect();
  if (r.right > w + 0.5 && r.width > 0) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right)); }
return [document.documentElement.scrollWidth, window.innerWidth, out.slice(0, 8)];"""


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Desk, dict[str, int]]]:
    home = tmp_path_factory.mktemp("fit") / "var"
    home.mkdir()
    env = env_for(home)
    prepare(home, env, with_operator(home.parent))
    ids = seed(home)
    server = start(home, env)
    yield server, ids
    server.stop()


def _size(driver, size: str) -> None:  # type: ignore[no-untyped-def]
    width, height = SIZES[size]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"})


def _accessible(driver, where: str) -> None:  # type: ignore[no-untyped-def]
    """axe-core on the page as it is: no serious or critical violation."""
    if not driver.execute_script("return typeof axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    found = driver.execute_async_script(AXE_RUN)
    assert not found, f"{where}: {found}"


def _fits(driver, where: str, size: str) -> None:  # type: ignore[no-untyped-def]
    """scrollWidth <= innerWidth, and innerWidth is the screen's (a phone widens the window to a page
    that does not fit, so innerWidth alone would hide the overflow)."""
    width = SIZES[size][0]
    scroll, inner, out = driver.execute_script(WIDE, width)
    assert scroll <= inner == width, f"{where}: {scroll} px wide, window {inner} px; sticking out: {out}"


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_page_of_a_role_fits_a_phone_and_a_laptop(walked, browser, role: str) -> None:  # type: ignore[no-untyped-def]
    desk, ids = walked
    pages = pages_of(desk, ROLES[role], ids)
    assert len(pages) >= 5, pages
    s = login(desk, ROLES[role])
    browser.get(desk.url + "/dang-nhap")
    browser.add_cookie(session_cookie(s))
    try:
        for size in SIZES:
            _size(browser, size)
            for page in pages:
                browser.get(desk.url + page)
                _fits(browser, f"{role} {size} {page}", size)
                _accessible(browser, f"{role} {size} {page}")
            if role == "editor":  # the preview of the write page, which comes back from a POST
                browser.get(f"{desk.url}/bai-viet/{ids['draft']}/sua")
                browser.find_element("css selector", "button[value=xem]").click()
                WebDriverWait(browser, 60).until(lambda d: d.find_elements("css selector", "section.preview"))
                _fits(browser, f"{role} {size} preview", size)
                _accessible(browser, f"{role} {size} preview")
    except BaseException:
        screenshot(browser, f"desk-fit-{role}")
        raise


def test_pages_without_a_login_fit_and_the_menu_folds_on_a_phone(walked, browser) -> None:  # type: ignore[no-untyped-def]
    desk, _ = walked
    try:
        for size in SIZES:
            _size(browser, size)
            for page in ("/dang-nhap", "/khong-co-trang-nay", "/dat-mat-khau/" + "x" * 43):
                browser.get(desk.url + page)
                _fits(browser, f"anonymous {size} {page}", size)
                _accessible(browser, f"anonymous {size} {page}")
        s = login(desk, "admin")
        browser.add_cookie(session_cookie(s))
        _size(browser, "phone")
        browser.get(desk.url + "/chi-tieu")
        header = browser.find_element("css selector", "header.top")
        assert header.size["height"] <= 64, header.size  # one line: the links are folded away
        links = browser.find_elements("css selector", "header.top nav a")
        assert not any(a.is_displayed() for a in links)
        browser.find_element("css selector", "header.top details.menu summary").click()
        shown = [a.text for a in links if a.is_displayed()]
        assert "Chỉ tiêu" in shown and all(" " not in t or t.count("\n") == 0 for t in shown), shown
        _fits(browser, "admin phone menu open", "phone")
        _size(browser, "laptop")
        browser.get(desk.url + "/chi-tieu")
        links = browser.find_elements("css selector", "header.top nav a")
        assert sum(a.is_displayed() for a in links) >= 4  # the laptop shows the links in the header
        assert browser.find_element("css selector", "header.top").size["height"] <= 64
    except BaseException:
        screenshot(browser, "desk-fit-menu")
        raise


def test_without_loa_desk_url_no_calendar_address_is_made(walked) -> None:  # type: ignore[no-untyped-def]
    desk, _ = walked
    ngan = login(desk, "ngan")
    page = ngan.get(desk.url + "/lich", timeout=30).text
    assert "LOA_DESK_URL" in page and "/lich/lien-ket" not in page
    r = ngan.post(desk.url + "/lich/lien-ket", data={"csrf": form_token(ngan, desk)}, timeout=30)
    assert r.status_code == 400 and "LOA_DESK_URL" in r.text and ".ics" not in r.text and "127.0.0.1" not in r.text
