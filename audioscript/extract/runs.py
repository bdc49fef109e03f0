"""Runs and continuation without quotation marks: how far a speaker's words reach.

A tagged quote goes on in the sentences after it while they speak in the speaker's
voice, or read as talk going on ("It is just green now.", "But somebody had to say
it."); it stops at a sentence that names people or talks about the speaker in the third
person. A run of voiced sentences before a tag belongs to the tag's speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from audioscript.clean import LOWER, UPPER
from audioscript.models import NARRATOR

from .captions import is_caption
from .patterns import LazyPattern
from .people import People
from .pronouns import Context, clause_subject, introduced, resolve_pronoun, resolve_tag
from .tags import is_pronoun, is_reported
from .units import Unit
from .vocabulary import FEMALE_WORDS, MALE_WORDS
from .voice import FIRST_PERSON, HE, OBJECT_PRONOUN, SHE, voice_of
from .writer import is_paraphrase


def names_people(text: str, speaker: str, people: People) -> bool:
    """The sentence names its would-be speaker, or opens on a person's or a title's name."""
    mentions = people.mentions(text)
    if any(name == speaker for _, name in mentions) or any(offset <= 4 for offset, _ in mentions):
        return True
    return bool(re.match(rf"[{UPPER}][{LOWER}]+ [{UPPER}][{LOWER}]+ [a-z]", text))  # "Wild Rose is ..."


_SPOKEN_OPENER = LazyPattern(r"(?:And |But |So )?(?:It|That|This|There)(?:'s)? [a-z]")
CONNECTIVE = LazyPattern(r"(?:But|And|So|Or|Then|Because|Still|Yet|Otherwise)\b(?! [A-Z])")
_FINITE = LazyPattern(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|can|could|will|would|shall|should|"
    r"may|might|must|[a-z]+ed|[a-z]+n't|[a-z]+[^\Wsu]s)\b|['’](?:s|re|ve|d|ll)\b"
)


def spoken_fragment(text: str) -> bool:
    """A short sentence that reads as speech going on: "It is just green now.", or one with
    no verb at all ("A parent, at the bus stop.", "Not from the school.")."""
    if _SPOKEN_OPENER.match(text):
        return True
    return bool(
        re.match(r"(?:A|An|The|Not|No|Never|Just|Only|Always|Every|Nothing|Nobody)\b", text)
        and not _FINITE.search(text)
    )


_CONTRACTION = LazyPattern(r"\b[A-Za-z]+(?:n['’]t|['’](?:s|re|ll|ve|d))\b")


def speech_goes_on(text: str) -> bool:
    """A short sentence with no he/she that reads as talk going on: it opens on a connective
    ("But somebody had to say it.") or uses a contraction ("That's the deal.")."""
    if HE.search(text) or SHE.search(text) or re.search(r"\d", text):
        return False
    return bool(CONNECTIVE.match(text) or _CONTRACTION.search(text))


def neutral_continues(
    units: Sequence[Unit],
    index: int,
    speaker: str,
    people: People,
    short: bool = False,
    others: Iterable[str] = (),
    named: Iterable[str] = (),
    ctx: Context | None = None,
) -> bool:
    """A sentence with no voice of its own stays in a quote when the quote goes on after it,
    when it is a short remark that opens on a pronoun ("It was definitely a change."), or
    (``short``) when it is a short sentence right after the speaker's tagged quote
    ("Not by a year.").

    It never does when it names people, brings in someone new, or talks about the speaker
    in the third person; ``others`` are the genders of "he"/"she" that the speaker's own
    first-person sentences used for somebody else ("I thought he was a hard man"), and
    ``named`` the genders of the people they named: a sentence opening on such a pronoun
    goes on with the speaker's story ("I sat beside Mikey ... She had already seen it.").
    """
    text = units[index].text
    if names_people(text, speaker, people) or introduced(text, people):
        return False
    if clause_subject(text, people)[0] == "name":
        return False  # "The lead author, Lucia Ferro, read the review.": about someone
    if re.match(
        r"(?:The|A|An|Its|Their)\s+(?:[a-z-]+\s+){1,2}(?:says|said|announced|insists|insisted|"
        r"maintains|maintained|argues|argued|disputes|disputed|denies|denied)\b",
        text,
    ):
        return False  # "The council says no decision has been taken.": someone else's words
    previous = units[index - 1].text if index else ""
    if talks_about(text, speaker, previous, people, others):
        return False  # "he"/"she" is the speaker, talked about by the narrator
    if any(people.by_name[name].tagged for _, name in people.mentions(text)):
        return False
    if short:
        return True
    opener = re.match(r"(?:And |But |So |Then )?([Hh]e|[Ss]he)\b", text)
    if opener and {"he": "male", "she": "female"}[opener.group(1).lower()] in {*others, *named}:
        return True
    gender = people.by_name[speaker].gender
    following = units[index + 1] if index + 1 < len(units) else None
    if (
        following is not None
        and not following.fixed
        and voice_of(following.text) in {"first", "weak"}
        and not is_reported(following.text)
    ):
        tag = following.tag
        if tag is None:
            ahead, _ = tag_ahead(ctx, index + 1) if ctx is not None else (None, False)
            return ahead in (None, speaker)  # not when the run after is tagged for another
        if is_pronoun(tag.speaker):
            return {"he": "male", "she": "female"}.get(tag.speaker.lower()) == gender
        return people.resolve(tag.speaker) in (None, speaker)
    return len(text.split()) <= 8 and bool(_SPOKEN_OPENER.match(text))


def named_genders(text: str, speaker: str, people: People) -> set[str]:
    """The genders of the people other than ``speaker`` that ``text`` names."""
    genders = {people.by_name[name].gender for _, name in people.mentions(text) if name != speaker}
    return {gender for gender in genders if gender}


def pronoun_genders(text: str) -> set[str]:
    """The genders of "he" and "she" as subjects in ``text`` ("I thought he was ..."), and of
    the relatives it speaks of ("My father never did.")."""
    found = re.findall(r"\b(?:[Hh]e|[Ss]he)(?:['’](?:s|d|ll))?\b", text)
    genders = {"female" if word.lower().startswith("s") else "male" for word in found}
    for first, second in re.findall(r"\b(?:[Mm]y|[Oo]ur)\s+([a-z-]+)(?:\s+([a-z]+))?", text):
        noun = first if first in FEMALE_WORDS | MALE_WORDS else second
        if noun in FEMALE_WORDS:
            genders.add("female")
        elif noun in MALE_WORDS:
            genders.add("male")
    return genders


def talks_about(
    text: str, speaker: str, context: str, people: People, others: Iterable[str] = ()
) -> bool:
    """``text`` talks about ``speaker`` in the third person: no "I", a pronoun that can be
    theirs (of their gender, or any when it is unknown) and is not one their own words used
    for somebody else (``others``), and nobody else of that gender named in ``context``."""
    if FIRST_PERSON.search(text):
        return False
    known = people.by_name[speaker].gender
    found = {g for g, pronouns in (("male", HE), ("female", SHE)) if pronouns.search(text)}
    genders = (found & {known} if known else found) - set(others)
    return any(
        not [
            name
            for _, name in people.mentions(context)
            if name != speaker and people.by_name[name].gender == gender
        ]
        for gender in genders
    )


def run_speaker(ctx: Context, index: int, weak: bool = False) -> tuple[str | None, float, str]:
    """Who speaks an untagged first-person sentence after narration: the tag a few sentences
    on, else the speaker the narration just talked about, else the last speaker.

    A ``weak`` sentence ("We trained in the car park.") opens a quote only when the run of
    voiced sentences it starts reaches a tagged quote in the speaker's voice ("We both work
    here. We coach here. We can't live here, he said.") or a sentence in the first person
    singular: the narration's own "we" ("Science has taught us ...") reaches neither."""
    units, people = ctx.units, ctx.people
    # nobody calls themselves by name: "Carvajal would not show me the notebook." is the writer
    named = {name for _, name in people.mentions(units[index].text)}
    name, singular = tag_ahead(ctx, index, weak)
    if name and name not in named:
        return name, 0.65, "the tag that closes its run"
    if not any(u.kind == "quote" and u.speaker != NARRATOR for u in units[:index]):
        return None, 0.0, "nobody has spoken yet"  # "When I visited in March, ..." is the writer
    if weak and not singular:
        return None, 0.0, "no tag or first person singular ahead"
    # The person the narration just talked about; not one the sentence itself calls "him"
    # or "her" ("Joel worries too much. I tell him that every day.").
    referred = pronoun_genders(units[index].text) | {
        gender
        for word, gender in OBJECT_PRONOUN.items()
        if re.search(rf"\b{word}\b", units[index].text)
    }
    candidates: list[str] = []
    for back in range(index - 1, max(-1, index - 3), -1):
        narration = units[back].text
        kind, subject, _ = clause_subject(narration, people)
        if kind in {"he", "she"}:
            subject, sure = resolve_pronoun(
                {"he": "male", "she": "female"}[kind], ctx, back, None, ""
            )
            subject = subject if sure >= 0.45 else None  # not a guess from far away
        found = [subject] if subject else []
        if weak:  # only the subject of the sentence just before: "She keeps the photo. We had ..."
            candidates += [name for name in found if name and people.by_name[name].tagged]
            break
        found += [name for _, name in people.mentions(narration)]
        candidates += [name for name in found if name and people.by_name[name].tagged]
    candidates = [name for name in candidates if name not in named]
    if candidates:
        unreferred = [name for name in candidates if people.by_name[name].gender not in referred]
        return (unreferred or candidates)[0], 0.55, "the person the narration before it is about"
    if weak:
        return None, 0.0, "nobody the narration before it is about"
    for back in range(index - 1, max(-1, index - 7), -1):
        if units[back].kind == "quote" and units[back].speaker not in (NARRATOR, *named):
            return units[back].speaker, 0.45, "the last speaker"
    return None, 0.0, "nobody to give it to"


def tag_after_short_run(ctx: Context, index: int, limit: int = 3) -> tuple[str | None, int]:
    """The speaker of a tag that closes a short run of quote sentences opening on an
    imperative, in the same paragraph, with no name, no reporting and no caption between,
    and the index of the tagged sentence."""
    units, people = ctx.units, ctx.people
    for ahead in range(index + 1, min(len(units), index + 1 + limit)):
        unit = units[ahead]
        if unit.fixed or unit.sentence.line != units[index].sentence.line or is_caption(unit.text):
            return None, index
        if unit.tag and not unit.tag.reported and not is_reported(unit.text):
            quote_text = unit.text[: unit.tag.start]
            if voice_of(quote_text) == "neutral" and people.mentions(quote_text):
                return None, index
            name, _ = resolve_tag(unit.tag, ctx, ahead, None, quote_text)
            if name and not is_paraphrase(quote_text, name, unit.tag, people, ctx, ahead):
                return name, ahead
            return None, index
        if unit.tag or is_reported(unit.text) or people.mentions(unit.text):
            return None, index
        if len(unit.text.split()) > 10:
            return None, index
    return None, index


def tag_ahead(
    ctx: Context, index: int, weak: bool = False, limit: int = 5
) -> tuple[str | None, bool]:
    """The speaker of the tag that closes the run of voiced sentences after ``index`` (None
    when the run ends untagged), and whether the run has a sentence in the first person
    singular. With ``weak``, a tag counts only on words in the speaker's own voice."""
    units, people = ctx.units, ctx.people
    singular = False
    for ahead in range(index + 1, min(len(units), index + 1 + limit)):
        unit = units[ahead]
        if unit.fixed:
            break
        if unit.tag and not unit.tag.reported and not is_reported(unit.text):
            quote_text = unit.text[: unit.tag.start]
            name, _ = resolve_tag(unit.tag, ctx, ahead, None, quote_text)
            if (
                name
                and not is_paraphrase(quote_text, name, unit.tag, people, ctx, ahead)
                and not (weak and voice_of(quote_text) == "neutral")
            ):
                return name, singular
            break
        voice = voice_of(unit.text)
        if voice == "neutral" or is_caption(unit.text):
            break
        singular = singular or voice == "first"
    return None, singular
