"""The descriptors pass: what the narration says about each person.

Role words beside a name ("the director Sean Baker", "Margaret Pryce, 74,", "his
daughter, Nina") give a person a descriptor ("the director") that later tags can use
("..., the director said"), and gendered words, honorifics and the pronouns that follow a
sentence about one person give the gender that pronoun tags are resolved by.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from audioscript.clean import UPPER

from .patterns import NAME, ROLE_NOUN, VERB_RE, LazyPattern
from .people import People
from .relatives import KIN
from .tags import is_pronoun
from .transcript import label_of
from .vocabulary import FEMALE_WORDS, MALE_WORDS
from .voice import FIRST_PERSON

if TYPE_CHECKING:
    from .units import AnyUnit


def learn_descriptors(people: People, units: Sequence[AnyUnit], quoted: bool) -> People:
    """The people with descriptors and gender learnt from the narration of the article (not
    from transcript labels or first-person sentences, which say nothing about the people they
    name); a copy, ``people`` left as they were."""
    people = people.copy()
    learn(
        people,
        ["" if label_of(u) else voiceless_narration(u, quoted) for u in units],
        [u.tag is not None and (not quoted or u.share >= 0.5) for u in units],
    )
    for unit in units:  # "Mr. Halvorsen said": the man of the name speaks, now genders are known
        if unit.tag and _HONORIFIC.match(unit.tag.speaker):
            name = people.resolve(unit.tag.speaker)
            if name:
                people.by_name[name].tagged = True
    return people


def learn(people: People, narration: Sequence[str], tags: Sequence[bool] = ()) -> None:
    """Learn descriptors and gender: role words beside names, pronouns after them.

    ``tags`` marks the sentences that are a quote with its tag: the sentence after one
    goes back to the story more often than it goes on about the speaker ("..., said her
    neighbour, Victor Hale. She grew up on the estate.")."""
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for index, text in enumerate(narration):
        mentions = people.mentions(text)
        for position, (offset, name) in enumerate(mentions):
            person = people.by_name[name]
            before = text[max(0, offset - 40) : offset]
            if position > 0:
                before = before[max(0, len(before) - (offset - mentions[position - 1][0])) :]
            role = re.search(
                rf"(?i:\b(?:{ROLE_NOUN}),?\s+(?:[a-z-]+\s+)?)?\b(?i:({ROLE_NOUN}))\s+$",
                before,
            )
            kin = re.search(
                rf"(?i:\b({ROLE_NOUN})),\s+(?:[a-z-]+\s+)?(?i:{ROLE_NOUN})\s+$", before
            )
            aside = re.search(  # "The lead author, Lucia Ferro, ...", "Osei's granddaughter, Adaeze"
                rf"(?:\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)|[{UPPER}]\w*['’]s)\s+"
                rf"(?:[a-z'’-]+\s+){{0,2}}"
                rf"({ROLE_NOUN}),\s+$",
                before,
            )
            surface = re.match(NAME, text[offset:])
            after = text[offset + (surface.end() if surface else 0) :][:80]
            appositive = re.match(
                # a comma or a dash sets it off: not "sending Madison a voice memo"
                rf"(?:['’]s)?(?:, |\s*[—–]\s*|, [—–-]\s*)(?:a|an|the|who is|now) "
                rf"(?:[A-Za-z-]+ ){{0,3}}?({ROLE_NOUN})\b",
                after,
            )
            more = []
            if appositive:  # "..., a climate scientist at X and the study's lead author"
                clause = re.split(r"[.;:!?“”\"]", after[appositive.end() :], maxsplit=1)[0]
                more = list(
                    re.finditer(
                        rf"\band (?:an?|the|its|(?:the )?[a-z]+['’]s) (?:[A-Za-z-]+ ){{0,2}}?"
                        rf"({ROLE_NOUN})\b",
                        clause,
                    )
                )
            _learn_relation(people, text, mentions, position)
            for found in (role, kin, aside, appositive, *more):
                if not found:
                    continue
                noun = found.group(1).lower()
                if noun in KIN and found is not kin:
                    person.kin = noun
                if found is not kin:
                    roles[name][noun] += 1
                if noun in FEMALE_WORDS:
                    person.female += 3
                elif noun in MALE_WORDS:
                    person.male += 3
            age = re.match(r",\s+(\d{1,3}),", after)  # "Margaret Pryce, 74, said"
            if age:
                roles[name][f"{age.group(1)}-year-old"] += 1
                person.age = person.age or int(age.group(1))
                if 13 <= int(age.group(1)) <= 19:
                    roles[name]["teenager"] += 1
            honorific = re.search(r"\b(Mr|Mrs|Ms|Miss)\.? $", text[:offset])
            if honorific and honorific.group(1) == "Mr":
                person.male += 3
            elif honorific:
                person.female += 3
        # Pronouns following a sentence about exactly one person point to that person.
        names = {name for _, name in mentions}
        if len(names) == 1:
            name = names.pop()
            first = mentions[0][0]
            rest = _before_what_was_said(text[first:])
            following = narration[index + 1] if index + 1 < len(narration) else ""
            if index < len(tags) and tags[index]:
                following = ""
            if not people.mentions(following):
                rest += " " + following
            he = len(re.findall(r"\b(?:he|He|his|His|himself)\b", rest))
            she = len(re.findall(r"\b(?:she|She|herself)\b", rest))
            people.by_name[name].male += he
            people.by_name[name].female += she
    for name, nouns in roles.items():
        noun, _ = nouns.most_common(1)[0]
        people.by_name[name].descriptor = f"the {noun}"
    holders: dict[str, set[str]] = defaultdict(set)
    for name, nouns in roles.items():
        for noun in nouns:
            holders[noun].add(name)
    people.descriptor_of = {
        noun: next(iter(names)) for noun, names in holders.items() if len(names) == 1
    }


_HONORIFIC = LazyPattern(r"(?:Mr|Mrs|Ms|Miss)\.? ")
_KIN_WORD = "(?i:" + "|".join(KIN) + ")"
# "Marian Ekdahl's son, Otis Ekdahl"; "Emrys Talbot, left, and his son Rhodri"
_OF_THE_ONE_BEFORE = LazyPattern(
    rf"(?:['’]s\s+(?:[a-z-]+\s+){{0,2}}|(?:,|\band)\s+(?:his|her)\s+(?:[a-z-]+\s+)?)"
    rf"({_KIN_WORD}),?\s+$"
)
# "Glenys Talbot, Emrys's wife of 51 years"
_OF_THE_ONE_AFTER = LazyPattern(rf"['’]s\s+(?:[a-z-]+\s+)?({_KIN_WORD})\b")


def _learn_relation(
    people: People, text: str, mentions: Sequence[tuple[int, str]], position: int
) -> None:
    """What the narration says one person is to the one named before: "Marian Ekdahl's son,
    Otis Ekdahl" (Otis is Marian's son), "Glenys Talbot, Emrys's wife" (Glenys is Emrys's
    wife)."""
    if position == 0:
        return
    (before_at, before), (offset, name) = mentions[position - 1], mentions[position]
    if before == name:
        return
    between = text[before_at + _name_length(text[before_at:]) : offset]
    told = _OF_THE_ONE_BEFORE.search(between)
    if told and len(between) < 120:
        people.relations.setdefault((before, told.group(1).lower()), name)
        return
    after = _OF_THE_ONE_AFTER.match(text[offset + _name_length(text[offset:]) :])
    if after and re.fullmatch(r",\s+", between):
        people.relations.setdefault((name, after.group(1).lower()), before)


_SAID_THAT = LazyPattern(rf"\b(?:{VERB_RE})\b(?:\s+that)?(?P<pronoun>\s+(?:he|she)\b)?")


def _before_what_was_said(text: str) -> str:
    """A sentence up to what someone is said to have said, and the pronoun right after the
    verb ("Ortega said she ..."): the pronouns further on in the reported words may be
    someone else's ("Dr. Aalto said the museum had approached her twice before she agreed")."""
    said = _SAID_THAT.search(text)
    if not said:
        return text
    return text[: said.start()] + (said.group("pronoun") or "")


def _name_length(text: str) -> int:
    """The length of the name ``text`` opens on, without its possessive ("Emrys" of "Emrys's")."""
    surface = re.match(NAME, text)
    if not surface:
        return 0
    return surface.end() - (2 if re.search(r"['’]s$", surface.group()) else 0)


def voiceless_narration(unit: AnyUnit, quoted: bool) -> str:
    """The unit's narration as evidence about people ("" for first-person sentences)."""
    if quoted:
        return unit.narration
    if unit.tag and unit.tag.kind in {"end", "inverted"} and not is_pronoun(unit.tag.speaker):
        return unit.text[unit.tag.start :]  # "..., said Naomi Feld, the study's lead author."
    if FIRST_PERSON.search(unit.text) or unit.tag:
        return ""
    return unit.text
