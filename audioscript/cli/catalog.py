"""What there is to choose from: templates, engines and voices (with auditions), and the cache."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import click

from ..errors import AudioscriptError, UsageError
from .options import FORCE_HELP, claim_output, write_text
from .terminal import progress_bar

# --- templates ----------------------------------------------------------------------------


@click.group(invoke_without_command=True)
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
    from ..templating import BUILTIN_DIR, available, description

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
    from ..templating import resolve

    click.echo(resolve(name).read_text(encoding="utf-8"), nl=False)


@templates.command("copy")
@click.argument("name")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help=FORCE_HELP)
def templates_copy(name: str, folder: Path, force: bool) -> None:
    """Copy template NAME into FOLDER as NAME.j2, to start editing it.

    Keep it in ./templates to override the built-in of the same name, or pass its path
    with --template.

    \b
    Example:
      audioscript templates copy feature templates/
    """
    from ..outputs import refuse_stdout
    from ..templating import resolve

    refuse_stdout(folder, "FOLDER", f"to print the template, run `audioscript templates show {name}`.")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: is a file; give a folder to copy the template into.")
    source = resolve(name)
    target = folder / f"{Path(name).stem}.j2"
    claim_output(target, "FOLDER", inputs=(source,), force=force, editable=True, example="feature.j2")
    write_text(target, source.read_text(encoding="utf-8"))
    click.echo(f"Wrote {target}; render with --template {target} (or keep it in ./templates to override {name!r}).")


# --- engines, voices, cache -------------------------------------------------------------


@click.command()
def engines() -> None:
    """List every speech engine, whether it works here, and how to get it.

    \b
    Example:
      audioscript engines
    """
    from ..engines import engine_names, status

    for name in engine_names():
        state = status(name)
        net = " (needs the network)" if state.needs_network else ""
        if state.available:
            click.echo(f"{name:10} available  {state.version}{net}")
        else:
            click.echo(f"{name:10} missing    {state.reason}")


@click.group(invoke_without_command=True)
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
    from ..engines import engine_names, get_engine, status

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
@click.option("--force", is_flag=True, help="Replace existing WAV files in the folder that audioscript did not write.")
def voices_audition(engine: str | None, voices_files: tuple[Path, ...], text: str, output: Path, quiet: bool, force: bool) -> None:
    """Render a short sample of every voice (and profile) into a folder, to choose by ear.

    Samples are levelled like a render, so they compare fairly. Profiles come from
    ./voices and --voices files; voices from the engine's own list.

    \b
    Examples:
      audioscript voices audition --engine espeak -o output/audition
      audioscript voices audition --voices examples/anora/voices.toml --text "Hello there." -o output/cast
    """
    from ..audition import DEFAULT_TEXT, audition, audition_voices, sample_paths
    from ..engines import default_engine, require
    from ..outputs import claim, refuse_stdout
    from ..voices import load_config

    refuse_stdout(output, "-o", "give a folder for the samples, such as output/audition.")
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
    claim(output, sample_paths(chosen, output), inputs=voices_files, force=force, flag="-o")
    paths = audition(chosen, text, output, lexicon=config.lexicon, progress=progress_bar(quiet))
    click.echo(f"Wrote {len(paths)} samples to {output}/ ({name}).", err=True)


@click.group()
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
    from ..cache import ClipCache

    info = ClipCache().info()
    click.echo(f"{info.path}\n{info.entries} clips, {info.bytes / 1e6:.1f} MB")


@cache.command("clear")
def cache_clear() -> None:
    """Delete every cached clip (the next render synthesizes everything again).

    \b
    Example:
      audioscript cache clear
    """
    from ..cache import ClipCache

    removed = ClipCache().clear()
    click.echo(f"Removed {removed} clips.")


