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


#: how far above the limiter's ceiling a clip's peak may be driven, in dB, for which the
#: energy the limiter removes is measured once per clip
DRIVES_DB = (0.0, 2.0, 4.0, 6.0, 9.0, 12.0, 16.0, 20.0)
LIMITER_MS = 10.0  # lookahead and release of the limiter


def k_weighted(samples: np.ndarray, rate: int) -> np.ndarray:
    """``samples`` (1-D) through the K-weighting filter, by FFT (numpy only).

    The filter's exact frequency response is applied to the zero-padded signal, which
    equals running the two biquads over it: the padding leaves room for the filter's tail.
    """
    n = samples.size
    # 100 ms of room for the filter's tail, rounded to half-seconds so that few FFT sizes
    # (and so few cached filter responses) serve every clip
    size = _fast_length(-(-(n + rate // 10) // (rate // 2)) * (rate // 2))
    return np.fft.irfft(np.fft.rfft(samples, size) * _k_response(size, rate), size)[:n]


def _fast_length(n: int) -> int:
    """The smallest even 2-3-5-smooth length >= ``n`` (FFTs are fastest there)."""
    best = 1 << max(1, (n - 1).bit_length())
    power5 = 1
    while power5 < best:
        power35 = power5
        while power35 < best:
            size = power35 * 2 * (1 << max(0, (-(-n // (power35 * 2)) - 1).bit_length()))
            best = min(best, size)
            power35 *= 3
        power5 *= 5
    return best


@lru_cache(maxsize=64)
def _k_response(size: int, rate: int) -> np.ndarray:
    """The K-weighting filter's frequency response on an ``size``-point rfft's bins."""
    z = np.exp(-2j * np.pi * np.arange(size // 2 + 1) / size)  # e^-jw
    response = np.ones(z.size, dtype=complex)
    for b0, b1, b2, a0, a1, a2 in _k_weighting(rate):
        response *= (b0 + b1 * z + b2 * z * z) / (a0 + a1 * z + a2 * z * z)
    return response


def running_max(values: np.ndarray, half: int) -> np.ndarray:
    """Maximum over ``[i - half, i + half]`` for every ``i``, edges repeated.

    By doubling: after k passes each entry is the maximum of the 2**k entries from it on, and
    two overlapping such spans cover any window (about log2(width) vector passes; an
    ``accumulate`` along short rows runs element by element and was ten times slower).
    """
    width = 2 * half + 1
    n = values.size
    level = np.concatenate(
        [np.full(half, values[0], values.dtype), values, np.full(half, values[-1], values.dtype)]
    )
    span = 1
    while span * 2 <= width:
        level = np.maximum(level[:-span], level[span:])
        span *= 2
    return np.maximum(level[:n], level[width - span : width - span + n])


def box_mean(values: np.ndarray, size: int) -> np.ndarray:
    """Mean over ``size`` samples around each sample (along the last axis), edges repeated."""
    left = size // 2
    n = values.shape[-1]
    padded = np.concatenate(
        [np.repeat(values[..., :1], left, -1), values, np.repeat(values[..., -1:], size - left, -1)],
        axis=-1,
    )
    sums = np.zeros((*values.shape[:-1], padded.shape[-1] + 1))
    np.cumsum(padded, axis=-1, dtype=np.float64, out=sums[..., 1:])
    return (sums[..., size : size + n] - sums[..., :n]) / size


@dataclass(frozen=True)
class ClipLevels:
    """What mastering needs to know of a clip, measured once."""

    steps: tuple[float, ...]  # K-weighted mean square per 100 ms step
    peak: float  # sample peak, 0..1
    #: energy kept by :func:`limit` when the peak is driven DRIVES_DB above the ceiling
    kept: tuple[float, ...] = ()

    def kept_at(self, drive_db: float) -> float:
        """Fraction of energy the limiter keeps at ``drive_db`` above the ceiling."""
        if drive_db <= 0 or not self.kept:
            return 1.0
        return float(np.interp(drive_db, DRIVES_DB, self.kept))


def _limiter_gain(peaks: np.ndarray, ceiling: float, half: int) -> np.ndarray:
    """Gain curve for a signal whose running maximum over +-``half`` samples is ``peaks``."""
    need = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
    # a box no wider than the maximum's window keeps every sample at or under its need
    return box_mean(need, half)


def limit(samples: np.ndarray, ceiling: float, rate: int) -> np.ndarray:
    """A look-ahead peak limiter: no sample above ``ceiling``, gain changes smoothed over
    :data:`LIMITER_MS` so they do not distort. Pure and deterministic (numpy)."""
    magnitude = np.abs(samples)
    if magnitude.size == 0 or float(magnitude.max()) <= ceiling:
        return samples
    half = max(1, int(rate * LIMITER_MS / 1000))
    gain = _limiter_gain(running_max(magnitude, half), ceiling, half)
    return samples * np.minimum(gain, 1.0)


def _kept_energy(samples: np.ndarray, rate: int, decimate: int = 16) -> tuple[float, ...]:
    """Energy :func:`limit` keeps at each of DRIVES_DB.

    Computed on blocks of ``decimate`` samples (block peaks, block energies), every drive
    level at once: the limiter's gain moves over milliseconds, so this loses little and is
    several times cheaper than running the limiter once per drive level. Against running
    the limiter on 80 espeak clips at 22.05 kHz: 16-sample blocks are within 0.04 dB
    (8-sample blocks 0.008 dB, at twice the cost; 32-sample blocks 0.11 dB).
    """
    if samples.size == 0:
        return tuple(1.0 for _ in DRIVES_DB)
    padded = np.zeros(-(-samples.size // decimate) * decimate)
    padded[: samples.size] = np.abs(samples)
    blocks = padded.reshape(-1, decimate)
    energy = np.einsum("ij,ij->i", blocks, blocks)
    block_peaks = blocks[:, 0].copy()  # column by column: reducing short rows is slow
    for column in range(1, decimate):
        np.maximum(block_peaks, blocks[:, column], out=block_peaks)
    total = float(energy.sum())
    peak = float(block_peaks.max())
    if peak == 0 or total == 0:
        return tuple(1.0 for _ in DRIVES_DB)
    half = max(1, int(rate * LIMITER_MS / 1000) // decimate)
    peaks = running_max(block_peaks, half) / peak
    drives = 10 ** (np.array(DRIVES_DB) / 20)
    gain = _limiter_gain(peaks[None, :] * drives[:, None], 1.0, half)  # one row per drive
    kept = np.einsum("ij,ij,j->i", gain, gain, energy) / total  # not BLAS: no threads
    return tuple(float(k) for k in kept)


def measure(pcm: bytes, rate: int) -> ClipLevels:
    """Measure s16le mono PCM: K-weighted energy per step, sample peak, limiter losses.

    Each 100 ms step's K-weighted energy comes from its own spectrum (Parseval): the filter's
    response is short next to a step, so this matches filtering the whole clip to within
    0.01 dB per step, at a tenth of the cost of one long FFT there and back.
    """
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0
    if samples.size == 0:
        return ClipLevels((), 0.0)
    step = int(rate * STEP_SECONDS)
    count = max(1, math.ceil(samples.size / step))
    padded = np.zeros(count * step)
    padded[: samples.size] = samples
    spectra = np.fft.rfft(padded.reshape(count, step), axis=1)
    power = spectra.real**2 + spectra.imag**2
    energy = np.einsum("ij,j->i", power, _k_power(step, rate))  # not BLAS: no threads
    return ClipLevels(
        tuple(float(e) for e in energy), float(np.abs(samples).max()), _kept_energy(samples, rate)
    )


@lru_cache(maxsize=8)
def _k_power(size: int, rate: int) -> np.ndarray:
    """Per-bin weights turning a ``size``-point frame's rfft power into its K-weighted mean
    square: the filter's power response, doubled for the bins that stand for two."""
    weights = np.abs(_k_response(size, rate)) ** 2 * 2.0
    weights[0] /= 2
    if size % 2 == 0:
        weights[-1] /= 2
    return weights / (size * size)


def integrated_float(samples: np.ndarray, rate: int, channels: int = 1) -> float:
    """Integrated loudness of interleaved float samples (full scale 1.0)."""
    frames = samples.reshape(-1, channels).astype(np.float64)
    step = int(rate * STEP_SECONDS)
    count = frames.shape[0] // step
    if count == 0:
        return -math.inf
    trimmed = frames[: count * step]
    weighted = np.stack([k_weighted(trimmed[:, c], rate) for c in range(channels)], axis=1)
    energy = (weighted.reshape(count, step, channels) ** 2).mean(axis=1).sum(axis=1)
    return integrated(energy)


def _to_lufs(mean_square: float) -> float:
    return -0.691 + 10 * math.log10(mean_square) if mean_square > 0 else -math.inf


def integrated(steps: np.ndarray) -> float:
    """Gated integrated loudness (LUFS) of a sequence of 100 ms step energies."""
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
