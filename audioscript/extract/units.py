"""The units pass: sentences cut into units, the utterances in the making.

A unit is usually one sentence; a narration lead-in and the quote its colon or dash
introduces make two ("The director put it simply: ..."). Each unit measures its share of
words inside quotation marks. A photo credit, a caption or a byline is of that kind from
here on: narration nobody reads aloud.

A :class:`Unit` is a frozen value: every pass takes the units of the article and returns new
ones (:mod:`.run` shows the order). Inside a pass, decisions are made on
:class:`EditableUnit` copies (:func:`editable`), since a rule often reads what the rule before
it decided for the same unit, and the pass hands back frozen units again (:func:`frozen`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple, Union

from audioscript.clean import zipf
from audioscript.models import NARRATOR

from .captions import LEFT_OUT, caption_kind
from .segmentation import Sentence
from .tags import TAG_END, TAG_LEAD, TAG_MIDDLE, Tag, find_tag, speaker_ok
from .voice import FIRST_PERSON

if TYPE_CHECKING:
    from .people import People


@dataclass(frozen=True)
class Unit:
    """One utterance in the making: a sentence, or a part of one. What a pass hands on."""

    sentence: Sentence
    text: str
    kind: str = "narration"
    speaker: str = NARRATOR
    tag: Tag | None = None
    confidence: float = 0.9
    why: str = ""  # "pass: reason" of the decision that stands, for ``extract --explain``
    spoken: str = ""  # what a quote says aloud
    narration: str = ""  # the unit with quoted stretches blanked out (same length as text)
    share: float = 0.0  # share of words inside quotation marks
    fixed: bool = False  # decided by the transcript pass; the other passes leave it alone
    lead_in: bool = False  # introduced by a colon or dash lead-in with no tag of its own


#: a unit as a pass that only reads it may get it
AnyUnit = Union[Unit, "EditableUnit"]


class Decided(NamedTuple):
    """What an attribution pass hands on: the units, and the people as it left them (a copy:
    the people it was given stay as they were)."""

    units: tuple[Unit, ...]
    people: People


def editable(units: Sequence[Unit]) -> list[EditableUnit]:
    """Working copies of ``units`` for a pass to decide on."""
    return [EditableUnit(**vars(unit)) for unit in units]


def frozen(units: Sequence[EditableUnit]) -> tuple[Unit, ...]:
    """The units a pass hands on."""
    return tuple(Unit(**vars(unit)) for unit in units)


@dataclass
class EditableUnit:
    """A :class:`Unit` while a pass decides on it (the same fields, open to change)."""

    sentence: Sentence
    text: str
    kind: str = "narration"
    speaker: str = NARRATOR
    tag: Tag | None = None
    confidence: float = 0.9
    why: str = ""  # "pass: reason" of the decision that stands, for ``extract --explain``
    spoken: str = ""  # what a quote says aloud
    narration: str = ""  # the unit with quoted stretches blanked out (same length as text)
    share: float = 0.0  # share of words inside quotation marks
    fixed: bool = False  # decided by the transcript pass; the other passes leave it alone
    lead_in: bool = False  # introduced by a colon or dash lead-in with no tag of its own


def cut_units(sentences: Sequence[Sentence], quoted: bool) -> tuple[Unit, ...]:
    """The units of the article, in reading order; a photo credit, a picture's caption and a
    byline are of that kind from the start (:func:`.captions.caption_kind`)."""
    units = [unit for sentence in sentences for unit in units_of(sentence, quoted)]
    for unit in units:
        kind = caption_kind(unit.text)
        if kind in LEFT_OUT:
            unit.kind = kind
    return frozen(units)


def units_of(sentence: Sentence, quoted: bool) -> list[EditableUnit]:
    """The units of one sentence: usually one; a narration lead-in and its colon quote make two."""
    if not quoted:
        text = sentence.text
        colon = text.find(": ")
        tag = find_tag(text)
        if colon > 0 and not FIRST_PERSON.search(text[:colon]) and len(text[:colon].split()) >= 3:
            lead = text[: colon + 1]
            after_tag = tag is not None and tag.kind in {"end", "inverted"} and colon < tag.start
            before_tag = TAG_END.search(", " + lead.rstrip(":") + ".") or TAG_MIDDLE.search(
                lead.rstrip(":") + ": x"
            )
            if (after_tag or before_tag) and not TAG_LEAD.match(lead + " x"):
                return _split_at_colon(sentence, lead, colon + 2)
        opener = _lead_in_opener(text)
        if opener is not None:
            return _split_at_colon(sentence, text[:opener].rstrip(), opener)
    if quoted:
        quote_start = _colon_lead_in(sentence)
        if quote_start is not None:
            lead = sentence.text[:quote_start].rstrip()
            # "Smith agreed: ...", "Her son, Daniel Hart, said: ..." stay one quote with its tag
            if not (lead.endswith(":") and (tag := find_tag(lead + " x")) and tag.kind == "lead"):
                return _split_at_colon(sentence, lead, quote_start)
    return [_measure(EditableUnit(sentence, sentence.text))]


def _lead_in_opener(text: str) -> int | None:
    """Without quotation marks, where a quote introduced by a colon or a dash starts.

    The lead-in is narration (three words or more, no "I"); after a colon the words speak
    in the first person ("She put it simply: Everything I owned was under the water."),
    after a dash they open on a capitalised common word, which prose after a dash never
    does ("Ferreira was more philosophical — Flour is cheap.").
    """
    for match in re.finditer(r"(?::|\s[—–])\s+(?=[A-Z])", text):
        lead, rest = text[: match.start()], text[match.end() :]
        if FIRST_PERSON.search(lead) or len(lead.split()) < 3:
            return None
        if match.group().startswith(":"):
            if FIRST_PERSON.search(rest) and not find_tag(rest):
                return match.end()
            continue
        word = re.match(r"[A-Za-z]+", rest)
        if word and (word.group() == "I" or zipf(word.group()) >= 3.5) and len(rest.split()) > 1:
            return match.end()
    return None


def _split_at_colon(sentence: Sentence, lead: str, colon: int) -> list[EditableUnit]:
    """A narration lead-in and the quote it introduces; a tag closing the lead-in
    ("..., the director laughed:") attributes the quote."""
    head = replace(
        sentence, text=lead, source=lead, mask=(False,) * len(lead), last_in_paragraph=False
    )
    tail_text = sentence.text[colon:]
    tail_mask = sentence.mask[colon:] if any(sentence.mask) else (False,) * len(tail_text)
    tail = replace(
        sentence, text=tail_text, source=tail_text, mask=tail_mask, first_in_paragraph=False
    )
    quote = _measure(EditableUnit(tail, tail_text, lead_in=True))
    lead_tag = TAG_END.search(", " + lead.rstrip(":") + ".") or TAG_MIDDLE.search(
        lead.rstrip(":") + ": x"
    )
    if lead_tag:
        spk = lead_tag.group("spk") or (lead_tag.groupdict().get("spk2") or "")
        verb = lead_tag.group("verb") or (lead_tag.groupdict().get("verb2") or "")
        if speaker_ok(spk):
            quote.tag = Tag(spk, verb, lead_tag.group("tag"), 0, 0, "lead")
            quote.lead_in = False  # the tag says who speaks
    return [_measure(EditableUnit(head, lead)), quote]


def _colon_lead_in(sentence: Sentence) -> int | None:
    """Where a quote introduced by a colon or a dash starts, when the sentence is narration up
    to there."""
    text, mask = sentence.text, sentence.mask
    for match in re.finditer(r"(?::|\s[—–])\s+(?=[“\"‘])", text):
        if mask[match.start()]:
            continue
        if any(mask[: match.start()]):
            return (
                None  # "“It’s faster,” she says, and then, seeing her face: “But ...”": one quote
            )
        rest = match.end()
        inside = sum(1 for i in range(rest, len(text)) if mask[i])
        if inside >= 0.6 * (len(text) - rest) and len(text[rest:].split()) >= 1:
            return rest
    return None


def _measure(unit: EditableUnit) -> EditableUnit:
    text, mask = unit.text, unit.sentence.mask
    mask = (mask + (False,) * len(text))[: len(text)]
    quoted = "".join(c if m else " " for c, m in zip(text, mask))
    unit.narration = "".join(" " if m else c for c, m in zip(text, mask))
    q_words = len(re.findall(r"\w+", quoted))
    n_words = len(re.findall(r"\w+", unit.narration))
    unit.share = q_words / max(1, q_words + n_words)
    unit.spoken = quoted
    return unit
