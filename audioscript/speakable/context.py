"""What surrounds a match: whether a full stop ends the sentence or only an abbreviation,
whether a name goes on, whether a measure qualifies the noun after it; and the pattern cache
every step compiles through."""

from __future__ import annotations

import re
from functools import cache


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    """Compile ``pattern`` once, on first use, so importing this module costs nothing."""
    return re.compile(pattern)


# --- when an abbreviation's full stop also ends the sentence ---------------------------

# Capitalised words that usually open a sentence rather than continue a name.
_STARTERS = frozenset({
    "A", "An", "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We",
    "I", "You", "His", "Her", "Their", "Our", "My", "Your", "There", "Then", "Here", "Now", "But",
    "And", "So", "Yet", "Or", "Nor", "In", "On", "At", "For", "After", "Before", "When", "While",
    "If", "As", "Although", "Though", "Because", "Since", "Until", "What", "Who", "Whom", "Whose",
    "Why", "How", "Where", "Which", "Not", "No", "Some", "Many", "Most", "All", "Both", "Each",
    "Every", "Any", "Another", "Other", "Such", "Several", "Few", "Much", "More", "Less", "One",
    "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Still", "Also",
    "Even", "Just", "Only", "Meanwhile", "However", "Today", "Yesterday", "Tomorrow", "Last",
    "Next", "Later", "Earlier", "Once", "By", "From", "With", "Without", "Under", "Over", "During",
    "Despite", "Instead", "Among", "Between", "Into", "Through", "Is", "Was", "Are", "Were", "Do",
    "Does", "Did", "Can", "Could", "Will", "Would", "Should", "May", "Might", "Must", "Let",
    "Like", "Yes", "Well", "Oh", "Please", "Thanks", "It's", "He's", "She's", "That's", "There's",
    "What's", "Here's", "Let's", "I'm", "I've", "I'd", "I'll", "We're", "We've", "They're",
    "They've", "You're", "You've", "Don't", "Didn't", "Isn't", "Wasn't",
})  # fmt: skip
_NEXT_WORD = r"[ \t]+[\"“‘(]*([A-Z][\w]*(?:['’]\w+)?)"
_CLOSERS = "\"'”’)]"


def _ends_sentence(after: str) -> bool:
    """Whether a full stop followed by ``after`` ends a sentence, not just an abbreviation."""
    rest = after.lstrip(_CLOSERS)
    if not rest.strip(" \t") or rest.lstrip(" \t")[0] in "\n\r":
        return True
    word = _regex(_NEXT_WORD).match(rest)
    return word is not None and word.group(1).replace("’", "'") in _STARTERS


def _stop(match: re.Match[str]) -> str:
    """The full stop to keep after an abbreviation matched with its stop: "." or ""."""
    after = match.string[match.end() : match.end() + 60]
    return "." if _ends_sentence(after) else ""


def _next_is_name(after: str) -> bool:
    """Whether ``after`` starts with a capitalised word that continues a name."""
    word = _regex(_NEXT_WORD).match(after)
    return word is not None and word.group(1).replace("’", "'") not in _STARTERS


def _starts_sentence(text: str, position: int) -> bool:
    """Whether ``position`` in ``text`` is the start of a sentence (or of a line)."""
    before = text[max(0, position - 20) : position].rstrip(' \t"“‘(')
    return not before or before[-1] in ".!?:\n"


def _follows_name(text: str, position: int) -> bool:
    """Whether ``position`` follows a capitalised word, or starts a line."""
    before = text[max(0, position - 40) : position]
    name = _regex(r"(?:\n|\b[A-Z][\w'’-]*)[ \t]*$")
    return not before.strip(" \t") or name.search(before) is not None


# Words that follow a measure without being the noun it qualifies ("5 km away").
_NOT_NOUNS = frozenset({
    "of", "in", "on", "at", "to", "from", "for", "and", "or", "but", "nor", "per", "a", "an",
    "the", "each", "every", "away", "above", "below", "high", "tall", "deep", "long", "wide",
    "thick", "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will",
    "would", "can", "could", "may", "might", "must", "should", "than", "more", "less", "off", "up",
    "down", "into", "onto", "over", "under", "across", "ago", "later", "before", "after", "behind",
    "ahead", "apart", "short", "that", "which", "who", "whom", "whose", "with", "by", "as", "so",
    "if", "when", "while", "too", "plus", "minus", "he", "she", "it", "they", "we", "i", "you",
    "him", "her", "them", "us", "me", "his", "its", "their", "our", "my", "your", "this", "these",
    "those", "there", "here", "not",
})  # fmt: skip


def _attributive(text: str, start: int, end: int) -> bool:
    """Whether the measure ``text[start:end]`` qualifies the noun after it ("a 100m sprint").

    Such a measure is said in the singular: "a one hundred meter sprint", "a five dollar bill".
    """
    before = text[max(0, start - 8) : start]
    determiner = (
        r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y|[Yy]our)"
    )
    if not _regex(determiner + r"[ \t]+$").search(before):
        return False
    word = _regex(r"[ \t]+([a-z]+)\b(?![-'’])").match(text, end)
    return word is not None and word.group(1) not in _NOT_NOUNS
