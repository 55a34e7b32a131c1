"""The desk's recording of a reading: upload a file, or "Thu âm" in Debian's Chromium with a fake microphone
(a WAV made by the test); the leader listens to the recording and approves; bad files get one Vietnamese line."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desk.conftest import CHROMIUM, DRIVER
from tests.desk.server import PASSWORDS, Desk, env_for, form_token, login, prepare, start
from tests.desk.test_browser import WAIT
from tests.recordings import make_recording

pytestmark = pytest.mark.xdist_group("desk-browser")
BODY = "Người dân có thể nộp hồ sơ trực tuyến tại cổng dịch vụ công của phường."


@pytest.fixture(scope="module")
def rec_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    home = tmp_path_factory.mktemp("desk-recording") / "var"
    home.mkdir()
    env = env_for(home)
    prepare(home, env)
    loa = str(Path(sys.executable).parent / "loa")
    for title in ("Thu âm tải lên", "Thu âm trong trình duyệt"):
        subprocess.run([loa, "article", "add", "--unit", "vhxh", "--author", "lan", "--title", title, "--body", BODY,
                        "--channels", "radio,web"], env=env, check=True, capture_output=True, timeout=60)
    server = start(home, env)
    yield server
    server.stop()


def _clip(desk: Desk, article: int) -> tuple[str, str] | None:
    with sqlite3.connect(desk.home / "loa.db") as db:
        return db.execute("SELECT c.engine, c.voice FROM audio_clip c JOIN article_version v ON v.id = "
                          "c.article_version_id WHERE v.article_id = ?", (article,)).fetchone()


def test_upload_a_recording_and_bad_files_get_one_line(rec_desk: Desk, tmp_path: Path) -> None:
    lan = login(rec_desk, "lan")
    page = lan.get(f"{rec_desk.url}/bai-viet/1", timeout=10).text
    assert 'action="/bai-viet/1/thu-am"' in page.replace(rec_desk.url, "") and 'id="rec-start"' in page
    csrf = form_token(lan, rec_desk, "/bai-viet/1")
    html = tmp_path / "zalo.m4a"
    html.write_text("<!DOCTYPE html><html>Phiên đăng nhập đã hết hạn</html>")
    refused = lan.post(f"{rec_desk.url}/bai-viet/1/thu-am", data={"csrf": csrf},
                       files={"tep": ("zalo.m4a", html.read_bytes(), "audio/mp4")}, timeout=60)
    assert refused.status_code == 400 and "Tệp không phải bản ghi âm" in refused.text
    silent = make_recording(tmp_path, "webm", expr="0")
    refused = lan.post(f"{rec_desk.url}/bai-viet/1/thu-am", data={"csrf": csrf},
                       files={"tep": ("im.webm", silent.read_bytes(), "audio/webm")}, timeout=60)
    assert refused.status_code == 400 and "không có tiếng" in refused.text
    assert lan.post(f"{rec_desk.url}/bai-viet/1/thu-am", data={"csrf": csrf}, timeout=60).status_code == 400
    good = make_recording(tmp_path, "m4a").read_bytes()
    forged = lan.post(f"{rec_desk.url}/bai-viet/1/thu-am", data={"csrf": "x"},
                      files={"tep": ("doc.m4a", good, "audio/mp4")}, timeout=60)
    assert forged.status_code == 403
    assert _clip(rec_desk, 1) is None
    thanh = login(rec_desk, "thanh")  # the auditor reads but never records
    denied = thanh.post(f"{rec_desk.url}/bai-viet/1/thu-am", data={"csrf": form_token(thanh, rec_desk)},
                        files={"tep": ("doc.m4a", good, "audio/mp4")}, timeout=60)
    assert denied.status_code == 403 and _clip(rec_desk, 1) is None
    done = lan.post(f"{rec_desk.url}/bai-viet/1/thu-am", data={"csrf": csrf},
                    files={"tep": ("doc.m4a", good, "audio/mp4")}, timeout=60)
    assert done.status_code == 200 and "Đã lưu bản thu âm" in done.text
    assert "Bản thu âm giọng người đọc (lan, " in done.text and " giây), phát thay" in done.text
    assert _clip(rec_desk, 1) == ("recording", "lan")


@pytest.fixture
def browser_with_microphone(tmp_path: Path) -> Iterator[object]:
    import os

    wav = make_recording(tmp_path, "wav", expr="0.3*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*3*t))", name="micro")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,768",
                    "--autoplay-policy=no-user-gesture-required", "--use-fake-ui-for-media-stream",
                    "--use-fake-device-for-media-stream", f"--use-file-for-fake-audio-capture={wav}",
                    f"--user-data-dir={tmp_path / 'chromium'}"):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    except Exception as exc:  # no Chromium here, or it cannot start
        if os.environ.get("CI"):
            pytest.fail(f"Chromium could not start under CI: {exc}")
        pytest.skip(f"Chromium could not start: {exc}")
    driver.set_page_load_timeout(WAIT)
    yield driver
    driver.quit()


def test_record_in_the_browser_keep_and_the_leader_listens_and_approves(rec_desk: Desk,
                                                                        browser_with_microphone) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver, wait = browser_with_microphone, WebDriverWait(browser_with_microphone, WAIT)

    def login_as(name: str) -> None:
        driver.get(rec_desk.url + "/dang-nhap")
        driver.find_element(By.NAME, "ten").send_keys(name)
        driver.find_element(By.NAME, "mat_khau").send_keys(PASSWORDS[name])
        driver.find_element(By.CSS_SELECTOR, "form button.primary").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "form.who")))

    login_as("lan")
    driver.get(rec_desk.url + "/bai-viet/2")
    driver.find_element(By.CSS_SELECTOR, "details.recording summary").click()
    start = wait.until(ec.visibility_of_element_located((By.ID, "rec-start")))
    start.click()
    wait.until(lambda d: d.find_element(By.ID, "rec-time").text >= "0:03")
    assert float(driver.find_element(By.ID, "rec-level").get_attribute("value")) > 0  # the meter moves
    driver.find_element(By.ID, "rec-stop").click()
    wait.until(ec.visibility_of_element_located((By.ID, "rec-keep")))
    assert driver.find_element(By.ID, "rec-listen").get_attribute("src").startswith("blob:")
    driver.find_element(By.ID, "rec-again").click()  # record again, then keep the second take
    wait.until(lambda d: d.find_element(By.ID, "rec-time").text >= "0:03")
    driver.find_element(By.ID, "rec-stop").click()
    wait.until(ec.visibility_of_element_located((By.ID, "rec-keep"))).click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "p.notice")))
    assert "Đã lưu bản thu âm" in driver.page_source, driver.page_source[-3000:]
    assert _clip(rec_desk, 2) == ("recording", "lan")
    driver.find_element(By.XPATH, "//button[normalize-space()='Gửi duyệt']").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "p.notice")))
    driver.find_element(By.CSS_SELECTOR, "form.who button").click()
    wait.until(ec.presence_of_element_located((By.NAME, "mat_khau")))

    login_as("ngan")
    driver.get(rec_desk.url + "/duyet/2")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "div.decide")))
    assert "Bản thu âm giọng người đọc (lan, " in driver.page_source
    driver.find_element(By.CSS_SELECTOR, "button.play").click()
    wait.until(lambda d: d.execute_script(
        "const a = document.querySelector('.player audio'); return a.readyState >= 3 && a.duration > 0;"))
    seconds = float(driver.execute_script("return document.querySelector('.player audio').duration"))
    with sqlite3.connect(rec_desk.home / "loa.db") as db:
        [stored] = db.execute("SELECT duration_s FROM audio_clip c JOIN article_version v ON v.id = "
                              "c.article_version_id WHERE v.article_id = 2").fetchone()
    assert abs(seconds - stored) < 0.5  # the leader hears the recording, not the voice
    driver.find_element(By.XPATH, "//div[contains(@class,'decide')]//button[contains(., 'Duyệt')]").click()
    wait.until(ec.alert_is_present())  # approving asks first
    driver.switch_to.alert.accept()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "p.notice")))
    assert "Đã duyệt bài" in driver.page_source


def test_an_edit_keeps_the_recording_only_when_asked(rec_desk: Desk, tmp_path: Path) -> None:
    lan = login(rec_desk, "lan")
    add = subprocess.run([str(Path(sys.executable).parent / "loa"), "article", "add", "--unit", "vhxh", "--author",
                          "lan", "--title", "Sửa bài", "--body", BODY, "--channels", "radio"], env=rec_desk.env,
                         check=True, capture_output=True, text=True, timeout=60)
    article = int(add.stdout.strip())
    csrf = form_token(lan, rec_desk, f"/bai-viet/{article}")
    assert "giu_thu_am" not in lan.get(f"{rec_desk.url}/bai-viet/{article}/sua", timeout=10).text
    lan.post(f"{rec_desk.url}/bai-viet/{article}/thu-am", data={"csrf": csrf},
             files={"tep": ("doc.wav", make_recording(tmp_path, "wav").read_bytes(), "audio/wav")}, timeout=60)
    assert 'name="giu_thu_am"' in lan.get(f"{rec_desk.url}/bai-viet/{article}/sua", timeout=10).text
    form = {"csrf": csrf, "tieu_de": "Sửa bài", "kenh": "radio", "uu_tien": "normal", "hanh_dong": "luu"}
    kept = lan.post(f"{rec_desk.url}/bai-viet/{article}/sua", data={**form, "noi_dung": BODY + " Một.",
                                                                      "giu_thu_am": "1"}, timeout=30)
    assert kept.status_code == 200 and "Bản thu âm giọng người đọc (lan, " in kept.text
    dropped = lan.post(f"{rec_desk.url}/bai-viet/{article}/sua", data={**form, "noi_dung": BODY + " Hai."},
                       timeout=30)
    assert dropped.status_code == 200 and "Bản thu âm giọng người đọc" not in dropped.text
    with sqlite3.connect(rec_desk.home / "loa.db") as db:
        numbers = db.execute("SELECT v.number FROM audio_clip c JOIN article_version v ON v.id = "
                             "c.article_version_id WHERE v.article_id = ? ORDER BY 1", (article,)).fetchall()
    assert numbers == [(1,), (2,)]
