"""Voice profiles, casting files and automatic casting.

A voices file (TOML) holds ``[profiles.NAME]`` tables, a ``[cast]`` table mapping speaker
names or aliases to profile names (``NARRATOR`` for the narrator), and an optional
``[lexicon]`` of pronunciations. Files load in order and later ones win: the ``voices/``
folder of the current directory (or ``AUDIOSCRIPT_VOICES_DIR``), then each ``--voices FILE``.

Speakers nobody cast get a voice automatically: see :mod:`audioscript.casting`.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .models import Voice

PROFILE_KEYS = {
    "engine", "settings", "gain_db", "pitch_semitones", "tempo", "pan", "eq", "lexicon",
    "gender", "description",
}  # fmt: skip
RANGES = {
    "gain_db": (-30.0, 30.0),
    "pitch_semitones": (-12.0, 12.0),
    "tempo": (0.5, 2.0),
    "pan": (-1.0, 1.0),
}
EQ_KEYS = {"low_db", "mid_db", "high_db"}


@dataclass(frozen=True)
class VoiceConfig:
    """Profiles, casting and lexicon merged from every voices file."""

    profiles: Mapping[str, Voice] = field(default_factory=dict)
    cast: Mapping[str, str] = field(default_factory=dict)  # speaker or alias -> profile
    lexicon: Mapping[str, str] = field(default_factory=dict)
    files: tuple[str, ...] = ()


def voices_dir() -> Path:
    return Path(os.environ.get("AUDIOSCRIPT_VOICES_DIR", "voices")).expanduser()


def load_config(extra_files: Iterable[str | Path] = (), use_dir: bool = True) -> VoiceConfig:
    """Merge ``voices/*.toml`` (when ``use_dir``) and then ``extra_files``, in that order."""
    files: list[Path] = []
    folder = voices_dir()
    if use_dir and folder.is_dir():
        files.extend(sorted(folder.glob("*.toml")))
    for extra in extra_files:
        path = Path(extra)
        if not path.is_file():
            raise InputError(
                f"--voices {extra}: no such file. Point it at a voices TOML file "
                "(see voices/default.toml)."
            )
        files.append(path)
    config = VoiceConfig()
    for path in files:
        config = merge(config, parse_file(path))
    return config


def merge(base: VoiceConfig, top: VoiceConfig) -> VoiceConfig:
    return VoiceConfig(
        {**base.profiles, **top.profiles},
        {**base.cast, **top.cast},
        {**base.lexicon, **top.lexicon},
        base.files + top.files,
    )


def parse_file(path: Path) -> VoiceConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save it as UTF-8.") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}).") from None
    return parse_text(text, str(path))


def parse_text(text: str, where: str) -> VoiceConfig:
    """Parse and validate one voices file; errors name the file and key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{where}: invalid TOML ({exc}); fix the syntax there.") from None
    unknown = set(data) - {"profiles", "cast", "lexicon"}
    if unknown:
        raise InputError(
            f"{where}: unknown table(s) {', '.join(sorted(unknown))}; "
            "a voices file has [profiles.NAME], [cast] and [lexicon]."
        )
    profiles = {
        name: parse_profile(name, body, f"{where} [profiles.{name}]")
        for name, body in _table(data, "profiles", where).items()
    }
    cast = {}
    for speaker, profile in _table(data, "cast", where).items():
        if not isinstance(profile, str):
            raise InputError(f'{where} [cast] "{speaker}": give a profile name as a string.')
        cast[speaker] = profile
    lexicon = _lexicon(_table(data, "lexicon", where), f"{where} [lexicon]")
    config = VoiceConfig(profiles, cast, lexicon, (where,))
    return config


def _table(data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise InputError(f"{where}: [{key}] must be a table.")
    return value


def _lexicon(table: Mapping[str, Any], where: str) -> dict[str, str]:
    for word, said in table.items():
        if not isinstance(said, str) or not said.strip():
            raise InputError(f'{where} "{word}": give the pronunciation as a non-empty string.')
    return dict(table)


def parse_profile(name: str, body: Any, where: str) -> Voice:
    if not isinstance(body, dict):
        raise InputError(f"{where}: a profile must be a table.")
    unknown = set(body) - PROFILE_KEYS
    if unknown:
        raise InputError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
            f"allowed: {', '.join(sorted(PROFILE_KEYS))}."
        )
    engine = body.get("engine")
    if not isinstance(engine, str) or not engine:
        raise InputError(f'{where}: missing engine; add engine = "espeak" (or gtts, flite...).')
    settings = body.get("settings", {})
    if not isinstance(settings, dict):
        raise InputError(f"{where}: settings must be a table, e.g. settings = {{ voice = \"en-us\" }}.")
    numbers: dict[str, float] = {}
    for key, (low, high) in RANGES.items():
        value = body.get(key, 1.0 if key == "tempo" else 0.0)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(f"{where}: {key} must be a number from {low} to {high}.")
        if not low <= value <= high:
            raise InputError(f"{where}: {key} = {value} is out of range {low} to {high}.")
        numbers[key] = float(value)
    eq = body.get("eq", {})
    if not isinstance(eq, dict) or set(eq) - EQ_KEYS:
        raise InputError(f"{where}: eq takes {', '.join(sorted(EQ_KEYS))} (decibels, -12 to 12).")
    for key, value in eq.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or abs(value) > 12:
            raise InputError(f"{where}: eq.{key} must be a number of decibels from -12 to 12.")
    gender = body.get("gender")
    if gender not in (None, "female", "male"):
        raise InputError(f'{where}: gender must be "female" or "male".')
    return Voice(
        name=name,
        engine=engine,
        settings=dict(settings),
        gain_db=numbers["gain_db"],
        pitch_semitones=numbers["pitch_semitones"],
        tempo=numbers["tempo"],
        pan=numbers["pan"],
        eq={k: float(v) for k, v in eq.items()},
        lexicon=_lexicon(body.get("lexicon", {}), f"{where} lexicon"),
        gender=gender,
        description=str(body.get("description", "")),
        where=where,
    )


# --- pronunciation -----------------------------------------------------------------


def apply_lexicon(text: str, *lexicons: Mapping[str, str]) -> str:
    """Replace whole words by their pronunciation (later lexicons win)."""
    merged: dict[str, str] = {}
    for lexicon in lexicons:
        merged.update(lexicon)
    if not merged:
        return text
    words = sorted(merged, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    folded = {w.casefold(): said for w, said in merged.items()}
    return pattern.sub(lambda m: folded[m.group(0).casefold()], text)
