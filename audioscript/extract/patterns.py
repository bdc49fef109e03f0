"""The regular expressions the passes share: names, roles, descriptors and speech verbs.

The module-level patterns are sources (``str``) that passes combine into bigger ones; a
pattern that is used as it is wraps its source in :class:`LazyPattern`, which compiles it
the first time it is used, so that importing the package compiles nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from audioscript.clean import LOWER, UPPER

from .vocabulary import ROLES, SPEECH_VERBS, TITLE_ABBREVIATIONS


class LazyPattern:
    """A regular expression compiled on first use (the speech-verb patterns take a while)."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        pattern = re.compile(self.source, self.flags)
        # from now on the compiled pattern's own methods answer, with no wrapper in between
        vars(self).update(
            search=pattern.search, match=pattern.match, finditer=pattern.finditer, sub=pattern.sub
        )
        return pattern

    @property
    def is_compiled(self) -> bool:
        return "compiled" in self.__dict__

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)

    def sub(self, replacement: str, text: str) -> str:
        return self.compiled.sub(replacement, text)


VERB_RE = "|".join(sorted((re.escape(v) for v in SPEECH_VERBS), key=len, reverse=True))
ADVERB = (
    r"(?:[a-z]+ly|again|too|now|then|later|today|once|back|afterwards?|yesterday|tonight|earlier"
    r"|recently|(?:on |last |this )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|last (?:week|month|year|night|spring|summer|fall|autumn|winter)|this (?:week|month|year))"
)
_PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|la|le|du|bin|al|el|st\.)"
NAME_WORD = (
    rf"(?:[{UPPER}][{LOWER}]*['’]?[{UPPER}]?[{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?|[{UPPER}]\."
    rf"|(?:{'|'.join(TITLE_ABBREVIATIONS)})\.(?= [{UPPER}]))"  # "Sen. Maria Lopez", "Mr. Kim"
)
NAME = rf"{NAME_WORD}(?: (?:{_PARTICLE} )?{NAME_WORD}){{0,3}}"
# A longer run of capitalised words: a name with the title before it ("Deputy Chief Constable
# Harriet Mbeki", "Arts Council Chair Winifred Osei-Bonsu").
NAME_RUN = rf"{NAME_WORD}(?: (?:{_PARTICLE} )?{NAME_WORD}){{0,7}}"
# Plus any "-ologist"/"-ist"/"-ian" profession: "immunologist", "physiologist", "musician".
ROLE_NOUN = "(?:" + "|".join(ROLES) + r"|[a-z]{3,}(?:ologist|ist|cian)|\d{1,3}-year-old)"
# "a spokeswoman for the city council", "a friend of the family": who the role is for
ROLE_OF = r"(?:\s+(?:for|of|at|from|with)\s+(?:the\s+)?[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}?)"


def _descriptor(role: str) -> str:
    """A person described, not named ("the director", "a Sentinel reporter"), with ``role``
    for the role word."""
    return (
        # "a Sentinel reporter", "the Calloway coach": a capitalised word may say whose
        rf"(?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[A-Za-z-]+(?:['’]s)?\s+){{0,2}}{role}{ROLE_OF}?"
        rf"|(?:[Hh]is|[Hh]er)\s+(?:[a-z-]+\s+)?{role}"
        # "the older of the two brothers", "the youngest of her three daughters"
        rf"|[Tt]he\s+(?:[a-z]+est|older|younger|elder)\s+of\s+(?:the|his|her|their)\s+(?:[a-z]+\s+)?"
        rf"{role}s?"
        # "Harrowgate's chief executive", "Fair Table's director"
        rf"|(?:[{UPPER}][\w&.-]*\s+){{0,2}}[{UPPER}][\w&.-]*['’]s\s+(?:[a-z-]+\s+){{0,2}}{role})"
    )


DESCRIPTOR = _descriptor(ROLE_NOUN)
# The same shape with any lower-case word for the role: what the long tag patterns search
# for (a fraction of the size to compile); tags.speaker_ok then keeps only a real role.
DESCRIPTOR_SHAPE = _descriptor(r"(?:[a-z]+(?:-[a-z]+)*|\d{1,3}-year-old)")

_PRONOUN = r"(?:he|she|they|He|She|They)"
# A tag's speaker; a name may carry a title of its own ("Deputy Chief Constable Harriet Mbeki said")
# "Frostline chief executive Anselm Drury", "union president Odessa Kimbrough": a name with
# the role, and the organisation it is held in, written before it in lower case
_ROLE_THEN_NAME = rf"(?:{NAME_WORD}\s+){{0,2}}(?:[a-z-]+\s+){{0,2}}{ROLE_NOUN}\s+{NAME}"
# An organisation by its name: "the Willamette Valley Relief Alliance", "The Tillery County
# Board of Commissioners", "Tri-County Gas & Electric" (tags.speaker_ok keeps it only when it
# reads as one: an organisation word or "&" in it)
_ORG_CAP = rf"[{UPPER}][\w.'’-]*"
ORG_NAME = (
    rf"(?:[Tt]he\s+)?{_ORG_CAP}(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?|&\s+)?{_ORG_CAP}){{1,6}}"
)
SPEAKER = (
    rf"(?:{DESCRIPTOR_SHAPE}|{_ROLE_THEN_NAME}|{NAME_WORD}(?: (?:{_PARTICLE} )?{NAME_WORD}){{0,5}}"
    rf"|{ORG_NAME}|{_PRONOUN})"
)
