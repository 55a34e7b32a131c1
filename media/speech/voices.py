"""What each voice provider offers: its voices and accents, how much text one request takes, its speeds.

Plain data, read by the engine plan (piece limits, checks), `loa voice list` and the desk.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Voice:
    id: str
    label: str  # Vietnamese, as a commune officer would say it


@dataclass(frozen=True)
class Provider:
    name: str
    title: str
    paid: bool  # billed by the character: counted, budgeted
    voices: tuple[Voice, ...]
    default_voice: str
    max_piece: int  # the most one request takes, in `measure` units
    measure: str = "chars"  # chars | bytes (UTF-8)
    min_piece: int = 1
    speeds: tuple[float, float] = (0.5, 2.0)  # the speed multipliers it can say (1.0 = its normal pace)
    key_setting: str = ""
    url_setting: str = ""
    any_voice: bool = False  # voices beyond the list are accepted (new names, or a model's speakers)

    def voice_ids(self) -> tuple[str, ...]:
        return tuple(voice.id for voice in self.voices)

    def size(self, text: str) -> int:
        return len(text.encode("utf-8")) if self.measure == "bytes" else len(text)


def _v(*pairs: str) -> tuple[Voice, ...]:
    return tuple(Voice(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2))


PROVIDERS: dict[str, Provider] = {p.name: p for p in (
    Provider("fpt", "FPT.AI", True, _v(
        "banmai", "nữ miền Bắc", "thuminh", "nữ miền Bắc", "leminh", "nam miền Bắc",
        "myan", "nữ miền Trung", "ngoclam", "nữ miền Trung", "giahuy", "nam miền Trung",
        "lannhi", "nữ miền Nam", "linhsan", "nữ miền Nam", "minhquang", "nam miền Nam"),
        "banmai", 5000, min_piece=3, speeds=(0.7, 1.3), key_setting="LOA_FPT_API_KEY", url_setting="LOA_FPT_TTS_URL"),
    Provider("zalo", "Zalo AI", True, _v(
        "1", "nữ miền Nam", "2", "nữ miền Bắc", "3", "nam miền Nam", "4", "nam miền Bắc"),
        "2", 2000, speeds=(0.8, 1.2), key_setting="LOA_ZALO_TTS_KEY", url_setting="LOA_ZALO_TTS_URL"),
    Provider("viettel", "Viettel AI", True, _v(
        "hn-quynhanh", "nữ miền Bắc", "hn-phuongtrang", "nữ miền Bắc", "hn-thaochi", "nữ miền Bắc",
        "hn-thanhha", "nữ miền Bắc", "hn-namkhanh", "nam miền Bắc", "hn-thanhtung", "nam miền Bắc",
        "hue-maingoc", "nữ miền Trung", "hue-baoquoc", "nam miền Trung",
        "hcm-diemmy", "nữ miền Nam", "hcm-phuongly", "nữ miền Nam", "hcm-thuydung", "nữ miền Nam",
        "hcm-minhquan", "nam miền Nam"),
        "hn-quynhanh", 2000, speeds=(0.7, 1.3), key_setting="LOA_VIETTEL_TTS_TOKEN",
        url_setting="LOA_VIETTEL_TTS_URL", any_voice=True),
    Provider("google", "Google Cloud Text-to-Speech", True, _v(
        "vi-VN-Standard-A", "nữ (giọng Bắc)", "vi-VN-Standard-B", "nam (giọng Bắc)",
        "vi-VN-Standard-C", "nữ (giọng Bắc)", "vi-VN-Standard-D", "nam (giọng Bắc)",
        "vi-VN-Wavenet-A", "nữ (giọng Bắc)", "vi-VN-Wavenet-B", "nam (giọng Bắc)",
        "vi-VN-Wavenet-C", "nữ (giọng Bắc)", "vi-VN-Wavenet-D", "nam (giọng Bắc)",
        "vi-VN-Neural2-A", "nữ (giọng Bắc)", "vi-VN-Neural2-D", "nam (giọng Bắc)"),
        "vi-VN-Wavenet-A", 5000, measure="bytes", speeds=(0.25, 4.0), key_setting="LOA_GOOGLE_TTS_KEY",
        url_setting="LOA_GOOGLE_TTS_URL", any_voice=True),
    Provider("piper", "Piper (offline)", False, _v("0", "người đọc mặc định của tệp giọng"),
             "0", 400, speeds=(0.5, 2.0), key_setting="LOA_PIPER_MODEL", any_voice=True),
    Provider("espeak", "espeak-ng (offline)", False, _v(
        "vi", "giọng Bắc", "vi-vn-x-central", "giọng Trung", "vi-vn-x-south", "giọng Nam"),
        "vi", 100, speeds=(0.5, 2.0)),
    Provider("gtts", "Google Translate (gTTS)", False, _v("vi", "nữ (giọng Bắc)"), "vi", 100, speeds=(1.0, 1.0)),
)}

CLOUD = ("fpt", "zalo", "viettel", "google")
ENGINE_NAMES = ("auto", "gtts", "espeak", "fpt", "zalo", "viettel", "google", "piper")


def provider(name: str) -> Provider:
    try:
        return PROVIDERS[name]
    except KeyError:
        raise KeyError(f"unknown TTS engine {name!r}; use one of {', '.join(ENGINE_NAMES)}") from None
