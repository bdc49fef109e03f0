"""The extractor: every pass, in the order it runs.

1. marks          which quotation marks the article uses; a mask per line of what they enclose
2. segmentation   the lines cut into sentences
3. units          sentences cut at colon and dash lead-ins; the share of quoted words
4. tags           attribution tags ("Baker says"), reported speech flagged
5. people         every person named, under one canonical name
6. descriptors    role words and gender evidence from the narration
7. transcript     interviews printed as labelled turns (their units are fixed from here on)
8. quoted / stripped   who says what, with quotation marks or without them
                  (stripped uses runs, writer and captions)
9. results        units into utterances, people into speakers
"""

from __future__ import annotations

from audioscript.clean import ArticleEvidence, clean_text

from .descriptors import learn_descriptors
from .marks import line_masks, quote_marks
from .people import People
from .quoted import attribute_quoted
from .results import Extraction, finish
from .segmentation import sentences_of
from .stripped import attribute_stripped
from .tags import attach_tags, tag_names
from .transcript import attribute_transcript
from .units import cut_units


def extract(text: str) -> Extraction:
    """Quotes and narration of an article (raw text in), with every speaker resolved."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = clean_text(text)
    raw_lines, clean_lines = text.split("\n"), cleaned.split("\n")
    marks = quote_marks(cleaned)
    quoted = marks is not None
    sentences = sentences_of(raw_lines, clean_lines, line_masks(clean_lines, marks))
    units = cut_units(sentences, quoted)
    attach_tags(units, quoted)
    people = People(cleaned, ArticleEvidence.from_text(text), tag_names(units))
    learn_descriptors(people, units, quoted)
    attribute_transcript(units, people)
    if quoted:
        attribute_quoted(units, people)
    else:
        attribute_stripped(units, people)
    return finish(units, people, marks)
