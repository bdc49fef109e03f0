"""Voice profiles, casting files and automatic casting.

A voices file (TOML) holds ``[profiles.NAME]`` tables, a ``[cast]`` table mapping speaker
names or aliases to profile names (``NARRATOR`` for the narrator), and an optional
``[lexicon]`` of pronunciations. Files load in order and later ones win: the ``voices/``
folder of the current directory (or ``AUDIOSCRIPT_VOICES_DIR``), then each ``--voices FILE``.

Speakers nobody cast get a voice automatically: deterministic (a speaker's voice depends
only on their name, gender and who else is in the episode, never on run order), gender
aware where the text shows gender, and distinct from the narrator and from each other.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import InputError
from .models import NARRATOR, Speaker, Voice

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
    return Path(os.environ.get("AUDIOSCRIPT_VOICES_DIR", "voices"))


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


# --- automatic casting ---------------------------------------------------------------

#: Distinct, intelligible espeak voices: (accent, variant, pitch, gender). Word error rate
#: of an offline recogniser on each (scripts/intelligibility.py; espeak's default en-us voice:
#: 56 %), and every pair told apart at least 95 % of the time (scripts/distinctness.py).
#: Only the US accent is intelligible in espeak; distinctness comes from variant and pitch.
ESPEAK_NARRATOR = ("en-us", "edward", 50, "male")  # 20.3 %, 105 Hz
ESPEAK_POOL = (
    ("en-us", "f5", 45, "female"),  # 30.1 %, 201 Hz
    ("en-us", "edward", 30, "male"),  # 20.1 %, 88 Hz
    ("en-us", "f2", 60, "female"),  # 35.8 %, 221 Hz
    ("en-us", "klatt4", 60, "male"),  # 32.1 %, 116 Hz
    ("en-us", "f5", 15, "female"),  # 31.3 %, 156 Hz
    ("en-us", "edward", 70, "male"),  # 24.6 %, 128 Hz
    ("en-us", "f2", 85, "female"),  # 38.1 %, 283 Hz
    ("en-us", "klatt4", 20, "male"),  # 30.1 %, 83 Hz
    ("en-us", "f5", 68, "female"),  # 33.1 %, 252 Hz
    ("en-us-nyc", "edward", 60, "male"),  # 37.3 %, 116 Hz
    ("en-us", "f2", 35, "female"),  # 37.3 %, 179 Hz
    ("en-us", "edward", 90, "male"),  # 27.6 %, 158 Hz
    ("en-us", "klatt4", 85, "male"),  # 35.3 %, 149 Hz
    ("en-us", "announcer", 60, "male"),  # 40.8 %, 78 Hz
)


def espeak_voice(accent: str, variant: str, pitch: int, gender: str, prefix: str) -> Voice:
    return Voice(
        name=f"{prefix}-{accent}-{variant}-{pitch}",
        engine="espeak",
        settings={"voice": accent, "variant": variant, "rate": 160, "pitch": pitch, "range": 60},
        gender=gender,
        description=f"espeak {accent}+{variant}, pitch {pitch}",
    )


def builtin_narrator(engine: str) -> Voice:
    """The narrator when no voices file names one."""
    if engine == "espeak":
        return espeak_voice(*ESPEAK_NARRATOR, prefix="narrator")
    pool = casting_pool(engine)
    return replace(pool[0], name="narrator")


def casting_pool(engine: str) -> list[Voice]:
    """Candidate voices for automatic casting, most distinct first."""
    if engine == "espeak":
        return [espeak_voice(*entry, prefix="auto") for entry in ESPEAK_POOL]
    from .engines import get_engine

    infos = get_engine(engine).voices()
    if not infos:
        return [Voice(name=f"auto-{engine}", engine=engine)]
    # one engine voice can serve several speakers, told apart by processing
    shifts = (0.0, -3.0, 3.0, -5.0, 5.0)
    pool = []
    for shift in shifts:
        for info in infos:
            pool.append(
                Voice(
                    name=f"auto-{engine}-{info.id}" + (f"{shift:+g}st" if shift else ""),
                    engine=engine,
                    settings=dict(info.settings),
                    pitch_semitones=shift,
                    gender=info.gender,
                    description=info.description or info.id,
                )
            )
    return pool


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def _lookup(cast: Mapping[str, str], speaker: Speaker) -> str | None:
    """The profile cast for a speaker: by full name, alias or surname (case-insensitive)."""
    folded = {key.casefold(): value for key, value in cast.items()}
    for name in (speaker.name, *speaker.aliases, speaker.name.split()[-1]):
        if name.casefold() in folded:
            return folded[name.casefold()]
    return None


def cast(
    speakers: Iterable[Speaker],
    config: VoiceConfig,
    engine: str = "espeak",
    force_engine: bool = False,
) -> dict[str, Voice]:
    """Map the narrator and every speaker to a voice.

    Cast speakers get their profile. The rest are assigned from the engine's pool: each
    speaker, in order of a hash of their name, takes the first free pool voice of their
    gender (or any voice when the text does not show a gender), starting from a position
    that also depends only on their name. So the same speakers always get the same voices,
    and adding a speaker moves nobody unless the newcomer takes a voice another wanted.
    With ``force_engine`` every voice, cast or not, uses ``engine``.
    """
    speakers = list(speakers)
    result: dict[str, Voice] = {}

    def profile(name: str, where: str) -> Voice:
        if name not in config.profiles:
            known = ", ".join(sorted(config.profiles)) or "none"
            raise InputError(
                f"{where}: no profile named {name!r} (profiles: {known}); "
                "add [profiles.{name}] to a voices file."
            )
        return config.profiles[name]

    narrator_profile = config.cast.get(NARRATOR)
    if narrator_profile:
        result[NARRATOR] = profile(narrator_profile, f"[cast] {NARRATOR}")
    elif "narrator" in config.profiles:
        result[NARRATOR] = config.profiles["narrator"]
    else:
        result[NARRATOR] = builtin_narrator(engine)
    if force_engine and result[NARRATOR].engine != engine:
        result[NARRATOR] = builtin_narrator(engine)

    uncast = []
    for speaker in speakers:
        chosen = _lookup(config.cast, speaker)
        if chosen and not (force_engine and profile(chosen, "").engine != engine):
            result[speaker.name] = profile(chosen, f'[cast] "{speaker.name}"')
        else:
            uncast.append(speaker)

    pool = casting_pool(engine)
    taken = {_signature(voice) for voice in result.values()}
    for speaker in sorted(uncast, key=lambda s: (_stable_hash(s.name), s.name)):
        ordered = _rotate(pool, _stable_hash(speaker.name))
        matching = [v for v in ordered if speaker.gender in (None, v.gender) or v.gender is None]
        choice = next((v for v in matching if _signature(v) not in taken), None)
        if choice is None:  # more speakers than distinct voices: reuse, least-used first
            choice = (matching or ordered)[0]
        taken.add(_signature(choice))
        result[speaker.name] = choice
    return result


def _rotate(pool: list[Voice], seed: int) -> list[Voice]:
    start = seed % len(pool)
    return pool[start:] + pool[:start]


def _signature(voice: Voice) -> tuple[Any, ...]:
    """What makes two voices sound the same (the profile name does not)."""
    return (
        voice.engine,
        tuple(sorted((k, str(v)) for k, v in voice.settings.items() if k not in ("rate",))),
        voice.pitch_semitones,
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
