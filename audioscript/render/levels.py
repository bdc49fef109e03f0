"""Levels: every voice matched to one speech level, the episode set to the loudness target."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from .. import loudness
from ..synth import WORK_RATE
from .plan import (
    SPEECH_REFERENCE_LUFS,
    TRUE_PEAK_LIMIT_DBFS,
)
from .timeline import Placed

# --- levels -----------------------------------------------------------------------------


def gains(
    placed: list[Placed], levels: Mapping[str, loudness.ClipLevels], target: float, channels: int = 1
) -> tuple[dict[str, float], float]:
    """Per-clip linear gains (voices levelled, episode at ``target``) and the predicted
    integrated loudness of the result.

    Stereo output carries each (constant-power panned) voice in both channels, whose
    energies BS.1770 adds: 3 dB louder than the same voice in mono.
    """
    by_speaker: dict[str, list[float]] = {}
    for item in placed:
        if item.line:
            by_speaker.setdefault(item.line.cue.speaker, []).extend(levels[item.line.job.key].steps)
    speaker_db = {}
    for speaker, steps in by_speaker.items():
        measured = loudness.integrated(np.array(steps))
        speaker_db[speaker] = 0.0 if math.isinf(measured) else SPEECH_REFERENCE_LUFS - measured
    clip_db: dict[str, float] = {}
    for item in placed:
        if item.line:
            clip_db[item.line.job.key] = speaker_db[item.line.cue.speaker] + item.line.voice.gain_db
    total = placed[-1].start if placed else 0
    step = int(WORK_RATE * loudness.STEP_SECONDS)
    ceiling = loudness.db_to_gain(TRUE_PEAK_LIMIT_DBFS)

    # what each placed clip contributes, worked out once for every trial master gain
    clips = [
        (item.start // step, np.array(levels[item.line.job.key].steps), levels[item.line.job.key],
         clip_db[item.line.job.key], _pan_peak(item.line.voice.pan, channels))
        for item in placed
        if item.line
    ]  # fmt: skip

    def loudness_at(master_db: float) -> float:
        """Integrated loudness of the episode with this master gain, limiter included."""
        timeline = np.zeros(total // step + 2)
        for first, steps, level, db, pan_peak in clips:
            gain = loudness.db_to_gain(db + master_db)
            peak = level.peak * gain * pan_peak
            drive = 20 * math.log10(peak / ceiling) if peak > 0 else 0.0
            energies = steps * (gain**2 * level.kept_at(drive))
            timeline[first : first + len(energies)] += energies[: len(timeline) - first]
        return loudness.integrated(timeline * channels)

    master = 0.0
    for _ in range(8):  # the limiter makes loudness sub-linear in gain: converge on it
        measured = loudness_at(master)
        if math.isinf(measured):
            return {key: loudness.db_to_gain(db) for key, db in clip_db.items()}, measured
        if abs(target - measured) < 0.05:
            break
        master += target - measured
    result = {key: loudness.db_to_gain(db + master) for key, db in clip_db.items()}
    return result, measured


def _pan_gains(pan: float) -> tuple[float, float]:
    """Constant-power pan law, scaled so the centre is unity in each channel."""
    angle = (pan + 1) * math.pi / 4
    return math.cos(angle) * math.sqrt(2), math.sin(angle) * math.sqrt(2)


def _pan_peak(pan: float, channels: int) -> float:
    return max(_pan_gains(pan)) if channels == 2 else 1.0


