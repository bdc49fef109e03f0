"""A dry run: everything a render would do before synthesis, and what it would cost."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import ffmpeg
from .cache import ClipCache
from .engines import problem as engine_problem
from .errors import AudioscriptError, UsageError
from .extract import REVIEW_THRESHOLD
from .extract.calibration import pass_of
from .models import Utterance
from .pipeline import Loaded
from .preflight import preflight
from .render import PAUSE_SPEAKER, RenderOptions
from .templating import CHARS_PER_SECOND
from .voices import VoiceConfig

GTTS_CHUNK = 100
#: what each extraction pass decided, by the kind of line it made, for grouping the lines
#: to review
REVIEW_GROUPS = {
    ("runs", "quote"): "sentences carried on from a quote without a tag",
    ("runs", "narration"): "sentences read as narration after a quote",
    ("pronouns", "quote"): "'he said', 'she said' or a description resolved to a person",
    ("tags", "quote"): "tags resolved to a person",
    ("transcript", "quote"): "transcript turns",
    ("transcript", "narration"): "transcript turns read as the interviewer's",
    ("quoted", "quote"): "quotes with no tag in their paragraph",
    ("writer", "narration"): "sentences read as the writer's own words or paraphrase",
    ("stripped", "narration"): "sentences read as narration",
}


@dataclass(frozen=True)
class Report:
    lines: int
    speakers: dict[str, str]  # speaker -> "profile (engine)"
    estimated_seconds: float
    cached: int
    requests: dict[str, int]  # engine -> synthesis requests still to make
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    wrong_usage: bool = False  # an error is a wrong option value (exit 2), not a failure


def check(loaded: Loaded, config: VoiceConfig, options: RenderOptions, cache: ClipCache | None = None) -> Report:
    """Template rendered and script parsed already (``loaded``); now everything
    :func:`~audioscript.preflight.preflight` checks (options, metadata, media, casting), then
    engines and ffmpeg, and an estimate of the duration and the engine requests."""
    cache = cache or ClipCache()
    findings = preflight(loaded, config, options)
    errors = [str(exc) for exc in findings.errors]
    warnings = list(findings.warnings)
    usage = any(isinstance(exc, UsageError) for exc in findings.errors)
    plan_ = findings.plan
    if plan_ is None:
        return Report(len(loaded.script.cues), {}, 0.0, 0, {}, errors, warnings, usage)
    try:
        ffmpeg.ffmpeg_path()
    except AudioscriptError as exc:
        errors.append(str(exc))
    for name in sorted({v.engine for v in plan_.voices.values()}):
        reason = engine_problem(name)
        if reason:
            errors.append(f"engine {name}: {reason}")
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
    warnings += review_warnings(loaded.utterances)
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
    return Report(len(plan_.lines), speakers, seconds, cached, requests, errors, warnings, usage)


def review_warnings(utterances: Sequence[Utterance]) -> list[str]:
    """One warning for the lines the extractor is unsure of, grouped by what decided them
    (largest group first), each group with its first lines."""
    doubtful = [u for u in utterances if u.confidence < REVIEW_THRESHOLD]
    if not doubtful:
        return []
    groups: dict[str, list[int]] = {}
    for u in sorted(doubtful, key=lambda u: u.line):
        kind = "quote" if u.kind == "quote" else "narration"
        label = REVIEW_GROUPS.get((pass_of(u.why), kind), f"other {kind} lines")
        groups.setdefault(label, []).append(u.line)
    parts = []
    for label, lines in sorted(groups.items(), key=lambda item: -len(item[1])):
        shown = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
        parts.append(f"{len(lines)} {label} (line{'s' if len(lines) > 1 else ''} {shown})")
    return [
        f"{len(doubtful)} line(s) may have the wrong speaker (under {REVIEW_THRESHOLD:.0%} sure): "
        + "; ".join(parts)
        + ". Check them with `audioscript extract --review`, worst first."
    ]
