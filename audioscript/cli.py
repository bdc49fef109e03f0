"""The ``audioscript`` command: options in, one library call, a short result out.

Expected failures (:class:`~audioscript.errors.AudioscriptError`) become one
``Error: ...`` line here and nowhere else: exit 1 for run-time failures, 2 for wrong
usage. ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from pathlib import Path
from typing import Any

import click

from . import __version__, interrupt
from .errors import AudioscriptError, UsageError

EPILOG_HELP = "Run `audioscript COMMAND --help` for a command's options and an example."


class Group(click.Group):
    """Turns audioscript errors into one line and the right exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """click's own usage errors as one line too (click prints usage and a hint first)."""
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.UsageError as exc:
            # click's own option errors get a pointer to --help; ours already name the fix
            hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
            click.echo(f"Error: {exc.format_message()}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AudioscriptError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            if isinstance(exc, UsageError):
                raise click.UsageError(exc.message) from None
            raise click.ClickException(exc.message) from None
        except KeyboardInterrupt:
            click.echo("Interrupted: nothing was written; finished clips stay cached.", err=True)
            sys.exit(130)


@click.group(cls=Group, epilog=EPILOG_HELP)
@click.version_option(__version__, prog_name="audioscript")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn an article full of attributed quotes into a narrated, multi-voice podcast episode.

    \b
    The pipeline, one command per stage (each output can be edited and fed back in):
      audioscript extract ARTICLE -o quotes.jsonl     who says what
      audioscript script quotes.jsonl -o script.txt   arrange it with a template
      audioscript render script.txt -o episode.mp3    voices, audio, mastering

    \b
    Or all at once, offline:
      audioscript render examples/anora/article.txt --voices examples/anora/voices.toml -o output/anora.mp3
    """
    ctx.obj = {"debug": debug}
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(message)s")


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    """A progress callback drawing 'lines done, cache hits, time left' on a terminal."""
    if quiet or not sys.stderr.isatty():
        return None
    started: list[float] = []  # the clock starts with synthesis, not with casting

    def draw(done: int, total: int, hits: int, fraction: float = 0.0) -> None:
        started[:] = started or [time.monotonic()]
        elapsed = time.monotonic() - started[0]
        if done >= total:
            left = "done"
        elif fraction > 0.02:  # by characters synthesized: lines differ tenfold in length
            left = f"~{_clock(elapsed * (1 - fraction) / fraction)} left"
        else:
            left = "estimating time left"
        _draw_bar("Synthesizing", done, total, f"{done}/{total} lines, {hits} cached, {left}")

    return draw


def _clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _encoding_progress(quiet: bool):  # type: ignore[no-untyped-def]
    """A callback drawing the encode's progress in minutes of audio on a terminal."""
    if quiet or not sys.stderr.isatty():
        return None

    def draw(done: float, total: float) -> None:
        _draw_bar("Encoding", done, total, f"{_clock(done)} of {_clock(total)}")

    return draw


def _draw_bar(stage: str, done: float, total: float, detail: str, width: int = 30) -> None:
    """One progress line, redrawn in place; it ends the line when the stage is done."""
    filled = int(width * done / total) if total else width
    bar = "#" * filled + "-" * (width - filled)
    click.echo(f"\r{stage:12} [{bar}] {detail} ", nl=done >= total, err=True)


def _meta(episode: Path | None = None, **values: str | None) -> dict[str, str]:
    """Episode metadata: the --episode file, then flags on top."""
    from .inputs import read_episode

    meta = read_episode(episode) if episode else {}
    meta.update({k: v for k, v in values.items() if v})
    return meta


EPISODE_HELP = "TOML file of episode metadata (title, show, artist, date, description, cover, target_seconds); flags win."


def _output_checks(path: Path, flag: str, force: bool | None = None) -> None:
    from .atomic import check_writable, refuse_overwrite

    check_writable(path, flag)
    if force is not None:
        refuse_overwrite(path, force)


# --- extract ------------------------------------------------------------------------------


@cli.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="quotes.jsonl to write (default: print).")
@click.option("--review", is_flag=True, help="Also list low-confidence attributions to check by hand.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def extract(article: Path, output: Path | None, review: bool, force: bool) -> None:
    """Find every quote in ARTICLE and who said it; write quotes.jsonl.

    Works with quotation marks or without them (scraped text), repairs lost apostrophes
    and glued titles first, and resolves surnames, pronouns and typos to one full name.
    Each line is a JSON object: speaker, text, line, kind, source, attribution, confidence.
    Fix a speaker by editing the file, then render from it.

    \b
    Example:
      audioscript extract examples/anora/article.txt -o output/anora.quotes.jsonl --review
    """
    from .extract import extract as run_extract
    from .extract import review as low_confidence
    from .inputs import read_text

    if output:
        _output_checks(output, "-o", force)
    extraction = run_extract(read_text(article))
    genders = {s.name: s.gender for s in extraction.speakers if s.gender}
    lines = []
    for u in extraction.utterances:
        record = u.to_json()
        if u.speaker in genders:
            record["gender"] = genders[u.speaker]
        lines.append(json.dumps(record, ensure_ascii=False))
    text = "\n".join(lines) + "\n"
    if output:
        from .atomic import write_text_atomic

        write_text_atomic(output, text)
        people = ", ".join(s.name for s in extraction.speakers) or "nobody"
        quotes = sum(1 for u in extraction.utterances if u.kind == "quote")
        click.echo(f"Wrote {output}: {quotes} quotes from {people}.", err=True)
    else:
        click.echo(text, nl=False)
    if review:
        doubtful = low_confidence(extraction)
        click.echo(f"{len(doubtful)} attribution(s) to review:", err=True)
        for u in doubtful:
            click.echo(f"  {article}:{u.line}: {u.speaker} ({u.confidence:.2f}): {u.text[:70]}", err=True)


# --- script -------------------------------------------------------------------------------

TEMPLATE_HELP = "Template name (see `audioscript templates`) or path to a .j2 file."
INPUT_TYPE = click.Choice(["auto", "article", "quotes", "script"])


@cli.command()
@click.argument("input", type=click.Path(path_type=Path))
@click.option("-t", "--template", default="feature", show_default=True, help=TEMPLATE_HELP)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Script file to write (default: print).")
@click.option("--title", help="Episode title (default: from the file name).")
@click.option("--show", help="Show name.")
@click.option("--episode", type=click.Path(path_type=Path), help=EPISODE_HELP)
@click.option("--input-type", type=INPUT_TYPE, default="auto", show_default=True, help="Force how INPUT is read.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def script(input: Path, template: str, output: Path | None, title: str | None, show: str | None, episode: Path | None, input_type: str, force: bool) -> None:
    """Arrange an article or quotes.jsonl into a narrated script with a template.

    The script is plain text you can edit: '# key: value' metadata at the top,
    '## Chapter' lines, 'Speaker: text' lines and directives like '[pause 800ms]'.

    \b
    Example:
      audioscript script output/anora.quotes.jsonl --template interview -o output/anora.script.txt
    """
    from . import script as script_format
    from .pipeline import load

    if output:
        _output_checks(output, "-o", force)
    loaded = load(input, input_type=input_type, template=template, meta=_meta(episode, title=title, show=show))
    text = script_format.dump(loaded.script)
    if output:
        from .atomic import write_text_atomic

        write_text_atomic(output, text)
        click.echo(f"Wrote {output}: {len(loaded.script.cues)} lines, {len(loaded.script.speakers)} voices.", err=True)
    else:
        click.echo(text, nl=False)


# --- render -------------------------------------------------------------------------------


def render_options(f):  # type: ignore[no-untyped-def]
    """Options shared by render and preview: they must sound the same."""
    options = [
        click.option("--voices", "voices_files", multiple=True, type=click.Path(path_type=Path), help="Voices TOML file (profiles, casting, lexicon); repeatable, later wins."),
        click.option("-t", "--template", default="feature", show_default=True, help=TEMPLATE_HELP),
        click.option("--engine", help="Speak every voice with this engine (default: each profile's engine; kokoro, the natural offline voices, for automatic casting)."),
        click.option("--draft", is_flag=True, help="Instant draft: every voice by espeak (robotic, but seconds instead of minutes), to check structure, casting and timing."),
        click.option("--fallback", help="Engine to use for voices whose engine is unavailable (e.g. --engine gtts --fallback espeak)."),
        click.option("--input-type", type=INPUT_TYPE, default="auto", show_default=True, help="Force how INPUT is read."),
        click.option("--title", help="Episode title."),
        click.option("--show", help="Show name (ID3 album)."),
        click.option("--episode", type=click.Path(path_type=Path), help=EPISODE_HELP),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _draft(engine: str | None, draft: bool) -> str | None:
    """--draft is espeak for every voice; with --engine it is a contradiction."""
    if draft and engine and engine != "espeak":
        raise click.UsageError(f"--draft renders with espeak; drop --engine {engine} or --draft.")
    return "espeak" if draft else engine


def _render_setup(input: Path, voices_files: tuple[Path, ...], template: str, engine: str | None, fallback: str | None, input_type: str, meta: dict[str, str], **extra: Any):  # type: ignore[no-untyped-def]
    from .engines import default_engine, get_engine, status
    from .pipeline import load
    from .render import RenderOptions
    from .voices import load_config

    config = load_config(voices_files)
    chosen = engine or default_engine()
    force = engine is not None
    for name in filter(None, (engine, fallback)):
        get_engine(name)  # an unknown name is a usage error (exit 2)
    if engine or fallback:
        problem = status(chosen)
        if not problem.available:
            if not fallback:
                hint = "" if "--fallback" in problem.reason else " (or pass --fallback espeak)"
                raise AudioscriptError(f"--engine {chosen}: {problem.reason}{hint}")
            fallback_status = status(fallback)
            if not fallback_status.available:
                raise AudioscriptError(f"--fallback {fallback}: {fallback_status.reason}")
            click.echo(f"Engine {chosen} is unavailable ({problem.reason}); using {fallback}.", err=True)
            chosen, force = fallback, True
    options = RenderOptions(engine=chosen, force_engine=force, fallback=fallback, meta=meta, **extra)
    loaded = load(input, input_type=input_type, template=template, meta=meta)
    return loaded, config, options


@cli.command()
@click.argument("input", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="MP3 to write; OUT.json, OUT.vtt and OUT.srt go beside it.")
@render_options
@click.option("--artist", help="Artist / author tag.")
@click.option("--date", help="Release date tag, YYYY or YYYY-MM-DD.")
@click.option("--description", help="Episode description tag.")
@click.option("--cover", type=click.Path(path_type=Path), help="Cover art (JPEG or PNG).")
@click.option("--bitrate", default="96k", show_default=True, help="MP3 bitrate.")
@click.option("--sample-rate", default=44100, show_default=True, type=int, help="Output sample rate in Hz.")
@click.option("--channels", default=1, show_default=True, type=click.IntRange(1, 2), help="1 mono (-19 LUFS) or 2 stereo (-16 LUFS).")
@click.option("--loudness", "target_lufs", type=float, help="Integrated loudness target in LUFS (default by channels).")
@click.option("--intro", type=click.Path(path_type=Path), help="Audio file played before the first line.")
@click.option("--outro", type=click.Path(path_type=Path), help="Audio file played after the last line.")
@click.option("--music", type=click.Path(path_type=Path), help="Music bed under the whole episode, ducked under speech.")
@click.option("--allow-outside", is_flag=True, help="Let script directives use files outside the script's folder.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Parallel synthesis workers (default: CPU count).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def render(input: Path, output: Path, voices_files: tuple[Path, ...], template: str, engine: str | None, draft: bool, fallback: str | None, input_type: str, title: str | None, show: str | None, episode: Path | None, artist: str | None, date: str | None, description: str | None, cover: Path | None, bitrate: str, sample_rate: int, channels: int, target_lufs: float | None, intro: Path | None, outro: Path | None, music: Path | None, allow_outside: bool, jobs: int | None, quiet: bool) -> None:
    """Render INPUT to a mastered MP3 episode with chapters, tags and transcripts.

    INPUT is an article (.txt), a quotes file (.jsonl) or a script; the kind is
    detected (force it with --input-type). Writes OUT.mp3, the manifest OUT.json,
    and the transcripts OUT.vtt and OUT.srt. Clips are cached: re-rendering after an
    edit only synthesizes the lines that changed.

    \b
    Example:
      audioscript render examples/anora/article.txt --voices examples/anora/voices.toml -o output/anora.mp3
    """
    from .render import render as run_render

    _output_checks(output, "-o")
    meta = _meta(episode, title=title, show=show, artist=artist, date=date, description=description, cover=str(cover) if cover else None)
    loaded, config, options = _render_setup(
        input, voices_files, template, _draft(engine, draft), fallback, input_type, meta,
        bitrate=bitrate, sample_rate=sample_rate, channels=channels, target_lufs=target_lufs,
        intro=str(intro or ""), outro=str(outro or ""), music=str(music or ""),
        allow_outside=allow_outside, workers=jobs,
    )  # fmt: skip
    output.parent.mkdir(parents=True, exist_ok=True)
    result = run_render(
        loaded, output, config, options, progress=_progress(quiet),
        notify=lambda message: click.echo(message, err=True), encoding=_encoding_progress(quiet),
    )  # fmt: skip
    if not quiet:
        ep = result.episode
        minutes, seconds = divmod(ep.duration_ms // 1000, 60)
        voices = len({s.voice for s in ep.segments})
        click.echo(
            f"Wrote {output} ({minutes}:{seconds:02d}, {len(ep.segments)} lines, {voices} voices, "
            f"{len(ep.chapters)} chapters; {result.stats.made} synthesized, {result.stats.hits} cached) "
            f"in {result.seconds:.1f}s, plus {output.with_suffix('.json').name}, "
            f"{output.with_suffix('.vtt').name}, {output.with_suffix('.srt').name}.",
            err=True,
        )


# --- preview and check ------------------------------------------------------------------


def _parse_range(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    low, sep, high = value.partition("-")
    if not sep or not low.strip().isdigit() or not high.strip().isdigit() or int(low) > int(high):
        raise UsageError(f"--range {value}: give two line numbers of INPUT, like --range 12-20.")
    return int(low), int(high)


PLAYERS: tuple[tuple[str, list[str]], ...] = (
    ("ffplay", ["-nodisp", "-autoexit", "-loglevel", "error"]),
    ("mpv", ["--no-video", "--really-quiet"]),
    ("afplay", []),
    ("paplay", []),
    ("mpg123", ["-q"]),
    ("play", ["-q"]),
    ("aplay", ["-q"]),
)


def _play(path: Path) -> None:
    import shutil
    import subprocess

    for name, args in PLAYERS:
        if name in ("aplay", "paplay") and path.suffix.lower() != ".wav":
            continue
        if shutil.which(name):
            click.echo(f"Playing with {name}...", err=True)
            subprocess.run([name, *args, str(path)], check=False)
            return
    click.echo(
        "No audio player found (tried ffplay, mpv, afplay, paplay, mpg123, play, aplay); "
        f"open {path} yourself.",
        err=True,
    )


@cli.command()
@click.argument("input", type=click.Path(path_type=Path))
@click.option("--line", "line_number", type=click.IntRange(min=1), help="The line with this number in INPUT.")
@click.option("--speaker", help="Every line of this speaker.")
@click.option("--match", "match_text", help="Every line containing this text.")
@click.option("--range", "line_range", help="Lines A-B of INPUT, e.g. 12-20.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="OUT.wav or OUT.mp3.")
@render_options
@click.option("--play", is_flag=True, help="Play the result with an available player.")
def preview(input: Path, line_number: int | None, speaker: str | None, match_text: str | None, line_range: str | None, output: Path, voices_files: tuple[Path, ...], template: str, engine: str | None, draft: bool, fallback: str | None, input_type: str, title: str | None, show: str | None, episode: Path | None, play: bool) -> None:
    """Hear one line, one speaker or a few lines without a full render.

    Same voices, processing, levels and cache as `render`, so a cached line is ready in
    well under two seconds. Choose exactly one of --line, --speaker, --match, --range.

    \b
    Examples:
      audioscript preview output/anora.script.txt --line 14 -o output/line14.wav --play
      audioscript preview examples/anora/article.txt --voices examples/anora/voices.toml --speaker "Mikey Madison" -o output/madison.mp3
    """
    from .render import Selection
    from .render import preview as run_preview

    chosen = [x is not None for x in (line_number, speaker, match_text, line_range)]
    if sum(chosen) != 1:
        raise UsageError("choose exactly one of --line, --speaker, --match or --range.")
    if output.suffix.lower() not in (".wav", ".mp3"):
        raise UsageError(f"-o {output}: give a .wav or .mp3 file name.")
    _output_checks(output, "-o")
    selection = Selection(line_number, speaker, match_text, _parse_range(line_range))
    loaded, config, options = _render_setup(input, voices_files, template, _draft(engine, draft), fallback, input_type, _meta(episode, title=title, show=show))
    output.parent.mkdir(parents=True, exist_ok=True)
    lines, stats = run_preview(loaded, selection, output, config, options)
    who = ", ".join(dict.fromkeys(l.cue.speaker for l in lines))
    click.echo(f"Wrote {output}: {len(lines)} line(s) by {who} ({stats.made} synthesized, {stats.hits} cached).", err=True)
    if play:
        _play(output)


@cli.command()
@click.argument("input", type=click.Path(path_type=Path))
@render_options
@click.option("--allow-outside", is_flag=True, help="Let script directives use files outside the script's folder.")
def check(input: Path, voices_files: tuple[Path, ...], template: str, engine: str | None, draft: bool, fallback: str | None, input_type: str, title: str | None, show: str | None, episode: Path | None, allow_outside: bool) -> None:
    """Dry run: everything `render` checks, before any synthesis.

    Renders the template, parses the script, resolves every speaker to a voice, checks
    engines, ffmpeg and directive files, and estimates duration and engine requests.
    Exits 1 when there are errors.

    \b
    Example:
      audioscript check examples/anora/article.txt --voices examples/anora/voices.toml
    """
    from .check import check as run_check

    loaded, config, options = _render_setup(input, voices_files, template, _draft(engine, draft), fallback, input_type, _meta(episode, title=title, show=show), allow_outside=allow_outside)
    report = run_check(loaded, config, options)
    minutes, seconds = divmod(int(report.estimated_seconds), 60)
    click.echo(f"{input}: {loaded.kind}, {report.lines} lines, about {minutes}:{seconds:02d}")
    for name, voice in report.speakers.items():
        click.echo(f"  {name}: {voice}")
    todo = ", ".join(f"{n} {e} request(s)" for e, n in report.requests.items()) or "nothing"
    click.echo(f"cache: {report.cached} of {report.lines} lines ready; to synthesize: {todo}")
    for warning in report.warnings:
        click.echo(f"warning: {warning}")
    for error in report.errors:
        click.echo(f"error: {error}")
    if report.errors:
        raise AudioscriptError(f"{len(report.errors)} problem(s) found in {input}; fix them before rendering.")
    click.echo("OK: ready to render.")


# --- templates ----------------------------------------------------------------------------


@cli.group(invoke_without_command=True)
@click.pass_context
def templates(ctx: click.Context) -> None:
    """List script templates: built-ins, and yours from ./templates (AUDIOSCRIPT_TEMPLATES_DIR).

    A user template with a built-in's name overrides it. Templates are Jinja2, sandboxed,
    with StrictUndefined; the context is documented in the README ("Templates").

    \b
    Examples:
      audioscript templates
      audioscript templates show interview
      audioscript templates copy feature templates/   # then edit templates/feature.j2
    """
    if ctx.invoked_subcommand:
        return
    from .templating import BUILTIN_DIR, available, description

    for name, path in available().items():
        origin = "built-in" if path.parent == BUILTIN_DIR else f"user: {path}"
        click.echo(f"{name}\t{origin}\t{description(path)}")


@templates.command("show")
@click.argument("name")
def templates_show(name: str) -> None:
    """Print the source of template NAME.

    \b
    Example:
      audioscript templates show highlights
    """
    from .templating import resolve

    click.echo(resolve(name).read_text(encoding="utf-8"), nl=False)


@templates.command("copy")
@click.argument("name")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def templates_copy(name: str, folder: Path, force: bool) -> None:
    """Copy template NAME into FOLDER as NAME.j2, to start editing it.

    Keep it in ./templates to override the built-in of the same name, or pass its path
    with --template.

    \b
    Example:
      audioscript templates copy feature templates/
    """
    from .atomic import write_text_atomic
    from .templating import resolve

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: is a file; give a folder to copy the template into.")
    target = folder / f"{Path(name).stem}.j2"
    _output_checks(target, "FOLDER", force)
    folder.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, resolve(name).read_text(encoding="utf-8"))
    click.echo(f"Wrote {target}; render with --template {target} (or keep it in ./templates to override {name!r}).")


# --- engines, voices, cache -------------------------------------------------------------


@cli.command()
def engines() -> None:
    """List every speech engine, whether it works here, and how to get it.

    \b
    Example:
      audioscript engines
    """
    from .engines import engine_names, status

    for name in engine_names():
        state = status(name)
        net = " (needs the network)" if state.needs_network else ""
        if state.available:
            click.echo(f"{name:10} available  {state.version}{net}")
        else:
            click.echo(f"{name:10} missing    {state.reason}")


@cli.group(invoke_without_command=True)
@click.option("--engine", help="Only this engine's voices.")
@click.option("--toml", is_flag=True, help="Print each voice as a profile line to paste under [profiles] in a voices file.")
@click.pass_context
def voices(ctx: click.Context, engine: str | None, toml: bool) -> None:
    """List the voices of every available engine: engine, id, gender, language and a
    description; with --toml, as profile lines for a voices file.

    \b
    Examples:
      audioscript voices --engine kokoro
      audioscript voices --engine kokoro --toml >> voices/mine.toml
      audioscript voices --engine espeak
      audioscript voices audition --engine espeak -o output/audition
    """
    if ctx.invoked_subcommand:
        return
    from .engines import engine_names, get_engine, status

    for name in [engine] if engine else engine_names():
        state = status(name)
        if not state.available:
            if engine:
                raise AudioscriptError(f"--engine {name}: {state.reason}")
            continue
        for info in get_engine(name).voices():
            if toml:
                click.echo(_profile_line(name, info))
            else:
                click.echo(f"{name}\t{info.id}\t{info.gender or '-'}\t{info.language}\t{info.description}")


def _profile_line(engine: str, info: Any) -> str:
    """One voice as a line to paste under ``[profiles]`` in a voices file."""
    key = info.id if re.fullmatch(r"[A-Za-z0-9_-]+", info.id) else json.dumps(info.id)
    settings = ", ".join(f"{k} = {json.dumps(v)}" for k, v in info.settings.items())
    gender = f', gender = "{info.gender}"' if info.gender else ""
    about = f"  # {info.description}" if info.description else ""
    return f'{key} = {{ engine = "{engine}", settings = {{ {settings} }}{gender} }}{about}'


@voices.command("audition")
@click.option("--engine", help="Voices of this engine (default: the default engine).")
@click.option("--voices", "voices_files", multiple=True, type=click.Path(path_type=Path), help="Also audition the profiles in this voices file; repeatable.")
@click.option("--text", help="What each voice says (default: two sentences of interview speech).")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Folder for one WAV per voice.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def voices_audition(engine: str | None, voices_files: tuple[Path, ...], text: str, output: Path, quiet: bool) -> None:
    """Render a short sample of every voice (and profile) into a folder, to choose by ear.

    Samples are levelled like a render, so they compare fairly. Profiles come from
    ./voices and --voices files; voices from the engine's own list.

    \b
    Examples:
      audioscript voices audition --engine espeak -o output/audition
      audioscript voices audition --voices examples/anora/voices.toml --text "Hello there." -o output/cast
    """
    from .audition import DEFAULT_TEXT, audition, audition_voices
    from .engines import default_engine, require
    from .voices import load_config

    if output.exists() and not output.is_dir():
        raise UsageError(f"-o {output}: is a file; give a folder for the samples.")
    text = DEFAULT_TEXT if text is None else text
    if not text.strip():
        raise UsageError("--text is empty; give a sentence for the voices to say.")
    name = engine or default_engine()
    require(name)
    config = load_config(voices_files)
    chosen = audition_voices(name, config)
    if voices_files and not engine:  # every profile of the files, whatever its engine
        chosen = list(config.profiles.values()) + [v for v in chosen if v.name not in config.profiles]
    output.mkdir(parents=True, exist_ok=True)
    paths = audition(chosen, text, output, lexicon=config.lexicon, progress=_progress(quiet))
    click.echo(f"Wrote {len(paths)} samples to {output}/ ({name}).", err=True)


@cli.group()
def cache() -> None:
    """Inspect or clear the clip cache (AUDIOSCRIPT_CACHE_DIR, else ~/.cache/audioscript).

    \b
    Examples:
      audioscript cache info
      audioscript cache clear
    """


@cache.command("info")
def cache_info() -> None:
    """Show where the cache is, how many clips it holds and its size.

    \b
    Example:
      AUDIOSCRIPT_CACHE_DIR=/tmp/clips audioscript cache info
    """
    from .cache import ClipCache

    info = ClipCache().info()
    click.echo(f"{info.path}\n{info.entries} clips, {info.bytes / 1e6:.1f} MB")


@cache.command("clear")
def cache_clear() -> None:
    """Delete every cached clip (the next render synthesizes everything again).

    \b
    Example:
      audioscript cache clear
    """
    from .cache import ClipCache

    removed = ClipCache().clear()
    click.echo(f"Removed {removed} clips.")


def _stop(signum: int, frame: Any) -> None:
    """Ctrl-C and SIGTERM (``kill``) stop a render: temp files removed, cache kept.

    The request is recorded before the exception is raised, because Python drops an
    exception raised while it runs a garbage-collector or C callback; the library then
    stops at its next clip or before renaming any output (see audioscript.interrupt). The
    module is imported with the CLI, never here: a handler may run in the middle of an import."""
    interrupt.request()
    raise KeyboardInterrupt


def main() -> None:
    import signal

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    cli(prog_name="audioscript")
