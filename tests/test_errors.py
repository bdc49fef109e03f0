"""Every bad input gets one clear error, nothing is lost, hostile files do nothing (issue 7).

Each test drives the real CLI and checks the error contract of the README: a failed
command prints exactly one ``Error: ...`` line naming the file, line or flag and the fix,
exits 1 for run-time failures and 2 for wrong usage, shows no traceback (unless
``--debug``), and leaves no output file behind. The bad inputs live in
``tests/fixtures/errors/``; inputs that depend on the test's folder are made in tmp.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from audioscript.cli import cli
from audioscript.errors import EngineError

FIXTURES = Path(__file__).parent / "fixtures" / "errors"
OK_SCRIPT = FIXTURES / "script_ok.txt"  # NARRATOR on line 2, Ana Lima on line 3

#: what click prints before the error line of its own option checks (IntRange...)
CLICK_USAGE_PREAMBLE = re.compile(r"\AUsage: .*\nTry '.*' for help\.\n\n")


def run(*args: object) -> Result:
    return CliRunner(mix_stderr=False).invoke(cli, [str(a) for a in args])


def error_line(result: Result, exit_code: int) -> str:
    """The single ``Error: ...`` line of a failed command, after checking the contract."""
    assert isinstance(result.exception, SystemExit), f"uncaught {result.exception!r}"
    assert result.exit_code == exit_code, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def click_usage_error_line(result: Result) -> str:
    """Like :func:`error_line`, for click's own option checks, which print a usage preamble."""
    assert isinstance(result.exception, SystemExit), f"uncaught {result.exception!r}"
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = CLICK_USAGE_PREAMBLE.sub("", result.stderr).splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    """Every file in ``folder``, hidden temporary files included."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture()
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def render_args(input: Path, out: Path, *extra: object) -> list[object]:
    return ["render", input, "-o", out, "--engine", "silent", "-q", *extra]


# --- inputs that are not readable text ------------------------------------------------------

COMMANDS: dict[str, Callable[[Path, Path], list[object]]] = {
    "render": lambda input, out: render_args(input, out / "episode.mp3"),
    "extract": lambda input, out: ["extract", input, "-o", out / "quotes.jsonl"],
    "script": lambda input, out: ["script", input, "-o", out / "script.txt"],
}

EMPTY = "{path}: is empty; give an article, quotes or script with some text."
UNREADABLE = {
    "missing": (FIXTURES / "no-such-file.txt", "{path}: no such file; check the path."),
    "empty": (FIXTURES / "empty.txt", EMPTY),
    "blank": (FIXTURES / "blank.txt", EMPTY),
    "binary": (
        FIXTURES / "binary.txt",
        "{path}: looks like a binary file, not text; give a UTF-8 text file.",
    ),
    "latin-1": (
        FIXTURES / "latin1.txt",
        "{path}:2: not valid UTF-8; convert it (e.g. iconv -f latin1 -t utf-8).",
    ),
    "folder": (FIXTURES, "{path}: is a folder; give a file."),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(UNREADABLE))
def test_unreadable_input_is_one_line_naming_the_file(
    command: str, kind: str, out_dir: Path
) -> None:
    path, message = UNREADABLE[kind]
    result = run(*COMMANDS[command](path, out_dir))
    assert error_line(result, 1) == "Error: " + message.format(path=path)
    assert leftovers(out_dir) == []


# --- malformed quotes.jsonl -----------------------------------------------------------------

BAD_QUOTES = {
    "quotes_bad_json.jsonl": (3, "not valid JSON"),
    "quotes_no_speaker.jsonl": (2, "needs string keys speaker and text"),
    "quotes_line_not_int.jsonl": (2, "line must be a positive integer"),
    # hostile: Python's JSON reader raises ValueError / RecursionError on these
    "quotes_huge_int.jsonl": (1, ""),
    "quotes_deep.jsonl": (1, ""),
}


@pytest.mark.parametrize("name", sorted(BAD_QUOTES))
@pytest.mark.parametrize("command", ["script", "render"])
def test_malformed_quotes_name_file_and_line(name: str, command: str, out_dir: Path) -> None:
    path = FIXTURES / name
    line, words = BAD_QUOTES[name]
    message = error_line(run(*COMMANDS[command](path, out_dir)), 1)
    assert message.startswith(f"Error: {path}:{line}: "), message
    assert words in message
    assert leftovers(out_dir) == []


# --- malformed scripts and absurd values in them ------------------------------------------

BAD_SCRIPTS = {
    "script_unknown_directive.txt": (
        3,
        "unknown directive [jump]; use one of: [pause ...], [music ...], [sfx ...].",
    ),
    "script_metadata_after_cue.txt": (2, "move it to the top"),
    "script_chapter_without_title.txt": (2, "a chapter needs a title, as in '## The pitch'."),
    "script_pause_negative.txt": (2, "[pause] takes a duration such as 800ms or 1.5s."),
    "script_pause_huge.txt": (2, "a pause of 100000 s is too long (at most 60 s)."),
}


@pytest.mark.parametrize("name", sorted(BAD_SCRIPTS))
def test_malformed_script_names_file_and_line(name: str, out_dir: Path) -> None:
    path = FIXTURES / name
    line, words = BAD_SCRIPTS[name]
    message = error_line(run(*render_args(path, out_dir / "episode.mp3")), 1)
    assert message.startswith(f"Error: {path}:{line}: "), message
    assert words in message
    assert leftovers(out_dir) == []


def test_sentence_of_100000_characters_is_refused(tmp_path: Path, out_dir: Path) -> None:
    script = tmp_path / "long.txt"
    sentence = ("All work and no play makes a very long line. " * 2300)[:100_000].strip()
    script.write_text(f"NARRATOR: Hello.\nAna Lima: {sentence}\n")
    message = error_line(run(*render_args(script, out_dir / "episode.mp3")), 1)
    assert message.startswith(f"Error: {script}:2: a line of "), message
    assert "split it into sentences" in message
    assert leftovers(out_dir) == []


def test_pauses_adding_up_to_hours_stream_in_bounded_blocks(tmp_path: Path) -> None:
    """Each [pause] is at most 60 s, but a script may hold thousands of them: a 14 kB
    script of '[pause 60s]' lines asks for 10 hours of silence. Assembly must stream that
    silence in bounded blocks, not allocate it as one array (10 h is ~3.5 GB of float32)."""
    from audioscript.cache import ClipCache
    from audioscript.render import WORK_RATE, Placed, blocks

    ten_minutes = 10 * 60 * WORK_RATE
    chunks = blocks([Placed(ten_minutes, 0)], [], {}, ClipCache(tmp_path), 1)
    sizes = [len(chunk) // 4 for chunk in chunks]
    assert sum(sizes) == ten_minutes
    assert max(sizes) <= 60 * WORK_RATE, f"one block of {max(sizes) / WORK_RATE:.0f} s of audio"


# --- malformed voices files -------------------------------------------------------------------

BAD_VOICES = {
    "voices_bad_toml.toml": ["invalid TOML", "line 1"],
    "voices_unknown_key.toml": ["[profiles.ana_voice]", "colour", "allowed:"],
    "voices_out_of_range.toml": ["[profiles.ana_voice]", "tempo = 9 is out of range 0.5 to 2.0"],
    "voices_unknown_voice.toml": ["ana_voice", "'tlh-klingon' does not exist", "en-us"],
    "voices_unknown_variant.toml": ["ana_voice", "'zz9' does not exist", "audioscript voices"],
    "voices_rate_10000.toml": ["ana_voice", "rate = 10000 is out of range 80..450"],
}


@pytest.mark.parametrize("name", sorted(BAD_VOICES))
def test_bad_voices_file_names_file_and_profile(name: str, out_dir: Path) -> None:
    path = FIXTURES / name
    result = run("render", OK_SCRIPT, "-o", out_dir / "episode.mp3", "--voices", path, "-q")
    message = error_line(result, 1)
    assert message.startswith(f"Error: {path}"), f"the voices file is not named: {message}"
    for words in BAD_VOICES[name]:
        assert words in message
    assert leftovers(out_dir) == []


def test_bad_file_in_voices_folder_is_named(
    tmp_path: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "voices"
    folder.mkdir()
    bad = folder / "team.toml"
    bad.write_bytes((FIXTURES / "voices_unknown_key.toml").read_bytes())
    monkeypatch.setenv("AUDIOSCRIPT_VOICES_DIR", str(folder))
    message = error_line(run(*render_args(OK_SCRIPT, out_dir / "episode.mp3")), 1)
    assert message.startswith(f"Error: {bad} [profiles.ana_voice]: unknown key(s) colour;")


def test_missing_voices_file_names_the_flag(tmp_path: Path, out_dir: Path) -> None:
    missing = tmp_path / "nope.toml"
    result = run(*render_args(OK_SCRIPT, out_dir / "episode.mp3", "--voices", missing))
    assert error_line(result, 1).startswith(f"Error: --voices {missing}: no such file.")


# --- templates: mistakes and hostile templates ------------------------------------------------


def run_template(template: Path, out_dir: Path) -> Result:
    return run("script", FIXTURES / "quotes.jsonl", "-t", template, "-o", out_dir / "s.txt")


def test_template_syntax_error_names_file_and_line(out_dir: Path) -> None:
    template = FIXTURES / "template_syntax_error.j2"
    message = error_line(run_template(template, out_dir), 1)
    assert message.startswith(f"Error: {template}:2: template syntax error: "), message
    assert leftovers(out_dir) == []


def test_template_undefined_variable_names_file_and_line(tmp_path: Path, out_dir: Path) -> None:
    template = tmp_path / "typo.j2"
    template.write_text("# title: {{ title }}\nNARRATOR: Hello.\nNARRATOR: {{ titel }}\n")
    message = error_line(run_template(template, out_dir), 1)
    assert message.startswith(f"Error: {template}:3: 'titel' is undefined; "), message
    assert leftovers(out_dir) == []


def test_template_undefined_attribute_in_loop_names_file_and_line(out_dir: Path) -> None:
    template = FIXTURES / "template_undefined.j2"
    message = error_line(run_template(template, out_dir), 1)
    assert message.startswith(f"Error: {template}:3: "), message
    assert "txet" in message


HOSTILE_TEMPLATES = [
    "hostile_mro.j2",  # {{ ''.__class__.__mro__[1].__subclasses__() }}
    "hostile_cycler_popen.j2",  # {{ cycler.__init__.__globals__.os.popen('touch PWNED') }}
    "hostile_self_globals.j2",  # {{ self.__init__.__globals__ }}
    "hostile_include_passwd.j2",  # {% include '/etc/passwd' %}
    "hostile_lipsum_os.j2",  # {{ lipsum.__globals__['os'] }}
    "hostile_lipsum_system.j2",  # {{ lipsum.__globals__['os'].system('touch PWNED') }}
    "hostile_joiner_popen.j2",  # joiner.__init__.__globals__.os.popen('touch PWNED').read()
    "hostile_builtins_open.j2",  # self.__init__.__globals__.__builtins__.open('PWNED', 'w')
]


@pytest.mark.parametrize("name", HOSTILE_TEMPLATES)
def test_hostile_template_does_nothing_and_says_why(
    name: str, tmp_path: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where 'touch PWNED' would land
    template = FIXTURES / name
    result = run_template(template, out_dir)
    message = error_line(result, 1)
    assert message.startswith(f"Error: {template}:2: "), message
    assert re.search(r"blocked|not allowed|not found|cannot include", message), (
        f"does not say what was refused: {message}"
    )
    assert not (tmp_path / "PWNED").exists()
    assert "root:" not in result.stdout + result.stderr  # nothing of /etc/passwd leaks
    assert leftovers(out_dir) == []


def test_hostile_template_in_render_writes_nothing(
    tmp_path: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    template = FIXTURES / "hostile_cycler_popen.j2"
    quotes = FIXTURES / "quotes.jsonl"
    message = error_line(run(*render_args(quotes, out_dir / "episode.mp3", "-t", template)), 1)
    assert message.startswith(f"Error: {template}:2: blocked an unsafe operation"), message
    assert not (tmp_path / "PWNED").exists()
    assert leftovers(out_dir) == []


# --- wrong usage: engines, speakers, flags --------------------------------------------------


def test_unknown_engine_is_usage_error(out_dir: Path) -> None:
    result = run("render", OK_SCRIPT, "-o", out_dir / "episode.mp3", "--engine", "nope")
    message = error_line(result, 2)
    assert message.startswith("Error: Unknown engine 'nope'. Choose one of: "), message
    assert "silent" in message and "`audioscript engines`" in message
    assert leftovers(out_dir) == []


def test_unknown_fallback_engine_is_usage_error(out_dir: Path) -> None:
    result = run(*render_args(OK_SCRIPT, out_dir / "episode.mp3", "--fallback", "nope"))
    assert error_line(result, 2).startswith("Error: Unknown engine 'nope'.")


def test_preview_of_unknown_speaker_lists_the_speakers(out_dir: Path) -> None:
    out = out_dir / "zed.wav"
    result = run("preview", OK_SCRIPT, "--speaker", "Zed", "-o", out, "--engine", "silent")
    message = error_line(result, 2)
    assert message.startswith("Error: --speaker 'Zed': nothing to preview in "), message
    assert message.endswith("speakers are: NARRATOR, Ana Lima.")
    assert leftovers(out_dir) == []


def test_preview_needs_an_audio_extension(out_dir: Path) -> None:
    out = out_dir / "p.flac"
    result = run("preview", OK_SCRIPT, "--line", "2", "-o", out, "--engine", "silent")
    assert error_line(result, 2) == (
        f"Error: -o {out}: audioscript writes .mp3, .m4a, .ogg, .opus, .wav (by the extension); "
        f"give a name such as {out.with_suffix('.mp3')}"
    )


ABSURD_OPTIONS = [
    ("--bitrate", "5k"),
    ("--bitrate", "loud"),
    ("--sample-rate", "1"),
    ("--sample-rate", "1000000"),
    ("--loudness", "0"),
]


@pytest.mark.parametrize(("flag", "value"), ABSURD_OPTIONS)
def test_absurd_audio_option_names_the_flag(flag: str, value: str, out_dir: Path) -> None:
    result = run(*render_args(OK_SCRIPT, out_dir / "episode.mp3", flag, value))
    assert error_line(result, 2).startswith(f"Error: {flag} must be ")
    assert leftovers(out_dir) == []


@pytest.mark.parametrize(("flag", "value"), [("--channels", "3"), ("--channels", "0"), ("-j", "0")])
def test_out_of_range_option_checked_by_click_names_the_flag(
    flag: str, value: str, out_dir: Path
) -> None:
    result = run(*render_args(OK_SCRIPT, out_dir / "episode.mp3", flag, value))
    message = click_usage_error_line(result)
    assert f"Invalid value for '{flag}" in message, message
    assert leftovers(out_dir) == []


# --- output paths -------------------------------------------------------------------------------


def with_output(command: str, output: Path, tmp_path: Path) -> list[object]:
    args = COMMANDS[command](OK_SCRIPT, tmp_path)
    args[args.index("-o") + 1] = output
    return args


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_that_is_a_folder_is_refused(command: str, tmp_path: Path) -> None:
    folder = tmp_path / "already-a-folder"
    folder.mkdir()
    message = error_line(run(*with_output(command, folder, tmp_path)), 2)
    assert message.startswith(f"Error: -o {folder}/: is a folder; give a file name such as ")
    assert leftovers(folder) == []


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_under_a_regular_file_is_refused(command: str, tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder\n")
    target = blocker / "out.mp3"
    message = error_line(run(*with_output(command, target, tmp_path)), 2)
    assert message == (
        f"Error: -o {target}: {blocker} is a file, not a folder; choose another output path"
    )
    assert blocker.read_text() == "not a folder\n"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_output_in_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run(*render_args(OK_SCRIPT, folder / "episode.mp3"))
        assert "cannot write to folder" in error_line(result, 2)
    finally:
        folder.chmod(0o755)


OVERWRITING: dict[str, list[object]] = {
    "script": ["script", FIXTURES / "quotes.jsonl"],
    "extract": ["extract", FIXTURES / "article.txt"],
}


@pytest.mark.parametrize("command", sorted(OVERWRITING))
def test_existing_output_is_kept_without_force(command: str, tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("hand-edited, do not lose\n")
    result = run(*OVERWRITING[command], "-o", target)
    assert error_line(result, 2) == f"Error: {target} already exists; pass --force to overwrite it"
    assert target.read_text() == "hand-edited, do not lose\n"
    assert leftovers(tmp_path) == ["precious.txt"]

    forced = run(*OVERWRITING[command], "-o", target, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert forced.stderr.startswith(f"Wrote {target}: ")
    written = target.read_text()
    assert written != "hand-edited, do not lose\n"
    if command == "extract":
        assert all("speaker" in json.loads(line) for line in written.splitlines())
    else:
        assert "Ana Lima: I never thought it would work." in written
    assert leftovers(tmp_path) == ["precious.txt"]


# --- directive paths may not leave the script's folder ------------------------------------------

ESCAPES = [
    "[sfx ../../etc/passwd]",
    "[sfx /etc/passwd]",
    "[music /etc/passwd volume=-20dB]",
    "[sfx link.wav]",  # a symlink to /etc/passwd: inside by name, outside in fact
]


@pytest.mark.parametrize("directive", ESCAPES)
def test_directive_path_outside_script_folder_is_refused(
    directive: str, tmp_path: Path, out_dir: Path
) -> None:
    folder = tmp_path / "show" / "episode"
    folder.mkdir(parents=True)
    (folder / "link.wav").symlink_to("/etc/passwd")
    script = folder / "script.txt"
    script.write_text(f"NARRATOR: Hello.\n{directive}\nNARRATOR: Goodbye.\n")
    message = error_line(run(*render_args(script, out_dir / "episode.mp3")), 1)
    assert message.startswith(f"Error: {script}:2: "), message
    assert "outside the script's folder" in message and "--allow-outside" in message
    assert leftovers(out_dir) == []


# --- a damaged cache is repaired, not trusted ---------------------------------------------------


def damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "flipped-audio":
        for i in range(len(data) - 1, len(data) - 200, -7):
            data[i] ^= 0xFF
    elif how == "flipped-header":
        data[10] ^= 0xFF
        data[12] ^= 0xFF
    elif how == "truncated":
        data = data[: len(data) // 2]
    elif how == "empty":
        data = bytearray()
    path.write_bytes(bytes(data))


def timings(manifest: Path) -> list[tuple[str, str, int, int]]:
    segments = json.loads(manifest.read_text())["segments"]
    return [(s["speaker"], s["text"], s["start_ms"], s["end_ms"]) for s in segments]


@pytest.mark.parametrize("how", ["flipped-audio", "flipped-header", "truncated", "empty"])
def test_damaged_cache_entry_is_detected_and_synthesized_again(how: str, tmp_path: Path) -> None:
    from audioscript.cache import ClipCache

    first, second = tmp_path / "first.mp3", tmp_path / "second.mp3"
    assert run(*render_args(OK_SCRIPT, first)).exit_code == 0
    clips = sorted((ClipCache().root / "clips").glob("*/*"))
    assert len(clips) == 2
    for clip in clips:
        damage(clip, how)

    result = run(*render_args(OK_SCRIPT, second))
    assert result.exit_code == 0, result.stderr
    assert timings(second.with_suffix(".json")) == timings(first.with_suffix(".json"))
    for clip in clips:
        assert ClipCache().get(clip.name) is not None, f"{how}: {clip.name} was not made again"


# --- ffmpeg missing or failing ------------------------------------------------------------------

FAILURE = "simulated failure: codec on fire"
FIX = re.compile(r"AUDIOSCRIPT_FFMPEG|imageio-ffmpeg")


@pytest.fixture()
def use_ffmpeg(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path | str], None]]:
    """Point AUDIOSCRIPT_FFMPEG somewhere; ffmpeg_path() is lru_cached, so reset it around."""
    from audioscript.ffmpeg import ffmpeg_path

    def point(path: Path | str) -> None:
        monkeypatch.setenv("AUDIOSCRIPT_FFMPEG", str(path))
        ffmpeg_path.cache_clear()

    ffmpeg_path.cache_clear()
    yield point
    ffmpeg_path.cache_clear()


def fake_ffmpeg(path: Path, before_failing: str = "") -> Path:
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"#!/bin/sh\n{before_failing}echo '{FAILURE}' >&2\nexit 1\n")
    path.chmod(0o755)
    return path


@pytest.fixture()
def failing_ffmpeg(tmp_path: Path) -> Path:
    """An "ffmpeg" that fails every call (its message does not say it is ffmpeg)."""
    return fake_ffmpeg(tmp_path / "bin" / "ffmpeg")


@pytest.fixture()
def ffmpeg_failing_to_write(tmp_path: Path) -> Path:
    """The real ffmpeg for pipes; fails when asked to write a file (the episode)."""
    from audioscript.ffmpeg import ffmpeg_path

    real = ffmpeg_path()
    passthrough = f'for last; do :; done\ncase "$last" in pipe:*) exec "{real}" "$@";; esac\n'
    return fake_ffmpeg(tmp_path / "bin" / "ffmpeg", passthrough)


@pytest.fixture()
def narrator_only(tmp_path: Path) -> Path:
    """A script whose (silent, unshifted) voice needs no ffmpeg before the encode."""
    script = tmp_path / "narrator.txt"
    script.write_text("NARRATOR: Only the narrator speaks here.\nNARRATOR: And again.\n")
    return script


def test_missing_ffmpeg_is_one_line_with_the_fix(
    use_ffmpeg: Callable[[Path | str], None], out_dir: Path
) -> None:
    use_ffmpeg("/nonexistent")
    result = run(*render_args(OK_SCRIPT, out_dir / "episode.mp3"))
    assert error_line(result, 1) == (
        "Error: AUDIOSCRIPT_FFMPEG=/nonexistent is not an executable file: fix or unset it."
    )
    assert leftovers(out_dir) == []


def test_ffmpeg_failing_is_one_line_saying_ffmpeg_and_the_fix(
    use_ffmpeg: Callable[[Path | str], None],
    failing_ffmpeg: Path,
    narrator_only: Path,
    out_dir: Path,
) -> None:
    use_ffmpeg(failing_ffmpeg)
    message = error_line(run(*render_args(narrator_only, out_dir / "episode.mp3")), 1)
    assert FAILURE in message
    assert "ffmpeg" in message, f"does not say that ffmpeg failed: {message}"
    assert FIX.search(message), f"no fix named: {message}"
    assert leftovers(out_dir) == []


def test_ffmpeg_failing_to_write_the_episode_names_the_output(
    use_ffmpeg: Callable[[Path | str], None],
    ffmpeg_failing_to_write: Path,
    narrator_only: Path,
    out_dir: Path,
) -> None:
    use_ffmpeg(ffmpeg_failing_to_write)
    out = out_dir / "episode.mp3"
    message = error_line(run(*render_args(narrator_only, out)), 1)
    assert FAILURE in message and "ffmpeg" in message
    assert str(out) in message and ".tmp" not in message, (
        f"names a temporary file, not -o {out}: {message}"
    )
    assert leftovers(out_dir) == []


def test_ffmpeg_failing_on_a_clip_names_the_line_and_speaker(
    use_ffmpeg: Callable[[Path | str], None], failing_ffmpeg: Path, tmp_path: Path, out_dir: Path
) -> None:
    voices = tmp_path / "voices.toml"  # a pitch shift runs Ana's clips through ffmpeg
    voices.write_text(
        '[profiles.ana]\nengine = "silent"\npitch_semitones = 3\n\n[cast]\n"Ana Lima" = "ana"\n'
    )
    use_ffmpeg(failing_ffmpeg)
    result = run(*render_args(OK_SCRIPT, out_dir / "episode.mp3", "--voices", voices))
    message = error_line(result, 1)
    assert "ffmpeg" in message, message
    assert f"{OK_SCRIPT}:3 (Ana Lima)" in message, f"does not name the line and speaker: {message}"
    assert FIX.search(message), f"no fix named: {message}"
    assert leftovers(out_dir) == []


# --- an engine failing on one line mid-render -----------------------------------------------

CURSED_SCRIPT = """NARRATOR: The first line is fine.
Ana Lima: The second line is fine too.
Ana Lima: This cursed line breaks the engine.
NARRATOR: The last line never gets its turn.
"""

#: the CLI, with an espeak engine that fails on any text containing "cursed"
CURSED_DRIVER = """
from audioscript.engines.espeak import EspeakEngine
from audioscript.errors import EngineError

real = EspeakEngine.synthesize


def synthesize(self, text, settings):
    if "cursed" in text:
        raise EngineError("simulated engine failure")
    return real(self, text, settings)


EspeakEngine.synthesize = synthesize
from audioscript.cli import main

main()
"""


@pytest.fixture()
def cursed_script(tmp_path: Path) -> Path:
    path = tmp_path / "cursed.txt"
    path.write_text(CURSED_SCRIPT)
    return path


def cached_clips() -> int:
    info = run("cache", "info")
    return int(re.search(r"^(\d+) clips", info.stdout, re.MULTILINE).group(1))  # type: ignore[union-attr]


@pytest.mark.parametrize("failure", [EngineError, RuntimeError])
def test_engine_failing_on_one_line_names_it_and_keeps_finished_clips(
    failure: type[Exception], cursed_script: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An expected engine error or a plugin's unexpected one: both name the line."""
    from audioscript.engines.espeak import EspeakEngine

    real = EspeakEngine.synthesize

    def synthesize(self, text, settings):  # type: ignore[no-untyped-def]
        if "cursed" in text:
            raise failure("simulated engine failure")
        return real(self, text, settings)

    monkeypatch.setattr(EspeakEngine, "synthesize", synthesize)
    out = out_dir / "episode.mp3"
    result = run("render", cursed_script, "-o", out, "--engine", "espeak", "-j", "1", "-q")
    message = error_line(result, 1)
    assert message.startswith(f"Error: {cursed_script}:3 (Ana Lima): "), message
    assert "simulated engine failure" in message
    assert leftovers(out_dir) == []
    assert cached_clips() >= 2  # the two lines before the failure

    monkeypatch.setattr(EspeakEngine, "synthesize", real)
    again = run("render", cursed_script, "-o", out, "--engine", "espeak", "-j", "1")
    assert again.exit_code == 0, again.stderr
    assert "2 synthesized, 2 cached" in again.stderr


def test_debug_shows_the_traceback_of_the_same_failure(
    cursed_script: Path, tmp_path: Path, out_dir: Path
) -> None:
    driver = tmp_path / "cursed_cli.py"
    driver.write_text(CURSED_DRIVER)
    out = out_dir / "episode.mp3"
    args = ["render", str(cursed_script), "-o", str(out), "--engine", "espeak", "-j", "1", "-q"]

    plain = subprocess.run(
        [sys.executable, str(driver), *args], capture_output=True, text=True, timeout=120
    )
    assert plain.returncode == 1
    assert plain.stderr == f"Error: {cursed_script}:3 (Ana Lima): simulated engine failure\n"

    debug = subprocess.run(
        [sys.executable, str(driver), "--debug", *args], capture_output=True, text=True, timeout=120
    )
    assert debug.returncode == 1
    assert "Traceback (most recent call last)" in debug.stderr
    assert "EngineError" in debug.stderr and "simulated engine failure" in debug.stderr
    assert leftovers(out_dir) == []
