"""Leaders and authors in Chromium, on a phone and on a laptop: approving asks first (and nothing happens
when the leader says no); several articles are approved at once only after each was heard to the end;
reject → the author reads why → edits → resubmits → the leader sees the reason and the changes → approves."""

from __future__ import annotations

import pytest

from tests.desk.conftest import screenshot
from tests.desk.pages import session_cookie
from tests.desk.server import Desk, login
from tests.desk.test_security import add_article, status_of

pytestmark = pytest.mark.xdist_group("desk-browser")
WAIT = 60
SIZES = {"phone": (360, 740), "laptop": (1366, 768)}


def _as(driver, desk: Desk, name: str, size: str) -> None:  # type: ignore[no-untyped-def]
    width, height = SIZES[size]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"})
    driver.get(desk.url + "/dang-nhap")
    driver.delete_all_cookies()
    driver.add_cookie(session_cookie(login(desk, name)))


def _hear(driver, audio) -> None:  # type: ignore[no-untyped-def]
    """Play a clip to its end, sixteen times faster than the loudspeakers."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("arguments[0].playbackRate = 16; arguments[0].muted = true; arguments[0].play();", audio)
    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return arguments[0].ended;", audio))


@pytest.mark.parametrize("size", sorted(SIZES))
def test_approving_asks_first_and_several_are_approved_after_hearing_each(desk: Desk, browser, size: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, WAIT)
    one, two = (add_article(desk, "lan", f"Bài nghe rồi duyệt {size} {n}") for n in (1, 2))
    try:
        _as(browser, desk, "ngan", size)
        browser.get(f"{desk.url}/duyet/{one}")
        browser.find_element(By.XPATH, "//button[normalize-space()='Duyệt bài']").click()
        wait.until(ec.alert_is_present())
        assert "Duyệt bài này?" in browser.switch_to.alert.text
        browser.switch_to.alert.dismiss()
        assert status_of(desk, one) == "submitted"  # the leader said no: nothing was sent

        browser.get(desk.url + "/duyet")
        boxes = {i: browser.find_element(By.ID, f"chon-{i}") for i in (one, two)}
        assert all(not box.is_enabled() for box in boxes.values())  # not before hearing it
        for i in (one, two):
            _hear(browser, browser.find_element(By.CSS_SELECTOR, f"audio[data-unlocks='chon-{i}']"))
            assert boxes[i].is_enabled() and boxes[i].is_selected()
        browser.find_element(By.XPATH, "//button[normalize-space()='Duyệt các bài đã chọn']").click()
        wait.until(ec.alert_is_present())
        browser.switch_to.alert.accept()
        wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, "p.notice"), "Đã duyệt các bài đã chọn"))
        assert [status_of(desk, i) for i in (one, two)] == ["approved", "approved"]
    except BaseException:
        screenshot(browser, f"desk-approve-{size}")
        raise


@pytest.mark.parametrize("size", sorted(SIZES))
def test_reject_read_why_edit_resubmit_see_the_changes_approve(desk: Desk, browser, size: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, WAIT)
    article = add_article(desk, "lan", f"Bài bị trả lại {size}")
    reason = f"Thiếu số điện thoại đường dây nóng ({size})"
    try:
        _as(browser, desk, "ngan", size)
        browser.get(f"{desk.url}/duyet/{article}")
        browser.find_element(By.NAME, "ly_do").send_keys(reason)
        browser.find_element(By.XPATH, "//button[normalize-space()='Từ chối']").click()
        wait.until(ec.alert_is_present())
        browser.switch_to.alert.accept()
        wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, "p.notice"), "gửi lý do cho tác giả"))

        _as(browser, desk, "lan", size)
        browser.get(desk.url + "/bai-viet")
        assert reason in browser.find_element(By.TAG_NAME, "main").text
        browser.get(f"{desk.url}/bai-viet/{article}")
        assert reason in browser.find_element(By.CSS_SELECTOR, ".rejection").text
        browser.find_element(By.LINK_TEXT, "Sửa bài").click()
        assert reason in browser.find_element(By.CSS_SELECTOR, ".rejection").text
        body = browser.find_element(By.NAME, "noi_dung")
        body.send_keys("\nĐường dây nóng: 0270 3822 123.")
        browser.find_element(By.XPATH, "//button[normalize-space()='Lưu và gửi duyệt']").click()
        wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, "p.notice"), "Đã gửi bài"))

        _as(browser, desk, "ngan", size)
        browser.get(f"{desk.url}/duyet/{article}")
        again = browser.find_element(By.CSS_SELECTOR, "section.resubmitted")
        assert reason in again.text
        inserted = [e.text for e in again.find_elements(By.CSS_SELECTOR, "ins")]
        assert any("0270" in t for t in inserted) and any("không hai bảy không" in t for t in inserted), inserted
        browser.find_element(By.XPATH, "//button[normalize-space()='Duyệt bài']").click()
        wait.until(ec.alert_is_present())
        browser.switch_to.alert.accept()
        wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, "p.notice"), "Đã duyệt bài"))
        assert status_of(desk, article) == "approved"
        assert browser.execute_script("return document.documentElement.scrollWidth") <= SIZES[size][0]
    except BaseException:
        screenshot(browser, f"desk-resubmit-{size}")
        raise
