"""The ``audioscript`` command: options in, one library call, a short result out.

Expected failures (:class:`~audioscript.errors.AudioscriptError`) become one
``Error: ...`` line here and nowhere else: exit 1 for run-time failures, 2 for wrong
usage. ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import AudioscriptError, UsageError

EPILOG_HELP = "Run `audioscript COMMAND --help` for a command's options and an example."


class Group(click.Group):
    """Turns audioscript errors into one line and the right exit code."""

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
    started = time.monotonic()

    def draw(done: int, total: int, hits: int) -> None:
        made = done - hits
        elapsed = time.monotonic() - started
        left = (total - done) * elapsed / made if made else 0.0
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        line = f"\rSynthesizing [{bar}] {done}/{total} lines, {hits} cached, ~{left:.0f}s left "
        click.echo(line, nl=done >= total, err=True)

    return draw


def _meta(**values: str | None) -> dict[str, str]:
    return {k: v for k, v in values.items() if v}


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
@click.option("--input-type", type=INPUT_TYPE, default="auto", show_default=True, help="Force how INPUT is read.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def script(input: Path, template: str, output: Path | None, title: str | None, show: str | None, input_type: str, force: bool) -> None:
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
    loaded = load(input, input_type=input_type, template=template, meta=_meta(title=title, show=show))
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
        click.option("--engine", help="Speak every voice with this engine (default: each profile's engine; espeak for automatic casting)."),
        click.option("--fallback", help="Engine to use for voices whose engine is unavailable (e.g. --engine gtts --fallback espeak)."),
        click.option("--input-type", type=INPUT_TYPE, default="auto", show_default=True, help="Force how INPUT is read."),
        click.option("--title", help="Episode title."),
        click.option("--show", help="Show name (ID3 album)."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _render_setup(input: Path, voices_files: tuple[Path, ...], template: str, engine: str | None, fallback: str | None, input_type: str, meta: dict[str, str], **extra: Any):  # type: ignore[no-untyped-def]
    from .engines import get_engine, status
    from .pipeline import load
    from .render import RenderOptions
    from .voices import load_config

    config = load_config(voices_files)
    chosen = engine or "espeak"
    force = engine is not None
    for name in filter(None, (engine, fallback)):
        get_engine(name)  # an unknown name is a usage error (exit 2)
    if engine or fallback:
        problem = status(chosen)
        if not problem.available:
            if not fallback:
                raise AudioscriptError(f"--engine {chosen}: {problem.reason} (or pass --fallback espeak)")
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
def render(input: Path, output: Path, voices_files: tuple[Path, ...], template: str, engine: str | None, fallback: str | None, input_type: str, title: str | None, show: str | None, artist: str | None, date: str | None, description: str | None, cover: Path | None, bitrate: str, sample_rate: int, channels: int, target_lufs: float | None, intro: Path | None, outro: Path | None, music: Path | None, allow_outside: bool, jobs: int | None, quiet: bool) -> None:
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
    meta = _meta(title=title, show=show, artist=artist, date=date, description=description, cover=str(cover) if cover else None)
    loaded, config, options = _render_setup(
        input, voices_files, template, engine, fallback, input_type, meta,
        bitrate=bitrate, sample_rate=sample_rate, channels=channels, target_lufs=target_lufs,
        intro=str(intro or ""), outro=str(outro or ""), music=str(music or ""),
        allow_outside=allow_outside, workers=jobs,
    )  # fmt: skip
    output.parent.mkdir(parents=True, exist_ok=True)
    result = run_render(loaded, output, config, options, progress=_progress(quiet))
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
@click.pass_context
def voices(ctx: click.Context, engine: str | None) -> None:
    """List the voices of every available engine (id, gender, description).

    \b
    Examples:
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
            click.echo(f"{name}\t{info.id}\t{info.gender or '-'}\t{info.description}")


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
    """Show where the cache is, how many clips it holds and its size."""
    from .cache import ClipCache

    info = ClipCache().info()
    click.echo(f"{info.path}\n{info.entries} clips, {info.bytes / 1e6:.1f} MB")


@cache.command("clear")
def cache_clear() -> None:
    """Delete every cached clip (the next render synthesizes everything again)."""
    from .cache import ClipCache

    removed = ClipCache().clear()
    click.echo(f"Removed {removed} clips.")


def main() -> None:
    cli(prog_name="audioscript")
