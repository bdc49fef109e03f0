"""The extractor: every pass, in the order it runs.

Preparing the article (:func:`prepare`):

1. marks          which quotation marks the article uses; a mask per line of what they enclose
2. segmentation   the lines cut into sentences
3. units          sentences cut at colon and dash lead-ins; the share of quoted words
4. tags           attribution tags ("Baker says"); reported speech flagged
5. people         every person named, under one canonical name
6. descriptors    role words and gender evidence from the narration

Deciding who says what (:func:`extract`):

7. transcript     interviews printed as labelled turns (their units are fixed from here on)
8. quoted         with quotation marks: the marks say what is quoted, tags and paragraphs who
   or stripped    without them: tags, voice and runs (:mod:`.runs`, :mod:`.writer`,
                  :mod:`.captions`); pronouns and descriptors resolve in both (:mod:`.pronouns`)
9. results        units into utterances, people into speakers
10. calibration   each line's confidence becomes the chance it is right (:mod:`.calibration`)

Every unit records the pass that decided it and why (``Utterance.why``, ``extract --explain``).

Every pass takes values and returns new ones, so a pass can be run, tested and replaced
alone: the units are frozen (a pass decides on editable copies inside), and an attribution
pass hands on a copy of the people (:class:`.people.People`) with what it learnt (an alias,
a pronoun's gender) for the passes after it, the people it was given left as they were
(:class:`.units.Decided`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from audioscript.clean import ArticleEvidence, clean_text

from .calibration import calibrate
from .descriptors import learn_descriptors
from .marks import Marks, line_masks, quote_marks
from .people import People
from .quoted import attribute_quoted
from .results import Extraction, finish
from .segmentation import sentences_of
from .stripped import attribute_stripped
from .tags import attach_tags, tag_names
from .transcript import attribute_transcript
from .units import Unit, cut_units


@dataclass(frozen=True)
class Draft:
    """An article ready for attribution: its units, the people it names, its marks."""

    units: tuple[Unit, ...]
    people: People
    marks: Marks | None

    @property
    def quoted(self) -> bool:
        return self.marks is not None


def prepare(text: str) -> Draft:
    """Passes 1 to 6: the article (raw text in) cut into units, with tags and people."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = clean_text(text)
    raw_lines, clean_lines = text.split("\n"), cleaned.split("\n")
    marks = quote_marks(cleaned)
    quoted = marks is not None
    sentences = sentences_of(raw_lines, clean_lines, line_masks(clean_lines, marks))
    units = attach_tags(cut_units(sentences, quoted), quoted)
    people = People(cleaned, ArticleEvidence.from_text(text), tag_names(units))
    people = learn_descriptors(people, units, quoted)
    return Draft(units, people, marks)


def extract(text: str, calibrated: bool = True) -> Extraction:
    """Quotes and narration of an article (raw text in), with every speaker resolved; each
    line's confidence is the chance it is right (raw rules of thumb without ``calibrated``)."""
    draft = prepare(text)
    units, people = attribute_transcript(draft.units, draft.people)
    if draft.quoted:
        units, people = attribute_quoted(units, people)
    else:
        units, people = attribute_stripped(units, people)
    found = finish(units, people, draft.marks)
    if not calibrated:
        return found
    return replace(found, utterances=calibrate(found.utterances, draft.quoted))
