"""README's "Using it" block, run line by line in order as a bash script on a fresh LOA_HOME, so the README
can never drift from what Loa does. The files it names (bai.txt, bai-sua.txt, bai-viet/, doc.m4a) are made here; the
plan is the repository's; `. .venv/bin/activate` puts the bin/ of the Python running the tests first on PATH
(the real activate may name another checkout's venv it was copied from). A line
whose comment starts with "[runs until stopped]" (`loa serve`) is the only kind skipped, and the test
prints which it skipped. LOA_TTS_ENGINE=espeak: the offline voice, as the block needs no network."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

FOREVER = "[runs until stopped]"
LIMIT_S = 600
BIN = Path(sys.executable).parent
FILES = {
    "bai.txt": "Dịch vụ công trực tuyến\n\nNgười dân nộp hồ sơ qua Cổng Dịch vụ công quốc gia mà không cần "
               "đến trụ sở Ủy ban nhân dân phường.\n",
    "bai-sua.txt": "Người dân nộp hồ sơ qua Cổng Dịch vụ công quốc gia, không cần đến trụ sở. Bộ phận một "
                   "cửa hướng dẫn tận tình.\n",
    "bai-viet/mot-cua.txt": "Một cửa liên thông\n\nBộ phận một cửa của phường tiếp nhận hồ sơ từ bảy giờ sáng "
                            "các ngày trong tuần.\n",
    "bai-viet/chuyen-doi-so.md": "# Chuyển đổi số\n\nNgười dân cài đặt ứng dụng định danh điện tử để nộp hồ "
                                 "sơ trực tuyến.\n",
}


def _reading(path: Path) -> None:
    """A 4-second AAC voice note as phones make it (a warbling tone between two pauses), made by ffmpeg."""
    import imageio_ffmpeg

    tone = r"0.3*sin(2*PI*(220+40*sin(2*PI*3*t))*t)*between(t\,0.5\,3.5)"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i",
                    f"aevalsrc={tone}:s=44100:d=4", "-c:a", "aac", "-b:a", "64k", str(path)], check=True, timeout=60)


def using_it(readme: str) -> list[str]:
    """The command lines of the ```bash block under "## Using it", in order."""
    found = re.search(r"^## Using it\n+```bash\n(.*?)^```", readme, re.S | re.M)
    assert found, 'README.md has no ```bash block under "## Using it"'
    return [line for line in found.group(1).splitlines() if line.strip()]


def script(lines: list[str]) -> tuple[str, list[str]]:
    """A bash script running each line, stopping at the first that exits non-zero with its line and code;
    "::N" on stdout before line N's output. Returns the script and the lines skipped."""
    body, skipped = ["set -o pipefail"], []
    for number, line in enumerate(lines, 1):
        if FOREVER in line:
            skipped.append(line)
            continue
        body += [f"echo ::{number}", line,
                 f'rc=$?; if [ $rc -ne 0 ]; then echo "README line {number} exited $rc: "{shlex.quote(line)} >&2; '
                 "exit 1; fi"]
    return "\n".join(body) + "\n", skipped


def run_bash(text: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The script in its own process group, all of it killed if it runs past LIMIT_S (a line that never
    returns and is not marked)."""
    with subprocess.Popen(["bash", "-c", text], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, start_new_session=True) as process:
        try:
            out, err = process.communicate(timeout=LIMIT_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, err = process.communicate()
            last = re.findall(r"^::(\d+)$", out, re.M)
            pytest.fail(f"README line {last[-1] if last else '?'} still ran after {LIMIT_S} s: "
                        f"mark a command that runs until stopped with '# {FOREVER}'")
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def outputs(stdout: str) -> dict[int, str]:
    parts = re.split(r"^::(\d+)\n", stdout, flags=re.M)
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}


def test_the_using_it_block_runs_in_order_on_a_fresh_home(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    lines = using_it((ROOT / "README.md").read_text(encoding="utf-8"))
    work = tmp_path / "work"
    for name, text in FILES.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text, encoding="utf-8")
    (work / "schedules" / "plans").mkdir(parents=True)
    (work / "schedules" / "plans" / "phu-khuong.yaml").write_bytes(
        (ROOT / "schedules" / "plans" / "phu-khuong.yaml").read_bytes())
    _reading(work / "doc.m4a")
    (work / ".venv" / "bin").mkdir(parents=True)
    (work / ".venv" / "bin" / "activate").write_text(f"export PATH={shlex.quote(str(BIN))}:\"$PATH\"\n")
    text, skipped = script(lines)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOA_", "PREFECT_API", "VIRTUAL_ENV"))}
    env.update(LOA_HOME=str(tmp_path / "var"), LOA_TTS_ENGINE="espeak", HOME=str(tmp_path))
    done = run_bash(text, work, env)
    with capsys.disabled():
        print(f"\nREADME 'Using it': {len(lines) - len(skipped)} lines run, skipped as {FOREVER}: {skipped}")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert [line.split()[0] for line in skipped] == ["loa"] and "loa serve" in skipped[0]
    out = outputs(done.stdout)
    number = {line: i for i, line in enumerate(lines, 1)}
    add = next(n for line, n in number.items() if line.startswith("loa article add"))
    assert out[add].strip() == "1"
    confirm = next(n for line, n in number.items() if line.startswith("loa radio confirm"))
    assert re.search(r"aired, confirmed by lan; [1-9]\d* item\(s\) counted", out[confirm]), out[confirm]
    assert (work / "bao-cao-Q1.xlsx").stat().st_size > 0 and (work / "thong-bao.mp3").stat().st_size > 0


def test_the_runner_stops_at_the_first_failing_line_and_names_it(tmp_path: Path) -> None:
    text, skipped = script(["echo one", "false | cat", "echo never", f"sleep 999  # {FOREVER}"])
    done = run_bash(text, tmp_path)
    assert done.returncode == 1 and "README line 2 exited 1: false | cat" in done.stderr
    assert "never" not in done.stdout and skipped == [f"sleep 999  # {FOREVER}"]
