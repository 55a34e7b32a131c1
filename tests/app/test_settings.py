"""Settings: LOA_* variables in any case, values given in code first, and one clear line for a bad value."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.settings import LOCAL, Settings, SettingsError
from media.secret import Secret
from tests.conftest import PLAN, Result


def test_variables_are_read_in_any_case_and_typed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LOA_HOME", str(tmp_path))
    monkeypatch.setenv("loa_radio_retries", "5")
    monkeypatch.setenv("LOA_NOW", "2026-03-12T17:00")
    monkeypatch.setenv("LOA_FACEBOOK_TOKEN", "EAAG-secret")
    monkeypatch.setenv("LOA_ICECAST_PACE", "2.5")
    monkeypatch.setenv("LOA_NOT_A_SETTING", "ignored")
    settings = Settings()
    assert settings.home == tmp_path and settings.radio_retries == 5 and settings.icecast_pace == 2.5
    assert settings.now == datetime(2026, 3, 12, 17, 0, tzinfo=LOCAL)  # a time without a zone is local
    assert settings.clock() == settings.now
    assert isinstance(settings.facebook_token, Secret) and settings.facebook_token.get_secret_value() == "EAAG-secret"
    assert "EAAG" not in repr(settings) and "EAAG" not in str(settings.facebook_token)


def test_values_given_in_code_win_and_replace_checks_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOA_COMMUNE", "from-env")
    monkeypatch.delenv("LOA_NOW", raising=False)
    settings = Settings(commune="given", home="elsewhere")
    assert settings.commune == "given" and settings.home == Path("elsewhere") and settings.now is None
    later = settings.replace(now=datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
    assert later.now == datetime(2026, 3, 2, 8, 0, tzinfo=LOCAL) and later.commune == "given"
    assert settings.now is None  # a copy
    with pytest.raises(SettingsError, match="radio_retries=0 must be at least 1"):
        settings.replace(radio_retries=0)
    with pytest.raises(TypeError, match="no setting colour"):
        Settings(colour="red")


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("LOA_NOW", "hôm qua", "LOA_NOW='hôm qua' is not an ISO 8601 time, e.g. 2026-03-12T17:00+07:00"),
    ("LOA_ICECAST_PACE", "0", "LOA_ICECAST_PACE='0' must be greater than 0"),
    ("LOA_ICECAST_PACE", "nan", "LOA_ICECAST_PACE='nan' is not a number"),
    ("LOA_RADIO_RETRIES", "3.5", "LOA_RADIO_RETRIES='3.5' is not a whole number"),
    ("LOA_HTTP_TIMEOUT_S", "-1", "LOA_HTTP_TIMEOUT_S='-1' must be greater than 0"),
    ("LOA_TTS_ENGINE", "festival",
     "LOA_TTS_ENGINE='festival' is not one of auto, gtts, espeak, fpt, zalo, viettel, google, piper"),
    ("LOA_VIDEO_HEIGHT", "100000", "LOA_VIDEO_HEIGHT='100000' must be at most 2160"),
])
def test_a_bad_variable_is_one_line_and_changes_nothing(cli: Callable[..., Result], loa_home: Path,
                                                         monkeypatch: pytest.MonkeyPatch, variable: str, value: str,
                                                         says: str) -> None:
    monkeypatch.setenv(variable, value)
    for verb in (["article", "list"], ["init", "--plan", str(PLAN)]):
        result = cli(*verb)
        assert result.code == 1 and result.err == f"loa: error: {says}\n", result.err
    assert not (loa_home / "loa.db").exists()


def test_an_empty_variable_unsets_an_optional_setting_and_a_secret_is_never_shown(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOA_NOW", "")
    monkeypatch.setenv("LOA_ZALO_TOKEN", "zalo-secret")
    monkeypatch.setenv("LOA_RADIO_UPLOAD_TOKEN", "")
    settings = Settings()
    assert settings.now is None and not settings.radio_upload_token
    assert "zalo-secret" not in repr(settings)
    monkeypatch.setenv("LOA_RADIO_RETRIES", "")
    with pytest.raises(SettingsError, match="^LOA_RADIO_RETRIES cannot be empty$"):
        Settings()
