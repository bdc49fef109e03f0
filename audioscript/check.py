"""A dry run: everything a render would do before synthesis, and what it would cost."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import ffmpeg
from .cache import ClipCache
from .engines import problem as engine_problem
from .errors import AudioscriptError
from .extract import REVIEW_THRESHOLD
from .models import Directive
from .pipeline import Loaded
from .render import PAUSE_SPEAKER, RenderOptions, plan, resolve_media
from .templating import CHARS_PER_SECOND
from .voices import VoiceConfig

GTTS_CHUNK = 100


@dataclass(frozen=True)
class Report:
    lines: int
    speakers: dict[str, str]  # speaker -> "profile (engine)"
    estimated_seconds: float
    cached: int
    requests: dict[str, int]  # engine -> synthesis requests still to make
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check(loaded: Loaded, config: VoiceConfig, options: RenderOptions, cache: ClipCache | None = None) -> Report:
    """Template rendered and script parsed already (``loaded``); now cast, validate voices,
    check engines, ffmpeg and directive files, estimate duration and engine requests."""
    cache = cache or ClipCache()
    errors: list[str] = []
    warnings: list[str] = []
    try:
        plan_ = plan(loaded, config, options)
    except AudioscriptError as exc:
        return Report(len(loaded.script.cues), {}, 0.0, 0, {}, [str(exc)], [])
    try:
        ffmpeg.ffmpeg_path()
    except AudioscriptError as exc:
        errors.append(str(exc))
    for name in sorted({v.engine for v in plan_.voices.values()}):
        reason = engine_problem(name)
        if reason:
            errors.append(f"engine {name}: {reason}")
    for item in plan_.items:
        if isinstance(item, Directive) and item.name in ("music", "sfx"):
            if item.args[0].lower() in ("stop", "off"):
                continue
            where = f"{loaded.script.path}:{item.line}"
            try:
                resolve_media(item.args[0], loaded.script, options.allow_outside, where)
            except AudioscriptError as exc:
                errors.append(str(exc))
    voices_used: dict[tuple[str, ...], list[str]] = {}
    speakers = {}
    for name, voice in plan_.voices.items():
        if name in loaded.script.speakers:
            speakers[name] = f"{voice.name} ({voice.engine})"
            signature = (voice.engine, str(sorted(voice.settings.items())), str(voice.pitch_semitones))
            voices_used.setdefault(signature, []).append(name)
    for names in voices_used.values():
        if len(names) > 1:
            warnings.append(f"{' and '.join(names)} share a voice; cast one of them in a voices file.")
    for u in loaded.utterances:
        if u.kind == "quote" and u.confidence < REVIEW_THRESHOLD:
            warnings.append(f"line {u.line}: attribution to {u.speaker} is uncertain ({u.confidence:.2f}); check it with `audioscript extract --review`.")
    seconds = 0.0
    cached = 0
    requests: dict[str, int] = {}
    seen: set[str] = set()
    for line in plan_.lines:
        clip = cache.get(line.job.key) if line.job.key not in seen else None
        if clip is not None:
            cached += 1
            seconds += len(clip.pcm) / 2 / clip.rate
        else:
            seconds += len(line.cue.text) / CHARS_PER_SECOND
            if line.job.key not in seen:
                cost = math.ceil(len(line.job.text) / GTTS_CHUNK) if line.voice.engine == "gtts" else 1
                requests[line.voice.engine] = requests.get(line.voice.engine, 0) + cost
        seen.add(line.job.key)
        seconds += PAUSE_SPEAKER / 1000 * 0.7
    return Report(len(plan_.lines), speakers, seconds, cached, requests, errors, warnings)
