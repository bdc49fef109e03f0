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
from .people import People
from .pronouns import Context, clause_subject, resolve_pronoun
from .vocabulary import FEMALE_WORDS, MALE_WORDS
from .voice import FIRST_PERSON, HE, OBJECT_PRONOUN, SHE

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
        if decision.label == NEW:
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
            unit.confidence = round(decision.probability, 2)
        unit.why = why


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
    """The sentence before is narration whose subject is a person other than ``current``."""
    if not index or current is None:
        return False
    before = ctx.units[index - 1]
    if before.kind == "quote" or before.fixed:
        return False
    kind, subject, _ = clause_subject(before.text, ctx.people)
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
