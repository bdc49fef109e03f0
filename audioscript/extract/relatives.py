"""Relatives: who "his father", "her sister" and "the elder Batiste" are.

A family shares a surname, so the surname alone cannot tell its members apart. A kin word
is relative to someone (Rhodri's father is not Emrys's father), and an elder or a younger
one is relative to the others of the name. :func:`relative` answers "who is X's father"
from what the narration says ("Emrys Talbot and his son Rhodri", "Glenys Talbot, Emrys's
wife"), else from the family: the one other person of the surname the kin word fits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .patterns import LazyPattern
from .vocabulary import FEMALE_WORDS, MALE_WORDS

if TYPE_CHECKING:
    from .people import People

#: kin word -> its generation relative to the one it is said of (+1: a parent)
KIN = {
    "father": 1, "mother": 1, "dad": 1, "mom": 1, "mum": 1, "parent": 1,
    "son": -1, "daughter": -1, "child": -1,
    "brother": 0, "sister": 0, "husband": 0, "wife": 0, "twin": 0,
    "grandfather": 2, "grandmother": 2, "grandson": -2, "granddaughter": -2,
    "uncle": 1, "aunt": 1, "nephew": -1, "niece": -1, "cousin": 0,
}  # fmt: skip
_SPOUSES = {"husband", "wife"}
_SIBLINGS = {"brother", "sister", "twin"}
_CHILDREN = {"son", "daughter", "child"}
_PARENTS = {"father", "mother", "dad", "mom", "mum", "parent"}
ELDER_WORD = r"(?:elder|older|eldest|oldest|younger|youngest)"
_ELDER = LazyPattern(rf"\b(?i:the\s+)({ELDER_WORD})\s+$")


def kin_gender(noun: str) -> str | None:
    """The gender a kin word gives: "female" for "sister", None for "cousin"."""
    return "female" if noun in FEMALE_WORDS else "male" if noun in MALE_WORDS else None


def _answers(noun: str, known: str) -> bool:
    """Whether someone recorded as someone's ``known`` is someone's ``noun`` the other way
    round: a son's father, a wife's husband, a sister's brother."""
    if noun in _PARENTS:
        return known in _CHILDREN
    if noun in _CHILDREN:
        return known in _PARENTS
    if noun in _SPOUSES:
        return known in _SPOUSES
    if noun in _SIBLINGS:
        return known in _SIBLINGS
    return False


def family(people: People, name: str) -> list[str]:
    """The others of the article who share ``name``'s surname."""
    surname = name.split()[-1]
    return [
        other
        for other in people.by_name
        if other != name and len(other.split()) > 1 and other.split()[-1] == surname
    ]


def relative(people: People, of: str, noun: str) -> str | None:
    """Who is ``of``'s ``noun`` ("father"): the one the narration said, else the one person
    of the family the word fits (by gender, and not one of another generation)."""
    noun = noun.lower()
    if noun not in KIN:
        return None
    said = people.relations.get((of, noun))
    if said and said != of:
        return said
    gender = kin_gender(noun)
    for (holder, known), name in people.relations.items():
        if (
            name == of
            and holder != of
            and _answers(noun, known)
            and (gender is None or people.by_name[holder].gender in (None, gender))
        ):
            return holder
    candidates = [
        other
        for other in family(people, of)
        if gender is None or people.by_name[other].gender in (None, gender)
    ]
    # someone the narration called the kin word of another generation is not this one
    fitting = [
        other
        for other in candidates
        if not any(
            name == other and holder == of and KIN.get(known, 9) != KIN[noun]
            for (holder, known), name in people.relations.items()
        )
    ]
    exact = [other for other in fitting if people.by_name[other].kin == noun]
    if len(exact) == 1:
        return exact[0]
    if len(fitting) == 1:
        return fitting[0]
    return None


def by_age(people: People, surname: str, word: str) -> str | None:
    """Of the people with ``surname``, the oldest or the youngest ("the elder Batiste"), by
    the ages the article gives, else by parent and child."""
    members = [name for name in people.by_name if name.split()[-1] == surname and " " in name]
    if len(members) < 2:
        return None
    elder = word.lower() in {"elder", "older", "eldest", "oldest"}
    aged = [name for name in members if people.by_name[name].age]
    if len(aged) == len(members):
        pick = max if elder else min
        return pick(aged, key=lambda name: people.by_name[name].age)
    for (holder, known), name in people.relations.items():
        if holder in members and name in members and KIN.get(known, 0) != 0:
            parent, child = (name, holder) if KIN[known] > 0 else (holder, name)
            return parent if elder else child
    return None


def elder_before(text: str) -> str | None:
    """The word ("elder", "younger") when ``text`` ends on "the elder " before a surname."""
    match = _ELDER.search(text)
    return match.group(1) if match else None
