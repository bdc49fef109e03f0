"""Make a longer article for benchmarks: the example article repeated, every copy varied.

    python scripts/make_long_article.py -o output/anora-4x.txt
    python scripts/make_long_article.py --copies 4 --source examples/anora/article.txt -o long.txt

The first copy is the article unchanged. In copy N (N >= 2) every paragraph gets a word
or two ("again", "once more", ...) just before its attribution tail (", Baker says.") or
before its final full stop, so:

- each spoken line of the longer episode is different text, so no clip is a repeat of an
  earlier one and the clip cache cannot serve it;
- who said what is disturbed as little as possible: the start of a paragraph, where the
  extractor looks for first-person speech, and the ", he says." tail, where it looks for
  the speaker, are left alone.

The result is about N times the example: N times the lines, N times the audio.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

DEFAULT_SOURCE = Path(__file__).resolve().parent.parent / "examples" / "anora" / "article.txt"

#: ", Baker says."  ", says Madison."  ", he recalls."  or just the closing punctuation
_TAIL = re.compile(r"^(?P<body>.*?)(?P<tail>,\s+(?:\S+\s+){0,3}\S+[.!?]|[.!?]+)?\s*$")
_MARKERS = ("again", "once more", "yet again", "one more time", "still", "even now")


def marker(copy: int) -> str:
    """The words added to every paragraph of copy ``copy`` (2, 3, ...)."""
    if copy - 2 < len(_MARKERS):
        return _MARKERS[copy - 2]
    return f"for the {copy}th time"


def vary_paragraph(paragraph: str, copy: int) -> str:
    """``paragraph`` with the copy's marker before its attribution tail or final stop."""
    if copy <= 1 or not paragraph.strip():
        return paragraph
    match = _TAIL.match(paragraph)
    if match is None:  # cannot happen: every part of the pattern is optional
        return f"{paragraph} {marker(copy)}"
    body, tail = match.group("body").rstrip(), match.group("tail") or ""
    return f"{body} {marker(copy)}{tail}"


def make_long_article(text: str, copies: int = 4) -> str:
    """``copies`` copies of ``text``, the first unchanged, the others varied."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    parts = []
    for copy in range(1, copies + 1):
        lines = [vary_paragraph(line, copy) for line in text.strip("\n").split("\n")]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="article to repeat")
    parser.add_argument("--copies", type=int, default=4, help="how many copies (default 4)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="article to write")
    args = parser.parse_args(argv)
    if args.copies < 1:
        parser.error("--copies must be at least 1")
    text = args.source.read_text(encoding="utf-8")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(make_long_article(text, args.copies), encoding="utf-8")
    print(f"Wrote {args.output}: {args.copies} copies of {args.source}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
