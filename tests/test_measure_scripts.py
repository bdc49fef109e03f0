"""The measuring scripts' cores: word error rate, pitch tracking, telling speakers apart."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from audioscript.models import Voice
from audioscript.synth import make_job, produce

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"scripts_{name}", SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


intelligibility = load("intelligibility")
distinctness = load("distinctness")

LINES = (
    "I think the hardest part of the job is waiting for the phone to ring.",
    "My mother always said that you should finish what you start.",
    "You have to trust the people around you, or nothing works.",
    "There is a scene near the end that still makes me cry.",
    "We spent three weeks in a small town, and nobody knew who we were.",
    "It took us almost a year to find the right place to live.",
    "The money ran out before we had even finished the second half.",
    "Honestly, I was nervous on the first day, but the crew made it easy.",
)


# --- word error rate --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "hypothesis", "errors"),
    [
        ("a b c", "a b c", 0),
        ("a b c", "a x c", 1),  # substitution
        ("a b c", "a c", 1),  # deletion
        ("a b c", "a b b c", 1),  # insertion
        ("a b c", "", 3),
        ("", "a b", 2),
        ("the cat sat", "cat sat the", 2),
    ],
)
def test_word_errors_counts_the_fewest_edits(reference: str, hypothesis: str, errors: int) -> None:
    assert intelligibility.word_errors(reference.split(), hypothesis.split()) == errors


def test_word_error_rate_ignores_case_and_punctuation_but_keeps_contractions() -> None:
    wer = intelligibility.word_error_rate
    assert wer(["Honestly, I can’t say."], ["honestly i can't say"]) == 0.0
    assert wer(["I can't say."], ["i cant say"]) == pytest.approx(1 / 3)
    # totals over every sentence, not a mean of sentence rates
    assert wer(["one two three four", "five"], ["one two three four", "six"]) == 0.2
    assert wer(["a b"], ["x y z w"]) == 2.0  # insertions may push it past 100 %


# --- distinctness ------------------------------------------------------------------------


def espeak(accent: str, variant: str, pitch: int) -> Voice:
    settings = {"voice": accent, "variant": variant, "pitch": pitch, "range": 60}
    return Voice(name=f"{accent}+{variant}", engine="espeak", settings=settings)


def features(voice: Voice, lines: tuple[str, ...]) -> list[np.ndarray]:
    found = []
    for line in lines:
        clip = produce(make_job(line, voice, {}, "test"))
        vector = distinctness.segment_features(distinctness.pcm_samples(clip.pcm, clip.rate))
        assert vector is not None
        found.append(vector)
    return found


def test_pitch_tracker_finds_a_harmonic_tone() -> None:
    time = np.arange(distinctness.RATE) / distinctness.RATE
    tone = sum(np.sin(2 * np.pi * 150 * k * time) / k for k in range(1, 6))
    f0 = distinctness.pitch_track(0.3 * tone)
    assert np.nanmedian(f0) == pytest.approx(150, abs=1.5)
    noise = np.random.default_rng(1).normal(0, 0.3, distinctness.RATE)
    assert np.isnan(distinctness.pitch_track(noise)).mean() > 0.9


def test_two_different_voices_are_distinct_and_one_voice_under_two_names_is_not() -> None:
    woman = features(espeak("en-us", "f5", 55), LINES[:6])
    man = features(espeak("en-gb-scotland", "m3", 35), LINES[2:8])
    groups = {"Woman": np.array(woman), "Man": np.array(man)}
    [pair] = distinctness.compare(groups)
    assert pair.distinct and pair.accuracy == 1.0 and pair.separation > 3

    split = {"Woman A": np.array(woman[0::2]), "Woman B": np.array(woman[1::2]), **groups}
    pairs = {(p.first, p.second): p for p in distinctness.compare(split)}
    same = pairs[("Woman A", "Woman B")]
    assert not same.distinct and same.accuracy < distinctness.THRESHOLD
    assert pairs[("Man", "Woman A")].distinct


def test_distinctness_refuses_a_missing_or_foreign_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert distinctness.main([str(tmp_path / "episode.json")]) == 2
    assert "episode.mp3 beside it" in capsys.readouterr().err
    (tmp_path / "notes.json").write_text('{"title": "x"}')
    (tmp_path / "notes.mp3").write_bytes(b"")
    assert distinctness.main([str(tmp_path / "notes.json")]) == 2
    assert "is not a render manifest" in capsys.readouterr().err
