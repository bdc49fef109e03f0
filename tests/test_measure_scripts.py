"""The measuring scripts' cores: word error rate, pitch tracking, telling speakers apart."""

from __future__ import annotations

import importlib.util
import json
import re
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


# --- an engine's voices, a rendered episode ------------------------------------------------

EPISODE = """# title: Measure test
NARRATOR: Hello and welcome to the show.
Ana Lima: I never thought it would work, but it did.
NARRATOR: She spent three years with Kuosmanen.
Ben Cole: We shot most of it at night, in a small town.
Ana Lima: The money ran out before we had finished.
"""


def has_line(pattern: str, text: str) -> bool:
    """Whether a line of ``text`` starts with a match of ``pattern``."""
    return re.search(f"^(?:{pattern})", text, re.MULTILINE) is not None


def render_episode(tmp_path: Path) -> Path:
    """A five-line espeak episode rendered by the CLI; its manifest's path."""
    from click.testing import CliRunner

    from audioscript.cli import cli

    script = tmp_path / "episode.txt"
    script.write_text(EPISODE)
    out = tmp_path / "episode.mp3"
    args = ["render", str(script), "-o", str(out), "--engine", "espeak", "-q"]
    result = CliRunner(mix_stderr=False).invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    return out.with_suffix(".json")


def test_episode_mode_scores_every_segment_and_speaker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = render_episode(tmp_path)
    report = tmp_path / "wer.json"
    assert intelligibility.main(["--episode", str(manifest), "--json", str(report)]) == 0
    out = capsys.readouterr().out
    assert "5 of 5 segments measured, 40 words" in out
    assert has_line(r"WER overall \d+\.\d%, narrator \d+\.\d%$", out)
    # the one word the recogniser's dictionary lacks is added for the second figure
    assert has_line(r"knowing the 1 words its dictionary lacks: overall \d+\.\d%, "
                    r"narrator \d+\.\d% \(kuosmanen\)$", out)  # fmt: skip
    for speaker, segments, words in (("NARRATOR", 2, 12), ("Ana Lima", 2, 17), ("Ben Cole", 1, 11)):
        assert has_line(rf"{speaker} +{segments} +{words} +\d+\.\d% +\d+\.\d%  \S", out), speaker

    data = json.loads(report.read_text())
    placed = json.loads(manifest.read_text())["segments"]
    assert [(s["start_ms"], s["end_ms"]) for s in data["segments"]] == [
        (s["start_ms"], s["end_ms"]) for s in placed
    ]
    assert data["words"] == sum(row["words"] for row in data["speakers"]) == 40
    assert data["narrator"]["segments"] == 2
    assert data["wer"] < 0.8  # the cuts hold speech (exact figures vary with espeak)
    assert data["added_words"] == {"kuosmanen": "K Y UW AH Z M EY N AH N"}
    assert data["wer_with_words"] <= data["wer"] + 0.05
    assert all(isinstance(s["transcript_with_words"], str) for s in data["segments"])


def test_episode_mode_with_whisper_scores_against_display_or_spoken_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # where the model is joined
    manifest = render_episode(tmp_path)
    report = tmp_path / "whisper.json"
    args = ["--episode", str(manifest), "--recogniser", "whisper", "--json", str(report)]
    assert intelligibility.main(args) == 0
    out = capsys.readouterr().out
    assert "5 of 5 segments measured by Whisper base" in out
    assert has_line(r"WER overall \d+\.\d%, narrator \d+\.\d%$", out)
    data = json.loads(report.read_text())
    assert data["wer"] < 0.5  # espeak, understood (exact figures vary with espeak)
    assert {s["speaker"] for s in data["segments"]} == {"NARRATOR", "Ana Lima", "Ben Cole"}
    assert all(s["transcript"] for s in data["segments"])
    # the model is the two wheels' parts joined, once
    folder = next((tmp_path / "cache" / "audioscript-measure").glob("whisper-base-*"))
    assert (folder / "model.bin").stat().st_size == 145_217_532
    assert intelligibility.main(["--recogniser", "whisper"]) == 2
    assert "add --episode MANIFEST" in capsys.readouterr().err


def test_words_the_recogniser_lacks_are_found_and_written_in_its_phones() -> None:
    words = load("recogniser_words")
    known = frozenset({"now", "karren", "and", "the", "self", "tape", "don't"})
    texts = ["Now Karren Kara-goolian and the self-tape.", "Don't, Eydelshteyn; now 701."]
    assert words.missing_words(texts, known) == ["kara-goolian", "self-tape", "eydelshteyn", "701"]
    # espeak-ng's IPA in ARPAbet: diphthongs and affricates are one phone, stress and
    # length marks go, a consonant doubled across a joint is one
    assert words.arpabet("tʃˈɜːtʃ") == ["CH", "ER", "CH"]
    assert words.arpabet("ˈa^ɪdˈɛlʃtˌe^ɪn") == ["AY", "D", "EH", "L", "SH", "T", "EY", "N"]
    assert words.arpabet("kˈɑː^ɹɹəɡˈuːliən") == ["K", "AA", "R", "AH", "G", "UW", "L", "IY", "AH", "N"]
    assert words.arpabet("bˈʌʔn̩") == ["B", "AH", "T", "N"]
    assert words.pronunciations(["borisov"]) == {"borisov": "B AO R IH S AA V"}


def test_episode_mode_reads_spoken_text_first_and_refuses_a_foreign_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    segment = {"speaker": "NARRATOR", "start_ms": 0, "end_ms": 900, "voice": "v"}
    manifest = tmp_path / "m.json"
    manifest.write_text(json.dumps({"segments": [
        {**segment, "text": "In 1990.", "spoken": "In nineteen ninety."},
        {**segment, "index": 7, "text": "Older manifests have no spoken text."},
    ]}))  # fmt: skip
    first, second = intelligibility.episode_lines(manifest)
    assert (first.index, first.source, first.reference) == (0, "spoken", "In nineteen ninety.")
    assert (second.index, second.source) == (7, "text")

    (tmp_path / "notes.json").write_text('{"title": "x"}')
    (tmp_path / "notes.mp3").write_bytes(b"")
    assert intelligibility.main(["--episode", str(tmp_path / "notes.json")]) == 2
    assert "is not a render manifest" in capsys.readouterr().err
    assert intelligibility.main(["--episode", str(tmp_path / "m.json")]) == 2
    assert "m.mp3 beside it" in capsys.readouterr().err


def test_voice_options_name_the_fix(capsys: pytest.CaptureFixture[str]) -> None:
    assert intelligibility.main(["--only", "af_heart"]) == 2
    assert "add --engine NAME" in capsys.readouterr().err
    assert intelligibility.main(["--engine", "kokoro", "--only", "af_heart,af_nobody"]) == 2
    assert "kokoro has no voice af_nobody" in capsys.readouterr().err
    assert distinctness.main(["--voices-of", "kokoro", "--only", "af_heart"]) == 2
    assert "at least two voices" in capsys.readouterr().err
    assert distinctness.main(["--voices-of", "kokoro", "--sentences", "1"]) == 2
    assert "--sentences must be from 2" in capsys.readouterr().err


def test_engine_mode_measures_each_kokoro_voice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from audioscript.engines import status

    if not status("kokoro").available:
        pytest.skip(status("kokoro").reason)
    report = tmp_path / "wer.json"
    args = ["--engine", "kokoro", "--only", "af_heart,am_michael", "--sentences", "1"]
    assert intelligibility.main([*args, "--json", str(report)]) == 0
    out = capsys.readouterr().out
    assert has_line(r"af_heart +female +en-us +\d+\.\d% +\d+ Hz  Heart, American", out)
    assert has_line(r"am_michael +male +en-us +\d+\.\d% +\d+ Hz", out)
    assert has_line(r"median WER by accent: en-us \d+\.\d% \(2\), all \d+\.\d% \(2\)$", out)
    results = {e["name"]: e for e in json.loads(report.read_text())["results"]}
    assert results["af_heart"]["takes"] == results["am_michael"]["takes"] == 1
    assert results["af_heart"]["pitch_hz"] > results["am_michael"]["pitch_hz"] > 60


def test_voices_mode_finds_each_voice_its_nearest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "pairs.json"
    voices = "en-us+f5,en-gb-scotland+m3,en-us+f2"
    args = ["--voices-of", "espeak", "--only", voices, "--sentences", "3", "--json", str(report)]
    assert distinctness.main(args) == 0
    out = capsys.readouterr().out
    assert has_line(r"en-us\+f5 .* en-us\+f2 +\d+\.\d +100%$", out)
    assert "closest 3 of 3 pairs:" in out

    data = json.loads(report.read_text())
    nearest = {s["name"]: s["nearest"] for s in data["speakers"]}
    assert nearest["en-us+f5"] == "en-us+f2" and nearest["en-us+f2"] == "en-us+f5"
    matrix = np.array(data["matrix"]["separation"])
    assert data["matrix"]["names"] == sorted(voices.split(","))
    assert (np.diag(matrix) == 0).all() and (matrix == matrix.T).all()
    separations = [p["separation"] for p in data["pairs"]]
    assert separations == sorted(separations) and len(separations) == 3


def test_voices_mode_leaves_out_a_voice_that_cannot_speak(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import audioscript.synth
    from audioscript.errors import EngineError

    real = audioscript.synth.produce

    def produce(job):  # type: ignore[no-untyped-def]
        if job.label == "en-us+f2":
            raise EngineError("espeak: this voice is broken")
        return real(job)

    monkeypatch.setattr(audioscript.synth, "produce", produce)
    voices = "en-us+f5,en-gb-scotland+m3,en-us+f2"
    args = ["--voices-of", "espeak", "--only", voices, "--sentences", "2", "--jobs", "1"]
    assert distinctness.main(args) == 0
    captured = capsys.readouterr()
    assert "en-us+f2: cannot speak (espeak: this voice is broken); left out" in captured.err
    assert "closest 1 of 1 pairs:" in captured.out


def test_json_into_a_missing_folder_fails_before_measuring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nowhere" / "pairs.json"
    with pytest.raises(SystemExit) as stopped:
        distinctness.main(["--voices-of", "espeak", "--json", str(target)])
    assert stopped.value.code == 2
    assert f"no folder {target.parent}" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        intelligibility.main(["--engine", "espeak", "--json", str(target)])
