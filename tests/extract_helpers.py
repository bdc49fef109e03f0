"""Shared by the extraction tests (``test_extract*.py``): the fixture articles, each
extracted once, and small views of an extraction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from audioscript.extract import Extraction, extract
from audioscript.extract.people import People
from audioscript.extract.run import prepare
from audioscript.extract.units import Decided, Unit
from audioscript.models import Utterance

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
ARTICLES = FIXTURES / "articles"
REFERENCE = Path(__file__).parent.parent / "examples" / "anora" / "article.txt"
ORTIZ, BRANDT = "Lena Ortiz", "Tom Brandt"


@cache
def extracted(path: Path) -> Extraction:
    """The extraction of an article file (the same object for every test that asks)."""
    return extract(path.read_text("utf-8"))


def quoted_fixture() -> Extraction:
    return extracted(FIXTURES / "quoted.txt")


def stripped_fixture() -> Extraction:
    return extracted(FIXTURES / "stripped.txt")


def reference_article() -> Extraction:
    return extracted(REFERENCE)


def article(name: str, form: str) -> Extraction:
    """A synthetic article, in its "quoted" or "stripped" form."""
    return extracted(ARTICLES / f"{name}.{form}.txt")


def synthetic(name: str) -> Extraction:
    return article(name, "quoted")


def lines_of(extraction: Extraction) -> list[tuple[int, str, str]]:
    return [(u.line, u.speaker, u.text) for u in extraction.utterances]


def at(extraction: Extraction, line: int) -> list[Utterance]:
    return [u for u in extraction.utterances if u.line == line]


def speakers_by_line(extraction: Extraction) -> list[tuple[int, str]]:
    return [(u.line, u.speaker) for u in extraction.utterances]


def spoken(extraction: Extraction, start: str) -> list[str]:
    """The speakers of the utterances whose source starts with ``start``."""
    return [u.speaker for u in extraction.utterances if u.source.lstrip("*“‘").startswith(start)]


def in_form(quoted: str, form: str) -> str:
    """A small article with curly double quotes, as is or with its quotation marks lost."""
    return quoted if form == "quoted" else quoted.replace("“", "").replace("”", "")


def said(text: str, form: str) -> list[tuple[str, str]]:
    return [(u.speaker, u.text) for u in extract(in_form(text, form)).utterances]


def decisions(
    text: str, attribute: Callable[[Sequence[Unit], People], Decided]
) -> list[tuple[str, str, str]]:
    """(kind, speaker, why) of every unit of ``text`` once the passes that prepare it and then
    ``attribute`` (one attribution pass) have run."""
    draft = prepare(text)
    decided = attribute(draft.units, draft.people)
    return [(unit.kind, unit.speaker, unit.why) for unit in decided.units]
