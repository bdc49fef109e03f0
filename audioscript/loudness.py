"""Loudness measurement (ITU-R BS.1770 / EBU R128) on our own PCM.

Each clip is measured once, when it enters the cache: its K-weighted energy in 100 ms
steps and its sample peak. The episode's integrated loudness is then computed from those
steps laid out on the episode timeline (pauses count as silence), so a re-render after an
edit never re-reads the whole episode to measure it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

STEP_SECONDS = 0.1  # gating blocks are 400 ms with 75 % overlap: four 100 ms steps
ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0


@lru_cache(maxsize=8)
def _k_weighting(rate: int) -> np.ndarray:
    """Second-order sections of the K-weighting filter for ``rate`` (BS.1770 design)."""
    # stage 1: high shelf (head effects)
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / rate)
    vh = 10 ** (gain_db / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = [
        (vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
        1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0,
    ]  # fmt: skip
    # stage 2: high pass (RLB)
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / rate)
    a0 = 1 + k / q + k * k
    highpass = [1.0, -2.0, 1.0, 1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
    return np.array([shelf, highpass])


@dataclass(frozen=True)
class ClipLevels:
    """What mastering needs to know of a clip, measured once."""

    steps: tuple[float, ...]  # K-weighted mean square per 100 ms step
    peak: float  # sample peak, 0..1


def measure(pcm: bytes, rate: int) -> ClipLevels:
    """Measure s16le mono PCM."""
    from scipy.signal import sosfilt

    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0
    if samples.size == 0:
        return ClipLevels((), 0.0)
    weighted = sosfilt(_k_weighting(rate), samples)
    step = int(rate * STEP_SECONDS)
    count = max(1, math.ceil(samples.size / step))
    padded = np.zeros(count * step)
    padded[: weighted.size] = weighted
    energy = (padded.reshape(count, step) ** 2).mean(axis=1)
    return ClipLevels(tuple(float(e) for e in energy), float(np.abs(samples).max()))


def _to_lufs(mean_square: float) -> float:
    return -0.691 + 10 * math.log10(mean_square) if mean_square > 0 else -math.inf


def integrated(steps: np.ndarray, gain: np.ndarray | None = None) -> float:
    """Gated integrated loudness (LUFS) of a sequence of 100 ms step energies."""
    if gain is not None:
        steps = steps * gain
    if steps.size < 4:
        steps = np.pad(steps, (0, 4 - steps.size))
    blocks = np.convolve(steps, np.ones(4) / 4, mode="valid")
    loud = blocks[blocks > 10 ** ((ABSOLUTE_GATE + 0.691) / 10)]
    if loud.size == 0:
        return -math.inf
    relative = _to_lufs(float(loud.mean())) + RELATIVE_GATE
    gated = loud[loud > 10 ** ((relative + 0.691) / 10)]
    return _to_lufs(float(gated.mean())) if gated.size else -math.inf


def clip_loudness(levels: ClipLevels) -> float:
    return integrated(np.array(levels.steps))


def db_to_gain(db: float) -> float:
    return float(10 ** (db / 20))
