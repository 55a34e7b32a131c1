"""The languages of a commune's bulletins: ISO 639-3 codes with their Vietnamese names. Pure.

The plan lists the ones the commune uses (`languages: [vi, hmn]`); `vi` is always one of them. No speech engine
Loa drives reads any language but Vietnamese, so a version in any other language goes out as a person's
recording only.
"""

from __future__ import annotations

from schedules.errors import LanguageError

# the codes the seed plans and the issue name (tay, dao as the communes write them) and the standard ones beside
LANGUAGES = {
    "vi": "Tiếng Việt", "tha": "Thái", "blt": "Thái Đen", "twh": "Thái Trắng", "hmn": "H'Mông", "tay": "Tày",
    "tyz": "Tày", "nut": "Nùng", "ium": "Dao", "dao": "Dao", "mtq": "Mường", "khm": "Khmer", "rad": "Ê Đê",
    "jra": "Gia Rai", "bdq": "Ba Na", "cjm": "Chăm", "sed": "Xơ Đăng", "kpm": "Cơ Ho", "hre": "Hrê",
    "sti": "Xtiêng", "yue": "Hoa",
}
SPOKEN_BY_ENGINES = frozenset({"vi"})  # the languages a configured voice reads; the others need a recording


def language_name(code: str) -> str:
    """'H'Mông' for 'hmn'; the code itself when it is not in the catalogue."""
    return LANGUAGES.get(code, code)


def check_language(code: str, *, used: list[str] | None = None) -> str:
    """`code` when it is a known language (and one the plan uses, given `used`); ValueError naming the fix."""
    if code not in LANGUAGES:
        known = ", ".join(f"{c} ({n})" for c, n in LANGUAGES.items())
        raise LanguageError("language.unknown", language=code, known=known)
    if used is not None and code not in used:
        raise LanguageError("language.not_in_plan", language=code, name=language_name(code), used_en=used)
    return code


def needs_recording(code: str) -> bool:
    return code not in SPOKEN_BY_ENGINES
