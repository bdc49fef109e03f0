"""Auditions: one short WAV sample per voice, to choose voices by ear.

Samples are made exactly as a render makes speech (``make_job`` + ``produce`` through the
clip cache, so a sample costs nothing the second time) and levelled like a render levels
every voice, so they can be compared side by side. Each file is named after its voice and
written atomically.
"""

from __future__ import annotations

import io
import re
import unicodedata
import wave
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from . import loudness
from .atomic import atomic_path
from .cache import CachedClip, ClipCache
from .engines import get_engine
from .errors import UsageError
from .models import Voice
from .render import SPEECH_REFERENCE_LUFS, TRUE_PEAK_LIMIT_DBFS
from .synth import WORK_RATE, Progress, make_job, produce, synthesize
from .voices import VoiceConfig

DEFAULT_TEXT = (
    "Honestly, I never expected any of this. We made a small film with friends, "
    "and now people everywhere are talking about it."
)

#: espeak offers every accent with 100+ variants; an audition offers each accent with its
#: own voice and these: the clearest variants of each gender measured by
#: scripts/intelligibility.py (edward, klatt4, f5, f2 first) and a few contrasting ones
ESPEAK_VARIANTS = (
    None, "edward", "klatt4", "announcer", "michel", "m1", "m3", "m6", "f1", "f2", "f5",
)  # fmt: skip


def audition_voices(engine: str, config: VoiceConfig) -> list[Voice]:
    """Candidate voices for ``engine``: the config's profiles on it, then the engine's own.

    For espeak the engine's voices are its accents, each alone and with a few variants
    (:data:`ESPEAK_VARIANTS`), which keeps the list under a hundred.
    """
    found = [voice for voice in config.profiles.values() if voice.engine == engine]
    for info in get_engine(engine).voices():
        if engine == "espeak" and info.settings.get("variant") not in ESPEAK_VARIANTS:
            continue
        found.append(
            Voice(
                name=f"{engine}-{info.id}",
                engine=engine,
                settings=dict(info.settings),
                gender=info.gender,
                description=info.description or info.id,
            )
        )
    return found


def sample_name(voice: Voice) -> str:
    """A file name stem made of safe characters only (letters, digits, ``.``, ``_``, ``-``)."""
    ascii_name = unicodedata.normalize("NFKD", voice.name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-.")
    return stem or "voice"


def audition(
    voices: Sequence[Voice],
    text: str,
    out_dir: Path,
    *,
    lexicon: Mapping[str, str] | None = None,
    cache: ClipCache | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write ``out_dir/NAME.wav`` saying ``text`` for every voice; return the paths in order.

    Names that would collide get ``-2``, ``-3``... ``progress`` is called as synthesis
    advances, with (done, total, cache hits).
    """
    if not text.strip():
        raise UsageError("The audition text is empty: give some words to say (--text).")
    from .outputs import mark_audio

    cache = cache or ClipCache()
    jobs = [make_job(text, voice, lexicon or {}, f"audition ({voice.name})") for voice in voices]
    synthesize(jobs, cache, progress=progress)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = sample_paths(voices, out_dir)
    for voice, job, path in zip(voices, jobs, paths):
        clip = cache.get(job.key) or produce(job)  # a damaged entry is made again
        with atomic_path(path) as temp:
            temp.write_bytes(wav_bytes(levelled(clip, voice.gain_db), clip.rate))
            mark_audio(temp)  # signed, so the next audition may replace it
    return paths


def sample_paths(voices: Sequence[Voice], out_dir: Path) -> list[Path]:
    """``out_dir/NAME.wav`` for every voice; names that would collide get ``-2``, ``-3``..."""
    paths: list[Path] = []
    used: set[str] = set()
    for voice in voices:
        stem = sample_name(voice)
        name, number = stem, 1
        while name.casefold() in used:
            number += 1
            name = f"{stem}-{number}"
        used.add(name.casefold())
        paths.append(Path(out_dir) / f"{name}.wav")
    return paths


def levelled(clip: CachedClip, gain_db: float = 0.0) -> np.ndarray:
    """The clip at the speech level a render gives every voice, plus ``gain_db``, limited."""
    samples = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float64) / 32768.0
    measured = loudness.clip_loudness(clip.levels)
    change = SPEECH_REFERENCE_LUFS - measured if np.isfinite(measured) else 0.0
    samples = samples * loudness.db_to_gain(change + gain_db)
    return loudness.limit(samples, loudness.db_to_gain(TRUE_PEAK_LIMIT_DBFS), clip.rate)


def wav_bytes(samples: np.ndarray, rate: int = WORK_RATE) -> bytes:
    """Mono float samples (full scale 1.0) as a 16-bit PCM WAV file."""
    pcm = np.clip(np.round(samples * 32767), -32768, 32767).astype("<i2").tobytes()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(pcm)
    return buffer.getvalue()
