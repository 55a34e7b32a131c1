#!/bin/sh
# ffmpeg encoding a WAV alone, with the settings `loa speak` encodes with (64 kbit/s mono MP3 at 44.1 kHz):
#   sh benchmarks/scripts/encode_alone.sh FFMPEG IN.wav OUT.mp3
# `make bench` times it as a process against `loa speak` rendering the same audio. Not part of Loa: a yardstick.
exec "$1" -hide_banner -nostdin -loglevel error -y -i "$2" -c:a libmp3lame -b:a 64k -ac 1 -ar 44100 "$3"
