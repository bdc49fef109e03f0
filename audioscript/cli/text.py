"""The text stages: ``extract`` (who says what) and ``script`` (a template arranges it)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .options import (
    EPISODE_HELP,
    FORCE_HELP,
    INPUT_TYPE,
    TEMPLATE_HELP,
    claim_output,
    episode_meta,
    write_text,
)

# --- extract ------------------------------------------------------------------------------


@click.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="quotes.jsonl to write ('-' or none: print).")
@click.option("--review", is_flag=True, help="Also list the lines likeliest to be wrong (under 80 % sure), worst first, to check by hand.")
@click.option(
    "--explain", is_flag=True, help="Also say, line by line, which pass decided the speaker and why."
)
@click.option("--force", is_flag=True, help=FORCE_HELP)
def extract(article: Path, output: Path | None, review: bool, explain: bool, force: bool) -> None:
    """Find every quote in ARTICLE and who said it; write quotes.jsonl.

    Works with quotation marks or without them (scraped text), repairs lost apostrophes
    and glued titles first, and resolves surnames, pronouns and typos to one full name.
    HTML and Markdown articles are read as text. Each line is a JSON object: speaker,
    text, line, kind (quote, narration, or headline/caption/credit/byline/stage: not read
    aloud), source, attribution, confidence. Fix a speaker by editing the file, then
    render from it. --review and --explain write to standard error, so standard output
    stays JSON.

    \b
    Example:
      audioscript extract examples/anora/article.txt -o output/anora.quotes.jsonl --review
      audioscript extract examples/anora/article.txt -o output/anora.quotes.jsonl --explain
    """
    from ..extract import extract as run_extract
    from ..extract import review as low_confidence
    from ..outputs import is_stdout
    from ..pipeline import article_text, label_front_matter

    output = None if is_stdout(output) else output
    if output:
        claim_output(output, "-o", inputs=(article,), force=force, editable=True, example="quotes.jsonl")
    source = article_text(article)
    extraction = run_extract(source.text)
    genders = {s.name: s.gender for s in extraction.speakers if s.gender}
    utterances = label_front_matter(extraction.utterances, source.left_out)
    lines = []
    for u in utterances:
        record = u.to_json()
        if u.speaker in genders:
            record["gender"] = genders[u.speaker]
        lines.append(json.dumps(record, ensure_ascii=False))
    text = "\n".join(lines) + "\n"
    if output:
        write_text(output, text)
        people = ", ".join(s.name for s in extraction.speakers) or "nobody"
        quotes = sum(1 for u in extraction.utterances if u.kind == "quote")
        click.echo(f"Wrote {output}: {quotes} quotes from {people}.", err=True)
    else:
        click.echo(text, nl=False)
    if review:
        doubtful = low_confidence(extraction)
        click.echo(
            f"{len(doubtful)} line(s) to review, the likeliest to be wrong first "
            "(confidence: the chance the speaker is right):",
            err=True,
        )
        for u in doubtful:
            click.echo(f"  {article}:{u.line}: {u.speaker} ({u.confidence:.2f}): {u.text[:70]}", err=True)
            if u.why:
                click.echo(f"      because {u.why}", err=True)
    if explain:
        click.echo("Who says each line, and why:", err=True)
        for u in utterances:
            why = u.why if u.kind in {"quote", "narration"} else f"a {u.kind}, not read aloud"
            click.echo(f"  {article}:{u.line}: {u.speaker} ({u.confidence:.2f}) <- {why}: {u.text[:50]}", err=True)


# --- script -------------------------------------------------------------------------------

@click.command()
@click.argument("input", type=click.Path(path_type=Path))
@click.option("-t", "--template", default="feature", show_default=True, help=TEMPLATE_HELP)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Script file to write ('-' or none: print).")
@click.option("--title", help="Episode title (default: the article's headline, else the file name).")
@click.option("--show", help="Show name (default: none).")
@click.option("--artist", help="Artist / author tag.")
@click.option("--description", help="Episode description tag.")
@click.option("--episode", type=click.Path(path_type=Path), help=EPISODE_HELP)
@click.option("--voices", "voices_files", multiple=True, type=click.Path(path_type=Path), help="Voices file(s) to remember in the script's header, for render and preview.")
@click.option("--input-type", type=INPUT_TYPE, default="auto", show_default=True, help="Force how INPUT is read.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
def script(input: Path, template: str, output: Path | None, title: str | None, show: str | None, artist: str | None, description: str | None, episode: Path | None, voices_files: tuple[Path, ...], input_type: str, force: bool) -> None:
    """Arrange an article or quotes.jsonl into a narrated script with a template.

    The script is plain text you can edit: '# key: value' metadata at the top,
    '## Chapter' lines, 'Speaker: text' lines and directives like '[pause 800ms]'.
    Its header remembers the settings it was made with (title, show, artist,
    description, date, cover, voices files, template), so `render` and `preview` of
    the script use them without repeating the flags (flags given then still win).

    \b
    Examples:
      audioscript script examples/anora/article.txt --voices examples/anora/voices.toml --episode examples/anora/episode.toml -o output/anora.script.txt
      audioscript script output/anora.quotes.jsonl --template interview -o -
    """
    from .. import script as script_format
    from ..outputs import is_stdout
    from ..pipeline import load, remember

    output = None if is_stdout(output) else output
    if output:
        claim_output(output, "-o", inputs=(input, episode, *voices_files), force=force, editable=True, example="script.txt")
    if voices_files:
        from ..voices import load_config

        load_config(voices_files, use_dir=False)  # a broken voices file fails now, not at render
    meta = episode_meta(episode, title=title, show=show, artist=artist, description=description)
    loaded = load(input, input_type=input_type, template=template, meta=meta)
    settings = {**meta, "template": template, "voices": [str(v) for v in voices_files]}
    text = script_format.dump(remember(loaded.script, settings, output))
    if output:
        write_text(output, text)
        click.echo(f"Wrote {output}: {len(loaded.script.cues)} lines, {len(loaded.script.speakers)} voices.", err=True)
    else:
        click.echo(text, nl=False)


