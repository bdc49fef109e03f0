"""Attribution without quotation marks: the certain decisions first, then the continuation
model for every other sentence.

Certain are the transcript's turns (fixed by the transcript pass), headings, captions and
editor's notes, the tags the pass accepts and the colon or dash lead-ins that name their
speaker, and the writer's own voice (:mod:`.writer`: a paraphrase with a tag, the writer's
"I"). Every other sentence is narration, the current speaker's words going on, or someone
else's words: the learned chain model (:mod:`.continuation`) decides them all at once, over
the whole article, and :mod:`.runs` writes its decisions into the units.

:func:`model_input` is the seam the training script (``scripts/train_continuation.py``)
shares with this pass, so the model learns from exactly what it is given here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .captions import EDITORIAL, is_caption
from .continuation import Model, Sentence, decode
from .continuation.features import current_speakers
from .patterns import LazyPattern
from .people import People
from .pronouns import Context, clause_subject, resolve_pronoun, resolve_tag
from .reported import is_reported
from .runs import apply_decisions, talks_about
from .tags import (
    Tag,
    is_organisation,
    is_pronoun,
    is_reporter,
    tag_why,
    without_tag,
)
from .units import Decided, EditableUnit, Unit, editable, frozen
from .voice import voice_of
from .writer import is_paraphrase, journalist, paraphrased_clauses


def attribute_stripped(
    units: Sequence[Unit], people: People, model: Model | None = None
) -> Decided:
    """The units of an article without quotation marks, every one decided: tags, lead-ins
    and the writer's voice decide what they can; the continuation model (the shipped one
    unless ``model``) decides every other sentence."""
    work, people = editable(units), people.copy()
    ctx = Context(work, people)
    sentences, applied = _model_input(work, people, ctx, model)
    if not applied:
        apply_decisions(ctx, sentences, decode(sentences, model))
    return Decided(frozen(work), people)


_State = tuple[str, str, Tag | None, float, str, str]


def _state(unit: EditableUnit) -> _State:
    return unit.kind, unit.speaker, unit.tag, unit.confidence, unit.why, unit.spoken


def _restore(unit: EditableUnit, state: _State) -> None:
    unit.kind, unit.speaker, unit.tag, unit.confidence, unit.why, unit.spoken = state


def model_input(
    units: Sequence[Unit],
    people: People,
    model: Model | None = None,
    rounds: int = 2,
) -> list[Sentence]:
    """Make the certain decisions on copies of ``units`` (tags, lead-ins, captions, the
    writer's voice) and return one :class:`Sentence` per unit: what the model is told.

    Some decisions ask who spoke before the sentence: whom "she says" means, whether "The
    plan, she added, makes sense" cuts her own quote. A first round knows that only where it
    was decided for certain; the model (``model``, else the shipped one) then decides the
    other sentences, and a second round decides again knowing them (``rounds=1``: the first
    round only)."""
    work, people = editable(units), people.copy()
    return _model_input(work, people, Context(work, people), model, rounds)[0]


def _model_input(
    units: Sequence[EditableUnit],
    people: People,
    ctx: Context | None = None,
    model: Model | None = None,
    rounds: int = 2,
) -> tuple[list[Sentence], bool]:
    """:func:`model_input`, and whether the model's decisions on what it returns are in
    the units already (then nothing is left to decide)."""
    ctx = ctx or Context(units, people)
    original = [_state(unit) for unit in units]
    first = _certain(ctx)
    if rounds < 2:
        return first, False
    apply_decisions(ctx, first, decode(first, model))
    decided = [_state(unit) for unit in units]
    second = _certain(ctx, original, decided)
    for index, (before, after) in enumerate(zip(first, second)):
        if before.writer and not (after.fixed or after.tag_speaker):
            # the writer's own "I" found in the first round stays the writer's, whoever the
            # model then made speak before it
            _restore(units[index], decided[index])
            second[index] = before
    return _pronouns_again(ctx, second, model)


def _pronouns_again(
    ctx: Context, sentences: list[Sentence], model: Model | None
) -> tuple[list[Sentence], bool]:
    """Whom a pronoun tag means, asked once more of the second round's decisions; and
    whether those decisions stand in the units (when no tag changed).

    The second round resolved "he says" against the first round's speakers; the model may
    then give the run before it to someone else ("Baker, however, was more surprised. ...
    I think we forget that. Time, he says."), and "he" is whoever spoke last after all."""
    units = ctx.units
    decided = [_state(unit) for unit in units]
    apply_decisions(ctx, sentences, decode(sentences, model))
    changed = False
    for index, (unit, sentence) in enumerate(zip(units, sentences)):
        tag = unit.tag
        if sentence.tag_speaker is None or tag is None or not is_pronoun(tag.speaker):
            continue
        previous = units[index - 1] if index else None
        current = previous.speaker if previous and previous.kind == "quote" else None
        name, confidence = resolve_tag(tag, ctx, index, current, without_tag(unit.text, tag))
        if (
            name
            and name != sentence.tag_speaker
            and not _refused(tag, name, without_tag(unit.text, tag), ctx, index, current)
        ):
            decided[index] = (*decided[index][:1], name, tag, confidence, *decided[index][4:])
            sentences[index] = replace(sentence, tag_speaker=name)
            changed = True
    if not changed:
        return sentences, True
    for unit, state in zip(units, decided):
        _restore(unit, state)
    return _read_people(ctx, sentences), False


def _certain(
    ctx: Context, original: Sequence[_State] = (), decided: Sequence[_State] = ()
) -> list[Sentence]:
    """One round of certain decisions, unit by unit, each unit first put back as it was
    (``original``); a unit left open keeps the decision of the round before (``decided``)."""
    units, people = ctx.units, ctx.people
    known = paragraphs_known(units)
    sentences = []
    for index, unit in enumerate(units):
        if original:
            _restore(unit, original[index])
        previous = units[index - 1] if index else None
        current = previous.speaker if previous and previous.kind == "quote" else None
        sentence = _decide(ctx, index, current)
        if decided and not (sentence.fixed or sentence.tag_speaker):
            _restore(unit, decided[index])
        mentions = tuple(dict.fromkeys(name for _, name in people.mentions(unit.text)))
        start = unit.sentence.first_in_paragraph if known else None
        sentences.append(replace(sentence, paragraph_start=start, mentions=mentions))
    return _read_people(ctx, sentences)


def _read_people(ctx: Context, sentences: list[Sentence]) -> list[Sentence]:
    """What the extractor knows of the people in each open sentence: whether it talks
    about the speaker whose words would go on there, whether a person is its subject, and
    whether that person is the speaker, by name ("Madison did her own stunts.")."""
    people, out = ctx.people, []
    for index, (sentence, current) in enumerate(zip(sentences, current_speakers(sentences))):
        if not (sentence.fixed or sentence.tag_speaker):
            before = sentences[index - 1].text if index else ""
            kind, subject, _ = clause_subject(sentence.text, people)
            about = current is not None and (
                subject == current or talks_about(sentence.text, current, before, people)
            )  # "Lindqvist grew up two streets away.", "She still keeps the photograph."
            sentence = replace(
                sentence,
                about_speaker=about,
                person_subject=kind == "name",
                speaker_subject=kind == "name" and subject == current,
            )
        out.append(sentence)
    return out


def paragraphs_known(units: Sequence[EditableUnit]) -> bool:
    """The input tells paragraphs apart: enough of its paragraphs hold two sentences or more
    (not a text of one sentence per line, where the segmentation cuts a line in two now and
    then). The quote after a colon or dash lead-in is part of the lead-in's sentence."""
    sizes: Counter[int] = Counter()
    for before, unit in zip([None, *units], units):
        if (
            before is None
            or before.sentence.paragraph != unit.sentence.paragraph
            or before.text.rstrip()[-1:] not in ":—–"
        ):
            sizes[unit.sentence.paragraph] += 1
    longer = sum(1 for size in sizes.values() if size > 1)
    return longer >= max(1, len(sizes) // 10)


def _decide(ctx: Context, index: int, current: str | None) -> Sentence:
    """The certain decision on one unit, if there is one, and what the model is told."""
    unit = ctx.units[index]
    text = unit.text
    if unit.fixed:
        return Sentence(
            text, fixed=True, fixed_speaker=unit.speaker if unit.kind == "quote" else None
        )
    if is_caption(text) or EDITORIAL.search(text):
        note = "a heading, caption or credit" if is_caption(text) else "an editor's note"
        unit.why = f"captions: {note}"
        return Sentence(text, fixed=True)
    if unit.tag and is_reporter(unit.tag.speaker):
        unit.why, unit.tag = f"writer: the writer's side asks ('{unit.tag.text}')", None
        return Sentence(text, fixed=True)
    if unit.tag and unit.tag.kind == "paraphrase":
        quote_text = (text[: unit.tag.start] + " " + text[unit.tag.end :]).strip()
        name, _ = resolve_tag(unit.tag, ctx, index, current, quote_text)
        if not (name and name == current):
            unit.why = f"writer: one clause cut in two by '{unit.tag.text}': a paraphrase"
            unit.tag, unit.confidence = None, 0.7
            return Sentence(text, fixed=True, reported_speaker=name)
        # "The plan, she added, makes sense ...": a tag cutting the speaker's own quote
        unit.tag = replace(unit.tag, kind="middle")
    if unit.tag and paraphrased_clauses(text, unit.tag):
        # "The shelters block rain, she noted, and the benches can burn skin.": the
        # journalist's summary (a guess: without the marks it reads like a quote)
        name, _ = resolve_tag(unit.tag, ctx, index, current, without_tag(text, unit.tag))
        unit.why = f"writer: the writer's summary on both sides of '{unit.tag.text}'"
        unit.tag, unit.confidence = None, 0.5
        return Sentence(text, fixed=True, reported_speaker=name)
    if unit.tag and not unit.tag.reported and not is_reported(text):
        quote_text = without_tag(text, unit.tag)
        name, confidence = resolve_tag(unit.tag, ctx, index, current, quote_text)
        refused = _refused(unit.tag, name, quote_text, ctx, index, current)
        if name and not refused:
            unit.kind, unit.speaker, unit.confidence = "quote", name, confidence
            unit.spoken, unit.why = quote_text, tag_why(unit.tag)
            return Sentence(text, tag_speaker=name)
        unit.tag, unit.why = None, refused
        if name and refused.startswith("writer:"):
            unit.confidence = 0.7
            return Sentence(text, fixed=True, reported_speaker=name)
        refused_tag = True
    else:
        refused_tag = False
    if unit.lead_in and unit.tag is None and index:
        name = _lead_in_speaker(ctx, index - 1)
        if name:  # "She put it simply: ...", "Ferreira was more philosophical — ..."
            unit.kind, unit.speaker, unit.confidence, unit.spoken = "quote", name, 0.6, text
            unit.why = "runs: introduced by a colon or dash lead-in about its speaker"
            return Sentence(text, tag_speaker=name)
    voice = voice_of(text)
    if voice == "first":
        about = journalist(ctx, index, current)
        if about:  # "When I repeat this to her, she rolls her eyes.": the writer speaks
            unit.why, unit.confidence = f"writer: the writer's own 'I', about {about}", 0.7
            return Sentence(text, fixed=True, reported_speaker=about, writer=True)
    elif _journalists_question(unit, ctx.units[index - 1] if index else None):
        unit.why, unit.confidence = "writer: the writer's question", 0.7
        return Sentence(text, fixed=True)
    elif unit.tag and unit.tag.reported or is_reported(text):
        # "She adds that the conversation ...": the writer reports, in the third person
        name = resolve_tag(unit.tag, ctx, index, current, "")[0] if unit.tag else None
        name = name or _reporting_subject(ctx, index, current)
        unit.why, unit.confidence = "tags: reported speech ('says that', 'according to')", 0.75
        return Sentence(text, fixed=True, reported_speaker=name)
    return Sentence(text, refused_tag=refused_tag)


def _reporting_subject(ctx: Context, index: int, current: str | None) -> str | None:
    """Whose words a sentence of reported speech without a tag reports: its subject ("She
    adds that the conversation ... is not one she takes lightly.")."""
    kind, subject, _ = clause_subject(ctx.units[index].text, ctx.people)
    if kind == "name":
        return subject
    if kind in {"he", "she"}:
        gender = {"he": "male", "she": "female"}[kind]
        name, sure = resolve_pronoun(gender, ctx, index, current, "")
        return name if sure >= 0.6 else None
    return None


def _journalists_question(unit: EditableUnit, previous: EditableUnit | None) -> bool:
    """The writer asks: a question about somebody in the third person ("What did he think
    would be divisive?"), or one with no person in it after narration ("Will it become
    impossible to shoot guerilla-style?"); never one that says "I", "we" or "you"."""
    if unit.tag or not unit.text.rstrip().endswith("?"):
        return False
    voice = voice_of(unit.text)
    if voice == "neutral":  # a question with "he" or "she" in it has no voice of its own
        return bool(_SOMEONE.search(unit.text))
    return voice == "question" and previous is not None and previous.kind != "quote"


_SOMEONE = LazyPattern(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|him)\b")


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
