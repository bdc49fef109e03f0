"""Kokoro's 28 English voices (style vectors shipped in ``audioscript/data/kokoro``) and blends.

A voice setting is one voice id (``af_heart``) or a blend, ``"af_heart:60,af_bella:40"``: the
weighted mean of the voices' style vectors, which sounds between them. Blends let an episode
have more people than voices and still tell them apart. The accent of a blend is the accent
of its heaviest voice.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from ...errors import InputError


@dataclass(frozen=True)
class KokoroVoice:
    id: str
    name: str
    gender: str  # "female" or "male"
    accent: str  # "us" or "gb"
    grade: str  # the voice authors' overall grade, A (best) to F


def _data(name: str) -> bytes:
    return (resources.files("audioscript") / "data" / "kokoro" / name).read_bytes()


@cache
def table() -> dict[str, KokoroVoice]:
    raw = json.loads(_data("voices.json"))
    return {
        key: KokoroVoice(key, v["name"], v["gender"], v["accent"], v.get("grade", ""))
        for key, v in sorted(raw.items())
    }


@cache
def _vectors() -> dict[str, np.ndarray]:
    import io

    with np.load(io.BytesIO(_data("voices.npz"))) as archive:
        return {name: archive[name].astype(np.float32) for name in archive.files}


def vector(voice_id: str) -> np.ndarray:
    """One voice's style vectors: 510 rows (one per input length) of 256 values."""
    return _vectors()[voice_id]


def parse_blend(setting: str, where: str) -> tuple[tuple[str, float], ...]:
    """``"af_heart:60,af_bella:40"`` -> ((af_heart, 0.6), (af_bella, 0.4)); errors name ``where``."""
    known = table()
    parts: list[tuple[str, float]] = []
    for piece in str(setting).split(","):
        name, _, weight_text = piece.strip().partition(":")
        name = name.strip()
        if name not in known:
            close = difflib.get_close_matches(name, known, n=3, cutoff=0.5) or sorted(known)[:6]
            raise InputError(
                f"{where}: Kokoro has no voice {name!r}. Try {', '.join(close)} "
                "(`audioscript voices --engine kokoro` lists all 28)."
            )
        try:
            weight = float(weight_text) if weight_text.strip() else 1.0
        except ValueError:
            raise InputError(
                f"{where}: blend weight {weight_text!r} of {name} is not a number; "
                'write voice = "af_heart:60,af_bella:40".'
            ) from None
        if weight <= 0:
            raise InputError(f"{where}: blend weight of {name} must be above 0.")
        parts.append((name, weight))
    total = sum(weight for _, weight in parts)
    return tuple((name, weight / total) for name, weight in parts)


@cache
def style(blend: tuple[tuple[str, float], ...]) -> np.ndarray:
    """The style vectors of a blend (a single voice is a blend of one); mixed once per
    process, not once per line."""
    mixed = np.zeros_like(vector(blend[0][0]))
    for name, weight in blend:
        mixed += weight * vector(name)
    return mixed


def accent(blend: tuple[tuple[str, float], ...]) -> str:
    heaviest = max(blend, key=lambda part: part[1])[0]
    return table()[heaviest].accent
