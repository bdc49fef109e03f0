"""Render options, and the plan: every cue of a script with its voice and clip job."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import castbook
from ..casting import cast
from ..engines import get_engine
from ..errors import InputError, UsageError
from ..models import (
    NARRATOR,
    Chapter,
    Cue,
    Directive,
    Script,
    Speaker,
    Voice,
)
from ..names import gender_of_name
from ..pipeline import Loaded
from ..synth import WORK_RATE, Job, make_job
from ..voices import VoiceConfig

#: pauses by context, in milliseconds
PAUSE_SENTENCE = 350
PAUSE_SPEAKER = 700
PAUSE_CHAPTER = 1300
FADE_MS = 6
SPEECH_REFERENCE_LUFS = -20.0  # every voice is levelled to this before the master gain
TRUE_PEAK_LIMIT_DBFS = -2.0
MUSIC_VOLUME_DB = -20.0
MUSIC_DUCK_DB = -14.0
MUSIC_RAMP_MS = 250
SILENCE_BLOCK = 10 * WORK_RATE  # long pauses stream in blocks, never one huge array


@dataclass(frozen=True)
class RenderOptions:
    engine: str = "espeak"
    force_engine: bool = False
    fallback: str | None = None
    sample_rate: int = 44100
    channels: int = 1
    bitrate: str = "96k"
    workers: int | None = None
    target_lufs: float | None = None  # None: -16 stereo, -19 mono
    allow_outside: bool = False  # directive paths may leave the script's folder
    intro: str = ""
    outro: str = ""
    music: str = ""
    meta: Mapping[str, str] = field(default_factory=dict)
    format: str = ".mp3"  # the output's extension: see audioscript.outputs.FORMATS
    origins: Mapping[str, str] = field(
        default_factory=dict
    )  # meta key -> "--date", "ep.toml: date"
    voices_files: tuple[str, ...] = ()  # the voices files given (to warn about unused entries)
    recast: bool = False  # cast automatic voices afresh, not as the cast book remembers them

    @property
    def target(self) -> float:
        if self.target_lufs is not None:
            return self.target_lufs
        return -16.0 if self.channels == 2 else -19.0


@dataclass(frozen=True)
class Line:
    """A cue of the script with its voice and clip job."""

    index: int
    cue: Cue
    voice: Voice
    job: Job
    chapter: str


@dataclass(frozen=True)
class Plan:
    script: Script
    lines: tuple[Line, ...]
    voices: Mapping[str, Voice]
    items: tuple[Any, ...]  # Lines, Chapters and Directives in script order


def check_options(options: RenderOptions) -> None:
    from ..outputs import audio_format, check_sample_rate

    if options.channels not in (1, 2):
        raise UsageError("--channels must be 1 (mono) or 2 (stereo).")
    if not 8000 <= options.sample_rate <= 48000:
        raise UsageError("--sample-rate must be between 8000 and 48000 Hz (44100 is standard).")
    check_sample_rate(audio_format(Path("OUT" + options.format)), options.sample_rate)
    rate = options.bitrate.lower().rstrip("k")
    if not rate.isdigit() or not 32 <= int(rate) <= 320:
        raise UsageError("--bitrate must be like 64k, 96k or 128k (32k to 320k).")
    if options.target_lufs is not None and not -40 <= options.target_lufs <= -5:
        raise UsageError("--loudness must be between -40 and -5 LUFS (podcasts use -16).")


def plan(loaded: Loaded, config: VoiceConfig, options: RenderOptions) -> Plan:
    """Give every cue a voice and a clip job."""
    script = loaded.script
    speakers = [
        Speaker(
            name,
            loaded.genders.get(name) or gender_of_name(name),  # the text first, names last
            aliases=tuple(loaded.aliases.get(name, ())),
        )
        for name in script.speakers
        if name != NARRATOR
    ]
    remembered = {} if options.recast else castbook.remembered(options.engine)
    voices = cast(speakers, config, options.engine, options.force_engine, remembered)
    for name, voice in voices.items():
        get_engine(voice.engine).validate(
            voice.settings, voice.where or f"voice {voice.name!r} for {name}"
        )
    lines: list[Line] = []
    items: list[Any] = []
    chapter = ""
    for item in script.items:
        if isinstance(item, Chapter):
            chapter = item.title
            items.append(item)
        elif isinstance(item, Directive):
            items.append(item)
        elif isinstance(item, Cue):
            voice = voices.get(item.speaker) or voices[NARRATOR]
            label = f"{script.path}:{item.line} ({item.speaker})"
            job = make_job(item.text, voice, config.lexicon, label)
            line = Line(len(lines), item, voice, job, chapter)
            lines.append(line)
            items.append(line)
    return Plan(script, tuple(lines), voices, tuple(items))


def remember_cast(plan_: Plan) -> None:
    """Write the automatic voices of ``plan_`` into the cast book, for the next run."""
    by_engine: dict[str, dict[str, str]] = {}
    for name, voice in plan_.voices.items():
        if name != NARRATOR and voice.name.startswith("auto-"):
            by_engine.setdefault(voice.engine, {})[name] = voice.name
    for engine, voices in by_engine.items():
        castbook.remember(engine, voices)


def resolve_media(path_text: str, script: Script, allow_outside: bool, where: str) -> Path:
    """A directive's file, relative to the script's folder and confined to it."""
    base = Path(script.path).parent.resolve() if script.path else Path.cwd().resolve()
    target = (base / path_text).resolve()
    if not allow_outside and base != target and base not in target.parents:
        raise InputError(
            f"{where}: {path_text} is outside the script's folder {base}; move it there "
            "or pass --allow-outside."
        )
    if not target.is_file():
        raise InputError(f"{where}: {path_text} not found (looked in {base}).")
    return target
