"""Auditions: one levelled WAV per voice, made through the clip cache with real espeak."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from audioscript.audition import audition, audition_voices, sample_name
from audioscript.errors import UsageError
from audioscript.models import Voice
from audioscript.synth import WORK_RATE
from audioscript.voices import parse_text

TEXT = "We shot most of the film at night."


def espeak_voice(name: str, variant: str, pitch: int) -> Voice:
    settings = {"voice": "en-us", "variant": variant, "pitch": pitch}
    return Voice(name=name, engine="espeak", settings=settings)


def test_one_valid_wav_per_voice_named_after_it(tmp_path: Path) -> None:
    voices = [espeak_voice("Host one", "f5", 50), espeak_voice("guest/two", "m3", 35)]
    paths = audition(voices, TEXT, tmp_path / "samples")

    assert [p.name for p in paths] == ["Host-one.wav", "guest-two.wav"]
    durations = []
    for path in paths:
        with wave.open(str(path), "rb") as handle:
            assert (handle.getnchannels(), handle.getsampwidth()) == (1, 2)
            assert handle.getframerate() == WORK_RATE
            durations.append(handle.getnframes() / handle.getframerate())
    assert all(1.0 < seconds < 5.0 for seconds in durations)  # eight words
    assert sorted(p.name for p in (tmp_path / "samples").iterdir()) == sorted(
        p.name for p in paths
    )  # no temporary files left behind


def test_a_second_audition_comes_from_the_cache(tmp_path: Path) -> None:
    voices = [espeak_voice("a", "f2", 60)]
    audition(voices, TEXT, tmp_path)
    calls: list[tuple[int, int, int, float]] = []
    audition(voices, TEXT, tmp_path, progress=lambda *args: calls.append(args))
    assert calls[-1] == (1, 1, 1, 1.0)  # done, total, cache hits, share of the work done


def test_colliding_names_are_numbered(tmp_path: Path) -> None:
    voices = [espeak_voice("a b", "f5", 50), espeak_voice("a/b", "f5", 70)]
    paths = audition(voices, "Yes.", tmp_path)
    assert [p.name for p in paths] == ["a-b.wav", "a-b-2.wav"]


def test_empty_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--text"):
        audition([espeak_voice("a", "f5", 50)], "  ", tmp_path)


def test_sample_names_use_safe_characters_only() -> None:
    assert sample_name(espeak_voice("espeak-en-us+f5", "f5", 50)) == "espeak-en-us-f5"
    assert sample_name(espeak_voice("../../etc", "f5", 50)) == "etc"
    assert sample_name(espeak_voice("Zoë Kravitz", "f5", 50)) == "Zoe-Kravitz"
    assert sample_name(espeak_voice("???", "f5", 50)) == "voice"


def test_audition_voices_lists_profiles_then_a_curated_espeak_set() -> None:
    config = parse_text(
        """
        [profiles.host]
        engine = "espeak"
        settings = { voice = "en-gb-x-rp", variant = "m1" }
        [profiles.online]
        engine = "gtts"
        """,
        "test.toml",
    )
    voices = audition_voices("espeak", config)
    names = [v.name for v in voices]

    assert names[0] == "host" and "online" not in names
    assert len(voices) < 100
    f5 = voices[names.index("espeak-en-us+f5")]
    assert (dict(f5.settings), f5.gender) == ({"voice": "en-us", "variant": "f5"}, "female")
    assert dict(voices[names.index("espeak-en-us")].settings) == {"voice": "en-us"}
