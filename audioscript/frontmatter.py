"""Front matter: the lines of an article that are not read aloud by default.

The first line, when it reads as a headline, becomes the episode title; bylines ("By Dana
Whitlock"), photo credits ("Photograph by ...", "Photo: Getty Images") and photo captions (a
paragraph that does not end like a sentence, or only names) are kept out of the spoken
script and left in it as comments. Markup labels from HTML and Markdown come first.
"""

from __future__ import annotations

import re

from .formats import CUE_LINE, is_speaker_name

_TERMINAL = re.compile(r"[.!?…:;][\"'’”)\]]*$")
_BYLINE = re.compile(
    r"^(?:by|words by|story by|written by|reporting by|text by|interview by)\s+[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,6}(?:\s*[,|–—-].*)?$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(?:photo(?:graph|graphs|graphy|s)?|pictures?|images?|illustrations?|video|graphics?|artwork|art|credits?|"
    r"cover (?:photo|image))\b\s*(?:by\b|:|credit\b|courtesy\b)|"
    r"(?:getty images|ap photo|associated press|reuters|afp|shutterstock|alamy|courtesy of)\b[^.!?]{0,40}$|^©",
    re.IGNORECASE,
)
_QUOTES = re.compile(r"[\"“”«»]")


def front_matter(text: str, labels: dict[int, str] | None = None) -> dict[int, str]:
    """Lines of an article that are not read aloud by default, by 1-based line number:
    the ``headline`` (the first line, when it reads as one), ``byline``, photo ``credit``
    and ``caption`` lines. Markup labels (``labels``) come first."""
    found = dict(labels or {})
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    for index, raw in enumerate(lines):
        number = index + 1
        line = raw.strip()
        if not line or number in found:
            continue
        words = line.split()
        if _BYLINE.match(line) and len(words) <= 14 and not _TERMINAL.search(line.rstrip(".")):
            found[number] = "byline"
        elif _CREDIT.search(line) and len(words) <= 25:
            found[number] = "credit"
        elif index == first and _is_headline(line, lines[index + 1 : index + 2]):
            found[number] = "headline"
        elif _QUOTES.search(line) or _TERMINAL.search(line):
            continue
        elif len(words) >= 8 or _names_only(words):
            found[number] = "caption"  # a paragraph without an end: a photo caption
    return found


def _is_headline(line: str, following: list[str]) -> bool:
    """The first line reads as a headline: short, not a spoken turn, and either without a
    full stop or a question or exclamation set apart by a blank line."""
    cue = CUE_LINE.match(line)
    if cue and is_speaker_name(cue.group(1).strip()):
        return False  # "Tom: Welcome back." ("Episode 41: The Winter ..." is a headline)
    if len(line.split()) > 20 or line.endswith((".", ",", ";", ":")):
        return False
    if line.endswith(("?", "!")) or _QUOTES.search(line[-1:]):
        return not following or not following[0].strip()
    return True


def _names_only(words: list[str]) -> bool:
    """ "Sean Baker and Mikey Madison": capitalised words joined by "and" or commas."""
    names = [w.strip(",") for w in words if w.lower() not in ("and", "&", "with")]
    return len(names) >= 2 and len(words) >= 3 and all(w[:1].isupper() for w in names)
