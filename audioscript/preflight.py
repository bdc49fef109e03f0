"""Everything a render checks before any synthesis, for ``check`` and ``render`` alike.

A bad cover, date, sample rate, intro or voices file fails in a second, not after minutes
of synthesis, and the message names where the value came from: the flag, the episode
file and key, or the script's header line. Warnings point at what is probably a slip:
two spellings of one speaker, casting that matches nobody, a cast voice ``--engine``
replaces. Repeated warnings are grouped into one line with a count.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import export, ffmpeg
from .casting import cast_profile
from .errors import AudioscriptError, InputError
from .models import NARRATOR, Directive, Speaker
from .pipeline import Loaded
from .render import Plan, RenderOptions, check_options, plan, resolve_media
from .voices import VoiceConfig, load_config


@dataclass(frozen=True)
class Findings:
    """Problems that stop a render (``errors``, each an exception to raise) and warnings."""

    errors: list[AudioscriptError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    plan: Plan | None = None


def preflight(
    loaded: Loaded, config: VoiceConfig, options: RenderOptions, *, media: bool = True
) -> Findings:
    """Validate options, metadata, media files and casting; never synthesizes anything."""
    errors: list[AudioscriptError] = []
    notes: list[tuple[str, str]] = []  # (group, item): grouped by group when repeated
    try:
        check_options(options)
    except AudioscriptError as exc:
        errors.append(exc)
    meta = {**loaded.script.meta, **{k: v for k, v in options.meta.items() if v}}
    origins = options.origins
    if meta.get("date"):
        problem = export.date_problem(meta["date"])
        if problem:
            errors.append(InputError(f"{_label(origins, 'date')} {meta['date']!r} {problem}"))
    if meta.get("cover"):
        problem = export.cover_problem(Path(meta["cover"]))
        if problem:
            errors.append(InputError(f"{_label(origins, 'cover')} {meta['cover']}: {problem}"))
    if media:
        for flag, value in (
            ("--intro", options.intro),
            ("--outro", options.outro),
            ("--music", options.music),
        ):
            if value:
                problem = audio_problem(Path(value))
                if problem:
                    errors.append(InputError(f"{flag} {value}: {problem}"))
    try:
        plan_ = plan(loaded, config, options)
    except AudioscriptError as exc:
        errors.append(exc)
        return Findings(errors, _grouped(notes))
    for item in plan_.items:
        if isinstance(item, Directive) and item.name in ("music", "sfx"):
            if item.args[0].lower() in ("stop", "off"):
                continue
            where = f"{loaded.script.path}:{item.line}"
            try:
                path = resolve_media(item.args[0], loaded.script, options.allow_outside, where)
            except AudioscriptError as exc:
                errors.append(exc)
                continue
            problem = audio_problem(path) if media else None
            if problem:
                errors.append(InputError(f"{where}: {item.args[0]}: {problem}"))
    notes += similar_speakers(loaded.script.speakers)
    notes += unused_casting(loaded, options)
    notes += replaced_voices(loaded, config, options)
    notes += spelled_words(plan_, config)
    return Findings(errors, _grouped(notes), plan_)


def _label(origins: Mapping[str, str], key: str) -> str:
    """Where a value came from: ``--date``, ``ep.toml: date =``, ``s.txt: # date:``."""
    origin = origins.get(key, f"--{key}")
    if origin.startswith("--"):
        return origin
    if ": # " in origin:
        return f"{origin}:"
    return f"{origin} ="


def audio_problem(path: Path) -> str | None:
    """Why ffmpeg could not use ``path`` as audio, in the user's terms (None when it can)."""
    if not path.exists():
        return "no such file; check the path."
    if path.is_dir():
        return "is a folder; give an audio file."
    if path.stat().st_size == 0:
        return "is empty (0 bytes); give an audio file such as a WAV or MP3."
    ffmpeg.ffmpeg_path()  # a missing ffmpeg is reported as such, not blamed on the file
    try:
        data = ffmpeg.run(
            ["-t", "1", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", "8000", "pipe:1"],
            what=f"reading {path.name}",
        )
    except AudioscriptError:
        return "is not audio ffmpeg can read; give a WAV, MP3, OGG, M4A or FLAC file."
    if not data:
        return "has no audio in it; give a file with sound."
    return None


# --- warnings ---------------------------------------------------------------------------------


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (names are short)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def similar_speakers(speakers: list[str]) -> list[tuple[str, str]]:
    """Speaker names that differ only in case, accents or a letter or two: one person,
    probably, who would get two voices."""
    found = []
    for i, a in enumerate(speakers):
        for b in speakers[i + 1 :]:
            fa, fb = _fold(a), _fold(b)
            close = fa == fb or (
                min(len(fa), len(fb)) >= 5
                and _distance(fa, fb) <= (1 if min(len(fa), len(fb)) < 10 else 2)
            )
            if close:
                found.append(
                    (
                        "",
                        f"speakers {a!r} and {b!r} differ only in spelling or case; if they are one person, write the name one way (they get two voices).",
                    )
                )
    return found


def _matches(key: str, speakers: list[str]) -> bool:
    folded = key.casefold()
    return any(folded in (name.casefold(), name.split()[-1].casefold()) for name in speakers)


def unused_casting(loaded: Loaded, options: RenderOptions) -> list[tuple[str, str]]:
    """[cast] entries and profiles of the voices files given that match nobody here."""
    if not options.voices_files:
        return []
    try:
        given = load_config(options.voices_files, use_dir=False)
    except AudioscriptError:
        return []  # the full configuration was loaded already; its errors were reported
    speakers = [s for s in loaded.script.speakers if s != NARRATOR]
    known = set(speakers) | {a for name in speakers for a in loaded.aliases.get(name, ())}
    files = ", ".join(options.voices_files)
    notes = []
    for key in given.cast:
        if key.casefold() != NARRATOR.casefold() and not _matches(key, sorted(known)):
            notes.append((f"[cast] entries in {files} match no speaker of {loaded.source}", key))
    used = {
        profile
        for key, profile in given.cast.items()
        if key.casefold() == NARRATOR.casefold() or _matches(key, sorted(known))
    }
    for name in given.profiles:
        if name not in used and name != "narrator":
            notes.append((f"profiles in {files} are cast to no speaker of {loaded.source}", name))
    return notes


def replaced_voices(
    loaded: Loaded, config: VoiceConfig, options: RenderOptions
) -> list[tuple[str, str]]:
    """Speakers cast to a profile on another engine, which ``--engine`` (or ``--draft``) replaces."""
    if not options.force_engine or options.origins.get("engine") == "--draft":
        return []  # --draft is espeak for every voice by definition
    flag = options.origins.get("engine", f"--engine {options.engine}")
    notes = []
    for speaker in loaded.script.speakers:
        profile_name = cast_profile(config.cast, Speaker(speaker, aliases=tuple(loaded.aliases.get(speaker, ()))))
        profile = config.profiles.get(profile_name or "")
        if profile is not None and profile.engine != options.engine:
            notes.append(
                (
                    f"{flag} replaces the cast voice of",
                    f"{speaker} ({profile_name}, {profile.engine})",
                )
            )
    return notes


#: engines that read through espeak-ng's rules (piper with its own copy of them)
ESPEAK_READERS = {"espeak", "kokoro", "piper"}
_RESPELLING_PART = re.compile(r"[^\W\d_]+")
_NAME = re.compile(r"\b[^\W\d_][^\W\d_'’-]*[^\W\d_]\b")
_SPELLED_RESPELLINGS = (
    "espeak-ng reads part of these lexicon respellings letter by letter (respell that part "
    "to start as an English word can, or join it to the part before)"
)
_SPELLED_WORDS = (
    "espeak-ng reads these words letter by letter; give each a [lexicon] respelling in your "
    "voices file"
)


def spelled_words(plan_: Plan, config: VoiceConfig) -> list[tuple[str, str]]:
    """Words that espeak-ng would read letter by letter ("shtine": "ess aitch tine"), in the
    lexicon respellings (the voices files' and each voice's own) and in the script's unknown
    words, for the lines its engines say."""
    from .clean import zipf
    from .engines.espeak import spelled_letters

    def spelled(word: str) -> bool:
        try:
            return spelled_letters(word)
        except AudioscriptError:
            return False  # no espeak-ng here: its engines fail with their own message

    texts = []
    respelt: set[str] = set()
    used: dict[tuple[str, str], None] = {}  # (word, respelling) said by some line, in order
    for line in plan_.lines:
        if line.voice.engine not in ESPEAK_READERS:
            continue
        texts.append(line.cue.text)
        lexicon = {**config.lexicon, **line.voice.lexicon}
        respelt.update(lexicon)
        for word, respelling in lexicon.items():
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", line.cue.text):
                used[(word, respelling)] = None
    notes = []
    for word, respelling in used:
        parts = [part for part in _RESPELLING_PART.findall(respelling) if spelled(part)]
        if parts:
            shown = ", ".join(map(repr, parts))
            notes.append((_SPELLED_RESPELLINGS, f"{word} = {respelling!r} ({shown})"))
    unknown = {
        word for word in _NAME.findall(" ".join(texts))
        if word not in respelt and zipf(word) == 0 and any(ch.islower() for ch in word)
    }  # fmt: skip
    notes += [(_SPELLED_WORDS, word) for word in sorted(unknown) if spelled(word)]
    return notes


def _grouped(notes: list[tuple[str, str]]) -> list[str]:
    """One line per group: ``group: a, b and 3 more (5)``; ungrouped notes as they are."""
    groups: dict[str, list[str]] = {}
    lines: list[str] = []
    for group, item in notes:
        if not group:
            lines.append(item)
            continue
        if group not in groups:
            groups[group] = []
            lines.append(group)  # placeholder, in order of first appearance
        groups[group].append(item)
    result = []
    for line in lines:
        items = groups.get(line)
        if items is None:
            result.append(line)
            continue
        shown = ", ".join(items[:6]) + (f" and {len(items) - 6} more" if len(items) > 6 else "")
        result.append(f"{line}: {shown}" + (f" ({len(items)})" if len(items) > 1 else ""))
    return result
