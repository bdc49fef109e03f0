"""Engines that run programs: flite, pico2wave, festival's text2wave and RHVoice.

Tests marked with a real program run only where it is installed. The others run
everywhere, against a fake program that records how it was called (argument list,
stdin, the text file it was given) and writes a short WAV: that is how the command
lines of engines missing here are checked, and how failures are provoked.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import struct
import sys
import wave
from pathlib import Path
from typing import Any

import pytest

from audioscript.engines import get_engine
from audioscript.engines import subprocess_engines as engines
from audioscript.engines.subprocess_engines import (
    FestivalEngine,
    FliteEngine,
    PicoEngine,
    RHVoiceEngine,
    ascii_text,
    rhvoice_voices,
    wav_sample_rate,
)
from audioscript.errors import EngineError, InputError
from audioscript.models import Clip

WHERE = "voices/default.toml [profiles.anna]"
HOSTILE = """Say $(touch {marker}); ls -la | cat `touch {marker}` && rm -rf "{marker}" 'quoted' > {marker} \\ end."""

has_flite = pytest.mark.skipif(shutil.which("flite") is None, reason="flite is not installed")
has_festival = pytest.mark.skipif(
    shutil.which("text2wave") is None or shutil.which("festival") is None,
    reason="festival is not installed",
)

FAKE = '''#!{python}
"""A stand-in for flite, pico2wave, text2wave, festival and RHVoice-test."""
import json, os, sys, time, wave

name = os.path.basename(sys.argv[0])
args = sys.argv[1:]
stdin = sys.stdin.read()
if name == "flite" and args == ["-lv"]:
    print("Voices available: kal awb_time kal16 awb rms slt ")
    sys.exit(0)
if args == ["--version"]:
    print("  version: flite-2.2-current Sep 2018" if name == "flite" else "festival: 2.5.0")
    sys.exit(0)
if name == "festival":
    print("(kal_diphone cmu_us_slt_arctic_hts)")
    sys.exit(0)
texts = {{a: open(a, encoding="utf-8").read() for a in args if a.endswith(".txt")}}
with open(os.environ["FAKE_TTS_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps({{"program": name, "args": args, "stdin": stdin, "texts": texts}}) + "\\n")
time.sleep(float(os.environ.get("FAKE_TTS_SLEEP", "0")))
sys.stderr.write(os.environ.get("FAKE_TTS_STDERR", ""))
out = next((args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-o", "-w")), None)
if out and not os.environ.get("FAKE_TTS_NO_WAV"):
    with wave.open(out, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
        w.writeframes(bytes(32000))
sys.exit(int(os.environ.get("FAKE_TTS_EXIT", "0")))
'''


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Fake programs first and alone on PATH; returns a reader for their call log."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for program in ("flite", "pico2wave", "text2wave", "festival", "RHVoice-test"):
        path = folder / program
        path.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    log = tmp_path / "calls.jsonl"
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("FAKE_TTS_LOG", str(log))
    monkeypatch.setattr(engines, "rhvoice_voices", dict)  # not what is installed here

    def calls() -> list[dict[str, Any]]:
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]

    return calls


def seconds(data: bytes) -> float:
    with wave.open(io.BytesIO(data)) as audio:
        return audio.getnframes() / audio.getframerate()


# --- everywhere: missing programs -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "program", "hint"),
    [
        ("flite", "flite", "apt install flite"),
        ("pico", "pico2wave", "apt install libttspico-utils"),
        ("festival", "text2wave", "apt install festival"),
        ("rhvoice", "RHVoice-test", "apt install rhvoice rhvoice-english"),
    ],
)
def test_check_says_how_to_install_a_missing_program(
    name: str, program: str, hint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(engines, "rhvoice_voices", dict)
    engine = get_engine(name)
    expected = f"{program} is not installed (not found on PATH): {hint}, or choose another engine."
    assert engine.check() == expected
    with pytest.raises(EngineError) as caught:
        engine.synthesize("Hello.", {})
    assert str(caught.value) == f"Engine {name!r} is not available: {expected}"
    assert engine.version == f"{program} not installed r1"


def test_missing_programs_are_never_required(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("PATH", str(tmp_path))
    for engine in (FliteEngine(), PicoEngine(), FestivalEngine(), RHVoiceEngine()):
        assert engine.check()  # a reason, not an exception
        engine.validate({}, WHERE)  # settings can be checked on any machine
        engine.voices()


# --- everywhere: command lines, through the fake programs -------------------------------------


def test_flite_command_line_and_text_file(fake, tmp_path: Path):
    marker = tmp_path / "pwned"
    text = HOSTILE.format(marker=marker)
    clip = FliteEngine().synthesize(text, {"voice": "awb", "rate": 1.25, "pitch": 120})
    assert (clip.format, clip.sample_rate, seconds(clip.data)) == ("wav", 16000, 1.0)
    (call,) = fake()
    folder = os.path.dirname(call["args"][-1])
    assert call["args"] == [
        "-voice", "awb", "--setf", "duration_stretch=0.8000", "--setf", "int_f0_target_mean=120.0",
        "-f", f"{folder}/line.txt", "-o", f"{folder}/line.wav",
    ]  # fmt: skip
    assert call["texts"] == {f"{folder}/line.txt": text + "\n"}  # literally, not interpreted
    assert not marker.exists()
    assert not os.path.exists(folder)  # the temporary folder is gone


def test_flite_voice_file_is_passed_as_an_absolute_path(fake, tmp_path: Path, monkeypatch):
    voice = tmp_path / "-odd.flitevox"
    voice.write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    FliteEngine().synthesize("Hello.", {"voice": "-odd.flitevox"})
    assert fake()[0]["args"][:2] == ["-voice", str(voice)]


def test_pico_reads_stdin_and_writes_a_wav_path(fake, tmp_path: Path):
    text = HOSTILE.format(marker=tmp_path / "pwned") + " -w /tmp/elsewhere.wav"
    clip = PicoEngine().synthesize(text, {"lang": "en-GB"})
    assert clip.format == "wav"
    (call,) = fake()
    assert call["args"][:3] == ["-l", "en-GB", "-w"] and call["args"][3].endswith(".wav")
    assert len(call["args"]) == 4
    assert call["stdin"] == text + "\n"
    assert not (tmp_path / "pwned").exists()


def test_festival_selects_the_voice_with_a_plain_call(fake):
    FestivalEngine().synthesize("It’s “fine” — really.", {"voice": "cmu_us_slt_arctic_hts"})
    (call,) = fake()
    assert call["args"][0] == "-o" and call["args"][1].endswith("line.wav")
    assert call["args"][2:4] == ["-eval", "(voice_cmu_us_slt_arctic_hts)"]
    assert list(call["texts"].values()) == ['It\'s "fine", really.\n']


def test_rhvoice_reads_stdin(fake):
    RHVoiceEngine().synthesize("Hello “world”.", {"voice": "clb"})
    (call,) = fake()
    assert call["args"][:3] == ["-p", "clb", "-o"] and call["stdin"] == "Hello “world”.\n"


def test_a_failing_program_reports_its_last_stderr_line(fake, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FAKE_TTS_EXIT", "3")
    monkeypatch.setenv("FAKE_TTS_STDERR", "reading voice\nflite: out of memory\n")
    with pytest.raises(EngineError) as caught:
        FliteEngine().synthesize("Hello.", {})
    assert str(caught.value) == "flite failed (exit 3): flite: out of memory"


def test_an_error_on_stderr_fails_even_with_exit_0(fake, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FAKE_TTS_STDERR", "Error load voice: failed to load voice\n")
    with pytest.raises(EngineError, match=r"flite failed \(exit 0\): Error load voice"):
        FliteEngine().synthesize("Hello.", {})


def test_a_program_that_hangs_is_stopped(fake, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FAKE_TTS_SLEEP", "5")
    monkeypatch.setattr(PicoEngine, "timeout_base", 0.5)
    monkeypatch.setattr(PicoEngine, "timeout_per_char", 0.0)
    with pytest.raises(EngineError, match=r"pico2wave took longer than 0 s and was stopped"):
        PicoEngine().synthesize("Hello.", {})


def test_no_wav_written_is_an_error(fake, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FAKE_TTS_NO_WAV", "1")
    with pytest.raises(EngineError, match=r"RHVoice-test wrote no WAV audio for 'Hello.'"):
        RHVoiceEngine().synthesize("Hello.", {})


def test_nothing_to_say_runs_nothing(fake):
    assert FliteEngine().synthesize(" … ", {}) == Clip(bytes(8000), "s16le", 16000)
    assert not fake()
    with pytest.raises(EngineError, match="reads English text only"):
        FestivalEngine().synthesize("你好", {})


def test_versions_come_from_the_programs(fake):
    assert FliteEngine().version == "flite 2.2-current r1"
    assert FestivalEngine().version == "text2wave 2.5.0 r1"
    assert PicoEngine().version == "pico2wave unknown r1"  # no dpkg-query on this PATH


def test_voice_lists_come_from_the_programs(fake):
    flite = {voice.id: voice for voice in FliteEngine().voices()}
    assert list(flite) == ["slt", "rms", "awb", "kal16", "kal"]  # clearest first, no awb_time
    assert flite["slt"].gender == "female" and flite["rms"].gender == "male"
    festival = {voice.id: voice.gender for voice in FestivalEngine().voices()}
    assert festival == {"kal_diphone": "male", "cmu_us_slt_arctic_hts": "female"}
    assert [voice.id for voice in PicoEngine().voices()] == ["en-US", "en-GB"]


# --- everywhere: validation -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("engine", "settings", "message"),
    [
        (FliteEngine(), {"voice": "bob"}, "flite voice 'bob' does not exist; use one of slt, rms"),
        (FliteEngine(), {"voice": "/no/such.flitevox"}, "flite voice file '/no/such.flitevox'"),
        (FliteEngine(), {"rate": 3}, "flite rate must be a number from 0.5 to 2.0"),
        (FliteEngine(), {"pitch": "high"}, "flite pitch must be a number from 50 to 400"),
        (FliteEngine(), {"speed": 1}, "unknown flite setting(s) speed; use voice, rate, pitch"),
        (PicoEngine(), {"lang": "en-AU"}, "pico lang 'en-AU' does not exist; use one of en-US"),
        (FestivalEngine(), {"voice": 'x) (system "ls"'}, "festival voice 'x) (system"),
        (RHVoiceEngine(), {"voice": "slt; ls"}, "rhvoice voice 'slt; ls' does not exist"),
    ],
)
def test_validate_names_where_and_the_setting(
    engine: engines.CommandEngine, settings: dict[str, Any], message: str
):
    with pytest.raises(InputError) as caught:
        engine.validate(settings, WHERE)
    assert str(caught.value).startswith(f"{WHERE}: {message}")
    assert "\n" not in str(caught.value)


def test_rhvoice_voices_are_read_from_voice_info(tmp_path: Path):
    for name, gender in (("SLT", "female"), ("Alan", "male")):
        folder = tmp_path / name.lower()
        folder.mkdir()
        (folder / "voice.info").write_text(
            f"name={name}\nlanguage=English\ngender={gender}\n", encoding="utf-8"
        )
    found = rhvoice_voices((str(tmp_path), str(tmp_path / "missing")))
    assert found["slt"]["gender"] == "female" and found["alan"]["name"] == "Alan"


def test_wav_sample_rate_reads_streamed_headers():
    header = b"RIFF" + struct.pack("<I", 0xFFFFFFFF) + b"WAVE"
    fmt = b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 24000, 48000, 2, 16)
    assert wav_sample_rate(header + fmt + b"data" + struct.pack("<I", 0xFFFFFFFF)) == 24000
    assert wav_sample_rate(b"ID3 not a wav") is None


def test_ascii_text_keeps_the_words():
    assert ascii_text("Renée’s “café” — 1…") == 'Renee\'s "cafe", 1...'


def test_registry_builds_every_subprocess_engine():
    expected = {"flite": 3, "pico": 3, "festival": 2, "rhvoice": 4}
    for name, quality in expected.items():
        engine = get_engine(name)
        assert (engine.name, engine.quality, engine.thread_safe) == (name, quality, True)
        assert not engine.needs_network


# --- with the real programs -------------------------------------------------------------------


@has_flite
def test_flite_speaks_a_sentence():
    clip = FliteEngine().synthesize(
        "The quick brown fox jumps over the lazy dog.", {"voice": "slt"}
    )
    assert (clip.format, clip.sample_rate) == ("wav", 16000)
    assert 1.5 < seconds(clip.data) < 5.0
    faster = FliteEngine().synthesize("The quick brown fox jumps over the lazy dog.", {"rate": 2.0})
    assert 0.4 < seconds(faster.data) / seconds(clip.data) < 0.6


@has_flite
def test_flite_speaks_shell_syntax_literally(tmp_path: Path):
    marker = tmp_path / "pwned"
    text = HOSTILE.format(marker=marker)
    clip = FliteEngine().synthesize(text, {"voice": "rms"})
    assert not marker.exists()
    assert seconds(clip.data) > 4.0  # every word of it was read out
    assert list(tmp_path.iterdir()) == []


@has_flite
def test_flite_reports_its_voices_and_version():
    engine = FliteEngine()
    assert engine.check() is None
    assert {"slt", "rms", "awb", "kal"} <= {voice.id for voice in engine.voices()}
    assert engine.version.startswith("flite 2.")
    with pytest.raises(InputError, match=r"flite voice 'awb_time' does not exist"):
        engine.validate({"voice": "awb_time"}, WHERE)


@has_festival
def test_festival_speaks_a_sentence():
    engine = FestivalEngine()
    voice = engine.voices()[0].id
    clip = engine.synthesize("The quick brown fox jumps over the lazy dog.", {"voice": voice})
    assert clip.format == "wav" and 1.5 < seconds(clip.data) < 6.0
