"""Streaming assembly: the episode as float blocks, one clip at a time, music beds mixed in."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

from .. import loudness
from ..cache import ClipCache
from ..errors import AudioError
from ..synth import WORK_RATE
from .levels import _pan_gains, _pan_peak
from .plan import (
    FADE_MS,
    MUSIC_RAMP_MS,
    SILENCE_BLOCK,
    TRUE_PEAK_LIMIT_DBFS,
)
from .timeline import Bed, Placed, _media_pcm, _samples

# --- streaming assembly ---------------------------------------------------------------


def _fade(samples: np.ndarray) -> np.ndarray:
    n = min(_samples(FADE_MS), samples.size // 2)
    if n:
        ramp = np.linspace(0.0, 1.0, n, dtype=np.float32)
        samples[:n] *= ramp
        samples[-n:] *= ramp[::-1]
    return samples


def _pan(mono: np.ndarray, pan: float) -> np.ndarray:
    """Constant-power pan of a mono block into interleaved stereo."""
    left, right = _pan_gains(pan)
    stereo = np.empty((mono.size, 2), dtype=np.float32)
    stereo[:, 0] = mono * left
    stereo[:, 1] = mono * right
    return stereo.reshape(-1)


def blocks(
    placed: list[Placed],
    beds: list[Bed],
    clip_gain: Mapping[str, float],
    cache: ClipCache,
    channels: int,
) -> Iterator[bytes]:
    """The episode as float32 blocks at WORK_RATE (full scale 1.0), in order.

    Float keeps peaks above full scale intact for the limiter in the encode, instead of
    clipping them here. Memory is one clip at a time.
    """
    bed_pcm: dict[Path, np.ndarray] = {}
    last_music_gain = 0.0
    cursor = 0
    for item in placed:
        pieces: list[tuple[int, np.ndarray | None, float, bool]] = []
        if item.start > cursor:
            pieces.append((cursor, None, 0.0, False))  # silence up to the item
        if item.length:
            if item.line:
                clip = cache.get(item.line.job.key, verify=False)  # synthesize() checked it
                if clip is None:
                    raise AudioError(
                        f"{item.line.job.label}: its clip vanished from the cache during the "
                        "render; run again."
                    )
                audio = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float32) * (1 / 32768)
                pan = item.line.voice.pan
                ceiling = loudness.db_to_gain(TRUE_PEAK_LIMIT_DBFS) / _pan_peak(pan, channels)
                audio = loudness.limit(audio * clip_gain[item.line.job.key], ceiling, WORK_RATE)
                pieces.append((item.start, _fade(audio.astype(np.float32)), pan, True))
            else:
                audio = _media_pcm(item.media).astype(np.float32) * (1 / 32768)  # type: ignore[arg-type]
                pieces.append((item.start, _fade(audio), 0.0, False))
        for start, sound, pan, speech in pieces:
            length = item.start - start if sound is None else sound.size
            if length <= 0:
                continue
            for offset in range(0, length, SILENCE_BLOCK if sound is None else length):
                size = min(length - offset, SILENCE_BLOCK) if sound is None else length
                block = np.zeros(size, dtype=np.float32) if sound is None else sound
                block, last_music_gain = _mix_beds(
                    block, start + offset, beds, bed_pcm, speech, last_music_gain
                )
                out = _pan(block, pan) if channels == 2 else block
                yield out.astype("<f4").tobytes()
            cursor = start + length


def _mix_beds(
    block: np.ndarray,
    start: int,
    beds: list[Bed],
    cache: dict[Path, np.ndarray],
    speech: bool,
    last_gain: float,
) -> tuple[np.ndarray, float]:
    for bed in beds:
        lo, hi = max(start, bed.start), min(start + block.size, bed.end)
        if lo >= hi:
            continue
        if bed.media not in cache:
            cache[bed.media] = _media_pcm(bed.media).astype(np.float32) * (1 / 32768)
        music = cache[bed.media]
        if music.size == 0:
            continue
        index = (np.arange(lo, hi) - bed.start) % music.size  # loop the bed
        gain = loudness.db_to_gain(bed.volume_db + (bed.duck_db if speech else 0.0))
        envelope = np.full(hi - lo, gain, dtype=np.float32)
        ramp = min(hi - lo, _samples(MUSIC_RAMP_MS))
        if ramp and last_gain != gain:
            envelope[:ramp] = np.linspace(last_gain or gain, gain, ramp)
        block = block.copy()
        block[lo - start : hi - start] += music[index] * envelope
        last_gain = gain
    return block, last_gain


