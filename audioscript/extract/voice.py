"""The voice a sentence speaks in: first person, "we"/"you", a question, or none.

Without quotation marks the voice is most of the evidence that a sentence is someone's
words: "I" speaks, "we" and "you" may, and a sentence with no person in it is narration
unless the run around it says otherwise.
"""

from __future__ import annotations

import re

from audioscript.clean import LOWER, UPPER

from .patterns import LazyPattern

# "I" before a capitalised word is part of a title ("The One I Love", "I'd Do Anything").
FIRST_PERSON = LazyPattern(
    r"(?<![-\w])(?:I(?:'m|'ve|'d|'ll|(?!['’]))(?! [A-Z])|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)(?![-\w])"
)
FIRST_PERSON_WEAK = LazyPattern(
    r"(?<![-\w])(?:[Ww]e(?:'re|'ve|'d|'ll)?|us|[Oo]urs?|ourselves|[Ll]et's)(?![-\w])"
)
SECOND_PERSON = LazyPattern(r"(?<![-\w])(?:[Yy]ou(?:'re|'ve|'d|'ll)?|[Yy]ours?|yourself)(?![-\w])")
HE = LazyPattern(r"\b(?:he|He|him|his|His|himself|he's|He's|he'd|He'd)\b")
SHE = LazyPattern(r"\b(?:she|She|her|Her|hers|herself|she's|She's|she'd|She'd)\b")


OBJECT_PRONOUN = {"her": "female", "him": "male"}
"""The gender an object pronoun points to."""


IMPERATIVE = LazyPattern(
    r"(?:(?:Then|So|And|Just|Please|Now)\s+)?(?i:ask|tell|listen|try|go|come|take|give|think|"
    r"remember|forget|wait|stop|call|watch|talk|put|leave|keep|believe|trust|don't|make|check|"
    rf"buy|pick|bring|show|hold|sit|stand|get|let)\s+(?:[a-z]+|[{UPPER}][{LOWER}]+ [{UPPER}][{LOWER}]+)\b"
    r"(?![^.!?]*\b(?:is|are|was|were|has|had|does|did)\b)"
)
"""An imperative: a sentence opening on the bare verb ("Ask Maureen Tully.", "Then buy
another one."), not a subject with a verb ("Call centres were closed.")."""


def voice_of(text: str) -> str:
    """ "first" (I, me, my), "weak" (we, you, exclamations), "question" (a question with no
    person in it) or "neutral"."""
    if FIRST_PERSON.search(text):
        return "first"
    if FIRST_PERSON_WEAK.search(text) or SECOND_PERSON.search(text) or "!" in text:
        return "weak"
    if "?" in text and not re.search(r"\b(?:he|she|his|her|him)\b", text):
        # A question with no person in it: the speaker's when it comes inside their own
        # words, the journalist's after narration ("How will it compare to what came before?")
        return "question"
    if re.match(r"(?:Yeah|Yes|No|Oh|Well|Look|Okay|OK|Wow|Hey|Sure|Honestly)\b,?", text):
        return "weak"  # an interjection opens spoken words
    if IMPERATIVE.match(text):
        return "weak"  # "Ask Maureen Tully.", "Then buy another one."
    if len(text.split()) <= 3 and text.rstrip()[-1:] in ".!?…" and not re.search(r"\d", text):
        return "weak"  # a spoken fragment: "Come on.", "Time." (not "Tickets are $6.")
    return "neutral"
