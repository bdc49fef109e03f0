"""The CLI through click's CliRunner: exact user-facing lines and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from audioscript.cli import cli

SCRIPT = """# title: CLI test
NARRATOR: Hello and welcome.
Ana Lima: I never thought it would work.
"""


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner(mix_stderr=False)


@pytest.fixture()
def script_file(tmp_path: Path) -> Path:
    path = tmp_path / "s.txt"
    path.write_text(SCRIPT)
    return path


def test_help_teaches_with_examples(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "audioscript render examples/anora/article.txt" in result.output
    for command in ["extract", "script", "render", "engines", "voices", "cache"]:
        sub = runner.invoke(cli, [command, "--help"])
        assert sub.exit_code == 0, command
        assert "Example" in sub.output, command


def test_render_script(runner: CliRunner, script_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.mp3"
    result = runner.invoke(cli, ["render", str(script_file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert f"Wrote {out} (0:0" in result.stderr
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert [s["speaker"] for s in manifest["segments"]] == ["NARRATOR", "Ana Lima"]
    assert out.with_suffix(".vtt").read_text().startswith("WEBVTT")


def test_engines_lists_availability(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["engines"])
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert "available" in lines["espeak"]
    assert "available" in lines["silent"]
    assert "gtts" in lines


def test_missing_input_is_one_line_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["render", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.mp3")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope.txt'}: no such file; check the path.\n"


def test_unknown_engine_is_usage_error_exit_2(runner: CliRunner, script_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["render", str(script_file), "-o", str(tmp_path / "o.mp3"), "--engine", "nope"])
    assert result.exit_code == 2
    assert "Unknown engine 'nope'" in result.stderr
    assert "Traceback" not in result.stderr


def test_output_folder_is_refused(runner: CliRunner, script_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["render", str(script_file), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a folder" in result.stderr


def test_bad_script_line_names_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("NARRATOR: fine\n[jump 3]\n")
    result = runner.invoke(cli, ["render", str(bad), "-o", str(tmp_path / "o.mp3"), "--input-type", "script"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}:2: unknown directive [jump]")


def test_cache_info_and_clear(runner: CliRunner, script_file: Path, tmp_path: Path) -> None:
    runner.invoke(cli, ["render", str(script_file), "-o", str(tmp_path / "o.mp3"), "-q"])
    info = runner.invoke(cli, ["cache", "info"])
    assert "2 clips" in info.output
    cleared = runner.invoke(cli, ["cache", "clear"])
    assert cleared.output == "Removed 2 clips.\n"


def test_voices_audition_writes_one_sample_per_profile(runner: CliRunner, tmp_path: Path) -> None:
    voices = tmp_path / "v.toml"
    voices.write_text(
        '[profiles.anna]\nengine = "espeak"\nsettings = { voice = "en-us", variant = "f2" }\n'
        '[profiles.ben]\nengine = "espeak"\nsettings = { voice = "en", variant = "m3" }\n'
    )
    out = tmp_path / "aud"
    result = runner.invoke(cli, ["voices", "audition", "--voices", str(voices), "--text", "Hello there.", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.glob("*.wav"))
    assert names[:2] == ["anna.wav", "ben.wav"]
    assert all(p.stat().st_size > 10_000 for p in out.glob("*.wav"))
    listed = runner.invoke(cli, ["voices", "--engine", "espeak"])
    assert "espeak\ten-us+f5\tfemale" in listed.output
