"""Trust (issue 12): the user's files are never lost or misread, and what the user asked
for is what comes out.

Every test drives the real CLI and checks the exact ``Error: ...`` line and exit code
(2 wrong usage, 1 failure). Renders use the ``silent`` engine so the suite stays fast.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from audioscript.cli import cli

SCRIPT = "# title: Trust test\n## Opening\nNARRATOR: Hello and welcome.\n## Ana\nAna Lima: I never thought it would work.\n"
QUOTES = (
    '{"speaker": "NARRATOR", "text": "Ana Lima runs a bakery.", "line": 1}\n'
    '{"speaker": "Ana Lima", "text": "I bake every night.", "line": 2}\n'
)


def run(*args: object) -> Result:
    return CliRunner(mix_stderr=False).invoke(cli, [str(a) for a in args])


def error_line(result: Result, exit_code: int) -> str:
    assert result.exit_code == exit_code, (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("warning:")]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def render(input: Path, out: Path, *extra: object) -> Result:
    return run("render", input, "-o", out, "--engine", "silent", "-q", *extra)


@pytest.fixture()
def script(tmp_path: Path) -> Path:
    path = tmp_path / "ep.txt"
    path.write_text(SCRIPT)
    return path


# --- 1. nothing the user owns is overwritten -------------------------------------------------


def test_render_onto_its_own_input_is_refused(script: Path) -> None:
    message = error_line(render(script, script), 2)
    assert message == f"Error: -o {script}: is the input {script}; choose another output name."
    assert script.read_text() == SCRIPT


def test_manifest_landing_on_the_input_is_refused(tmp_path: Path) -> None:
    quotes = tmp_path / "ep.json"  # a quotes file whose name is the manifest's
    quotes.write_text(QUOTES)
    out = tmp_path / "ep.mp3"
    message = error_line(render(quotes, out), 2)
    assert message == f"Error: -o {out} would write {quotes} over the input {quotes}; choose another output name."
    assert quotes.read_text() == QUOTES
    assert not out.exists()


def test_side_file_audioscript_did_not_write_is_refused_until_force(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "ep.mp3"
    subtitles = tmp_path / "ep.srt"
    subtitles.write_text("1\n00:00:00,000 --> 00:00:01,000\nmy own subtitles\n")
    message = error_line(render(script, out), 2)
    assert message == (
        f"Error: -o {out} would replace {subtitles}, which audioscript did not write; "
        "move it, choose another output name, or pass --force to replace it"
    )
    assert "my own subtitles" in subtitles.read_text()
    assert not out.exists()
    forced = render(script, out, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "Ana Lima: I never thought it would work." in subtitles.read_text()


def test_foreign_file_at_the_output_is_refused(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "ep.mp3"
    out.write_bytes(b"ID3 not ours")
    message = error_line(render(script, out), 2)
    assert message == (
        f"Error: {out} already exists and audioscript did not write it; "
        "choose another name or pass --force to overwrite it"
    )
    assert out.read_bytes() == b"ID3 not ours"


@pytest.mark.parametrize("suffix", [".mp3", ".wav", ".m4a", ".ogg"])
def test_render_replaces_its_own_earlier_episode(script: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"ep{suffix}"
    assert render(script, out).exit_code == 0
    script.write_text(SCRIPT.replace("Hello and welcome.", "Hello again."))
    again = render(script, out)
    assert again.exit_code == 0, again.stderr
    assert "Hello again." in out.with_suffix(".vtt").read_text()


def test_preview_replaces_its_own_file_but_not_others(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "line.wav"
    args = ["preview", script, "--line", "3", "-o", out, "--engine", "silent"]
    assert run(*args).exit_code == 0
    again = run(*args)
    assert again.exit_code == 0, again.stderr
    mine = tmp_path / "mine.wav"
    mine.write_bytes(b"RIFF....WAVEmine")
    message = error_line(run(*args[:-3], mine, "--engine", "silent"), 2)
    assert message == f"Error: {mine} already exists and audioscript did not write it; choose another name or pass --force to overwrite it"
    assert mine.read_bytes() == b"RIFF....WAVEmine"


def test_audition_keeps_other_wavs_in_the_folder(tmp_path: Path) -> None:
    voices = tmp_path / "v.toml"
    voices.write_text('[profiles.anna]\nengine = "silent"\n')
    out = tmp_path / "aud"
    args = ["voices", "audition", "--engine", "silent", "--voices", voices, "--text", "Hi.", "-o", out]
    first = run(*args)
    assert first.exit_code == 0, first.stderr
    assert run(*args).exit_code == 0  # its own samples are replaced
    (out / "anna.wav").write_bytes(b"my recording")
    message = error_line(run(*args), 2)
    assert message.startswith(f"Error: -o {out} would replace {out / 'anna.wav'}, which audioscript did not write;")
    assert (out / "anna.wav").read_bytes() == b"my recording"
    assert run(*args, "--force").exit_code == 0


def test_templates_copy_to_stdout_is_refused_with_the_command_that_prints() -> None:
    message = error_line(run("templates", "copy", "feature", "-"), 2)
    assert message == "Error: FOLDER -: to print the template, run `audioscript templates show feature`."


def test_dash_is_standard_output_for_text_and_refused_for_episodes(script: Path, tmp_path: Path) -> None:
    printed = run("script", script, "-o", "-")
    assert printed.exit_code == 0 and "Ana Lima: I never thought it would work." in printed.stdout
    assert not (Path.cwd() / "-").exists()
    message = error_line(render(script, Path("-")), 2)
    assert message == "Error: -o -: render writes four files (OUT.mp3, OUT.json, OUT.vtt, OUT.srt); give a file name such as episode.mp3."


@pytest.mark.parametrize("command", ["extract", "script"])
def test_missing_folders_are_created(command: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text('"I bake every night," says Ana Lima.\n')
    out = tmp_path / "new" / "deeper" / "out.txt"
    result = run(command, article, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert out.is_file()


def test_edited_text_outputs_are_never_replaced_without_force(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.txt"
    assert run("script", script, "-o", out).exit_code == 0
    message = error_line(run("script", script, "-o", out), 2)
    assert message == f"Error: {out} already exists; pass --force to overwrite it"


# --- 2. the output's extension is honoured ----------------------------------------------------

MAGIC = {".wav": (0, b"RIFF"), ".m4a": (4, b"ftyp"), ".ogg": (0, b"OggS"), ".opus": (0, b"OggS"), ".mp3": (0, b"ID3")}


@pytest.mark.parametrize("suffix", sorted(MAGIC))
def test_output_format_follows_the_extension(script: Path, tmp_path: Path, suffix: str) -> None:
    from helpers import decode

    out = tmp_path / f"ep{suffix}"
    result = render(script, out)
    assert result.exit_code == 0, result.stderr
    offset, magic = MAGIC[suffix]
    assert out.read_bytes()[offset : offset + len(magic)] == magic
    assert 2.0 < len(decode(out)) / 16000 < 10
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert manifest["generator"].startswith("audioscript")
    assert manifest["audio"]["file"] == out.name


def test_chapters_in_m4a_and_ogg_and_a_note_for_wav(script: Path, tmp_path: Path) -> None:
    import mutagen

    from audioscript.ffmpeg import ffmpeg_path

    m4a = tmp_path / "ep.m4a"
    assert render(script, m4a).exit_code == 0
    probe = subprocess.run([ffmpeg_path(), "-hide_banner", "-i", str(m4a)], capture_output=True, text=True, check=False).stderr
    assert probe.count("Chapter #") == 2
    ogg = tmp_path / "ep.ogg"
    assert render(script, ogg).exit_code == 0
    tags = mutagen.File(ogg).tags
    assert tags["CHAPTER000NAME"] == ["Opening"] and tags["CHAPTER001NAME"] == ["Ana"]
    wav = tmp_path / "ep.wav"
    result = render(script, wav)
    assert result.exit_code == 0
    assert result.stderr == "note: ep.wav cannot hold 2 chapter(s); ep.json and ep.vtt have them (use .mp3 or .m4a to keep them in the audio).\n"


@pytest.mark.parametrize("name", ["ep.flac", "notes.txt", "episode"])
def test_unknown_extension_is_refused(script: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    message = error_line(render(script, out), 2)
    assert message == (
        f"Error: -o {out}: audioscript writes .mp3, .m4a, .ogg, .opus, .wav (by the extension); "
        f"give a name such as {out.with_suffix('.mp3')}"
    )
    assert not out.exists() and not out.with_suffix(".json").exists()


def test_sample_rate_the_codec_cannot_take_is_the_users_value(script: Path, tmp_path: Path) -> None:
    message = error_line(render(script, tmp_path / "ep.mp3", "--sample-rate", "11000"), 2)
    assert message == (
        "Error: --sample-rate 11000: MP3 takes 8000, 11025, 12000, 16000, 22050, 24000, 32000, "
        "44100, 48000 Hz; use 44100 (or another of those)."
    )


def test_opus_defaults_to_48k(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "ep.opus"
    assert render(script, out).exit_code == 0
    assert json.loads(out.with_suffix(".json").read_text())["sample_rate"] == 48000


# --- 3. leftovers of a killed render are cleaned up --------------------------------------------


def test_leftovers_of_a_killed_render_are_removed_by_the_next(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "ep.mp3"
    dead = [
        tmp_path / ".ep.mp3.0badc0de.tmp.mp3",
        tmp_path / ".ep.mp3.0badc0de.tmp.mp3.part1",
        tmp_path / ".ep.json.deadbeef.tmp.json",
        tmp_path / ".ep.srt.12345678.tmp.srt",
    ]
    for path in dead:
        path.write_bytes(b"half")
    other = tmp_path / ".other.mp3.0badc0de.tmp.mp3"  # another output's: not ours to sweep
    other.write_bytes(b"half")
    assert render(script, out).exit_code == 0
    assert [p for p in dead if p.exists()] == []
    assert other.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="advisory locks")
def test_temp_file_of_a_running_render_is_left_alone(script: Path, tmp_path: Path) -> None:
    live = tmp_path / ".ep.mp3.0a0a0a0a.tmp.mp3"
    live.write_bytes(b"being written")
    hold = (
        "import fcntl,os,sys,time; fd=os.open(sys.argv[1], os.O_RDONLY); "
        "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", hold, str(live)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert render(script, tmp_path / "ep.mp3").exit_code == 0
        assert live.exists()
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9")
def test_real_kill_9_leftovers_are_swept(tmp_path: Path) -> None:
    """A render killed with SIGKILL while its files are reserved leaves temp files; the next
    render of the same output removes them."""
    import signal
    import time

    script = tmp_path / "ep.txt"
    script.write_text("NARRATOR: " + "A long line of narration for the encoder. " * 40 + "\n")
    out = tmp_path / "ep.mp3"
    code = (
        "import sys, time\n"
        "from audioscript import atomic\n"
        "with atomic.atomic_paths(*[__import__('pathlib').Path(p) for p in sys.argv[1:]]):\n"
        "    print('reserved', flush=True); time.sleep(60)\n"
    )
    files = [str(out.with_suffix(s)) for s in (".mp3", ".json", ".vtt", ".srt")]
    proc = subprocess.Popen([sys.executable, "-c", code, *files], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "reserved"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(0.1)
    assert len(list(tmp_path.glob(".ep.*.tmp.*"))) == 4
    assert render(script, out).exit_code == 0
    assert list(tmp_path.glob(".ep.*.tmp.*")) == []


# --- 4. inputs are read as what they are -------------------------------------------------------


def test_json_lines_are_quotes_whatever_the_name(tmp_path: Path) -> None:
    quotes = tmp_path / "notes.txt"
    quotes.write_text(QUOTES)
    result = run("check", quotes, "--engine", "silent")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{quotes}: quotes, ")


BROKEN = "# title: Broken\nNARRATOR: Sean Baker never planned to make Anora.\n[pause 800ms]\nNARRATOR Sean Baker kept going anyway.\nSean Baker: Red Rocket was a reaction.\n"


@pytest.mark.parametrize("command", ["check", "render"])
def test_a_bad_line_in_a_script_is_an_error_not_an_article(command: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text(BROKEN)
    args = [command, broken, "--engine", "silent"] + (["-o", tmp_path / "b.mp3"] if command == "render" else [])
    message = error_line(run(*args), 1)
    assert message == (
        f"Error: {broken}:4: expected 'Speaker: text', '[directive]', '## Chapter' or '# key: value', "
        "got 'NARRATOR Sean Baker kept going anyway.'. (broken.txt was read as a script because most of its "
        "lines are 'Speaker: text'; pass --input-type article to read it as an article.)"
    )


def test_interview_transcript_is_an_article(tmp_path: Path) -> None:
    transcript = tmp_path / "interview.txt"
    transcript.write_text(
        "Mikey Madison spent months preparing for the role. We met her in Los Angeles.\n\n"
        "She talked about the film, the dancing and what comes next.\n\n"
        "Interviewer: How did you prepare?\nMikey Madison: I took dance lessons every day for months.\n"
        "Interviewer: Was it hard?\nMikey Madison: It was the hardest thing I have ever done.\n"
    )
    result = run("check", transcript, "--engine", "silent")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{transcript}: article, ")
    assert "  Mikey Madison: " in result.stdout


HTML = """<!DOCTYPE html><html><head><title>Site</title><style>p {color: red}</style>
<script>var tracking = 1;</script></head><body><nav>Home | News</nav><article>
<h1>The making of <em>Anora</em></h1>
<p class="byline">By <a rel="author" href="/dana">Dana Whitlock</a></p>
<figure><img src="a.jpg"><figcaption>Sean Baker at Cannes. Photograph: Getty Images</figcaption></figure>
<p>Sean Baker never planned to make <strong>Anora</strong> &amp; its sequel.</p>
<p>&ldquo;Red Rocket was a reaction to my other films not taking off,&rdquo; Baker says.</p>
</article><footer>&copy; 2026</footer></body></html>
"""

MARKDOWN = """# The making of *Anora*

By Dana Whitlock

![Sean Baker at Cannes](baker.jpg)

Sean Baker never planned to make **Anora** &amp; its [sequel](http://example.com).

"Red Rocket was a reaction to my other films not taking off," Baker says.

Photograph by Jane Doe for The Times
"""


@pytest.mark.parametrize(("name", "text"), [("page.html", HTML), ("story.md", MARKDOWN), ("page.txt", HTML)])
def test_html_and_markdown_are_read_as_text(name: str, text: str, tmp_path: Path) -> None:
    article = tmp_path / name
    article.write_text(text)
    result = run("script", article, "-o", "-")
    assert result.exit_code == 0, result.stderr
    spoken = [line for line in result.stdout.splitlines() if line and not line.startswith(("//", "#"))]
    joined = "\n".join(spoken)
    for mark in ("<", ">", "&amp;", "**", "](", "tracking", "Home | News", "Photograph", "Dana Whitlock", "Cannes"):
        assert mark not in joined, (mark, joined)
    assert "# title: The making of Anora" in result.stdout
    assert "NARRATOR: Sean Baker never planned to make Anora & its sequel." in spoken
    assert "Sean Baker: Red Rocket was a reaction to my other films not taking off." in spoken


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_bytes(SCRIPT.encode("utf-16"))
    result = run("check", script, "--engine", "silent")
    assert result.exit_code == 0, result.stderr


def test_utf16_without_a_byte_order_mark_gets_a_hint(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_bytes(SCRIPT.encode("utf-16-le"))
    message = error_line(run("check", script), 1)
    assert message == f"Error: {script}: looks like UTF-16LE text without a byte-order mark; convert it (e.g. iconv -f utf-16le -t utf-8)."


def test_windows_1252_gets_its_own_hint(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes("He said \u201cyes\u201d.\n".encode("cp1252"))
    message = error_line(run("check", article), 1)
    assert message == f"Error: {article}:1: not valid UTF-8 (it looks like Windows-1252); convert it (e.g. iconv -f cp1252 -t utf-8)."


# --- 5. headline, captions, credits and bylines -----------------------------------------------

ARTICLE = """The baker who never sleeps

By Dana Whitlock

Ana Lima in her kitchen at dawn with the first loaves of the day on the table

Photograph by Jane Doe

Ana Lima opened her bakery ten years ago.

"I bake every night," Lima says. "It is the only quiet time."
"""


def test_headline_is_the_title_and_captions_are_comments(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE)
    result = run("script", article, "-o", "-")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("# title: The baker who never sleeps\n")
    spoken = [line for line in text.splitlines() if line and not line.startswith(("//", "#"))]
    assert not any("Dana Whitlock" in line or "Photograph" in line or "dawn" in line for line in spoken), spoken
    assert "// byline, line 3 of the input:\n// NARRATOR: By Dana Whitlock" in text
    assert "// credit, line 7 of the input:\n// NARRATOR: Photograph by Jane Doe" in text
    assert "// photo caption, line 5 of the input:" in text
    assert "NARRATOR: Ana Lima opened her bakery ten years ago." in spoken


def test_flag_title_beats_the_headline(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE)
    result = run("script", article, "--title", "Night shift", "-o", "-")
    assert result.stdout.startswith("# title: Night shift\n")
    assert "NARRATOR: This is Night shift." in result.stdout


# --- 6. the script remembers its settings ------------------------------------------------------


def test_script_header_remembers_voices_and_episode(tmp_path: Path) -> None:
    voices = tmp_path / "cast" / "voices.toml"
    voices.parent.mkdir()
    voices.write_text('[profiles.ana]\nengine = "silent"\npitch_semitones = 4\n[cast]\n"Ana Lima" = "ana"\n')
    episode = tmp_path / "episode.toml"
    episode.write_text('title = "Bread"\nshow = "Kitchen Radio"\nartist = "Dana"\ndescription = "About bread."\n')
    quotes = tmp_path / "q.jsonl"
    quotes.write_text(QUOTES)
    out = tmp_path / "scripts" / "bread.txt"
    made = run("script", quotes, "--voices", voices, "--episode", episode, "-o", out)
    assert made.exit_code == 0, made.stderr
    header = [line for line in out.read_text().splitlines() if line.startswith("# ")]
    assert header == [
        "# title: Bread", "# show: Kitchen Radio", "# artist: Dana", "# description: About bread.",
        "# voices: ../cast/voices.toml", "# template: feature",
    ]  # fmt: skip
    rendered = run("render", out, "-o", tmp_path / "bread.mp3", "--engine", "silent", "-q")
    assert rendered.exit_code == 0, rendered.stderr
    manifest = json.loads((tmp_path / "bread.json").read_text())
    assert {s["speaker"]: s["voice"] for s in manifest["segments"]}["Ana Lima"] == "ana"
    assert (manifest["title"], manifest["show"], manifest["artist"]) == ("Bread", "Kitchen Radio", "Dana")
    preview = run("preview", out, "--speaker", "Ana Lima", "-o", tmp_path / "ana.wav")
    assert preview.exit_code == 0, preview.stderr
    assert preview.stderr == f"Wrote {tmp_path / 'ana.wav'}: 1 line(s) by Ana Lima (0 synthesized, 1 cached); voice ana (silent).\n"


def test_missing_voices_file_in_the_header_names_the_header(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_text("# voices: gone.toml\n" + SCRIPT)
    message = error_line(run("check", script), 1)
    assert message == (
        f"Error: {script}: its header names voices file {tmp_path / 'gone.toml'}, which does not exist; "
        "fix the '# voices:' line or pass --voices."
    )


# --- 7. check validates everything render would ------------------------------------------------


def test_check_reports_every_bad_value_and_render_fails_before_synthesis(script: Path, tmp_path: Path) -> None:
    cover = tmp_path / "cover.png"
    cover.write_text("not an image")
    intro = tmp_path / "intro.wav"
    intro.write_bytes(b"")
    args = ["--cover", cover, "--intro", intro, "--date", "tomorrow", "--engine", "silent"]
    result = run("check", script, *args)
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("error: ")]
    assert errors == [
        "error: --date 'tomorrow' is not a date; give YYYY or YYYY-MM-DD, such as 2026-11-03.",
        f"error: --cover {cover}: is not a JPEG or PNG image; convert it or give another file.",
        f"error: --intro {intro}: is empty (0 bytes); give an audio file such as a WAV or MP3.",
    ]
    assert result.stderr == f"Error: 3 problem(s) found in {script}; fix them before rendering.\n"
    rendered = render(script, tmp_path / "ep.mp3", *args)
    assert error_line(rendered, 1) == "Error: --date 'tomorrow' is not a date; give YYYY or YYYY-MM-DD, such as 2026-11-03."
    assert not (Path(os.environ["AUDIOSCRIPT_CACHE_DIR"]) / "clips").exists()


def test_episode_file_values_name_the_file_and_key(script: Path, tmp_path: Path) -> None:
    episode = tmp_path / "episode.toml"
    episode.write_text('date = "soon"\n')
    message = error_line(render(script, tmp_path / "ep.mp3", "--episode", episode), 1)
    assert message == f"Error: {episode}: date = 'soon' is not a date; give YYYY or YYYY-MM-DD, such as 2026-11-03."


def test_check_warns_about_spellings_unused_casting_and_dropped_profiles(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_text(
        "NARRATOR: Hello.\nSean Baker: One.\nSean Bakr: Two.\nnarrator: Three.\n"
        "Ana Lima: Four.\nAna Lima: Five.\n"
    )
    voices = tmp_path / "v.toml"
    voices.write_text(
        '[profiles.baker]\nengine = "espeak"\n[profiles.spare]\nengine = "silent"\n'
        '[profiles.other]\nengine = "silent"\n[cast]\n"Sean Baker" = "baker"\n"Mikey Madison" = "other"\n'
        '"Yura Borisov" = "other"\n'
    )
    result = run("check", script, "--voices", voices, "--engine", "silent")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning: ")]
    assert warnings == [
        "warning: speakers 'NARRATOR' and 'narrator' differ only in spelling or case; if they are one person, write the name one way (they get two voices).",
        "warning: speakers 'Sean Baker' and 'Sean Bakr' differ only in spelling or case; if they are one person, write the name one way (they get two voices).",
        f"warning: [cast] entries in {voices} match no speaker of {script}: Mikey Madison, Yura Borisov (2)",
        f"warning: profiles in {voices} are cast to no speaker of {script}: spare, other (2)",
        "warning: --engine silent replaces the cast voice of: Sean Baker (baker, espeak)",
    ]


def test_check_warns_about_words_espeak_would_spell_out(tmp_path: Path) -> None:
    # espeak-ng (which phonemizes for espeak, kokoro and piper) reads a run of consonants no
    # English word starts with letter by letter: "shtine" is "ess aitch tine"
    script = tmp_path / "s.txt"
    script.write_text(
        "NARRATOR: Now Eydelshteyn and Kovacs.\nNARRATOR: Then Tkach spoke, and Dzhon.\n"
    )
    voices = tmp_path / "v.toml"
    voices.write_text(
        '[lexicon]\nEydelshteyn = "Ay-dell-shtine"\nKovacs = "Ko-vatch"\nDzhon = "John"\n'
        'Nobody = "Shtnobody"\n'
    )
    result = run("check", script, "--voices", voices, "--engine", "espeak")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning: ")]
    respellings = (
        "warning: espeak-ng reads part of these lexicon respellings letter by letter (respell "
        "that part to start as an English word can, or join it to the part before): "
    )
    assert warnings == [
        respellings + "Eydelshteyn = 'Ay-dell-shtine' ('shtine')",
        (
            "warning: espeak-ng reads these words letter by letter; give each a [lexicon] "
            "respelling in your voices file: Tkach"
        ),
    ]
    # the same respelling joined to the part before is read as a word: no warning
    # ... and a respelling that still trips it is named
    voices.write_text(
        '[lexicon]\nEydelshteyn = "Ay-delshtayn"\nTkach = "Tkatch"\nDzhon = "John"\n'
    )
    result = run("check", script, "--voices", voices, "--engine", "espeak")
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning: ")]
    assert warnings == [respellings + "Tkach = 'Tkatch' ('Tkatch')"]
    # an engine that does not read through espeak-ng is not warned about
    result = run("check", script, "--voices", voices, "--engine", "silent")
    assert "letter by letter" not in result.stdout
    # a voice's own lexicon is checked too
    voices.write_text(
        '[profiles.host]\nengine = "espeak"\nlexicon = { Kovacs = "Ko-vtchk" }\n'
        '[cast]\nNARRATOR = "host"\n[lexicon]\nTkach = "Tahkatch"\nDzhon = "John"\n'
    )
    result = run("check", script, "--voices", voices)
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning: ")]
    assert warnings == [respellings + "Kovacs = 'Ko-vtchk' ('vtchk')"]


# --- 8. what the user asked for is what comes out ----------------------------------------------


def test_builtin_templates_do_not_advertise_audioscript(tmp_path: Path) -> None:
    quotes = tmp_path / "q.jsonl"
    quotes.write_text(QUOTES)
    for template in ("feature", "interview", "highlights"):
        result = run("script", quotes, "--template", template, "-o", "-")
        assert result.exit_code == 0, result.stderr
        assert "audioscript" not in result.stdout.lower().replace("# template:", "")
        assert "# show:" not in result.stdout


def test_render_title_reaches_the_intro_of_an_article(tmp_path: Path) -> None:
    quotes = tmp_path / "q.jsonl"
    quotes.write_text(QUOTES)
    out = tmp_path / "ep.mp3"
    assert render(quotes, out, "--title", "Night bread", "--show", "Kitchen Radio").exit_code == 0
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert manifest["segments"][0]["text"] == "Welcome to Kitchen Radio. This is Night bread."
    assert manifest["chapters"][0]["title"] == "Night bread"


def test_render_title_of_a_script_warns_that_its_text_wins(script: Path, tmp_path: Path) -> None:
    script.write_text("# title: Trust test\n## Trust test\nNARRATOR: This is Trust test.\n")
    result = run("render", script, "-o", tmp_path / "ep.mp3", "--engine", "silent", "--title", "New name")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "warning: --title 'New name' goes into the tags; the script's spoken lines and chapter names still "
        f"say 'Trust test' (edit {script}, or render from the article to have them say 'New name')."
    )


def test_with_an_intro_the_first_chapter_starts_at_zero(script: Path, tmp_path: Path) -> None:
    from audioscript.export import read_chapters
    from audioscript.ffmpeg import ffmpeg_path

    intro = tmp_path / "intro.wav"
    subprocess.run([ffmpeg_path(), "-v", "error", "-f", "lavfi", "-i", "sine=d=1.5", str(intro)], check=True)
    out = tmp_path / "ep.mp3"
    assert render(script, out, "--intro", intro).exit_code == 0
    manifest = json.loads(out.with_suffix(".json").read_text())
    assert manifest["chapters"][0]["start_ms"] == 0
    assert read_chapters(out)[0].start_ms == 0
    assert manifest["segments"][0]["start_ms"] > 1500


def test_an_intro_that_is_not_audio_is_blamed_not_ffmpeg(script: Path, tmp_path: Path) -> None:
    intro = tmp_path / "intro.mp3"
    intro.write_text("this is text\n")
    message = error_line(render(script, tmp_path / "ep.mp3", "--intro", intro), 1)
    assert message == f"Error: --intro {intro}: is not audio ffmpeg can read; give a WAV, MP3, OGG, M4A or FLAC file."


def test_a_missing_intro_is_a_failure_like_any_missing_file(script: Path, tmp_path: Path) -> None:
    intro = tmp_path / "nope.wav"
    message = error_line(render(script, tmp_path / "ep.mp3", "--intro", intro), 1)
    assert message == f"Error: --intro {intro}: no such file; check the path."


def test_exit_codes_follow_one_rule(script: Path, tmp_path: Path) -> None:
    """2 for a value that can never work, 1 for a file that cannot be used."""
    assert error_line(run("script", script, "--template", "nope"), 2).startswith("Error: --template nope: no template by that name;")
    assert error_line(run("script", script, "--template", tmp_path), 2) == f"Error: --template {tmp_path}: is a folder; give a template file."
    empty = tmp_path / "empty.txt"
    empty.write_text("# title: Nothing said\n## Chapter\n")
    assert error_line(run("check", empty, "--input-type", "script"), 1) == f"Error: {empty}: the script has no spoken lines ('Speaker: text'); add some."
    assert error_line(render(script, tmp_path / "ep.mp3", "--voices", tmp_path / "none.toml"), 1).startswith("Error: --voices ")


def test_an_existing_file_whose_content_is_not_its_name_is_kept_not_a_traceback(
    script: Path, tmp_path: Path
) -> None:
    from audioscript.ffmpeg import ffmpeg_path

    fake = tmp_path / "fake.mp3"  # Ogg Vorbis under an .mp3 name: mutagen reads Vorbis tags
    subprocess.run(
        [ffmpeg_path(), "-v", "error", "-f", "lavfi", "-i", "sine=d=1", "-c:a", "libvorbis", "-f", "ogg", str(fake)],
        check=True,
    )
    before = fake.read_bytes()
    message = error_line(render(script, fake), 2)
    assert "audioscript did not write it" in message and "--force" in message
    assert fake.read_bytes() == before
