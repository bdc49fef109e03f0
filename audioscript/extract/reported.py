"""Reported speech: narration that reports what someone said ("Borisov says that ...", "as
Herbert notes, ...", "according to ..."), not their words.

The patterns are long (every speaker shape, every speech verb), so they run only where a
speech verb and a "that", "how" or "what" a few words after it make a match possible.
"""

from __future__ import annotations

import re

from audioscript.clean import LOWER, UPPER

from .patterns import ADVERB, SPEAKER, VERB_RE, LazyPattern
from .tags import speaker_ok
from .vocabulary import SPEECH_VERBS
from .voice import FIRST_PERSON

#: the words reported speech goes on with ("Vlasic explains what happens to a body")
_REPORTING = ("that", "how", "why", "whether", "if", "what")
_REPORTED = LazyPattern(
    rf"(?P<spk>{SPEAKER})\s+(?:{ADVERB}\s+)?(?P<verb>{VERB_RE})(?:\s+{ADVERB})?"
    rf"(?:\s+(?:me|us|him|her|them|reporters|[{UPPER}][{LOWER}]+))?(?:,[^,]{{1,40}},)?"
    rf"\s+(?:{'|'.join(_REPORTING)})\b"
)
_AS_TAG = LazyPattern(
    rf"\b(?:[Aa]s (?P<as>{SPEAKER}) (?:{VERB_RE})(?!\s*:)|[Aa]ccording to (?P<to>{SPEAKER}))\b"
)  # not "As Lee put it: ...", which introduces a quote
_WORD = LazyPattern(r"[A-Za-z]+")
#: every word of every speech verb ("points" and "out" of "points out")
_VERB_WORDS = frozenset(word for verb in SPEECH_VERBS for word in re.findall(r"[A-Za-z]+", verb))


def is_reported(text: str) -> bool:
    """Indirect speech: "Borisov says that ...", "as Herbert notes, ...", "according to ..."."""
    words = _WORD.compiled.findall(text)
    verbs = [at for at, word in enumerate(words) if word in _VERB_WORDS]
    if not verbs and "ccording" not in text:
        return False  # no speech verb: the long patterns below cannot match (and are slow)
    # the patterns are slow: "that", "how" ... a few words after a verb first
    if any(set(_REPORTING).intersection(words[at + 1 : at + 15]) for at in verbs):
        match = _REPORTED.search(text)
        if (
            match
            and speaker_ok(match.group("spk"))
            and not FIRST_PERSON.search(text[: match.start()])
        ):
            return True
    if not ("As " in text or "as " in text or "ccording" in text):
        return False
    return any(speaker_ok(m.group("as") or m.group("to")) for m in _AS_TAG.finditer(text))
