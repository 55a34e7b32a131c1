"""A real desk (`loa desk --port 0`) in its own process on 127.0.0.1, on a throwaway LOA_HOME, and a
logged-in HTTP client for it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.conftest import PLAN, START

PASSWORDS = {"lan": "bien-tap-vien-1", "hung": "bien-tap-vien-2", "ngan": "lanh-dao-duyet-1",
             "phuc": "lanh-dao-duyet-2", "thanh": "kiem-tra-vien-1", "tuan": "bien-tap-vien-3",
             "admin": "quan-tri-vien-1"}
CLEAN_ENV = ("LOA_DATABASE_URL", "LOA_FACEBOOK_TOKEN", "LOA_ZALO_TOKEN", "LOA_COMMUNE", "PREFECT_API_URL")


@dataclass
class Desk:
    url: str
    home: Path
    proc: subprocess.Popen
    log_path: Path
    env: dict = field(default_factory=dict)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)


def env_for(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    env.update(LOA_HOME=str(home), LOA_NOW=START, LOA_TTS_ENGINE="espeak", **extra)
    return env


OPERATOR = ("binh", "van-hanh-dai-1")  # the loudspeakers' operator, in with_operator()'s plan


ALL_PASSWORDS = {**PASSWORDS, OPERATOR[0]: OPERATOR[1]}


def with_operator(folder: Path) -> Path:
    """The Phú Khương plan with an operator of the loudspeakers among its people."""
    text = PLAN.read_text(encoding="utf-8").replace(
        "people:\n", "people:\n  - {name: binh, full_name: Ngô Văn Bình, unit: vhxh, roles: [operator]}\n", 1)
    path = folder / "plan-with-operator.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def prepare(home: Path, env: dict[str, str], plan: Path = PLAN) -> None:
    """Database, the Phú Khương plan, and a password for each person (through the real CLI)."""
    loa = [str(Path(sys.executable).parent / "loa")]
    subprocess.run([*loa, "init", "--plan", str(plan)], env=env, check=True, capture_output=True, timeout=60)
    people = ALL_PASSWORDS if plan != PLAN else PASSWORDS
    for name, password in people.items():
        subprocess.run([*loa, "person", "password", name], input=password + "\n", text=True, env=env, check=True,
                       capture_output=True, timeout=60)


def start(home: Path, env: dict[str, str]) -> Desk:
    log_path = home / "desk.log"
    log = log_path.open("w", encoding="utf-8")
    proc = subprocess.Popen([str(Path(sys.executable).parent / "loa"), "desk", "--port", "0", "--no-scheduler"],
                            env=env, stdout=subprocess.PIPE, stderr=log, text=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    line = proc.stdout.readline()
    match = re.search(r"(http://\S+)", line)
    if not match:
        proc.kill()
        raise RuntimeError(f"the desk did not start: {line!r} {log_path.read_text()}")
    url = match[1].rstrip("/")
    while time.monotonic() < deadline:  # poll until it answers
        try:
            requests.get(url + "/dang-nhap", timeout=2)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    return Desk(url, home, proc, log_path, env)


def token(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html[:2000]
    return found[1]


def login(desk: Desk, name: str, password: str | None = None) -> requests.Session:
    s = requests.Session()
    page = s.get(desk.url + "/dang-nhap", timeout=10)
    r = s.post(desk.url + "/dang-nhap", data={"csrf": token(page.text), "ten": name,
                                              "mat_khau": password or ALL_PASSWORDS[name], "tiep": ""}, timeout=30)
    assert r.status_code == 200 and "Đăng xuất" in r.text, (r.status_code, r.text[-1500:])
    return s


def form_token(s: requests.Session, desk: Desk, path: str = "/lich") -> str:
    return token(s.get(desk.url + path, timeout=10).text)
