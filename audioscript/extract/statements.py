"""Statements: who speaks when "the statement said" or "the company said".

An organisation speaks through statements, and the tag of its quote is often a word for the
statement or for the kind of organisation, not its name. The speaker is the one the
narration before it says issued the statement ("In a statement, the federation said ...",
"Penfold, which is based in Alder Grove, said in a statement that ..."), else, for "the
company", the organisation named last before it ("... a response from Vantor received after
publication").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .patterns import NAME_RUN, VERB_RE, LazyPattern
from .vocabulary import DOCUMENTS, NOT_NAME_WORDS, ORG_ROLES

if TYPE_CHECKING:
    from .people import People

_DOCUMENT = rf"an?\s+(?:[a-z-]+\s+){{0,2}}(?:{'|'.join(DOCUMENTS)})\b"
_WHO = rf"(?P<who>[Tt]he\s+(?:[a-z-]+\s+){{0,2}}?[a-z]+|(?:[Tt]he\s+)?{NAME_RUN})"
_ASIDE = r"(?:,[^,;:“”\"‘]{1,160},)?"
# "In a statement, the federation said ...", "In an emailed statement, Harrowgate said ..."
_IN_A_STATEMENT = LazyPattern(
    rf"\b(?:[Ii]n|[Tt]hrough|[Vv]ia)\s+{_DOCUMENT}[^,.;:]{{0,60}},\s+{_WHO}{_ASIDE}\s+(?:{VERB_RE})\b"
)
# "Penfold, which is based in Alder Grove, said in a statement that ...", "X issued a statement"
_SAID_IN_A_STATEMENT = LazyPattern(
    rf"{_WHO}{_ASIDE}\s+(?:(?:{VERB_RE})(?:\s+[A-Za-z]+){{0,3}}?\s+in|issued|released|put out)"
    rf"\s+{_DOCUMENT}"
)
# "... a response from Vantor", "acquired by Vantor": an organisation after a preposition
_AFTER_A_PREPOSITION = LazyPattern(rf"\b(?:from|by|at|with|to|for)\s+(?P<who>{NAME_RUN})")


def is_document(noun: str) -> bool:
    """Whether ``noun`` says something on someone's behalf ("statement", "release")."""
    return noun.lower() in DOCUMENTS


def statement_author(
    people: People, noun: str, texts: Sequence[str], organisation: bool
) -> str | None:
    """Who issued the statement a tag calls "the statement" (or, with ``organisation``, "the
    company"): the speaker of the sentence before it that says so, ``texts`` nearest first.
    With ``organisation`` only an organisation, not a person, can be it."""
    for text in texts:
        found = [*_IN_A_STATEMENT.finditer(text), *_SAID_IN_A_STATEMENT.finditer(text)]
        for match in sorted(found, key=lambda m: -m.start()):
            name = _speaker(people, match.group("who"), texts, organisation, noun)
            if name:
                return name
    if not organisation:
        return None
    for text in [text for text in texts if text.strip()][:3]:
        for match in reversed(list(_AFTER_A_PREPOSITION.finditer(text))):
            name = organisation_named(people, match.group("who"))
            if name:
                return name
    return None


def _speaker(
    people: People, who: str, texts: Sequence[str], organisation: bool, noun: str
) -> str | None:
    """The person or organisation ``who`` (as written) is (not "the company" itself when the
    tag is "the company said")."""
    words = who.split()
    if words[0].lower() == "the" and words[-1].islower():
        if words[-1].lower() == noun.lower():
            return None
        if words[-1].lower() in ORG_ROLES:
            return people.organisation(who, texts)
        return None if organisation else people.by_descriptor(who)
    if organisation:
        return organisation_named(people, who)
    return people.resolve(who) or organisation_named(people, who)


def organisation_named(people: People, written: str) -> str | None:
    """The organisation ``written`` names, under the longer name the article gave it before
    ("Penfold" -> "Penfold Markets", but "Vantor" named before "Vantor Weather" is "Vantor");
    None for a person or a common word."""
    words = [w for w in re.sub(r"['’]s$", "", written).split() if w not in {"The", "the"}]
    if not words or words[0] in NOT_NAME_WORDS:
        return None
    first = people.first_named(" ".join(words))
    longer = [
        name
        for name in people.organisations
        if name.split()[: len(words)] == words and people.first_named(name) <= first
    ]
    if longer:
        return people.add_organisation(max(longer, key=len))
    if people.resolve(" ".join(words)):
        return None
    return people.add_organisation(" ".join(words))
