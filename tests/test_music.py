"""Intro, outro, sound effects and a music bed ducked under speech."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from helpers import decode

from audioscript.ffmpeg import ffmpeg_path
from audioscript.pipeline import load
from audioscript.render import RenderOptions, render
from audioscript.voices import load_config


def tone(path: Path, hz: int, seconds: float) -> Path:
    subprocess.run(
        [ffmpeg_path(), "-v", "error", "-y", "-f", "lavfi", "-i", f"sine=frequency={hz}:sample_rate=24000",
         "-t", str(seconds), "-ac", "1", str(path)],
        check=True,
    )  # fmt: skip
    return path


def band_level(audio: np.ndarray, start_ms: int, end_ms: int, hz: int) -> float:
    """Amplitude of one frequency in a stretch of 16 kHz audio."""
    chunk = audio[start_ms * 16 : end_ms * 16]
    t = np.arange(chunk.size) / 16000
    return float(np.abs(np.dot(chunk, np.exp(-2j * np.pi * hz * t))) * 2 / max(chunk.size, 1))


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    tone(tmp_path / "bed.wav", 40, 3)  # below any voice, so speech does not mask it
    tone(tmp_path / "sting.wav", 1000, 0.5)
    tone(tmp_path / "intro.wav", 600, 1.5)
    return tmp_path


def test_intro_outro_and_sfx_are_placed_in_the_timeline(folder: Path) -> None:
    script = folder / "ep.txt"
    script.write_text("NARRATOR: First line of the show.\n[sfx sting.wav]\nAna Lima: Second line here.\n")
    out = folder / "ep.mp3"
    render(load(script), out, load_config(use_dir=False), RenderOptions(intro=str(folder / "intro.wav"), outro=str(folder / "intro.wav")))
    manifest = json.loads(out.with_suffix(".json").read_text())
    first, second = manifest["segments"]
    assert first["start_ms"] >= 1500 + 700  # after the intro and a pause
    audio = decode(out)
    assert band_level(audio, 100, 1400, 600) > 0.05  # the intro plays first
    gap_start, gap_end = first["end_ms"], second["start_ms"]
    assert gap_end - gap_start >= 500 + 200
    assert band_level(audio, gap_start + 150, gap_end - 150, 1000) > 0.05  # the sting between
    assert band_level(audio, second["end_ms"] + 1400, second["end_ms"] + 2700, 600) > 0.05  # outro


def test_music_bed_loops_and_ducks_under_speech(folder: Path) -> None:
    lines = "\n".join(f"NARRATOR: This is spoken line number {n} of the test." for n in range(4))
    script = folder / "bed.txt"
    script.write_text("[music bed.wav volume=-20dB duck=-15dB]\n" + lines + "\n[pause 2s]\n[music stop]\nNARRATOR: The end.\n")
    out = folder / "bed.mp3"
    render(load(script), out, load_config(use_dir=False), RenderOptions())
    segments = json.loads(out.with_suffix(".json").read_text())["segments"]
    audio = decode(out)
    under_speech = band_level(audio, segments[1]["start_ms"] + 300, segments[1]["end_ms"] - 300, 40)
    in_pause = band_level(audio, segments[3]["end_ms"] + 500, segments[4]["start_ms"] - 500, 40)
    after_stop = band_level(audio, segments[4]["start_ms"], segments[4]["end_ms"], 40)
    assert in_pause > 0.008  # a -18 dBFS tone at -20 dB; it plays, and loops (3 s file)
    assert under_speech < in_pause / 3  # ducked by about 15 dB under speech
    assert after_stop < 0.005  # [music stop] ends it


def test_directive_paths_stay_in_the_script_folder(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    from audioscript.errors import InputError

    outside = tone(tmp_path_factory.mktemp("elsewhere") / "x.wav", 300, 0.3)
    script = folder / "esc.txt"
    script.write_text(f"NARRATOR: hi.\n[sfx {outside}]\n")
    with pytest.raises(InputError, match=r"esc.txt:2: .* is outside the script's folder .*--allow-outside"):
        render(load(script), folder / "o.mp3", load_config(use_dir=False), RenderOptions())
    render(load(script), folder / "o.mp3", load_config(use_dir=False), RenderOptions(allow_outside=True))
    assert (folder / "o.mp3").exists()
