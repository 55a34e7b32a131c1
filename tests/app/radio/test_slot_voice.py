"""A radio slot with its own reader: the program's items are read again in the slot's voice."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.radio.helpers import DAY, Cli, approved, give_clip, run_pass
from tests.media.speech.providers import FakeProvider, serve


def test_a_slot_with_its_own_voice_airs_its_items_in_that_voice(radio: Callable[..., Cli], loa_home: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeProvider("zalo")
    with serve(fake) as url:
        monkeypatch.setenv("LOA_ZALO_TTS_URL", url)
        monkeypatch.setenv("LOA_ZALO_TTS_KEY", fake.key)
        monkeypatch.delenv("LOA_TTS_ENGINE")
        cli = radio(', voice: {engine: zalo, voice: "3", speed: 1.1, fallback: [espeak]}')
        tone = give_clip(loa_home, approved(cli, "Tin một"), 12)  # the commune's clip: a tone
        [line] = run_pass(monkeypatch, "16:05")
        assert "program built, 1 items" in line, line
        sent = [s.form() for s in fake.syntheses()]
        assert {s["speaker_id"] for s in sent} == {"3"} and {s["speed"] for s in sent} == {"1.1"}
        assert any("Tin một" in s["input"] for s in sent)
        manifest = json.loads(next((loa_home / "programs").rglob("manifest.json")).read_text(encoding="utf-8"))
        assert manifest["items"][0]["title"] == "Tin một" and tone.name not in json.dumps(manifest)
        calls = len(fake.syntheses())
        give_clip(loa_home, approved(cli, "Tin hai", unit="tt-hcc", author="hung"), 10, 660)
        assert "program built, 2 items" in run_pass(monkeypatch, "16:20")[0]
        assert len(fake.syntheses()) == calls + 2  # only the new item: the first one's pieces are cached
    assert DAY in line


def test_a_persons_recording_is_never_read_over_by_the_slots_voice(radio: Callable[..., Cli], loa_home: Path,
                                                                    tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.recordings import make_recording

    fake = FakeProvider("zalo")
    with serve(fake) as url:
        monkeypatch.setenv("LOA_ZALO_TTS_URL", url)
        monkeypatch.setenv("LOA_ZALO_TTS_KEY", fake.key)
        monkeypatch.delenv("LOA_TTS_ENGINE")
        cli = radio(', voice: {engine: zalo, voice: "3", fallback: [espeak]}')
        added = cli("article", "add", "--unit", "vhxh", "--author", "lan", "--title", "Lời chủ tịch", "--body",
                    "Ủy ban nhân dân phường thông báo.", "--channels", "radio")
        article = added.out.strip()
        assert cli("article", "recording", article, str(make_recording(tmp_path, "webm")), "--by", "lan").code == 0
        assert cli("article", "submit", article).code == 0
        assert cli("article", "approve", article, "--by", "ngan").code == 0
        [line] = run_pass(monkeypatch, "16:05")
        assert "program built, 1 items" in line, line
        assert fake.syntheses() == []  # nobody's voice read it again
        manifest = json.loads(next((loa_home / "programs").rglob("manifest.json")).read_text(encoding="utf-8"))
        [item] = manifest["items"]
        assert item["title"] == "Lời chủ tịch" and Path(item["path"]).parent == loa_home / "media"
