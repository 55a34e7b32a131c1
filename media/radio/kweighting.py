"""BS.1770 K-weighting in numpy alone: the two biquads of the loudness meter, run a block at a time.

The filter is the one pyloudnorm uses (a +4 dB high shelf at 1500 Hz, Q 1/√2, then a high pass at
38 Hz, Q 0.5; coefficients from the RBJ Audio EQ Cookbook, recomputed for every sample rate). scipy
is not needed: importing ``scipy.signal`` alone takes seconds, longer than mastering a clip.

An IIR filter is a recurrence, which numpy cannot run sample by sample at speed. Cut into blocks of
``BLOCK`` samples, it is two matrix products instead: inside a block, the output is the block times
the (lower-triangular) matrix of the impulse response, plus what the filter state at the block's start
rings into it; the four-number state at each block's start follows from the previous one by a linear
map, solved for all blocks at once by a doubling scan. The result equals a sample-by-sample filter to
float32 rounding (about 1e-7 of full scale), at a few milliseconds per minute of audio.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator

import numpy as np

BLOCK = 128
_NEGLIGIBLE = 1e-30  # far under float32's smallest step at full scale, far over its subnormal range
#: (gain dB, Q, corner Hz, kind) of the two stages
_STAGES = ((4.0, 1 / math.sqrt(2), 1500.0, "high_shelf"), (0.0, 0.5, 38.0, "high_pass"))


def biquad(gain_db: float, q: float, corner_hz: float, rate: int, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """(b, a) of one RBJ cookbook biquad, normalized so that a[0] == 1."""
    big_a = 10 ** (gain_db / 40)
    w0 = 2 * math.pi * corner_hz / rate
    cos, alpha = math.cos(w0), math.sin(w0) / (2 * q)
    if kind == "high_shelf":
        root = 2 * math.sqrt(big_a) * alpha
        b = [big_a * ((big_a + 1) + (big_a - 1) * cos + root), -2 * big_a * ((big_a - 1) + (big_a + 1) * cos),
             big_a * ((big_a + 1) + (big_a - 1) * cos - root)]
        a = [(big_a + 1) - (big_a - 1) * cos + root, 2 * ((big_a - 1) - (big_a + 1) * cos),
             (big_a + 1) - (big_a - 1) * cos - root]
    elif kind == "high_pass":
        b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
        a = [1 + alpha, -2 * cos, 1 - alpha]
    else:
        raise ValueError(f"unknown biquad kind {kind!r}")
    return np.array(b) / a[0], np.array(a) / a[0]


def _state_space(rate: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(A, B, C, D) of the two biquads in cascade (transposed direct form II, four states)."""
    parts = []
    for stage in _STAGES:
        b, a = biquad(*stage[:3], rate, stage[3])
        parts.append((np.array([[-a[1], 1.0], [-a[2], 0.0]]), np.array([b[1] - a[1] * b[0], b[2] - a[2] * b[0]]),
                      np.array([1.0, 0.0]), float(b[0])))
    (a1, b1, c1, d1), (a2, b2, c2, d2) = parts
    big_a = np.zeros((4, 4))
    big_a[:2, :2], big_a[2:, 2:], big_a[2:, :2] = a1, a2, np.outer(b2, c1)
    return big_a, np.concatenate([b1, b2 * d1]), np.concatenate([d2 * c1, c2]), d2 * d1


@functools.cache
def _block_matrices(rate: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per block: impulse matrix (input → output), state → output, input → next state, state → next state."""
    big_a, big_b, big_c, big_d = _state_space(rate)
    powers = [np.eye(4)]
    for _ in range(BLOCK):
        powers.append(powers[-1] @ big_a)
    response = np.array([big_d] + [big_c @ powers[i] @ big_b for i in range(BLOCK - 1)])
    impulse = np.zeros((BLOCK, BLOCK))
    for row in range(BLOCK):
        impulse[row, : row + 1] = response[row::-1]
    ring = np.array([big_c @ powers[i] for i in range(BLOCK)])  # output i from the state at the block start
    carry = np.array([powers[BLOCK - 1 - j] @ big_b for j in range(BLOCK)])  # input j into the next state
    return (impulse.T.astype(np.float32), ring.T.astype(np.float32), carry.astype(np.float32),
            powers[BLOCK].T.copy())


class KWeighting:
    """A K-weighting filter for one stream of mono audio at ``rate``; ``process`` carries the state over."""

    def __init__(self, rate: int) -> None:
        self.impulse, self.ring, self.carry, self.step = _block_matrices(rate)
        self.state = np.zeros(4)

    def process(self, pcm: np.ndarray) -> np.ndarray:
        """The K-weighted ``pcm`` (float32); its length must be a multiple of ``BLOCK``."""
        blocks = len(pcm) // BLOCK
        if blocks * BLOCK != len(pcm):
            raise ValueError(f"K-weighting takes whole blocks of {BLOCK} samples, got {len(pcm)}")
        if blocks == 0:
            return np.zeros(0, np.float32)
        inputs = np.asarray(pcm, dtype=np.float32).reshape(blocks, BLOCK)
        states = np.empty((blocks + 1, 4))
        states[0] = self.state
        states[1:] = inputs @ self.carry  # what each block alone leaves in the state
        power, shift = self.step, 1
        while shift <= blocks:  # doubling scan of state[k+1] = step(state[k]) + carry(block k)
            states[shift:] += states[:-shift] @ power
            power, shift = power @ power, shift * 2
            if np.abs(power).max() < _NEGLIGIBLE:  # older blocks no longer reach this far
                break
        # silence lets the state decay into subnormal numbers, which the CPU handles a hundred times slower
        states[np.abs(states) < _NEGLIGIBLE] = 0.0
        self.state = states[blocks]
        out: np.ndarray = inputs @ self.impulse
        out += states[:blocks].astype(np.float32) @ self.ring
        return out.ravel()


def k_weighted_chunks(pcm: np.ndarray, rate: int, chunk: int = BLOCK * 2048) -> Iterator[np.ndarray]:
    """The K-weighted signal of the whole of ``pcm`` (int16 or float), as float32 pieces of at most
    ``chunk`` samples in order (the last one zero-padded inside, then cut back): never a full copy."""
    scale = np.float32(1 / 32768) if pcm.dtype == np.int16 else np.float32(1)
    weighting = KWeighting(rate)
    for start in range(0, len(pcm), chunk):
        piece = pcm[start : start + chunk]
        whole = -(-len(piece) // BLOCK) * BLOCK
        padded = np.zeros(whole, np.float32)
        np.multiply(piece, scale, out=padded[: len(piece)], casting="unsafe")
        yield weighting.process(padded)[: len(piece)]
