"""The text-to-loudspeaker job as a web tutorial does it with pydub, for `make bench` to compare against.

    python benchmarks/scripts/pydub_tutorial.py TEXT_FILE INTRO.wav OUTRO.wav OUT.mp3

espeak-ng speaks the text into a WAV (the `espeak-ng` command when installed, else the same
libespeak-ng that Loa uses, from espeakng-loader); pydub strips the silence, normalizes, adds the
jingles and exports a 64 kbit/s MP3 at 44.1 kHz. Not part of Loa: a yardstick.
"""

import ctypes
import io
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import imageio_ffmpeg
from pydub import AudioSegment
from pydub.effects import normalize, strip_silence


def espeak_to_wav(text_file: Path, wav: Path) -> None:
    if shutil.which("espeak-ng"):
        subprocess.run(["espeak-ng", "-v", "vi", "-w", str(wav), "-f", str(text_file)], check=True)
        return
    import espeakng_loader  # the library behind the command: same voice data, no binary needed

    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    rate = lib.espeak_Initialize(2, 0, espeakng_loader.get_data_path().encode(), 0)  # synchronous
    lib.espeak_SetVoiceByName(b"vi")
    pieces = []
    callback_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)

    def collect(samples, count, _events):
        if count > 0:
            pieces.append(ctypes.string_at(samples, count * 2))
        return 0

    callback = callback_type(collect)
    lib.espeak_SetSynthCallback(callback)
    data = text_file.read_text(encoding="utf-8").encode() + b"\0"
    lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                                 ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
    lib.espeak_Synth(data, len(data), 0, 1, 0, 1, None, None)  # UTF-8 text, positions in characters
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(pieces))
    wav.write_bytes(buffer.getvalue())


def main(text_file: str, intro_file: str, outro_file: str, out_file: str) -> None:
    AudioSegment.converter = imageio_ffmpeg.get_ffmpeg_exe()  # no ffmpeg on PATH here
    with tempfile.TemporaryDirectory() as work:
        wav = Path(work) / "speech.wav"
        espeak_to_wav(Path(text_file), wav)
        speech = AudioSegment.from_wav(wav)
    speech = strip_silence(speech, silence_thresh=-45, padding=100)
    speech = normalize(speech)
    intro, outro = AudioSegment.from_wav(intro_file), AudioSegment.from_wav(outro_file)
    gap = AudioSegment.silent(duration=400, frame_rate=speech.frame_rate)
    program = intro + gap + speech + gap + outro
    program.export(out_file, format="mp3", bitrate="64k", parameters=["-ar", "44100"])


if __name__ == "__main__":
    main(*sys.argv[1:5])
