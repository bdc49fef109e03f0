"""The quotation-marks pass: which marks the article uses and what lies inside them.

Double marks (curly or straight), or British single ones with double ones nested inside.
Each non-empty line gets a mask, one flag per character: inside quotation marks or not.
A quote left open at the end of a paragraph runs on into the next one when that one
reopens it (the convention for quotes over several paragraphs) or closes it first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .patterns import LazyPattern


@dataclass(frozen=True)
class Marks:
    """The quotation marks an article uses: curly or straight double quotes, or single ones."""

    opening: str
    closing: str
    straight: str  # a mark that both opens and closes, or ""

    def first(self, line: str) -> str:
        """Whether the first mark of ``line`` opens ("open") or closes ("close") a quote."""
        for i, char in enumerate(line):
            after = line[i + 1 : i + 2]
            if char in self.opening:
                return "open"
            if char in self.closing and not (self is SINGLE and after.isalpha()):
                return "close"
            if char and char in self.straight:
                odd = line.count(char) % 2 == 1
                return "close" if odd and line[:i].strip() else "open"
        return ""

    def starts(self, line: str) -> bool:
        stripped = line.lstrip()
        return bool(stripped) and (
            stripped[0] in self.opening or stripped[0] in (self.straight or "\0")
        )


DOUBLE = Marks("“„«", "”»", '"')
SINGLE = Marks("‘", "’", "")


def quote_marks(text: str) -> Marks | None:
    """Double quotes when the article has them, else single quotes used as quotation marks.

    Single marks win when they open more quotes than double ones do: British style puts
    quotes in single marks and the quotes inside them in double ones.
    """
    doubles = sum(text.count(q) for q in "“„«") + text.count('"') // 2
    singles = text.count("‘")
    if singles >= 2 and singles > doubles:
        return SINGLE  # British style: 'single marks outside, "double" ones nested inside'
    if sum(text.count(q) for q in "“”„«»") >= 2 or text.count('"') >= 2:
        return DOUBLE
    if singles >= 2:
        return SINGLE
    return None


def line_masks(lines: Sequence[str], marks: Marks | None) -> list[tuple[bool, ...]]:
    """For every line of the cleaned article, which of its characters lie inside quotation
    marks (all False without marks; empty for a blank line)."""
    masks: list[tuple[bool, ...]] = []
    open_quote = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            masks.append(())
        elif marks is None:
            masks.append((False,) * len(line))
        else:
            mask, open_quote = _quote_mask(line, open_quote and _reopens(line, marks), marks)
            open_quote = open_quote and _continues_quote(lines, number, marks)
            masks.append(tuple(mask))
    return masks


def _quote_mask(paragraph: str, open_at_start: bool, marks: Marks) -> tuple[list[bool], bool]:
    """Which characters lie inside quotation marks, and whether a quote is left open."""
    mask = [False] * len(paragraph)
    inside = open_at_start
    # British style: 'He said: “You walk out to ‘Boots of Clay’, or ...” So I’m ...' has single
    # marks again inside the double ones; those close only themselves
    nested = third = False
    for i, char in enumerate(paragraph):
        before = paragraph[i - 1] if i else " "
        after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
        if marks is SINGLE and inside and char in "“”":
            nested = char == "“"
        if char in marks.opening:
            third = third or (inside and nested)
            inside = True
        elif char in marks.closing:
            if marks is SINGLE and (after.isalpha() or not inside):
                mask[i] = inside  # an apostrophe: "it’ll", "’em"
                continue
            mask[i] = True
            if third:
                third = False
            else:
                inside = nested = False
            continue
        elif char and char in marks.straight:
            if not inside and (before.isspace() or before in "([—–-:" or i == 0):
                inside = True
            elif inside and (not after.isalnum() or before in ".,!?…"):
                mask[i] = True
                inside = False
                continue
            else:
                inside = not inside
        mask[i] = inside
    return mask, inside


def _reopens(line: str, marks: Marks) -> bool:
    """A paragraph continuing an open quote goes on until its first (closing) mark, unless it
    reopens the quote with an opening mark of its own."""
    return not marks.starts(line) and marks.first(line) == "close"


def _continues_quote(lines: Sequence[str], number: int, marks: Marks) -> bool:
    """A quote left open at the end of a paragraph goes on in the next one.

    That is so when the next paragraph reopens it (the convention for quotes running over
    several paragraphs) or when it closes it before opening another (one sentence per line).
    """
    for following in lines[number:]:
        if following.strip():
            return marks.starts(following) or marks.first(following) == "close"
    return False


_STAGE_DIRECTION = LazyPattern(
    r"\s*\[(?i:laughs|laughter|laughing|chuckles|pauses|sighs|smiles|shrugs|inaudible|"
    r"crosstalk|applause|cheers|coughs|sic)\]\s*"
)


def spoken_text(text: str, marks: Marks | None = DOUBLE) -> str:
    """The words of a quote as spoken: without the article's own quotation marks (a quote
    quoted inside keeps its marks), without stage directions ("[Laughs]"), ending on a stop
    ("..., ‘never again,’" ends "‘never again.’")."""
    if marks is SINGLE:
        text = re.sub(r"‘|(?<![A-Za-z])’|’(?![A-Za-z])", "", text)  # apostrophes stay
    else:
        text = re.sub(r"[“”„«»]", "", text)
        text = re.sub(r'(?<![A-Za-z])"|"(?![A-Za-z])', "", text)
    text = _STAGE_DIRECTION.sub(" ", text)
    text = re.sub(r"\s+([,.!?;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
    text = re.sub(r"^[,;:—–\s]+|[,;:—–\s]+$", "", text)
    text = re.sub(r"[,;:]([’”\"]+)$", r".\1", text)
    if text and text.rstrip('’”"')[-1:] not in tuple(".!?…"):
        text += "."
    return text[:1].upper() + text[1:] if text[:1].islower() and text[1:2] != "'" else text
