"""The audio commands: ``render``, ``preview`` and ``check`` (which checks what render would)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import AudioscriptError, UsageError
from .options import (
    claim_output,
    draft_engine,
    episode_options,
    episode_setup,
    meta_with_origins,
    render_options,
    render_setup,
)
from .terminal import encoding_bar, play_file, progress_bar

# --- render -------------------------------------------------------------------------------


@click.command()
@click.argument("input", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Episode to write: .mp3, .m4a, .ogg, .opus or .wav; OUT.json, OUT.vtt and OUT.srt go beside it.")
@render_options
@episode_options
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Parallel synthesis workers (default: CPU count).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
@click.option("--force", is_flag=True, help="Replace existing files at OUT.* that audioscript did not write.")
def render(input: Path, output: Path, voices_files: tuple[Path, ...], template: str, engine: str | None, draft: bool, fallback: str | None, input_type: str, title: str | None, show: str | None, episode: Path | None, artist: str | None, date: str | None, description: str | None, cover: Path | None, bitrate: str, sample_rate: int | None, channels: int, target_lufs: float | None, intro: Path | None, outro: Path | None, music: Path | None, allow_outside: bool, recast: bool, jobs: int | None, quiet: bool, force: bool) -> None:
    """Render INPUT to a mastered episode with chapters, tags and transcripts.

    INPUT is an article (text, Markdown or HTML), a quotes file (JSON lines) or a
    script; the kind is detected from the content (force it with --input-type). Writes
    OUT (its format by extension: .mp3, .m4a, .ogg, .opus, .wav), the manifest OUT.json
    and the transcripts OUT.vtt and OUT.srt. Files audioscript wrote before are replaced;
    any other file is kept unless you pass --force. Clips are cached: re-rendering after
    an edit only synthesizes the lines that changed.

    \b
    Examples:
      audioscript render examples/anora/article.txt --voices examples/anora/voices.toml -o output/anora.mp3
      audioscript render output/anora.script.txt -o output/anora.m4a --draft
    """
    from ..atomic import sweep_leftovers
    from ..outputs import make_folder
    from ..preflight import preflight
    from ..render import render as run_render

    loaded, config, options, files = episode_setup(
        input, output, force=force, voices_files=voices_files, template=template, engine=engine, draft=draft,
        fallback=fallback, input_type=input_type, title=title, show=show, episode=episode, artist=artist,
        date=date, description=description, cover=cover, bitrate=bitrate, sample_rate=sample_rate,
        channels=channels, target_lufs=target_lufs, intro=intro, outro=outro, music=music,
        allow_outside=allow_outside, recast=recast, jobs=jobs,
    )  # fmt: skip
    findings = preflight(loaded, config, options)  # the checks of `check`, before any synthesis
    if findings.errors:
        raise findings.errors[0]
    if not quiet:
        for warning in findings.warnings:
            click.echo(f"warning: {warning}", err=True)
    make_folder(output)
    sweep_leftovers(*files)
    result = run_render(
        loaded, output, config, options, progress=progress_bar(quiet),
        notify=lambda message: click.echo(message, err=True), encoding=encoding_bar(quiet),
        planned=findings.plan,
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


def parse_range(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    low, sep, high = value.partition("-")
    if not sep or not low.strip().isdigit() or not high.strip().isdigit() or int(low) > int(high):
        raise UsageError(f"--range {value}: give two line numbers of INPUT, like --range 12-20.")
    return int(low), int(high)


@click.command()
@click.argument("input", type=click.Path(path_type=Path))
@click.option("--line", "line_number", type=click.IntRange(min=1), help="The line with this number in INPUT.")
@click.option("--speaker", help="Every line of this speaker.")
@click.option("--match", "match_text", help="Every line containing this text.")
@click.option("--range", "line_range", help="Lines A-B of INPUT, e.g. 12-20.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="OUT.wav or OUT.mp3 (or .m4a, .ogg, .opus).")
@render_options
@click.option("--play", is_flag=True, help="Play the result with an available player.")
@click.option("--force", is_flag=True, help="Replace an existing file at OUT that audioscript did not write.")
def preview(input: Path, line_number: int | None, speaker: str | None, match_text: str | None, line_range: str | None, output: Path, voices_files: tuple[Path, ...], template: str, engine: str | None, draft: bool, fallback: str | None, input_type: str, title: str | None, show: str | None, episode: Path | None, recast: bool, play: bool, force: bool) -> None:
    """Hear one line, one speaker or a few lines without a full render.

    Same voices, processing, levels and cache as `render`, so a cached line is ready in
    well under two seconds. Choose exactly one of --line, --speaker, --match, --range.

    \b
    Examples:
      audioscript preview output/anora.script.txt --line 14 -o output/line14.wav --play
      audioscript preview examples/anora/article.txt --voices examples/anora/voices.toml --speaker "Mikey Madison" -o output/madison.mp3
    """
    from ..render import Selection
    from ..render import preview as run_preview

    chosen = [x is not None for x in (line_number, speaker, match_text, line_range)]
    if sum(chosen) != 1:
        raise UsageError("choose exactly one of --line, --speaker, --match or --range.")
    from ..atomic import sweep_leftovers
    from ..outputs import audio_format, make_folder, refuse_stdout

    refuse_stdout(output, "-o", "give a file name such as line.wav (add --play to hear it).")
    from ..atomic import check_writable

    check_writable(output, "-o", "line.wav")
    fmt = audio_format(output)
    claim_output(output, "-o", inputs=(input, episode, *voices_files), force=force, example="line.wav")
    selection = Selection(line_number, speaker, match_text, parse_range(line_range))
    loaded, config, options = render_setup(input, voices_files, template, draft_engine(engine, draft), fallback, input_type, meta_with_origins(episode, title=title, show=show), sample_rate=fmt.default_rate, format=fmt.suffix, recast=recast)
    make_folder(output)
    sweep_leftovers(output)
    lines, stats = run_preview(loaded, selection, output, config, options)
    voices = {l.cue.speaker: l.voice for l in lines}
    who = ", ".join(voices)
    if len(voices) == 1:
        used = "voice {0.name} ({0.engine})".format(*voices.values())
    else:
        used = "voices " + ", ".join(f"{name} = {v.name} ({v.engine})" for name, v in voices.items())
    click.echo(f"Wrote {output}: {len(lines)} line(s) by {who} ({stats.made} synthesized, {stats.hits} cached); {used}.", err=True)
    if play:
        play_file(output)


@click.command()
@click.argument("input", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Also check the output path and format render would write.")
@render_options
@episode_options
@click.option("--force", is_flag=True, help="As render --force: check as if existing files may be replaced.")
def check(input: Path, output: Path | None, voices_files: tuple[Path, ...], template: str, engine: str | None, draft: bool, fallback: str | None, input_type: str, title: str | None, show: str | None, episode: Path | None, artist: str | None, date: str | None, description: str | None, cover: Path | None, bitrate: str, sample_rate: int | None, channels: int, target_lufs: float | None, intro: Path | None, outro: Path | None, music: Path | None, allow_outside: bool, recast: bool, force: bool) -> None:
    """Dry run: everything `render` checks, before any synthesis.

    Takes render's options. Reads INPUT as render would, resolves every speaker to a
    voice, checks engines, ffmpeg, the cover, date, audio options, intro, outro, music
    and directive files, warns about speaker names spelt two ways and casting that
    matches nobody, and estimates duration and engine requests. Exits 1 when there are
    errors (2 for a wrong option). `render` runs the same checks first.

    \b
    Examples:
      audioscript check examples/anora/article.txt --voices examples/anora/voices.toml
      audioscript check output/anora.script.txt --cover cover.png --intro jingle.wav -o output/anora.m4a
    """
    from ..check import check as run_check

    loaded, config, options, _ = episode_setup(
        input, output, force=force, voices_files=voices_files, template=template, engine=engine, draft=draft,
        fallback=fallback, input_type=input_type, title=title, show=show, episode=episode, artist=artist,
        date=date, description=description, cover=cover, bitrate=bitrate, sample_rate=sample_rate,
        channels=channels, target_lufs=target_lufs, intro=intro, outro=outro, music=music,
        allow_outside=allow_outside, recast=recast,
    )  # fmt: skip
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
        failure = UsageError if report.wrong_usage else AudioscriptError
        raise failure(f"{len(report.errors)} problem(s) found in {input}; fix them before rendering.")
    click.echo("OK: ready to render.")


