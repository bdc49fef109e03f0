"""Subjects: whom a narration sentence is about.

:func:`clause_subject` finds the subject of a sentence's main clause, past a leading
subordinate clause ("Once he'd got the part, Tovmasyan got to work"): a name, "he" or "she",
someone a description brings in ("A spokeswoman for the council said ..."), someone the
sentence presents ("One of them was Eugene Sorokin-Bell"), or a relative of the one just
quoted ("Her sister was more blunt."). The pronoun resolution walks back through these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from audioscript.clean import LOWER, UPPER, zipf

from .patterns import ADVERB, NAME, NAME_RUN, ROLE_NOUN, ROLE_OF, VERB_RE, LazyPattern
from .people import People
from .relatives import KIN, relative
from .vocabulary import FEMALE_WORDS, HONORIFICS, MALE_WORDS, NOT_NAME_WORDS, ROLES


def possessor(people: People, word: str, recent: Sequence[str]) -> str | None:
    """Whom "his" or "her" (``word``) means: the nearest speaker of that gender."""
    gender = {"his": "male", "her": "female"}.get(word.lower())
    for name in recent:
        if name in people.by_name and people.by_name[name].gender in (None, gender):
            return name
    return None


_SUBORDINATE = LazyPattern(
    r"(?:(?:And|But|So|Yet|Still|Then)\s+)?(?i:once|when|while|as|after|before|although|though|"
    r"despite|since|if|because|until|for|in|on|at|by|with|without|having|looking|like|unlike|"
    r"flash-forward|sometimes|later|now|but|and|so|back|earlier|meanwhile|today|yesterday)"
    r"\b[^,]{0,120},\s+"
    # "A self-professed introvert, she finds ...", "The next morning, he ...": an opening
    # phrase before a "he" or "she"
    r"|(?:An?|The)\s[^,]{0,60},\s+(?=(?:he|she|He|She)\b)"
)
_SUBJECT_PRONOUN = LazyPattern(r"(?:he|she|He|She)\b")


def _only_titles(text: str) -> bool:
    """``text`` is nothing but titles ("Mayor ", "Harlow Fire Chief ")."""
    words = text.split()
    if not words or len(words) > 4 or not all(word[:1].isupper() for word in words):
        return False
    return words[-1].lower() in ROLES or words[-1].rstrip(".") in HONORIFICS


def clause_subject(
    text: str, people: People, recent: Sequence[str] = ()
) -> tuple[str, str | None, int]:
    """The main-clause subject of a narration sentence and where it starts.

    ("name", person, offset), ("he"/"she", None, offset), or ("", None, 0).
    ``recent``: the people quoted just before, nearest first, whom "Her sister" is relative to.

    A leading subordinate clause or phrase is skipped ("Once he'd got the part, Tovmasyan
    got to work" is about Tovmasyan; "And despite her fame, she was nervous" continues
    the topic of the sentence before).
    """
    start = 0
    lead = _SUBORDINATE.match(text)
    if lead:
        start = lead.end()
    else:
        conjunction = re.match(r"(?:And|But|So|Yet|Still|Then)\s+", text)
        start = conjunction.end() if conjunction else 0
    rest = text[start:]
    pronoun = _SUBJECT_PRONOUN.match(rest)
    if pronoun:
        return pronoun.group().lower(), None, start
    newcomer = introduced(rest, people)
    if newcomer:
        return "name", newcomer, start
    presented = _PRESENTED.match(rest)  # "One of them was Eugene Sorokin-Bell, 58, who ..."
    if presented and people.resolve(presented.group(1)):
        return "name", people.resolve(presented.group(1)), start
    mentions = people.mentions(rest)
    if mentions and (mentions[0][0] == 0 or _only_titles(rest[: mentions[0][0]])):
        return "name", mentions[0][1], start  # "Mayor Grace Wen-Abbott, who ..., called it"
    apposed = _APPOSED.match(rest)  # "The leader of the council, Councillor Bernadette Shaw, ..."
    if apposed:
        named = [n for at, n in mentions if apposed.start("name") <= at < apposed.end("name")]
        if named and re.fullmatch(NAME_RUN, apposed.group("name")):
            return "name", named[0], start
    kin = re.match(rf"(His|Her|Their) (?:[a-z-]+ )?({ROLE_NOUN})\b", rest)
    if kin and kin.group(2).lower() in KIN:  # "Her sister was more blunt.": the speaker's sister
        owner = possessor(people, kin.group(1), recent)
        relation = relative(people, owner, kin.group(2)) if owner else None
        if relation:
            return "name", relation, start
    if kin and people.by_descriptor(kin.group(2)):  # "Her son said ...": the son named before
        return "name", people.by_descriptor(kin.group(2)), start
    bare = re.match(
        rf"([{UPPER}][{LOWER}]+(?:[{UPPER}][{LOWER}]+)?)\s+(?:[a-z]+ed|got|has|had|is|was|says|said|also|still|"
        r"first|never|then|now|did|does|can|could|would|will)\b",
        rest,
    )
    if (
        bare
        and zipf(bare.group(1)) < 3.0
        and bare.group(1) not in NOT_NAME_WORDS
        and bare.group(1) not in people.titles
    ):
        return (
            "name",
            people.adopt(bare.group(1)),
            start,
        )  # named only here: "Tovmasyan got to work"
    return "", None, 0


# Someone the sentence brings in: "One of them was Eugene Sorokin-Bell", "Among them is ...";
# the one the writer asks: "I asked Cathal whether it was hard ..."
_PRESENTED = LazyPattern(
    rf"(?:(?:One|Another|Among|Most|Some|Many|Several)\b[^,.;:]{{0,30}}?\s+(?:was|is|were|are)"
    rf"|I\s+(?:asked|told|put it to|put the question to|reached|called|met|visited))\s+({NAME})"
)
# "A man wrote that it was the end of civilisation": a letter, not someone who speaks
_WRITTEN = r"(?:wrote|writes|tweeted|tweets|posted|posts|texted|texts)\b"
# A description and the name set beside it open the sentence: "Another trader, Stefan
# Kowalczyk, who has sold vegetables here for years, said ...", "Their daughter, Anna, is ..."
_APPOSED = LazyPattern(
    r"(?:The|A|An|Another|One|His|Her|Their|Its)\s+[^,.;:!?“”\"]{1,60}?,\s+(?P<name>[^,.;:!?“”\"]{2,60}),"
)
_NEWCOMER = LazyPattern(
    rf"(?P<who>(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[a-z-]+\s+){{0,2}}{ROLE_NOUN}{ROLE_OF}?)"
    rf",?\s+(?:{ADVERB}\s+)?(?!{_WRITTEN})(?:{VERB_RE})\b"
)


def introduced(text: str, people: People) -> str | None:
    """Someone known only by a description, brought in as the subject of a speech verb
    ("A spokeswoman for the city council said ..."): the speaker "she said" then means."""
    match = _NEWCOMER.match(text)
    if not match:
        return None
    noun = re.search(ROLE_NOUN, match.group("who").split(None, 1)[1])
    word = noun.group().lower() if noun else ""
    gender = "female" if word in FEMALE_WORDS else "male" if word in MALE_WORDS else None
    return people.anonymous(match.group("who"), gender)
