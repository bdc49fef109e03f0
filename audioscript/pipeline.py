"""From any input (article, quotes.jsonl or script) to a parsed script.

``render``, ``preview`` and ``check`` all start here, so an article, its quotes and its
script give the same episode. What an input is comes from its content
(:mod:`audioscript.formats`); an article's headline becomes the title, and its captions,
credits and bylines stay out of the spoken script, as ``//`` comments a person can restore
(:mod:`audioscript.frontmatter`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import formats, templating
from . import script as script_format
from .errors import InputError, UsageError
from .frontmatter import front_matter
from .inputs import read_quotes, read_text
from .models import NARRATOR, Comment, Meta, Script, Speaker, Utterance

INPUT_TYPES = ("auto", "article", "quotes", "script")
#: utterance kinds that are not read aloud (left in the script as comments)
LEFT_OUT = {
    "headline": "headline", "caption": "photo caption", "credit": "credit", "byline": "byline",
    "stage": "stage direction",  # "[Laughter]", "(Clip)" on a line of their own in a transcript
}
#: settings a script remembers in its header, so render and preview need no flags
REMEMBERED = ("artist", "date", "description", "cover", "voices", "template")


@dataclass(frozen=True)
class Loaded:
    """A script and what is known about its speakers."""

    script: Script
    kind: str  # "article", "quotes" or "script"
    genders: Mapping[str, str] = field(default_factory=dict)
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    utterances: tuple[Utterance, ...] = ()
    source: str = ""  # the INPUT file, for messages (an article's script path is derived)
    voices: tuple[Path, ...] = ()  # voices files a script's header names
    meta: Mapping[str, str] = field(default_factory=dict)  # a script's header, paths resolved


def detect(path: Path, text: str) -> str:
    return formats.detect(path, text)


@dataclass(frozen=True)
class ArticleText:
    """An article read as plain text, and its lines that are not read aloud."""

    text: str
    left_out: Mapping[int, str]  # 1-based line -> "headline", "caption", "credit", "byline"
    format: str = "text"

    @property
    def headline(self) -> str:
        for line, kind in sorted(self.left_out.items()):
            if kind == "headline":
                return self.text.splitlines()[line - 1].strip()
        return ""


def article_text(path: Path, text: str | None = None) -> ArticleText:
    """The article at ``path`` as text (HTML and Markdown converted), with its front matter."""
    path = Path(path)
    article = formats.read_article(path, read_text(path) if text is None else text)
    return ArticleText(article.text, front_matter(article.text, article.labels), article.format)


def label_front_matter(utterances: Sequence[Utterance], left_out: Mapping[int, str]) -> list[Utterance]:
    """Narration on a headline, caption, credit or byline line takes that line's kind."""
    return [
        replace(u, kind=left_out[u.line]) if u.speaker == NARRATOR and u.line in left_out else u
        for u in utterances
    ]


def speakers_of(utterances: list[Utterance], genders: Mapping[str, str]) -> list[Speaker]:
    """Speakers in order of first appearance, with counts (for templates and casting)."""
    found: dict[str, Speaker] = {}
    for u in utterances:
        if u.speaker == NARRATOR:
            continue
        known = found.get(u.speaker)
        if known is None:
            found[u.speaker] = Speaker(u.speaker, genders.get(u.speaker), "", u.line, 1)
        else:
            found[u.speaker] = Speaker(
                known.name, known.gender, known.descriptor, known.first_line, known.count + 1
            )
    return list(found.values())


def load(
    path: Path,
    *,
    input_type: str = "auto",
    template: str = "feature",
    meta: Mapping[str, str] | None = None,
) -> Loaded:
    """Read ``path`` and return the script to render."""
    if input_type not in INPUT_TYPES:
        raise UsageError(f"--input-type {input_type}: choose one of {', '.join(INPUT_TYPES)}.")
    path = Path(path)
    source = templating.resolve(template)  # a wrong --template fails whatever INPUT is
    text = read_text(path)
    kind = detect(path, text) if input_type == "auto" else input_type
    meta = dict(meta or {})
    if kind == "script":
        return _load_script(path, text, detected=input_type == "auto")
    if kind == "quotes":
        utterances = read_quotes(path)
        genders = _quote_genders(text)
        speakers = speakers_of([u for u in utterances if u.kind not in LEFT_OUT], genders)
        aliases: dict[str, tuple[str, ...]] = {}
        headline = next((u.source or u.text.rstrip(".") for u in utterances if u.kind == "headline"), "")
    else:
        from .extract import extract

        article = article_text(path, text)
        extraction = extract(article.text)
        utterances = label_front_matter(extraction.utterances, article.left_out)
        speakers = list(extraction.speakers)
        genders = {s.name: s.gender for s in speakers if s.gender}
        aliases = {s.name: tuple(s.aliases) for s in speakers}
        headline = article.headline
    meta.setdefault("title", headline.strip() or default_title(path))
    spoken = [u for u in utterances if u.kind not in LEFT_OUT]
    ctx = templating.context(spoken, speakers, meta)
    rendered = templating.render(str(source), ctx)
    where = f"{source} (rendered)"
    parsed = script_format.parse(rendered, where)
    parsed = _with_left_out(parsed, [u for u in utterances if u.kind in LEFT_OUT], where)
    parsed = replace(parsed, path=str(path.parent / (path.stem + ".script.txt")))
    return Loaded(parsed, kind, genders, aliases, tuple(spoken), str(path))


def _load_script(path: Path, text: str, detected: bool) -> Loaded:
    try:
        parsed = script_format.parse(text, str(path))
    except InputError as exc:
        if not detected:
            raise
        raise InputError(
            f"{exc.message} ({path.name} was read as a script because most of its lines are "
            "'Speaker: text'; pass --input-type article to read it as an article.)"
        ) from None
    if not parsed.cues:
        raise InputError(f"{path}: the script has no spoken lines ('Speaker: text'); add some.")
    header = dict(parsed.metadata)
    voices: list[Path] = []
    for key, value in parsed.metadata:
        if key == "voices":
            voices += [_beside(path, v.strip()) for v in value.split("|") if v.strip()]
    if header.get("cover"):
        header["cover"] = str(_beside(path, header["cover"]))
    header.pop("voices", None)
    header.pop("speaker", None)
    return Loaded(parsed, "script", script_format.speaker_hints(parsed), source=str(path), voices=tuple(voices), meta=header)


def _beside(script: Path, value: str) -> Path:
    """A path written in a script's header: relative to the script's folder."""
    target = Path(os.path.expanduser(value))
    return target if target.is_absolute() else script.parent / target


def _with_left_out(parsed: Script, left_out: Sequence[Utterance], where: str) -> Script:
    """The lines kept out of the spoken script, as comments after the header: delete the
    ``//`` of a line to have it read."""
    if not left_out:
        return parsed
    notes: list[Comment] = [Comment("// Not read aloud (delete the '// ' before a line to restore it):")]
    for u in left_out:
        notes.append(Comment(f"// {LEFT_OUT[u.kind]}, line {u.line} of the input:"))
        notes.append(Comment(f"// {u.speaker}: {u.text}"))
    items = list(parsed.items)
    at = 0
    while at < len(items) and isinstance(items[at], Meta):
        at += 1
    items[at:at] = [Comment(""), *notes]
    return script_format.parse(script_format.dump(replace(parsed, items=tuple(items))), where)


def remember(script: Script, settings: Mapping[str, str | Sequence[str]], output: Path | None) -> Script:
    """``script`` with a header naming the settings it was made with (voices files, template,
    artist, date, description, cover), so that render and preview of it need no flags.
    Paths are written relative to the folder of ``output`` (the script file)."""
    base = (Path(output).parent if output else Path(".")).absolute()
    present = {key for key, _ in script.metadata}
    lines: list[Meta] = []
    for key in REMEMBERED:
        value = settings.get(key)
        if not value or key in present:
            continue
        if key in ("voices", "cover"):
            paths = [value] if isinstance(value, str) else list(value)
            value = " | ".join(_relative(Path(p), base) for p in paths)
        lines.append(Meta(key, str(value)))
    if not lines:
        return script
    items = list(script.items)
    at = 0
    while at < len(items) and isinstance(items[at], Meta):
        at += 1
    items[at:at] = lines
    return script_format.parse(script_format.dump(replace(script, items=tuple(items))), script.path)


def _relative(path: Path, base: Path) -> str:
    try:
        return os.path.relpath(path.absolute(), base)
    except ValueError:  # another drive (Windows)
        return str(path.absolute())


def default_title(path: Path) -> str:
    """``examples/anora/article.txt`` -> "Anora"; ``my_story.txt`` -> "My Story"."""
    stem = path.parent.name if path.stem in ("article", "quotes", "script") else path.stem
    return stem.replace("-", " ").replace("_", " ").strip().title() or "Untitled episode"


def _quote_genders(text: str) -> dict[str, str]:
    """``gender`` keys that extract writes into quotes.jsonl records."""
    genders = {}
    for raw in text.splitlines():
        try:
            record = json.loads(raw)
        except (ValueError, RecursionError):  # read_quotes has already reported bad lines
            continue
        if isinstance(record, dict) and record.get("gender") in ("female", "male"):
            genders[str(record.get("speaker"))] = record["gender"]
    return genders
