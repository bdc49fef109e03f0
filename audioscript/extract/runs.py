"""Runs and continuation without quotation marks: the continuation model's decisions written
into the units.

The model (:mod:`.continuation`) labels every sentence the certain decisions of
:mod:`.stripped` left open: narration, the current speaker's words going on, or someone
else's words. A run of someone else's words belongs to the speaker of the tag that closes
it; without one, to the person the narration before it is about, or else to the last
speaker (:func:`run_speaker`). Every decision keeps the model's probability as the unit's
confidence and its strongest reasons in ``why`` ("continuation: P(same speaker)=0.83 (first
person, 1 sentence after the tag)").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from audioscript.models import NARRATOR

from .continuation import FEATURE_WORDS, NARRATION, NEW, SAME, Decision, Sentence
from .patterns import LazyPattern
from .people import People
from .pronouns import Context, clause_subject, resolve_pronoun
from .units import EditableUnit
from .vocabulary import FEMALE_WORDS, MALE_WORDS
from .voice import FIRST_PERSON, HE, OBJECT_PRONOUN, SHE, voice_of

_LABEL_WORDS = {NARRATION: "narration", SAME: "same speaker", NEW: "new speaker"}


def apply_decisions(
    ctx: Context, sentences: Sequence[Sentence], decisions: Sequence[Decision]
) -> None:
    """Every unit the certain decisions left open (neither fixed nor tagged) becomes what
    the model decided: narration, or a quote by the current speaker or by the owner of a
    new run."""
    owner: str | None = None  # who the run of someone else's words in progress belongs to
    for index, (unit, sentence, decision) in enumerate(zip(ctx.units, sentences, decisions)):
        if sentence.fixed or sentence.tag_speaker is not None:
            owner = None
            continue
        unit.tag = None
        why = explain(decision)
        speaker = decision.speaker if decision.label == SAME else None
        if decision.label == SAME and owner is not None:
            speaker, why = owner, f"{why}; the run it goes on"
        elif decision.label == SAME and _introduced_by_narration(ctx, index, speaker):
            # "Baker, however, was more surprised than Karagulian. Quite honestly, I do
            # care ...": words after narration about someone else are that person's
            found, whose = run_speaker(ctx, index)
            if found:
                speaker, why = found, f"{why}; but {whose}"
                owner = found
        if decision.label == NARRATION and _opens_tagged_quote(ctx, sentences, index):
            # "It was the most important thing I did. I don't know ..., she says.": an "I"
            # just before a tag that follows its quote opens that quote
            tag = ctx.units[index + 1].tag
            speaker = sentences[index + 1].tag_speaker
            why = f"{why}; but it says 'I' just before '{tag.text if tag else ''}'"
            owner = speaker
        elif decision.label == NEW:
            if decision.speaker:
                speaker, whose = decision.speaker, "the tag that closes its run"
            elif owner is not None:
                speaker, whose = owner, "the run it goes on"
            else:
                speaker, whose = run_speaker(ctx, index)
            why = f"{why}; {whose}" if speaker else f"{why}, but {whose}"
            if speaker and clause_subject(unit.text, ctx.people)[:2] == ("name", speaker):
                # "Madison did her own stunts.": nobody calls themselves by name
                speaker, why = None, f"{why}, but it names {speaker} as its subject"
        if (
            speaker is not None
            and decision.label == SAME
            and _speaker_as_subject(ctx, index, speaker)
        ):
            speaker, why = None, f"{why}, but its subject is {speaker} as 'he' or 'she'"
        if speaker is not None and _opens_with_a_surname(ctx, index):
            # "Karagulian has been there for Baker since Take Out.": the writer's way of
            # naming someone; a speaker says "Karren" or "he"
            speaker, why = None, f"{why}, but it opens with a surname: the writer's words"
        if decision.label == NEW or speaker is None:
            owner = speaker if decision.label == NEW else None
        if speaker is None:
            unit.kind, unit.speaker, unit.spoken = "narration", NARRATOR, ""
            unit.confidence = round(1.0 - decision.speech, 2)
        else:
            unit.kind, unit.speaker, unit.spoken = "quote", speaker, unit.text
            sure = decision.speech if decision.label == NARRATION else decision.probability
            unit.confidence = round(sure, 2)
        unit.why = why
    _close_gaps(ctx, sentences, decisions)


#: the longest gap of narration inside one speaker's words that is taken for their words
GAP = 2


def _close_gaps(ctx: Context, sentences: Sequence[Sentence], decisions: Sequence[Decision]) -> None:
    """A sentence or two the model gave to the narrator between two stretches of one
    speaker's words, in one paragraph run and naming nobody, are that speaker's too ("He
    made an actor out of me. He made an actor out of a lot of other people. He's a walking
    encyclopedia of film.")."""
    units = ctx.units
    index = 0
    while index < len(units):
        end = index
        while end < len(units) and _open_narration(units[end], sentences[end]):
            end += 1
        if end == index:
            index += 1
            continue
        before, after = (
            (units[index - 1] if index else None),
            (units[end] if end < len(units) else None),
        )
        if (
            end - index <= GAP
            and before is not None
            and after is not None
            and before.kind == after.kind == "quote"
            and before.speaker == after.speaker != NARRATOR
            and not any(ctx.people.mentions(unit.text) for unit in units[index:end])
            and all(_speakers_words(unit.text, before.text) for unit in units[index:end])
        ):
            for gap in range(index, end):
                unit = units[gap]
                unit.kind, unit.speaker, unit.spoken = "quote", before.speaker, unit.text
                unit.confidence = round(decisions[gap].speech, 2)
                unit.why = f"{unit.why}; but {before.speaker} speaks on both sides of it"
        index = end


def _opens_tagged_quote(ctx: Context, sentences: Sequence[Sentence], index: int) -> bool:
    """The sentence says "I", the next one carries a tag after its quote that the certain
    decisions accepted, and the writer says "I" nowhere else in the article."""
    if index + 1 >= len(sentences) or sentences[index + 1].tag_speaker is None:
        return False
    if any(sentence.writer for sentence in sentences):
        return False  # the writer says "I" in this article: it may be them
    tag, text = ctx.units[index + 1].tag, ctx.units[index].text
    speaker = ctx.people.by_name[sentences[index + 1].tag_speaker or ""]
    return (
        tag is not None
        and tag.kind == "end"
        and voice_of(text) == "first"
        and not ctx.people.mentions(text)
        # not "He is 58, and he shook my hand.", nor "Before we left she warned me ..." (of
        # the one who then speaks): somebody else is its subject, the writer its "me"
        and clause_subject(text, ctx.people)[0] not in {"he", "she", "name"}
        and speaker.gender not in pronoun_genders(text)
    )


def _speakers_words(text: str, spoken: str) -> bool:
    """``text`` reads as the words of the one who said ``spoken``: it says "I", or its "he"
    or "she" is one their words already used for somebody else ("He made an actor out of
    me." / "He made producers out of people ...")."""
    if voice_of(text) == "first":
        return True
    return bool(pronoun_genders(text) & pronoun_genders(spoken))


def _open_narration(unit: EditableUnit, sentence: Sentence) -> bool:
    return not (sentence.fixed or sentence.tag_speaker) and unit.kind == "narration"


_CONTRACTION = LazyPattern(r"\w['’](?:s|d|ve|re|ll)\b|n['’]t\b")


def _speaker_as_subject(ctx: Context, index: int, speaker: str) -> bool:
    """The sentence's subject is a "he" or "she" that can only be ``speaker``: of their
    gender, saying no "I", "we" or "you", where their own words before it never used that
    pronoun for somebody else ("A self-professed introvert, she finds her peace at home.")."""
    units, people = ctx.units, ctx.people
    text = units[index].text
    kind = clause_subject(text, people)[0]
    gender = people.by_name[speaker].gender
    if kind not in {"he", "she"} or gender != {"he": "male", "she": "female"}[kind]:
        return False
    if voice_of(text) != "neutral" or _CONTRACTION.search(text):
        return False  # "She's been telling the whole street for a month.": talk
    pronoun = HE if gender == "male" else SHE
    for back in range(index - 1, max(-1, index - 7), -1):
        unit = units[back]
        if unit.kind == "quote" and unit.speaker != speaker:
            break
        if unit.kind == "quote" and pronoun.search(unit.spoken or unit.text):
            return False  # "He made an actor out of me." / "He made producers out of ..."
    return True


def _opens_with_a_surname(ctx: Context, index: int) -> bool:
    """The sentence's subject is a person the article gives a full name, called by the
    surname alone at the very start ("Karagulian has been there ...")."""
    text = ctx.units[index].text
    kind, subject, _ = clause_subject(text, ctx.people)
    if kind != "name" or not subject or " " not in subject:
        return False
    first = text.split(maxsplit=1)[0].rstrip(",’'s")
    return first == subject.split()[-1]


def _introduced_by_narration(ctx: Context, index: int, current: str | None) -> bool:
    """The sentence before is narration whose subject is a person other than ``current``:
    by name, or as a "he" or "she" that cannot be them."""
    if not index or current is None:
        return False
    before = ctx.units[index - 1]
    if before.kind == "quote" or before.fixed:
        return False
    kind, subject, _ = clause_subject(before.text, ctx.people)
    if kind in {"he", "she"}:
        # "She also watched Loulou for Huppert's performance.", after a man spoke: the
        # narration has turned to a woman
        gender = {"he": "male", "she": "female"}[kind]
        if ctx.people.by_name[current].gender in (None, gender) or before.confidence < 0.75:
            return False  # (a sentence the model barely took for narration may be a quote)
        subject, sure = resolve_pronoun(gender, ctx, index - 1, None, "")
        return bool(subject and sure >= 0.45 and ctx.people.by_name[subject].tagged)
    return kind == "name" and subject is not None and subject != current


def explain(decision: Decision) -> str:
    """The model's decision in words: its label's probability and its strongest reasons."""
    reasons = ", ".join(FEATURE_WORDS[name] for name in decision.reasons)
    words = f"continuation: P({_LABEL_WORDS[decision.label]})={decision.probability:.2f}"
    return f"{words} ({reasons})" if reasons else words


def run_speaker(ctx: Context, index: int) -> tuple[str | None, str]:
    """Who speaks an untagged run of someone else's words that no tag closes: the person
    the narration just before it is about, else the last speaker; and why."""
    units, people = ctx.units, ctx.people
    # nobody calls themselves by name: "Carvajal would not show me the notebook." is the writer
    named = {name for _, name in people.mentions(units[index].text)}
    if not any(u.kind == "quote" and u.speaker != NARRATOR for u in units[:index]):
        return None, "nobody has spoken yet"  # "When I visited in March, ..." is the writer
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
        found += [name for _, name in people.mentions(narration)]
        candidates += [name for name in found if name and people.by_name[name].tagged]
    candidates = [name for name in candidates if name not in named]
    if candidates:
        unreferred = [name for name in candidates if people.by_name[name].gender not in referred]
        return (unreferred or candidates)[0], "the person the narration before it is about"
    for back in range(index - 1, max(-1, index - 7), -1):
        if units[back].kind == "quote" and units[back].speaker not in (NARRATOR, *named):
            return units[back].speaker, "the last speaker"
    return None, "nobody to give it to"


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
