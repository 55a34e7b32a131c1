"""`loa speak` and `loa voice` with cloud voices on loopback servers: the plan's voice, settings over it,
fallback warnings on stderr, the usage count and budget, and keys that never show."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import PLAN, Result
from tests.media.speech.providers import FakeProvider, serve

Cli = Callable[..., Result]
TEXT = "Hồ sơ nộp trước ngày 12/3/2026 tại bộ phận một cửa của UBND xã."


@pytest.fixture
def zalo(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeProvider]:
    fake = FakeProvider("zalo")
    with serve(fake) as url:
        monkeypatch.setenv("LOA_ZALO_TTS_URL", url)
        monkeypatch.setenv("LOA_ZALO_TTS_KEY", fake.key)
        yield fake


@pytest.fixture
def fpt(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeProvider]:
    fake = FakeProvider("fpt", ready_after=0)
    with serve(fake) as url:
        monkeypatch.setenv("LOA_FPT_TTS_URL", url)
        monkeypatch.setenv("LOA_FPT_API_KEY", fake.key)
        yield fake


@contextmanager
def _serve_webhook(received: list[dict]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()
        server.server_close()


def plan_with_voice(tmp_path: Path, block: str) -> Path:
    text = PLAN.read_text(encoding="utf-8").replace("speech: {engine: auto, voice: vi}", block)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_speak_sends_the_spoken_form_to_the_chosen_voice(cli: Cli, zalo: FakeProvider, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOA_TTS_ENGINE", "zalo")
    monkeypatch.setenv("LOA_TTS_VOICE", "3")
    result = cli("speak", "--text", TEXT, "-o", str(tmp_path / "out.mp3"))
    assert result.code == 0 and "voice zalo 3" in result.out, result
    sent = zalo.syntheses()[0].form()
    assert "12/3" not in sent["input"] and "mười hai tháng ba" in sent["input"] and "ủy ban nhân dân" in \
        sent["input"].lower()
    assert sent["speaker_id"] == "3" and (tmp_path / "out.mp3").stat().st_size > 1000


def test_a_failed_voice_falls_back_with_a_warning_on_stderr(cli: Cli, zalo: FakeProvider, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOA_TTS_ENGINE", "zalo")
    monkeypatch.setenv("LOA_TTS_FALLBACK", "espeak")
    zalo.fail_next("html")
    result = cli("speak", "--text", TEXT, "-o", str(tmp_path / "out.mp3"))
    assert result.code == 0 and "voice espeak" in result.out, result
    assert result.err.startswith("loa: warning: zalo failed (Zalo AI answered with an HTML page") and \
        "đọc bằng giọng dự phòng espeak" in result.err


def test_the_plan_chooses_the_voice_and_settings_override_it(cli: Cli, fpt: FakeProvider, zalo: FakeProvider,
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = plan_with_voice(tmp_path, 'voice: {engine: fpt, voice: lannhi, speed: 1.1, fallback: [zalo, espeak], '
                                     'budget_chars: {fpt: 1000}}')
    monkeypatch.delenv("LOA_TTS_ENGINE")
    assert cli("init", "--plan", str(plan)).code == 0
    result = cli("speak", "--text", TEXT, "-o", str(tmp_path / "a.mp3"))
    assert result.code == 0 and "voice fpt lannhi" in result.out, result
    sent = fpt.syntheses()[0]
    assert sent.headers["voice"] == "lannhi" and sent.headers["speed"] == "1"
    monkeypatch.setenv("LOA_TTS_ENGINE", "zalo")  # the environment wins; the plan's voice id was FPT's
    result = cli("speak", "--text", TEXT, "-o", str(tmp_path / "b.mp3"))
    assert result.code == 0 and "voice zalo 2" in result.out and zalo.syntheses()[0].form()["speed"] == "1.1"
    usage = json.loads(cli("voice", "usage", "--format", "json").out)
    by_name = {row["provider"]: row for row in usage}
    spoken = len(fpt.syntheses()[0].raw.decode())
    assert by_name["fpt"]["chars"] == spoken and by_name["fpt"]["budget"] == 1000
    assert by_name["zalo"]["requests"] == 1 and by_name["google"]["chars"] == 0
    monkeypatch.delenv("LOA_TTS_ENGINE")
    listed = {row["engine"]: row for row in json.loads(cli("voice", "list", "--no-check", "--format", "json").out)}
    assert listed["fpt"]["configured"] and listed["fpt"]["chosen"] and listed["zalo"]["chosen"]
    assert not listed["viettel"]["configured"] and listed["espeak"]["reachable"] == "offline"


def test_voice_test_renders_a_sample_in_exactly_that_voice(cli: Cli, zalo: FakeProvider, tmp_path: Path) -> None:
    result = cli("voice", "test", "--engine", "zalo", "--voice", "4", "Ủy ban nhân dân xã thông báo",
                 "-o", str(tmp_path / "sample.mp3"))
    assert result.code == 0 and "voice zalo 4 at 1×" in result.out, result
    assert zalo.syntheses()[0].form()["speaker_id"] == "4" and (tmp_path / "sample.mp3").is_file()
    zalo.fail_next(*["503"] * 5)
    failed = cli("voice", "test", "--engine", "zalo", "--voice", "4", "Một câu khác", "-o", str(tmp_path / "x.mp3"))
    assert failed.code == 1 and failed.err.startswith("loa: error: Zalo AI refused 5 times (HTTP 503")
    assert not (tmp_path / "x.mp3").exists()


@pytest.mark.parametrize(("args", "env", "says"), [
    (["voice", "test", "--engine", "zalo", "--voice", "9", "Xin chào"], {}, "Zalo AI has no voice '9'"),
    (["voice", "test", "--engine", "fpt", "Xin chào"], {"LOA_FPT_API_KEY": ""},
     "FPT.AI has no key; set LOA_FPT_API_KEY"),
    (["speak", "--text", "Xin chào"], {"LOA_TTS_SPEED": "nhanh"}, "LOA_TTS_SPEED='nhanh' is not a number"),
    (["speak", "--text", "Xin chào"], {"LOA_TTS_ENGINE": "zalo", "LOA_TTS_SPEED": "1.5"},
     "Zalo AI speaks at 0.8–1.2× its normal pace, not 1.5"),
    (["speak", "--text", "Xin chào"], {"LOA_TTS_ENGINE": "piper"}, "set LOA_PIPER_MODEL"),
    (["voice", "usage", "--month", "2026-13"], {}, "--month '2026-13' is not a month"),
])
def test_bad_voice_settings_are_one_line(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args, env,
                                         says) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = cli(*args[:1], *args[1:], *(["-o", str(tmp_path / "o.mp3")] if args[0] in ("speak",) else []))
    assert result.code == 1 and says in result.err and len(result.err.splitlines()) == 1, result
    assert "Traceback" not in result.err


def test_keys_never_reach_loa_home_the_database_or_any_output(planned: Cli, zalo: FakeProvider, fpt: FakeProvider,
                                                               loa_home: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOA_TTS_ENGINE", "zalo")
    monkeypatch.setenv("LOA_TTS_FALLBACK", "fpt,espeak")
    zalo.fail_next(*["500"] * 5)
    outputs = [planned("speak", "--text", TEXT, "-o", str(tmp_path / "a.mp3")),
               planned("voice", "list", "--format", "json"), planned("voice", "usage"),
               planned("voice", "test", "--engine", "fpt", "--voice", "x", "Xin chào")]
    texts = "".join(r.out + r.err for r in outputs)
    assert "fell back to fpt" in texts and "FPT.AI has no voice 'x'" in texts
    for key in (zalo.key, fpt.key):
        assert key not in texts
        assert all(key.encode() not in path.read_bytes() for path in loa_home.rglob("*") if path.is_file())


def test_an_approved_articles_clip_records_its_voice_and_a_fallback_is_alerted(
        planned: Cli, zalo: FakeProvider, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.production import produce
    from cli.common import runtime
    from storage.models import AudioClip
    received: list[dict] = []
    with _serve_webhook(received) as hook:
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", hook)
        monkeypatch.setenv("LOA_TTS_ENGINE", "zalo")
        monkeypatch.setenv("LOA_TTS_VOICE", "1")
        monkeypatch.setenv("LOA_TTS_SPEED", "1.1")
        monkeypatch.setenv("LOA_TTS_FALLBACK", "espeak:south")
        first = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Lịch tiếp dân",
                        "--body", TEXT, "--channels", "radio").out.strip()
        second = planned("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Nộp hồ sơ",
                         "--body", "Bà con nộp hồ sơ trực tuyến.", "--channels", "radio").out.strip()
        for article in (first, second):
            assert planned("article", "submit", article).code == 0
            assert planned("article", "approve", article, "--by", "ngan").code == 0
        rt = runtime()
        versions = produce.versions_needing_audio(rt)
        produce.produce_audio(rt, versions[0])
        zalo.fail_next(*["503"] * 10)  # both pieces (title, body) are refused five times each
        produce.produce_audio(rt, versions[1])
        with rt.tx() as session:
            rows = {row.article_version_id: row for row in session.query(AudioClip)}
    assert (rows[versions[0]].engine, rows[versions[0]].voice, rows[versions[0]].speed) == ("zalo", "1", 1.1)
    assert (rows[versions[1]].engine, rows[versions[1]].voice) == ("espeak", "vi-vn-x-south")
    alerts = [a for body in received for a in body["alerts"] if a["kind"] == "audio.voice"]
    assert len(alerts) == 1 and "zalo failed (Zalo AI refused 5 times (HTTP 503" in alerts[0]["message"]
    assert "đọc bằng giọng dự phòng espeak" in alerts[0]["message"] and zalo.key not in json.dumps(received)


def test_a_voice_key_stored_encrypted_is_used_and_never_kept_in_clear(planned: Cli, fpt: FakeProvider,
                                                                      loa_home: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOA_FPT_API_KEY")
    monkeypatch.setenv("LOA_TTS_ENGINE", "fpt")
    no_key = planned("speak", "--text", TEXT, "-o", str(tmp_path / "a.mp3"))
    assert no_key.code == 1 and "FPT.AI has no key; set LOA_FPT_API_KEY" in no_key.err
    monkeypatch.setenv("LOA_SECRET_KEY", planned("channel", "new-key").out.strip())
    stored = planned("channel", "token", "fpt", stdin=fpt.key + "\n")
    assert stored.code == 0 and stored.out.startswith("stored the fpt voice key of phu-khuong"), stored
    result = planned("speak", "--text", TEXT, "-o", str(tmp_path / "a.mp3"))
    assert result.code == 0 and "voice fpt banmai" in result.out, result
    assert fpt.syntheses()[-1].headers["api-key"] == fpt.key
    listed = {row["engine"]: row for row in json.loads(planned("voice", "list", "--no-check", "--format", "json").out)}
    assert listed["fpt"]["configured"]
    assert all(fpt.key.encode() not in path.read_bytes() for path in loa_home.rglob("*") if path.is_file())
    monkeypatch.setenv("LOA_SECRET_KEY", planned("channel", "new-key").out.strip())  # the key was replaced
    wrong = planned("speak", "--text", "Một câu khác", "-o", str(tmp_path / "b.mp3"))
    assert wrong.code == 1 and "cannot be decrypted with LOA_SECRET_KEY" in wrong.err, wrong


@pytest.mark.parametrize("engine", ["viettel", "google", "piper"])
def test_loa_speak_renders_a_whole_clip_through_each_engine(cli: Cli, engine: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.media.speech.piper_model import build_voice

    monkeypatch.setenv("LOA_TTS_ENGINE", engine)
    variables = {"viettel": ("LOA_VIETTEL_TTS_URL", "LOA_VIETTEL_TTS_TOKEN"),
                 "google": ("LOA_GOOGLE_TTS_URL", "LOA_GOOGLE_TTS_KEY")}
    out = tmp_path / "out.mp3"
    if engine == "piper":
        monkeypatch.setenv("LOA_PIPER_MODEL", str(build_voice(tmp_path)))
        result = cli("speak", "--text", TEXT, "-o", str(out))
    else:
        fake = FakeProvider(engine)
        with serve(fake) as url:
            monkeypatch.setenv(variables[engine][0], url)
            monkeypatch.setenv(variables[engine][1], fake.key)
            result = cli("speak", "--text", TEXT, "-o", str(out))
        assert len(fake.syntheses()) == 1
    assert result.code == 0 and f"voice {engine}" in result.out and "LUFS" in result.out, result
    assert out.stat().st_size > 1000 and not result.err
