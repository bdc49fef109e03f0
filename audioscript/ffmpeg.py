"""Finding and running ffmpeg (never ffprobe, never through a shell).

ffmpeg comes from PATH when there is one, else from the ``imageio-ffmpeg`` wheel, or
from ``AUDIOSCRIPT_FFMPEG`` when set. Nothing is probed at import time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from functools import lru_cache

from .errors import AudioError


@lru_cache(maxsize=1)
def ffmpeg_path() -> str:
    """The ffmpeg binary to use, or an :class:`AudioError` saying how to get one."""
    explicit = os.environ.get("AUDIOSCRIPT_FFMPEG")
    if explicit:
        if not (os.path.isfile(explicit) and os.access(explicit, os.X_OK)):
            raise AudioError(
                f"AUDIOSCRIPT_FFMPEG={explicit} is not an executable file: fix or unset it."
            )
        return explicit
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except Exception as exc:  # the wheel raises RuntimeError when its binary is missing
        raise AudioError(
            "ffmpeg not found: pip install imageio-ffmpeg (or put ffmpeg on PATH)."
        ) from exc


def configure_pydub() -> None:
    """Point pydub at our ffmpeg: it would otherwise look on PATH only (and warn)."""
    import warnings

    with warnings.catch_warnings():  # pydub warns at import when ffmpeg is not on PATH
        warnings.simplefilter("ignore", RuntimeWarning)
        from pydub import AudioSegment

    AudioSegment.converter = ffmpeg_path()


def command(*args: str) -> list[str]:
    """An ffmpeg argument list: our binary, quiet, never reading the terminal."""
    return [ffmpeg_path(), "-hide_banner", "-nostdin", "-loglevel", "error", *args]


def run(args: Sequence[str], *, input: bytes | None = None, what: str = "processing audio") -> bytes:
    """Run ffmpeg with an argument list; return stdout or raise one clear error.

    ``what`` says what ffmpeg was doing ("decoding intro.mp3"), for the message."""
    cmd = command(*args)
    try:
        proc = subprocess.run(cmd, input=input, capture_output=True, check=False)
    except OSError as exc:
        raise AudioError(f"could not run ffmpeg ({exc}): reinstall imageio-ffmpeg.") from exc
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit {proc.returncode}"
        raise AudioError(
            f"ffmpeg failed {what}: {reason}; check that file, or point AUDIOSCRIPT_FFMPEG "
            "at a working ffmpeg."
        )
    return proc.stdout


def decode_to_pcm(
    data: bytes, fmt: str, sample_rate: int, filters: str = "", input_rate: int = 0
) -> bytes:
    """Decode any audio ffmpeg reads (raw s16le needs ``input_rate``) into s16le mono."""
    args = ["-f", fmt]
    if input_rate:
        args += ["-ar", str(input_rate), "-ac", "1"]
    args += ["-i", "pipe:0"]
    if filters:
        args += ["-af", filters]
    args += ["-f", "s16le", "-ac", "1", "-ar", str(sample_rate), "pipe:1"]
    return run(args, input=data, what=f"decoding {fmt} audio")
