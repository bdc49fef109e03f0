"""From any input (article, quotes.jsonl or script) to a parsed script.

``render``, ``preview`` and ``check`` all start here, so an article, its quotes and its
script give the same episode.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import script as script_format
from . import templating
from .errors import UsageError
from .inputs import read_quotes, read_text
from .models import NARRATOR, Script, Speaker, Utterance

INPUT_TYPES = ("auto", "article", "quotes", "script")


@dataclass(frozen=True)
class Loaded:
    """A script and what is known about its speakers."""

    script: Script
    kind: str  # "article", "quotes" or "script"
    genders: Mapping[str, str] = field(default_factory=dict)
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    utterances: tuple[Utterance, ...] = ()
    source: str = ""  # the INPUT file, for messages (an article's script path is derived)


def detect(path: Path, text: str) -> str:
    if path.suffix.lower() == ".jsonl":
        return "quotes"
    if script_format.looks_like_script(text):
        return "script"
    return "article"


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
    text = read_text(path)
    kind = detect(path, text) if input_type == "auto" else input_type
    meta = dict(meta or {})
    meta.setdefault("title", default_title(path))
    if kind == "script":
        parsed = script_format.parse(text, str(path))
        if not parsed.cues:
            raise UsageError(f"{path}: the script has no spoken lines ('Speaker: text').")
        return Loaded(parsed, kind, script_format.speaker_hints(parsed), source=str(path))
    if kind == "quotes":
        utterances = read_quotes(path)
        genders = _quote_genders(text)
        speakers = speakers_of(utterances, genders)
        aliases: dict[str, tuple[str, ...]] = {}
    else:
        from .extract import extract

        extraction = extract(text)
        utterances = list(extraction.utterances)
        speakers = list(extraction.speakers)
        genders = {s.name: s.gender for s in speakers if s.gender}
        aliases = {s.name: tuple(s.aliases) for s in speakers}
    ctx = templating.context(utterances, speakers, meta)
    source = templating.resolve(template)
    rendered = templating.render(str(source), ctx)
    where = f"{source} (rendered)"
    parsed = script_format.parse(rendered, where)
    parsed = replace(parsed, path=str(path.parent / (path.stem + ".script.txt")))
    return Loaded(parsed, kind, genders, aliases, tuple(utterances), str(path))


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
