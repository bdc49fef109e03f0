"""The timeline: clips, pauses by context, directives, intro, outro and music beds placed in time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import ffmpeg
from ..errors import InputError, UsageError
from ..models import (
    Chapter,
    ChapterMark,
    Directive,
)
from ..script import pause_ms
from ..synth import WORK_RATE
from .plan import (
    MUSIC_DUCK_DB,
    MUSIC_VOLUME_DB,
    PAUSE_CHAPTER,
    PAUSE_SENTENCE,
    PAUSE_SPEAKER,
    Line,
    Plan,
    RenderOptions,
    resolve_media,
)

# --- timeline -------------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """Something on the timeline: a clip (by key), silence, or decoded media."""

    start: int  # samples at WORK_RATE
    length: int
    line: Line | None = None
    media: Path | None = None
    gain: float = 1.0


@dataclass(frozen=True)
class Bed:
    """A music bed from ``start`` to ``end`` samples."""

    media: Path
    start: int
    end: int
    volume_db: float = MUSIC_VOLUME_DB
    duck_db: float = MUSIC_DUCK_DB


def _ms(samples: int) -> int:
    return round(samples * 1000 / WORK_RATE)


def _samples(ms: float) -> int:
    return round(ms * WORK_RATE / 1000)


def _media_pcm(path: Path) -> np.ndarray:
    data = ffmpeg.run(
        ["-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(WORK_RATE), "pipe:1"],
        what=f"decoding {path.name}",
    )
    return np.frombuffer(data, dtype="<i2")


def _options_of(args: Sequence[str], where: str) -> dict[str, float]:
    found = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        if not sep or key not in ("volume", "duck"):
            raise InputError(f"{where}: unknown option {arg!r}; use volume=-20dB or duck=-14dB.")
        try:
            decibels = float(value.lower().removesuffix("db"))
        except ValueError:
            raise InputError(f"{where}: {key} takes decibels, e.g. {key}=-20dB.") from None
        if not -60 <= decibels <= 0:
            raise InputError(f"{where}: {key}={value} must be between -60dB and 0dB.")
        found[f"{key}_db"] = decibels
    return found


def layout(
    plan_: Plan, lengths: Mapping[str, int], options: RenderOptions
) -> tuple[list[Placed], list[Bed], list[ChapterMark]]:
    """Place clips, pauses and media; pauses depend on context unless a directive sets one."""
    placed: list[Placed] = []
    beds: list[Bed] = []
    open_bed: tuple[Path, int, dict[str, float]] | None = None
    chapters: list[tuple[str, int]] = []
    cursor = 0
    previous: Line | None = None
    pending_pause: int | None = None  # set by [pause]
    chapter_break = False
    first_line_start = -1
    script = plan_.script

    def insert_media(path: Path) -> None:
        nonlocal cursor
        length = len(_media_pcm(path))
        placed.append(Placed(cursor, length, media=path))
        cursor += length

    if options.music:
        open_bed = (_media_file(options.music, "--music"), 0, {})
    if options.intro:
        insert_media(_media_file(options.intro, "--intro"))
        pending_pause = PAUSE_SPEAKER
    for item in plan_.items:
        if isinstance(item, Chapter):
            chapter_break = True
            chapters.append((item.title, -1))  # start fixed at the next line
            continue
        if isinstance(item, Directive):
            where = f"{script.path}:{item.line}"
            if item.name == "pause":
                pending_pause = (pending_pause or 0) + pause_ms(item, where)
            elif item.name == "sfx":
                _options_of(item.args[1:], where)
                cursor += _samples(pending_pause if pending_pause is not None else 200)
                pending_pause = 200
                insert_media(resolve_media(item.args[0], script, options.allow_outside, where))
            elif item.name == "music":
                if pending_pause:  # a pause written before the directive plays under it
                    cursor += _samples(pending_pause)
                    pending_pause = 0
                if open_bed:
                    beds.append(Bed(open_bed[0], open_bed[1], cursor, **open_bed[2]))
                    open_bed = None
                if item.args[0].lower() not in ("stop", "off"):
                    path = resolve_media(item.args[0], script, options.allow_outside, where)
                    open_bed = (path, cursor, _options_of(item.args[1:], where))
            continue
        line: Line = item
        if previous is not None or placed:
            if pending_pause is not None:
                gap = pending_pause
            elif chapter_break:
                gap = PAUSE_CHAPTER
            elif previous is not None and previous.cue.speaker != line.cue.speaker:
                gap = PAUSE_SPEAKER
            else:
                gap = PAUSE_SENTENCE
            cursor += _samples(gap)
        if chapters and chapters[-1][1] < 0:
            chapters[-1] = (chapters[-1][0], cursor)
        if first_line_start < 0:
            first_line_start = cursor
        length = lengths[line.job.key]
        placed.append(Placed(cursor, length, line=line))
        cursor += length
        previous, pending_pause, chapter_break = line, None, False
    if options.outro:
        cursor += _samples(PAUSE_CHAPTER)
        insert_media(_media_file(options.outro, "--outro"))
    cursor += _samples(500)  # a breath of room at the end
    if open_bed:
        beds.append(Bed(open_bed[0], open_bed[1], cursor, **open_bed[2]))
    marks = []
    starts = [(title, start) for title, start in chapters if start >= 0]
    if starts and options.intro and starts[0][1] == first_line_start:
        starts[0] = (starts[0][0], 0)  # the intro belongs to the first chapter
    for i, (title, start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else cursor
        marks.append(ChapterMark(title, _ms(start), _ms(end)))
    placed.append(Placed(cursor, 0))  # end marker: total length
    return placed, beds, marks


def _media_file(path_text: str, flag: str) -> Path:
    path = Path(path_text)
    if not path.is_file():
        raise UsageError(f"{flag} {path_text}: no such file.")
    return path


