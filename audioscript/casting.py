"""Automatic casting: a distinct voice for every speaker nobody cast by hand.

The rules, for every engine:

* **Deterministic.** A speaker's voice depends on their name, their gender and the voices
  already taken, never on run order or on the order speakers appear in.
* **Stable.** Speakers are served in the order of a hash of their name, and each takes the
  free voice it ranks highest (rendezvous hashing: the rank of a voice for a speaker is a
  hash of both). Speakers cast by hand keep their place in that order, so casting someone by
  hand moves nobody (unless another speaker's automatic voice is the one just cast). Hashing
  alone lets a newcomer take the very voice someone ranked first; the voices a speaker had
  before (``remembered``, kept by :mod:`audioscript.castbook` between runs) come back first,
  so with them adding a speaker moves nobody.
* **Gender aware** where the text shows a gender (pronouns, titles, first names).
* **Distinct.** No two speakers share a voice while free voices remain; Kokoro then makes
  more voices by blending two of a gender's voices, other engines by shifting pitch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from itertools import pairwise
from typing import Any

from .errors import InputError
from .models import NARRATOR, Speaker, Voice
from .voices import VoiceConfig

# --- espeak --------------------------------------------------------------------------

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


# --- kokoro --------------------------------------------------------------------------

KOKORO_NARRATOR = "af_heart"
#: Kokoro voices for automatic casting, in tiers. The first four of each gender are the four
#: clear voices (word error rate at most 7.5 %, one British voice each) whose closest pair,
#: the narrator af_heart included, is farthest apart (scripts/distinctness.py --voices-of
#: kokoro: 8.8 for the women, 11.3 for the men, where two labels on one voice score under
#: 1); the first seven likewise (7.4 and 8.3). Left out of them: bf_isabella and bf_lily
#: (closest of all to the narrator), af_sky (close to af_nova), am_eric (close to
#: bm_george), and the least clear. See the README's voice table.
KOKORO_POOL = {
    "female": (
        "af_kore", "af_alloy", "bf_emma", "af_aoede", "af_nova", "af_jessica", "af_bella",
        "af_sarah", "af_sky", "af_river", "af_nicole", "bf_lily", "bf_isabella", "bf_alice",
        "af_heart",
    ),
    "male": (
        "am_fenrir", "am_echo", "bm_george", "am_onyx", "am_liam", "bm_daniel", "am_michael",
        "am_adam", "am_eric", "am_puck", "am_santa", "bm_lewis", "bm_fable",
    ),
}  # fmt: skip
#: tiers of each gender's list, tried in turn: the four farthest apart, then the rest of the
#: seven, then the rest of the voices (then blends of the seven)
KOKORO_TIERS = (4, 7)


def kokoro_voice(setting: str, gender: str | None) -> Voice:
    label = setting.replace(":", "-").replace(",", "+")
    return Voice(
        name=f"auto-kokoro-{label}",
        engine="kokoro",
        settings={"voice": setting},
        gender=gender,
        description=f"kokoro {setting}",
    )


def _kokoro_tiers(gender: str | None) -> list[list[Voice]]:
    """Candidate voices in tiers: the four farthest apart, the rest of the seven, the other
    voices, then even blends of two of the seven."""
    genders = [gender] if gender in KOKORO_POOL else ["female", "male"]
    bounds = (0, *KOKORO_TIERS, None)
    tiers: list[list[Voice]] = [[] for _ in range(len(bounds))]
    for g in genders:
        pool = KOKORO_POOL[g]
        for index, (start, end) in enumerate(pairwise(bounds)):
            tiers[index] += [kokoro_voice(v, g) for v in pool[start:end]]
        seven = pool[: KOKORO_TIERS[-1]]
        tiers[-1] += [
            kokoro_voice(f"{a}:50,{b}:50", g) for i, a in enumerate(seven) for b in seven[i + 1 :]
        ]
    return tiers


# --- any engine ----------------------------------------------------------------------


def builtin_narrator(engine: str) -> Voice:
    """The narrator when no voices file names one."""
    if engine == "espeak":
        return espeak_voice(*ESPEAK_NARRATOR, prefix="narrator")
    if engine == "kokoro":
        return replace(kokoro_voice(KOKORO_NARRATOR, "female"), name="narrator-kokoro")
    pool = casting_pool(engine)
    return replace(pool[0], name="narrator")


def casting_pool(engine: str) -> list[Voice]:
    """Candidate voices for automatic casting, most distinct first."""
    if engine == "espeak":
        return [espeak_voice(*entry, prefix="auto") for entry in ESPEAK_POOL]
    if engine == "kokoro":
        return [voice for tier in _kokoro_tiers(None)[:-1] for voice in tier]
    from .engines import get_engine

    infos = get_engine(engine).voices()
    if not infos:
        return [Voice(name=f"auto-{engine}", engine=engine)]
    # one engine voice can serve several speakers, told apart by processing; Piper voices
    # break down below their own pitch or more than about 4 semitones above it
    shifts = (0.0, 2.0, 4.0) if engine == "piper" else (0.0, -3.0, 3.0, -5.0, 5.0)
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


def _tiers(engine: str, gender: str | None) -> list[list[Voice]]:
    """A speaker's candidate voices, in tiers tried in order."""
    if engine == "kokoro":
        return _kokoro_tiers(gender)
    pool = casting_pool(engine)
    matching = [v for v in pool if gender is None or v.gender in (None, gender)]
    return [matching or pool]


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def cast_profile(cast: Mapping[str, str], speaker: Speaker) -> str | None:
    """The profile cast for a speaker: by full name, alias or surname (case-insensitive)."""
    folded = {key.casefold(): value for key, value in cast.items()}
    for name in (speaker.name, *speaker.aliases, speaker.name.split()[-1]):
        if name.casefold() in folded:
            return folded[name.casefold()]
    return None


def _signature(voice: Voice) -> tuple[Any, ...]:
    """What makes two voices sound the same (the profile name does not)."""
    return (
        voice.engine,
        tuple(sorted((k, str(v)) for k, v in voice.settings.items() if k not in ("rate",))),
        voice.pitch_semitones,
    )


def _choose(speaker: Speaker, engine: str, taken: set[tuple[Any, ...]]) -> Voice:
    """The free voice this speaker ranks highest, tier by tier; if none is free, the one
    they rank highest among their first tier (shared, but still their gender)."""
    tiers = _tiers(engine, speaker.gender)
    for tier in tiers:
        ranked = sorted(tier, key=lambda v: _stable_hash(f"{speaker.name}\n{v.name}"))
        free = next((v for v in ranked if _signature(v) not in taken), None)
        if free is not None:
            return free
    return min(tiers[0], key=lambda v: _stable_hash(f"{speaker.name}\n{v.name}"))


def automatic_voices(engine: str) -> dict[str, Voice]:
    """Every voice automatic casting may give with ``engine``, by name."""
    if engine == "kokoro":
        found = [voice for g in KOKORO_POOL for tier in _kokoro_tiers(g) for voice in tier]
    else:
        found = casting_pool(engine)
    return {voice.name: voice for voice in found}


def _kept(
    speakers: list[Speaker],
    remembered: Mapping[str, str],
    engine: str,
    taken: set[tuple[Any, ...]],
) -> dict[str, Voice]:
    """The remembered voices speakers get back: each while it is still offered, fits their
    gender and is free (of the narrator, the voices cast by hand and anyone served before
    them in hash order who remembers the same one)."""
    if not remembered:
        return {}
    offered = automatic_voices(engine)
    kept: dict[str, Voice] = {}
    for speaker in sorted(speakers, key=lambda s: (_stable_hash(s.name), s.name)):
        voice = offered.get(remembered.get(speaker.name.casefold(), ""))
        if voice is None or _signature(voice) in taken:
            continue
        if speaker.gender and voice.gender not in (None, speaker.gender):
            continue  # the text now shows another gender
        kept[speaker.name] = voice
        taken.add(_signature(voice))
    return kept


def cast(
    speakers: Iterable[Speaker],
    config: VoiceConfig,
    engine: str = "espeak",
    force_engine: bool = False,
    remembered: Mapping[str, str] | None = None,
) -> dict[str, Voice]:
    """Map the narrator and every speaker to a voice: cast speakers get their profile, the
    rest a voice from ``engine`` (see the module's rules). With ``force_engine`` every voice,
    cast or not, uses ``engine``. ``remembered`` (folded speaker name -> automatic voice
    name, from :mod:`audioscript.castbook`): the voices speakers had before, which they get
    back while free, so that adding a speaker or casting one by hand moves nobody else."""
    speakers = list(speakers)
    result: dict[str, Voice] = {}

    def profile(name: str, where: str) -> Voice:
        if name not in config.profiles:
            known = ", ".join(sorted(config.profiles)) or "none"
            raise InputError(
                f"{where}: no profile named {name!r} (profiles: {known}); "
                f"add [profiles.{name}] to a voices file."
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

    by_hand: dict[str, Voice] = {}
    for speaker in speakers:
        chosen = cast_profile(config.cast, speaker)
        if chosen and not (force_engine and profile(chosen, "").engine != engine):
            by_hand[speaker.name] = profile(chosen, f'[cast] "{speaker.name}"')
    hand_voices = {_signature(v) for v in by_hand.values()}

    taken = {_signature(result[NARRATOR])}
    automatic = [speaker for speaker in speakers if speaker.name not in by_hand]
    kept = _kept(automatic, remembered or {}, engine, taken | hand_voices)
    taken |= {_signature(voice) for voice in kept.values()}
    # everyone else is served in hash order, hand-cast speakers included, so that casting
    # one by hand frees no voice that would pull another speaker over
    for speaker in sorted(speakers, key=lambda s: (_stable_hash(s.name), s.name)):
        if speaker.name in kept:
            result[speaker.name] = kept[speaker.name]
            continue
        choice = _choose(
            speaker, engine, taken | (hand_voices if speaker.name not in by_hand else set())
        )
        taken.add(_signature(choice))
        result[speaker.name] = by_hand.get(speaker.name, choice)
    return result
