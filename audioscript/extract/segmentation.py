"""The segmentation pass: the article's lines cut into sentences.

A stop ends a sentence unless it belongs to an abbreviation or an initial ("Dr.", "U.S.",
"Michael J. Fox") or the words after it are the quote's tag ("...? Pluznick recalled.").
Each sentence keeps its input line, its paragraph, its raw text and its slice of the
line's quotation-mark mask.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from audioscript.clean import UPPER

from .patterns import ADVERB, DESCRIPTOR, NAME, VERB_RE, LazyPattern
from .vocabulary import ABBREVIATIONS, AFTER_INITIALS, NUMBER_ABBREVIATIONS, TITLE_ABBREVIATIONS


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article, as the later passes see it."""

    line: int  # 1-based input line
    paragraph: int  # index of the non-empty input line
    text: str  # cleaned text, quotation marks kept
    source: str  # raw text of the sentence (or of its line, when they cannot be aligned)
    mask: tuple[bool, ...]  # per character of ``text``: inside quotation marks
    first_in_paragraph: bool = False
    last_in_paragraph: bool = False


_BOUNDARY = LazyPattern(rf"([.!?…]+)([”\"’)\]]*)(\s+)(?=[“\"‘(\[]?[{UPPER}0-9])")
_TAG_AHEAD = LazyPattern(
    rf"(?:{NAME}|{DESCRIPTOR}) (?:{ADVERB} )?(?:{VERB_RE})\b"
    rf"(?:,? (?:{ADVERB}|of [^.!?]{{1,40}}))?[.!?,]"
    rf"|(?:{VERB_RE}) (?:{NAME}|{DESCRIPTOR})[.!?,]"
)


# Words that open a sentence, not a name: after "U.S." they start the next sentence.
_OPENERS = {
    "The", "A", "An", "In", "On", "At", "But", "And", "He", "She", "They", "It", "We", "This",
    "That", "There", "After", "When", "While", "Since", "For", "By", "With", "From", "As",
    "Then", "Now", "Yet", "So", "If", "Its", "His", "Her", "Their", "Our", "My",
}  # fmt: skip


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph.

    A stop ends a sentence unless it belongs to an abbreviation or initial ("Dr.", "U.S.",
    "T. muris"), or the next words are the quote's tag ("...? Pluznick recalled.").
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        following = text[match.end() :]
        if match.group(1) == "." and _is_abbreviation(text[start : match.start(1)], following):
            continue
        # not '... the boat.” He laughs.': a quote closed on a full stop, then "he" or "she"
        # doing something, is a sentence of its own
        beat = match.group(1) == "." and re.match(r"(?:He|She|They)\b", following)
        if (match.group(1) in "?!" or match.group(2)) and _TAG_AHEAD.match(following) and not beat:
            continue
        spans.append((start, match.end(2)))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _is_abbreviation(before: str, following: str) -> bool:
    words = re.findall(r"[A-Za-z.]+$", before)
    last = words[-1] if words else ""
    if last.lower().rstrip(".") in NUMBER_ABBREVIATIONS:
        return following[:1].isdigit()  # "No. 6", but "My knees say no. The bees say yes."
    if last.lower().rstrip(".") in ABBREVIATIONS:
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", last):  # "U.S", "O.K", "e.g"
        word = re.match(r"[A-Za-z]*", following).group()  # type: ignore[union-attr]
        if word in AFTER_INITIALS:
            return True  # "The U.S. Army said no."
        if word in _OPENERS:
            return False  # "He moved to the U.S. In 1990 he came back."
        return not re.match(r"(?:[A-Z][a-z]+ )?(?:[a-z]|I\b)", following) or following.startswith(
            ("I ", "I'")
        )
    return bool(re.fullmatch(r"[A-Z]", last))  # an initial: "Michael J. Fox", "T. muris"


def _continues(sentence: Sentence, following: Sentence) -> bool:
    """A paragraph cut by a scraper after "No." before a number, or after a title before a
    name ("his film Compartment No." | "6 by Finnish director ..."), goes on in the next."""
    if not sentence.last_in_paragraph or following.line == sentence.line:
        return False
    last = sentence.text.rsplit(maxsplit=1)[-1] if sentence.text else ""
    if not last.endswith(".") or not following.text:
        return False
    word, first = last[:-1], following.text[0]
    # capitalised, as in a title: "My knees say no." ends its paragraph
    numbered = word[:1].isupper() and word.lower() in NUMBER_ABBREVIATIONS
    return (numbered and first.isdigit()) or (
        word in TITLE_ABBREVIATIONS and first.isupper()
    )


def _join(first: Sentence, second: Sentence) -> Sentence:
    return Sentence(
        line=first.line,
        paragraph=first.paragraph,
        text=f"{first.text} {second.text}",
        source=f"{first.source} {second.source}",
        # the space between them is quoted when both sides of it are
        mask=(*first.mask, first.mask[-1:] == second.mask[:1] == (True,), *second.mask),
        first_in_paragraph=first.first_in_paragraph,
        last_in_paragraph=True,  # of the first paragraph; the rest of the next one follows
    )


def sentences_of(
    raw_lines: Sequence[str], clean_lines: Sequence[str], masks: Sequence[tuple[bool, ...]]
) -> list[Sentence]:
    """The sentences of the article, from its raw and cleaned lines and the cleaned lines'
    quotation-mark masks (:func:`.marks.line_masks`)."""
    joined: list[Sentence] = []
    opens = False  # the sentence after a joined one opens what is left of its paragraph
    for sentence in _sentences(raw_lines, clean_lines, masks):
        if joined and _continues(joined[-1], sentence):
            joined[-1] = _join(joined[-1], sentence)
            opens = not sentence.last_in_paragraph
        else:
            joined.append(replace(sentence, first_in_paragraph=True) if opens else sentence)
            opens = False
    return joined


def _sentences(
    raw_lines: Sequence[str], clean_lines: Sequence[str], masks: Sequence[tuple[bool, ...]]
) -> list[Sentence]:
    sentences: list[Sentence] = []
    paragraph = -1
    for number, (raw, line, mask) in enumerate(zip(raw_lines, clean_lines, masks), start=1):
        if not line.strip():
            continue
        paragraph += 1
        spans = _split_sentences(line)
        raw_spans = _split_sentences(raw)
        for index, (start, end) in enumerate(spans):
            chunk = line[start:end]
            lead = len(chunk) - len(chunk.lstrip())
            text = chunk.strip()
            if len(raw_spans) == len(spans):
                source = raw[raw_spans[index][0] : raw_spans[index][1]].strip()
            else:
                source = text
            sentences.append(
                Sentence(
                    line=number,
                    paragraph=paragraph,
                    text=text,
                    source=source,
                    mask=mask[start + lead : start + lead + len(text)],
                    first_in_paragraph=index == 0,
                    last_in_paragraph=index == len(spans) - 1,
                )
            )
    return sentences
