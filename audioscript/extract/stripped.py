"""Attribution without quotation marks: tags and the first-person voice decide what is
quoted, and a run of quote sentences keeps its speaker until a sentence reads as
narration.

The rules for how far a run reaches are in :mod:`.runs`, the writer's own voice and
paraphrase in :mod:`.writer`; this pass walks the units once, in order, and applies them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .captions import EDITORIAL, is_caption
from .people import People
from .pronouns import Context, clause_subject, resolve_pronoun, resolve_tag
from .runs import (
    CONNECTIVE,
    named_genders,
    names_people,
    neutral_continues,
    pronoun_genders,
    run_speaker,
    speech_goes_on,
    spoken_fragment,
    tag_after_short_run,
    tag_ahead,
    talks_about,
)
from .tags import Tag, is_organisation, is_reported, tag_why, without_tag
from .units import Unit
from .voice import HE, IMPERATIVE, SHE, voice_of
from .writer import is_paraphrase, journalist, paraphrased_clauses


def attribute_stripped(units: list[Unit], people: People) -> None:
    """Tags and first-person voice decide quotes; a run of quote sentences keeps its speaker
    until a sentence reads as narration."""
    ctx = Context(units, people)
    current: str | None = None
    voiced = False  # the run so far speaks in the first or second person
    neutral = 0  # voiceless sentences in a row inside the run
    tagged = False  # the unit just before is a quote with its tag
    others: set[str] = set()  # "he"/"she" in the run's first-person sentences: someone else
    named: set[str] = set()  # genders of the people the run's first-person sentences name
    claimed: dict[int, str] = {}  # sentences a tag further on gives to its speaker
    for index, unit in enumerate(units):
        text = unit.text
        if index in claimed and current == claimed[index]:
            unit.kind, unit.speaker, unit.confidence = "quote", current, 0.6
            unit.spoken, unit.why = text, "runs: inside a short run that a tag closes"
            continue
        if unit.fixed:
            current = unit.speaker if unit.kind == "quote" else None
            voiced, neutral = True, 0
            continue
        unit.why = "stripped: no tag, and not in a speaker's voice"
        if is_caption(text) or EDITORIAL.search(text):
            note = "a heading, caption or credit" if is_caption(text) else "an editor's note"
            unit.why = f"captions: {note}"
            current = None
            continue
        after_tag, tagged = tagged, False
        if unit.tag and unit.tag.kind == "paraphrase":
            quote_text = (text[: unit.tag.start] + " " + text[unit.tag.end :]).strip()
            name, _ = resolve_tag(unit.tag, ctx, index, current, quote_text)
            previous = units[index - 1] if index else None
            if not (name and name == current and previous and previous.speaker == current):
                unit.why = f"writer: one clause cut in two by '{unit.tag.text}': a paraphrase"
                unit.tag, unit.confidence = None, 0.7
                current, voiced, neutral = name, False, 0  # a voiced sentence next is theirs
                continue
            # "The plan, she added, makes sense ...": a tag cutting the speaker's own quote
            unit.tag = replace(unit.tag, kind="middle")
        if unit.tag and paraphrased_clauses(text, unit.tag):
            # "The shelters block rain, she noted, and the benches can burn skin.": the
            # journalist's summary (a guess: without the marks it reads like a quote)
            name, _ = resolve_tag(unit.tag, ctx, index, current, without_tag(text, unit.tag))
            unit.why = f"writer: the writer's summary on both sides of '{unit.tag.text}'"
            unit.tag, unit.confidence = None, 0.5
            current, voiced, neutral = name, False, 0
            continue
        if unit.tag and not unit.tag.reported and not is_reported(text):
            quote_text = without_tag(text, unit.tag)
            name, confidence = resolve_tag(unit.tag, ctx, index, current, quote_text)
            refused = _refused(unit.tag, name, quote_text, ctx, index, current)
            if name and not refused:
                unit.kind, unit.speaker, unit.confidence = "quote", name, confidence
                unit.spoken, unit.why = quote_text, tag_why(unit.tag)
                current, voiced, neutral = name, voice_of(quote_text) != "neutral", 0
                tagged = unit.tag.kind in {"end", "inverted", "middle", "lead"}
                first = voice_of(quote_text) == "first"
                others = pronoun_genders(quote_text) if first else set()
                named = named_genders(quote_text, name, people) if first else set()
                continue
            unit.tag, unit.why = None, refused
        if unit.lead_in and unit.tag is None and index:
            name = _lead_in_speaker(ctx, index - 1)
            if name:  # "She put it simply: ...", "Ferreira was more philosophical — ..."
                unit.kind, unit.speaker, unit.confidence, unit.spoken = "quote", name, 0.6, text
                unit.why = "runs: introduced by a colon or dash lead-in about its speaker"
                current, voiced, neutral, tagged = name, voice_of(text) != "neutral", 0, True
                others, named = set(), set()
                continue
        voice = voice_of(text)
        if voice == "first":
            about = journalist(ctx, index, current)
            if about:  # "When I repeat this to her, she rolls her eyes.": the writer speaks
                unit.why, unit.confidence = f"writer: the writer's own 'I', about {about}", 0.7
                current, voiced, neutral = about, False, 0
                continue
        in_run = (
            current is not None
            and voiced
            and voice == "first"
            and not names_people(text, current, people)
        )  # "He's told me that every year" inside the speaker's own words is theirs
        if (is_reported(text) or (unit.tag and unit.tag.reported)) and not in_run:
            unit.why = "tags: reported speech ('says that', 'according to')"
            unit.confidence, unit.tag = 0.75, None
            current = None
            continue
        if current is not None:
            if voice == "question" and voiced and neutral == 0:
                voice = "weak"  # a question inside a run of the speaker's own words
            self_named = clause_subject(text, people)[1] == current  # "Carvajal would not show me"
            if (voice == "first" and not self_named) or (
                voice == "weak" and not names_people(text, current, people)
            ):
                unit.kind, unit.speaker, unit.spoken = "quote", current, text
                unit.confidence = 0.75 if voice == "first" else 0.65
                spoken = "first person" if voice == "first" else "'we', 'you' or a spoken aside"
                unit.why = f"runs: {spoken}, going on with {current}'s words"
                voiced, neutral = True, 0
                if voice == "first":
                    others |= pronoun_genders(text)
                    named |= named_genders(text, current, people)
                continue
            words = len(text.split())
            goes_on = bool(  # "..., she said. But riders sit on the bench, ..."
                CONNECTIVE.match(text) and not HE.search(text) and not SHE.search(text)
            )
            if neutral == 0:
                easy = after_tag and (words <= 8 or goes_on)
                allowed = voiced or easy
            else:  # "It is still hot. It is just green now.", "Not from the school. A parent."
                easy = allowed = (neutral == 1 and words <= 6 and spoken_fragment(text)) or (
                    neutral <= 2 and words <= 8 and speech_goes_on(text)
                )  # "So that's what it does now. But somebody had to say it."

            if (
                voice == "neutral"
                and allowed
                and neutral_continues(units, index, current, people, easy, others, named, ctx)
            ):
                unit.kind, unit.speaker, unit.confidence = "quote", current, 0.55
                unit.spoken = text
                unit.why = f"runs: no voice of its own, going on with {current}'s words"
                neutral += 1
                continue
            unit.why = f"runs: {current}'s words end; the sentence reads as narration"
            current = None
        if voice == "weak" and IMPERATIVE.match(text):
            # "Ask Maureen Tully. She called the meeting, he said.": words the tag closes
            speaker, _ = tag_ahead(ctx, index, limit=2)
            if speaker is None:  # "Ask her. She called the meeting. It was her idea, he said."
                speaker, end = tag_after_short_run(ctx, index)
                if speaker:  # the sentences up to the tag are the same speaker's
                    claimed.update({between: speaker for between in range(index + 1, end)})
            if speaker:
                unit.kind, unit.speaker, unit.confidence = "quote", speaker, 0.6
                unit.spoken, unit.why = text, "runs: opens on an imperative; a tag closes its run"
                current, voiced, neutral, others, named = speaker, True, 0, set(), set()
                continue
        if voice == "first" or (
            voice == "weak"
            and re.search(r"\b[Ww]e\b", text)
            and not (HE.search(text) or SHE.search(text))
        ):
            speaker, confidence, why = run_speaker(ctx, index, weak=voice == "weak")
            spoken = "first person" if voice == "first" else "'we'"
            unit.why = f"runs: {spoken}, but {why}"
            if speaker:
                unit.kind, unit.speaker, unit.confidence = "quote", speaker, confidence
                unit.spoken, unit.why = text, f"runs: {spoken}; {why}"
                current, voiced, neutral, others, named = speaker, True, 0, set(), set()


def _refused(
    tag: Tag, name: str | None, quote_text: str, ctx: Context, index: int, current: str | None
) -> str:
    """Why a tag does not make its sentence a quote, or "" when it does."""
    if not name:
        return f"tags: '{tag.text}' names nobody known"
    if is_organisation(tag.speaker) and voice_of(quote_text) == "neutral":
        return f"tags: '{tag.text}' is an organisation's, and the words do not say 'we'"
    if is_paraphrase(quote_text, name, tag, ctx.people, ctx, index, current):
        return f"writer: the words open on {name} in the third person: a paraphrase"
    if tag.kind == "middle" and talks_about(quote_text, name, quote_text, ctx.people):
        return f"writer: the words talk about {name} in the third person"
    return ""


def _lead_in_speaker(ctx: Context, index: int) -> str | None:
    """Who a colon or dash lead-in introduces: its subject ("She put it simply:"), or the
    one person it names ("Her business partner, Luis Ferreira, was more philosophical —")."""
    lead = ctx.units[index].text
    kind, subject, _ = clause_subject(lead, ctx.people)
    if kind == "name":
        return subject
    if kind in {"he", "she"}:
        return resolve_pronoun({"he": "male", "she": "female"}[kind], ctx, index, None, "")[0]
    named = {name for _, name in ctx.people.mentions(lead)}
    return named.pop() if len(named) == 1 else None
