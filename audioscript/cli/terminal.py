"""What the command draws on a terminal: progress bars, and playing a file."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click


def progress_bar(quiet: bool):  # type: ignore[no-untyped-def]
    """A progress callback drawing 'lines done, cache hits, time left' on a terminal."""
    if quiet or not sys.stderr.isatty():
        return None
    started: list[float] = []  # the clock starts with synthesis, not with casting

    def draw(done: int, total: int, hits: int, fraction: float = 0.0) -> None:
        started[:] = started or [time.monotonic()]
        elapsed = time.monotonic() - started[0]
        if done >= total:
            left = "done"
        elif fraction > 0.02:  # by characters synthesized: lines differ tenfold in length
            left = f"~{clock(elapsed * (1 - fraction) / fraction)} left"
        else:
            left = "estimating time left"
        draw_bar("Synthesizing", done, total, f"{done}/{total} lines, {hits} cached, {left}")

    return draw


def clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def encoding_bar(quiet: bool):  # type: ignore[no-untyped-def]
    """A callback drawing the encode's progress in minutes of audio on a terminal."""
    if quiet or not sys.stderr.isatty():
        return None

    def draw(done: float, total: float) -> None:
        draw_bar("Encoding", done, total, f"{clock(done)} of {clock(total)}")

    return draw


def draw_bar(stage: str, done: float, total: float, detail: str, width: int = 30) -> None:
    """One progress line, redrawn in place; it ends the line when the stage is done."""
    filled = int(width * done / total) if total else width
    bar = "#" * filled + "-" * (width - filled)
    click.echo(f"\r{stage:12} [{bar}] {detail} ", nl=done >= total, err=True)


PLAYERS: tuple[tuple[str, list[str]], ...] = (
    ("ffplay", ["-nodisp", "-autoexit", "-loglevel", "error"]),
    ("mpv", ["--no-video", "--really-quiet"]),
    ("afplay", []),
    ("paplay", []),
    ("mpg123", ["-q"]),
    ("play", ["-q"]),
    ("aplay", ["-q"]),
)


def play_file(path: Path) -> None:
    import shutil
    import subprocess

    for name, args in PLAYERS:
        if name in ("aplay", "paplay") and path.suffix.lower() != ".wav":
            continue
        if shutil.which(name):
            click.echo(f"Playing with {name}...", err=True)
            subprocess.run([name, *args, str(path)], check=False)
            return
    click.echo(
        "No audio player found (tried ffplay, mpv, afplay, paplay, mpg123, play, aplay); "
        f"open {path} yourself.",
        err=True,
    )


