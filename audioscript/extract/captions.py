"""Captions, headings, credits and editor's notes: lines that are nobody's words."""

from __future__ import annotations

import re

from .patterns import LazyPattern

# The editor's note under an interview: "This interview has been edited and condensed."
EDITORIAL = LazyPattern(
    r"\b(?:interview|conversation|transcript|exchange)s? (?:has|have) been (?:lightly )?"
    r"(?:edited|condensed)|\bedited (?:and condensed )?for (?:length|clarity|space)",
    re.IGNORECASE,
)


def is_caption(text: str) -> bool:
    """A heading, caption or credit: no sentence-final punctuation and no lowercase verb run."""
    stripped = text.strip().rstrip('”"’)')
    if stripped[-1:] in ".!?…:;,":
        return False
    return len(stripped.split()) <= 14
