"""A deterministic engine with no dependencies, for tests and dry runs.

It "speaks" a quiet tone whose length follows the text (about 14 characters a second, like
a person reading aloud) and whose pitch follows the ``pitch`` setting, so distinct voices
stay distinguishable in tests and timing code sees realistic durations.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping
from typing import Any

from ..errors import InputError
from ..models import Clip
from .base import Engine, VoiceInfo

SAMPLE_RATE = 22050  # the work rate (synth.WORK_RATE): no resampling
CHARS_PER_SECOND = 14.0


class SilentEngine(Engine):
    name = "silent"
    thread_safe = True

    @property
    def version(self) -> str:
        return "2"  # 2: made at 22.05 kHz

    def voices(self) -> list[VoiceInfo]:
        return [
            VoiceInfo(self.name, f"tone-{hz}", {"pitch": hz}, description=f"{hz} Hz tone")
            for hz in (110, 165, 220, 330)
        ]

    def validate(self, settings: Mapping[str, Any], where: str) -> None:
        pitch = settings.get("pitch", 220)
        if not isinstance(pitch, (int, float)) or not 20 <= pitch <= 2000:
            raise InputError(f"{where}: pitch must be a number of Hz from 20 to 2000.")

    def synthesize(self, text: str, settings: Mapping[str, Any]) -> Clip:
        hz = float(settings.get("pitch", 220))
        seconds = max(0.2, len(text.strip()) / CHARS_PER_SECOND)
        count = int(seconds * SAMPLE_RATE)
        # a soft tone with 10 ms ramps: audible in tests that measure level, never clicks
        period = [
            int(3000 * math.sin(2 * math.pi * hz * i / SAMPLE_RATE)) for i in range(SAMPLE_RATE)
        ]
        samples = (period * (count // SAMPLE_RATE + 1))[:count]
        ramp = min(int(0.01 * SAMPLE_RATE), count // 2)
        for i in range(ramp):
            samples[i] = samples[i] * i // ramp
            samples[count - 1 - i] = samples[count - 1 - i] * i // ramp
        return Clip(struct.pack(f"<{count}h", *samples), "s16le", SAMPLE_RATE)
