"""Options shared between commands, and the steps they share: metadata, outputs, setup."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from ..errors import AudioscriptError


def episode_meta(episode: Path | None = None, **values: str | None) -> dict[str, str]:
    """Episode metadata: the --episode file, then flags on top."""
    return meta_with_origins(episode, **values)[0]


def meta_with_origins(episode: Path | None = None, **values: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """Episode metadata and, for each key, where it came from (for messages)."""
    from ..inputs import read_episode

    meta = read_episode(episode) if episode else {}
    origins = {key: f"{episode}: {key}" for key in meta}
    given = {k: v for k, v in values.items() if v}
    meta.update(given)
    origins.update({key: f"--{key.replace('_', '-')}" for key in given})
    return meta, origins


EPISODE_HELP = "TOML file of episode metadata (title, show, artist, date, description, cover, target_seconds); flags win."


def claim_output(
    output: Path,
    flag: str,
    *,
    inputs: tuple[Path | None, ...] = (),
    force: bool = False,
    editable: bool = False,
    files: list[Path] | None = None,
    example: str = "episode.mp3",
) -> None:
    """The one output rule (see audioscript.outputs): checked before any work is done."""
    from ..atomic import check_writable
    from ..outputs import claim

    check_writable(output, flag, example)
    claim(output, files or [output], inputs=inputs, force=force, editable=editable, flag=flag)


def write_text(output: Path, text: str) -> None:
    from ..atomic import write_text_atomic
    from ..outputs import make_folder

    make_folder(output)
    write_text_atomic(output, text)


FORCE_HELP = "Replace an existing file that audioscript did not write (or a text file you may have edited)."


TEMPLATE_HELP = "Template name (see `audioscript templates`) or path to a .j2 file."
INPUT_TYPE = click.Choice(["auto", "article", "quotes", "script"])


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
        click.option("--recast", is_flag=True, help="Cast automatic voices afresh instead of as remembered from earlier runs (speakers keep their voices between runs, so adding one moves nobody)."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def draft_engine(engine: str | None, draft: bool) -> str | None:
    """--draft is espeak for every voice; with --engine it is a contradiction."""
    if draft and engine and engine != "espeak":
        raise click.UsageError(f"--draft renders with espeak; drop --engine {engine} or --draft.")
    return "espeak" if draft else engine


def render_setup(input: Path, voices_files: tuple[Path, ...], template: str, engine: str | None, fallback: str | None, input_type: str, meta_origins: tuple[dict[str, str], dict[str, str]], **extra: Any):  # type: ignore[no-untyped-def]
    """Engine choice, the input loaded, the voices (flags, else the script's header) and
    the episode metadata (flags > --episode file > the script's header)."""
    from ..engines import default_engine, get_engine, status
    from ..pipeline import load
    from ..render import RenderOptions
    from ..voices import load_config

    meta, origins = meta_origins
    if voices_files:
        load_config(voices_files)  # a bad voices file fails before the input is read
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
    loaded = load(input, input_type=input_type, template=template, meta=meta)
    remembered = () if voices_files else loaded.voices
    for path in remembered:
        if not path.is_file():
            raise AudioscriptError(f"{input}: its header names voices file {path}, which does not exist; fix the '# voices:' line or pass --voices.")
    config = load_config(voices_files or remembered)
    if loaded.kind == "script":
        warn_fixed_text(loaded, meta)
        origins = {**{key: f"{input}: # {key}" for key in loaded.meta}, **origins}
        meta = {**loaded.meta, **meta}
    options = RenderOptions(engine=chosen, force_engine=force, fallback=fallback, meta=meta, origins=origins, voices_files=tuple(str(v) for v in voices_files or remembered), **extra)
    return loaded, config, options


def warn_fixed_text(loaded: Any, meta: dict[str, str]) -> None:
    """A script's spoken intro and chapter names are its own text: a new --title or --show
    changes the tags only, and the user should know."""
    from ..models import Chapter, Cue

    said = [item.text if isinstance(item, Cue) else item.title for item in loaded.script.items if isinstance(item, (Cue, Chapter))]
    for key in ("title", "show"):
        old, new = loaded.meta.get(key, ""), meta.get(key, "")
        if old and new and old != new and any(old in text for text in said):
            click.echo(
                f"warning: --{key} {new!r} goes into the tags; the script's spoken lines and chapter names "
                f"still say {old!r} (edit {loaded.source}, or render from the article to have them say {new!r}).",
                err=True,
            )


def episode_options(f):  # type: ignore[no-untyped-def]
    """Options shared by render and check: check validates exactly what render would use."""
    options = [
        click.option("--artist", help="Artist / author tag."),
        click.option("--date", help="Release date tag, YYYY or YYYY-MM-DD."),
        click.option("--description", help="Episode description tag."),
        click.option("--cover", type=click.Path(path_type=Path), help="Cover art (JPEG or PNG)."),
        click.option("--bitrate", default="96k", show_default=True, help="Bitrate of MP3, AAC, Vorbis and Opus."),
        click.option("--sample-rate", type=int, help="Output sample rate in Hz (default 44100; 48000 for .opus)."),
        click.option("--channels", default=1, show_default=True, type=click.IntRange(1, 2), help="1 mono (-19 LUFS) or 2 stereo (-16 LUFS)."),
        click.option("--loudness", "target_lufs", type=float, help="Integrated loudness target in LUFS (default by channels)."),
        click.option("--intro", type=click.Path(path_type=Path), help="Audio file played before the first line (the first chapter starts at 0)."),
        click.option("--outro", type=click.Path(path_type=Path), help="Audio file played after the last line."),
        click.option("--music", type=click.Path(path_type=Path), help="Music bed under the whole episode, ducked under speech."),
        click.option("--allow-outside", is_flag=True, help="Let script directives use files outside the script's folder."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def episode_setup(input: Path, output: Path | None, *, force: bool, voices_files: tuple[Path, ...], template: str, engine: str | None, draft: bool, fallback: str | None, input_type: str, title: str | None, show: str | None, episode: Path | None, artist: str | None, date: str | None, description: str | None, cover: Path | None, bitrate: str, sample_rate: int | None, channels: int, target_lufs: float | None, intro: Path | None, outro: Path | None, music: Path | None, allow_outside: bool, recast: bool = False, jobs: int | None = None):  # type: ignore[no-untyped-def]
    """What render and check share: the output rule, the input, voices and options."""
    from ..outputs import FORMATS, audio_format, episode_files, refuse_stdout

    files: list[Path] = []
    fmt = FORMATS[".mp3"]
    if output is not None:
        refuse_stdout(output, "-o", "render writes four files (OUT.mp3, OUT.json, OUT.vtt, OUT.srt); give a file name such as episode.mp3.")
        from ..atomic import check_writable

        check_writable(output, "-o")
        files = list(episode_files(output).values())
        claim_output(output, "-o", inputs=(input, episode, cover, intro, outro, music, *voices_files), force=force, files=files)
        fmt = audio_format(output)
    meta = meta_with_origins(episode, title=title, show=show, artist=artist, date=date, description=description, cover=str(cover) if cover else None)
    loaded, config, options = render_setup(
        input, voices_files, template, draft_engine(engine, draft), fallback, input_type, meta,
        bitrate=bitrate, sample_rate=sample_rate or fmt.default_rate, channels=channels, target_lufs=target_lufs,
        intro=str(intro or ""), outro=str(outro or ""), music=str(music or ""),
        allow_outside=allow_outside, workers=jobs, format=fmt.suffix, recast=recast,
    )  # fmt: skip
    if draft:
        options = replace(options, origins={**options.origins, "engine": "--draft"})
    return loaded, config, options, files


