"""The desk's whole story in a real browser (Debian's Chromium, driven by Selenium): an editor uploads a
DOCX, listens and submits; a leader listens and approves; a publish pass runs; the article shows as
published; the auditor sees the entries and the chain verified; the calendar feed parses. Screenshots
of the browser are saved on failure. Under CI a browser that cannot start fails the test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import requests
from docx import Document

from tests.desk.conftest import screenshot
from tests.desk.server import ALL_PASSWORDS, OPERATOR, Desk, env_for, prepare, start, with_operator

pytestmark = pytest.mark.xdist_group("desk-browser")
WAIT = 60
PUBLIC = "https://loa.phu-khuong.example"  # where phones reach the desk (LOA_DESK_URL)


@pytest.fixture(scope="module")
def story_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    home = tmp_path_factory.mktemp("story") / "var"
    home.mkdir()
    env = env_for(home, LOA_DESK_URL=PUBLIC)  # no platform tokens: posts go to the dry-run outbox
    prepare(home, env, with_operator(home.parent))
    server = start(home, env)
    yield server
    server.stop()


def _docx(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("Phường Phú Khương đẩy mạnh dịch vụ công trực tuyến")
    doc.add_paragraph("Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ, UBND phường hướng dẫn "
                      "người dân nộp hồ sơ trực tuyến.")
    doc.add_paragraph("Mọi thắc mắc xin gọi Tổng đài 1022.")
    doc.save(path)
    return path


def test_editor_leader_publish_auditor_calendar(story_desk: Desk, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    try:
        _story(story_desk, browser, tmp_path)
    except BaseException:
        screenshot(browser, "desk-story")
        raise


def _story(desk: Desk, driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, WAIT)

    def login(name: str) -> None:
        driver.get(desk.url + "/dang-nhap")
        driver.find_element(By.NAME, "ten").send_keys(name)
        driver.find_element(By.NAME, "mat_khau").send_keys(ALL_PASSWORDS[name])
        driver.find_element(By.CSS_SELECTOR, "form button.primary").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "form.who")))

    def logout() -> None:
        driver.find_element(By.CSS_SELECTOR, "form.who button").click()
        wait.until(ec.presence_of_element_located((By.NAME, "mat_khau")))

    def listen() -> float:
        """Press "Nghe thử" and wait until the audio element holds a playable clip; its duration."""
        driver.find_element(By.CSS_SELECTOR, "button.play").click()
        wait.until(lambda d: d.execute_script(
            "const a = document.querySelector('.player audio'); return a.readyState >= 3 && a.duration > 0;"))
        assert driver.execute_script("return document.querySelector('.player audio').error") is None
        return float(driver.execute_script("return document.querySelector('.player audio').duration"))

    # the editor uploads a DOCX, listens, submits
    login("lan")
    assert "Việc cần làm" in driver.title and driver.find_element(By.CSS_SELECTOR, "section.todo-editor")
    driver.find_element(By.LINK_TEXT, "Bài viết của tôi").click()
    driver.find_element(By.CSS_SELECTOR, "details.card summary").click()
    driver.find_element(By.NAME, "tep").send_keys(str(_docx(tmp_path / "dich-vu-cong.docx")))
    driver.find_element(By.CSS_SELECTOR, "details.card button.primary").click()
    created = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "ul.results a")))
    article_id = int(created.text)
    created.click()
    wait.until(ec.title_contains("dịch vụ công trực tuyến"))
    assert "bảy mươi sáu" in driver.find_element(By.CSS_SELECTOR, ".spoken").text  # the spoken form
    assert driver.find_element(By.CSS_SELECTOR, ".spoken mark").get_attribute("title")  # expansions marked
    assert listen() > 3
    driver.find_element(By.XPATH, "//button[normalize-space()='Gửi duyệt']").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "p.notice")))
    assert "Chờ duyệt" in driver.page_source
    logout()

    # the leader opens the queue, listens, approves
    login("ngan")
    queue = driver.find_element(By.CSS_SELECTOR, "section.todo-queue").text  # the home page: what waits
    assert "Bài chờ duyệt: 1" in queue and "đã chờ" in queue
    driver.find_element(By.LINK_TEXT, "Phường Phú Khương đẩy mạnh dịch vụ công trực tuyến").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "div.decide")))
    assert listen() > 3
    driver.find_element(By.XPATH, "//button[normalize-space()='Duyệt bài']").click()
    wait.until(ec.alert_is_present())  # approving asks first
    driver.switch_to.alert.accept()
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, "p.notice"), "Đã duyệt bài"))

    # a publish pass (the steps `loa publish` runs, without Prefect), then one at the radio slot's lock
    _publish(desk, "2026-03-02T08:30:00+07:00")
    _publish(desk, "2026-03-12T16:55:00+07:00")

    # after the slot the operator, who heard it on the loudspeakers, confirms it aired (the clock moves on):
    # the home page says a program waits; its page plays it, shows its items and each outlet's delivery
    later = start(desk.home, {**desk.env, "LOA_NOW": "2026-03-12T17:20:00+07:00"})
    desk.stop()
    desk.url, desk.proc = later.url, later.proc  # the fixture stops this one
    driver.get(desk.url + "/")
    logout()
    login(OPERATOR[0])
    radio = driver.find_element(By.CSS_SELECTOR, "section.todo-radio").text
    assert "chờ xác nhận đã phát" in radio
    assert "Bài viết" not in driver.find_element(By.CSS_SELECTOR, "header nav").text  # an operator writes nothing
    driver.find_element(By.LINK_TEXT, "Mở lịch").click()
    driver.find_element(By.LINK_TEXT, "Chuyên mục Cải cách hành chính").click()
    slot = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "section.slot-day")))
    assert "dịch vụ công trực tuyến" in slot.find_element(By.CSS_SELECTOR, "ol.items").text
    assert "Thư mục của máy phát: đã nhận" in slot.text
    assert len(slot.find_elements(By.CSS_SELECTOR, "svg.timeline rect.item")) >= 1
    driver.find_element(By.CSS_SELECTOR, "button.seek").click()  # plays the program from that item
    wait.until(lambda d: d.execute_script(
        "const a = document.querySelector('.slot-day audio'); return a.readyState >= 2 && a.duration > 10;"))
    driver.find_element(By.XPATH, "//button[normalize-space()='Xác nhận đã phát']").click()
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, "p.notice"), "Đã xác nhận"))
    assert not driver.find_elements(By.XPATH, "//button[normalize-space()='Xác nhận đã phát']")
    logout()
    login("ngan")

    driver.get(f"{desk.url}/bai-viet/{article_id}")
    states = {li.find_element(By.CSS_SELECTOR, ".ch").text: li.find_element(By.CSS_SELECTOR, ".state").text
              for li in driver.find_elements(By.CSS_SELECTOR, "ul.channels li")}
    for channel in ("Truyền thanh", "Trang thông tin điện tử", "Fanpage", "Zalo OA"):
        assert states[channel] == "Đã đăng", states

    # the calendar feed, subscribed from the calendar page
    driver.get(desk.url + "/lich?thang=2026-03")
    assert "Chuyên mục Cải cách hành chính" in driver.page_source
    driver.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Tạo liên kết')]").click()
    address = wait.until(ec.presence_of_element_located((By.ID, "feed-url"))).get_attribute("value")
    logout()

    # the auditor sees the entries and the chain verified
    login("thanh")
    assert "Nhật ký đăng tải" in driver.find_element(By.CSS_SELECTOR, "section.todo-audit").text
    driver.find_element(By.LINK_TEXT, "Mở nhật ký").click()
    page = driver.find_element(By.TAG_NAME, "main").text
    assert "Chuỗi nhật ký toàn vẹn" in page
    assert "Duyệt bài" in page and "Đã đăng" in page and "Võ Thị Ngọc Ngân" in page and "article.approved" not in page

    from icalendar import Calendar

    assert address.startswith(PUBLIC + "/lich/")  # not the 127.0.0.1 the browser came from
    feed = requests.get(desk.url + address.removeprefix(PUBLIC), timeout=30)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    slots = [e for e in events if str(e.get("summary")) == "Chuyên mục Cải cách hành chính"]
    assert len(slots) >= 2  # 2nd and 4th Thursday of March
    aired = next(e for e in slots if e.decoded("dtstart").astimezone().date().isoformat() == "2026-03-12")
    assert "dịch vụ công trực tuyến" in str(aired.get("description"))


def _publish(desk: Desk, now: str) -> None:
    from app.portal import publish as web
    from app.production import produce
    from app.radio import passes as radio
    from app.runtime import Runtime
    from app.settings import Settings
    from app.social import posts as social

    rt = Runtime(Settings(home=desk.home, now=datetime.fromisoformat(now), tts_engine="espeak"))
    for version in produce.versions_needing_audio(rt):
        produce.produce_audio(rt, version)
    assert {o.result for o in social.dispatch_due_posts(rt)} <= {"dry-run"}
    web.publish_due_web(rt)
    radio.radio_pass(rt)


