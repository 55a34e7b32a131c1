"""Loudness measured by Loa's one-pass K-weighting equals pyloudnorm's BS.1770 meter."""

import numpy as np
import pyloudnorm
import pytest

from media.radio.loudness import integrated_lufs


def _speechlike(rate: int, seconds: float) -> np.ndarray:
    rng = np.random.default_rng(7)
    t = np.arange(int(rate * seconds)) / rate
    syllables = (np.sin(2 * np.pi * 4 * t) > 0.2).astype(np.float32)  # on/off like syllables, with pauses
    voiced = 0.3 * np.sin(2 * np.pi * 160 * t) + 0.1 * np.sin(2 * np.pi * 2400 * t)
    return ((voiced + 0.05 * rng.standard_normal(t.size)) * syllables).astype(np.float32)


@pytest.mark.parametrize("rate", [16000, 22050, 44100])
def test_same_as_pyloudnorm(rate: int) -> None:
    pcm = _speechlike(rate, 12.3)
    reference = pyloudnorm.Meter(rate, block_size=0.4, overlap=0.0).integrated_loudness(pcm.astype(np.float64))
    assert integrated_lufs(pcm, rate) == pytest.approx(reference, abs=0.01)
    assert integrated_lufs(pcm * np.float32(0.5), rate) == pytest.approx(reference - 6.02, abs=0.02)


def test_silence_and_short_audio() -> None:
    assert integrated_lufs(np.zeros(44100, np.float32), 44100) == float("-inf")
    assert integrated_lufs(np.ones(100, np.float32), 44100) == float("-inf")


def test_k_weighting_equals_a_sample_by_sample_filter_in_any_pieces() -> None:
    from scipy.signal import sosfilt

    from media.radio.kweighting import BLOCK, KWeighting, biquad, k_weighted_chunks

    rate = 22050
    pcm = _speechlike(rate, 3.0)
    stages = [biquad(4.0, 1 / np.sqrt(2), 1500.0, rate, "high_shelf"), biquad(0.0, 0.5, 38.0, rate, "high_pass")]
    reference = sosfilt(np.array([np.concatenate(stage) for stage in stages]), pcm.astype(np.float64))
    whole = np.concatenate(list(k_weighted_chunks(pcm, rate)))
    pieces = np.concatenate(list(k_weighted_chunks(pcm, rate, chunk=BLOCK * 3)))
    assert len(whole) == len(pcm) and np.abs(whole - reference).max() < 1e-5
    assert np.abs(pieces - reference).max() < 1e-5
    as_int16 = np.concatenate(list(k_weighted_chunks((pcm * 32767).astype(np.int16), rate)))
    assert np.abs(as_int16 - reference).max() < 1e-3
    with pytest.raises(ValueError, match="whole blocks"):
        KWeighting(rate).process(pcm[: BLOCK + 1])


def test_loudness_of_int16_samples_equals_float() -> None:
    pcm = _speechlike(16000, 5.0)
    assert integrated_lufs((pcm * 32767).astype(np.int16), 16000) == pytest.approx(integrated_lufs(pcm, 16000),
                                                                                    abs=0.01)


def test_true_peak_sees_the_overshoot_between_samples() -> None:
    from scipy.signal import resample_poly

    from media.radio.loudness import true_peak_db

    rate = 16000
    t = np.arange(rate) / rate
    tone = (0.5 * np.sin(2 * np.pi * (rate / 4) * t + np.pi / 4)).astype(np.float32)  # samples miss the crests
    reference = 20 * np.log10(np.abs(resample_poly(tone.astype(np.float64), 4, 1)).max())
    assert 20 * np.log10(np.abs(tone).max()) < reference - 2.5
    assert true_peak_db(tone, rate) == pytest.approx(reference, abs=0.2)
    assert true_peak_db(tone, rate, chunk=1000) == true_peak_db(tone, rate)
    assert true_peak_db(np.zeros(10, np.float32), rate) == float("-inf")


def test_cuts_fall_in_pauses_near_the_middle() -> None:
    from media.radio.gain import Analysis, cut_at_pauses

    rate = 16000
    speech, pause = _speechlike(rate, 30.0), np.zeros(rate // 2, np.float32)
    pcm = np.concatenate([speech, pause, speech, pause, speech])
    analysis = Analysis.of(pcm, rate)
    [cut] = cut_at_pauses(analysis, 2)
    assert len(speech) < cut < len(speech) + len(pause) or 2 * len(speech) + len(pause) < cut
    assert not pcm[cut - rate // 10 : cut + rate // 10].any()
    assert cut_at_pauses(analysis, 1) == [] and cut_at_pauses(Analysis.of(speech, rate), 2) == []
