"""preview renders only the chosen lines exactly as render does; check is a dry run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import decode

from audioscript.cli import cli

SCRIPT = """# title: Preview test
# speaker: Ana Lima | female
## One
NARRATOR: The harbour town of Kell has had one ferry for forty years.
Ana Lima: I have run this boat since I was nineteen.
Tom Reyes: We simply do not have the money this year.
Ana Lima: They said that last year, and the year before.
"""


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner(mix_stderr=False)


@pytest.fixture()
def rendered(runner: CliRunner, tmp_path: Path) -> tuple[Path, dict]:
    script = tmp_path / "ep.txt"
    script.write_text(SCRIPT)
    out = tmp_path / "ep.mp3"
    result = runner.invoke(cli, ["render", str(script), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    return script, json.loads(out.with_suffix(".json").read_text())


def test_preview_line_is_just_that_line_from_cache(runner: CliRunner, rendered: tuple[Path, dict], tmp_path: Path) -> None:
    script, manifest = rendered
    segment = next(s for s in manifest["segments"] if s["line"] == 6)
    out = tmp_path / "line6.wav"
    result = runner.invoke(cli, ["preview", str(script), "--line", "6", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    voice = segment["voice"]
    assert result.stderr == f"Wrote {out}: 1 line(s) by Tom Reyes (0 synthesized, 1 cached); voice {voice} ({segment['engine']}).\n"
    audio = decode(out)
    expected = (segment["end_ms"] - segment["start_ms"]) / 1000
    assert abs(len(audio) / 16000 - (expected + 0.2)) < 0.05  # the line plus 200 ms of room


def test_preview_speaker_and_range(runner: CliRunner, rendered: tuple[Path, dict], tmp_path: Path) -> None:
    script, _ = rendered
    result = runner.invoke(cli, ["preview", str(script), "--speaker", "ana lima", "-o", str(tmp_path / "a.mp3")])
    assert result.exit_code == 0
    assert "2 line(s) by Ana Lima" in result.stderr
    ranged = runner.invoke(cli, ["preview", str(script), "--range", "4-5", "-o", str(tmp_path / "r.wav")])
    assert "2 line(s) by NARRATOR, Ana Lima" in ranged.stderr


def test_preview_errors(runner: CliRunner, rendered: tuple[Path, dict], tmp_path: Path) -> None:
    script, _ = rendered
    out = str(tmp_path / "x.wav")
    nobody = runner.invoke(cli, ["preview", str(script), "--speaker", "Nobody", "-o", out])
    assert nobody.exit_code == 2
    assert "nothing to preview" in nobody.stderr and "speakers are: NARRATOR, Ana Lima, Tom Reyes" in nobody.stderr
    both = runner.invoke(cli, ["preview", str(script), "--line", "4", "--speaker", "Ana Lima", "-o", out])
    assert both.exit_code == 2 and "choose exactly one of --line" in both.stderr
    bad = runner.invoke(cli, ["preview", str(script), "--line", "4", "-o", str(tmp_path / "x.flac")])
    assert bad.exit_code == 2 and "audioscript writes .mp3, .m4a, .ogg, .opus, .wav" in bad.stderr


def test_preview_article_line_numbers(runner: CliRunner, tmp_path: Path) -> None:
    quotes = Path(__file__).parent / "fixtures" / "templates" / "quotes.jsonl"
    result = runner.invoke(cli, ["preview", str(quotes), "--line", "9", "-o", str(tmp_path / "q.wav")])
    assert result.exit_code == 0, result.stderr
    assert "1 line(s) by Tom Reyes" in result.stderr
    missing = runner.invoke(cli, ["preview", str(quotes), "--line", "999", "-o", str(tmp_path / "q.wav")])
    assert missing.exit_code == 2
    assert f"nothing to preview in {quotes};" in missing.stderr  # the file given, not a derived one


def test_preview_of_a_line_that_goes_on_with_the_sentence_before(runner: CliRunner, tmp_path: Path) -> None:
    # a scraper cut the sentence after "No.": line 3 is read with line 1, and previewed so
    article = tmp_path / "a.txt"
    article.write_text(
        "She loved his film Compartment No.\n\n6 by Juho Kuosmanen.\n\n"
        '"I cried twice," Ana Lima said.\n'
    )
    sizes = []
    for line in ("3", "1"):
        out = tmp_path / f"p{line}.wav"
        args = ["preview", str(article), "-o", str(out), "--engine", "silent", "--line", line]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.stderr
        assert "1 line(s) by NARRATOR" in result.stderr
        sizes.append(out.stat().st_size)
    assert sizes[0] == sizes[1]  # the same sentence
    blank = runner.invoke(cli, [*args[:-1], "2"])
    assert blank.exit_code == 2 and "nothing to preview" in blank.stderr


def test_check_reports_and_fails_on_problems(runner: CliRunner, tmp_path: Path) -> None:
    script = tmp_path / "ep.txt"
    script.write_text(SCRIPT)
    ok = runner.invoke(cli, ["check", str(script)])
    assert ok.exit_code == 0, ok.stderr
    assert ok.output.splitlines()[0].startswith(f"{script}: script, 4 lines, about 0:")
    assert "to synthesize: 4 espeak request(s)" in ok.output
    assert ok.output.rstrip().endswith("OK: ready to render.")
    script.write_text(SCRIPT + "[sfx missing.wav]\n")
    bad = runner.invoke(cli, ["check", str(script)])
    assert bad.exit_code == 1
    assert f"error: {script}:8: missing.wav not found" in bad.output
    assert bad.stderr.startswith("Error: 1 problem(s) found")
