"""Which voice read a clip, said the way the desk shows it beside *Nghe thử*."""

from __future__ import annotations

from media.speech.voices import PROVIDERS


def voice_label(engine: str, voice: str | None, speed: float | None = None) -> str:
    """'Zalo AI, giọng 4 (nam miền Bắc)'; the speed when it is not the normal pace."""
    info = PROVIDERS.get(engine)
    if info is None:
        return engine
    described = next((v.label for v in info.voices if v.id == voice), "")
    text = info.title + (f", giọng {voice}" if voice else "") + (f" ({described})" if described else "")
    if speed and abs(speed - 1.0) > 1e-9:
        text += f", tốc độ {speed:g}×"
    return text


def heard_line(engine: str | None, voice: str | None, speed: float | None, *, chosen: str,
               duration_s: float | None = None) -> str:
    """What the leader is told about the voice: who read the clip (and that it is the fallback), or who will."""
    if engine is None:
        return f"Chưa đọc; sẽ đọc bằng {voice_label(chosen, voice, speed)}."
    if engine == "recording":  # a person's reading (app.recordings): the voice is who read it
        length = f", {minutes_seconds(duration_s)}" if duration_s else ""
        return f"Bản thu âm giọng người đọc ({voice}{length}), phát thay cho giọng máy."
    line = f"Đọc bằng {voice_label(engine, voice, speed)}"
    if chosen not in (engine, "auto") or (chosen == "auto" and engine == "espeak"):
        line += f" — đọc bằng giọng dự phòng {engine}"
    return line + "."


def minutes_seconds(seconds: float) -> str:
    """'1 phút 05 giây', '42 giây'."""
    whole = round(seconds)
    return f"{whole // 60} phút {whole % 60:02d} giây" if whole >= 60 else f"{whole} giây"
