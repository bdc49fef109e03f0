"""The results pass: units become :class:`Utterance` values and speakers :class:`Speaker`
values; what a quote says aloud loses its marks, its tag and its stage directions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from audioscript.models import NARRATOR, Speaker, Utterance

from .captions import LEFT_OUT
from .marks import Marks, spoken_text
from .people import People
from .units import AnyUnit

#: narration kinds kept out of what is read aloud (see :data:`audioscript.pipeline.LEFT_OUT`):
#: credits, captions, bylines, and a transcript's stage notes ("[Laughter]")
NOT_READ = LEFT_OUT | {"stage"}


@dataclass(frozen=True)
class Extraction:
    """The utterances of an article in reading order, and the people who speak in it."""

    utterances: tuple[Utterance, ...]
    speakers: tuple[Speaker, ...]

    def speaker(self, name: str) -> Speaker | None:
        """The speaker called ``name`` (canonical name or alias), if any."""
        for speaker in self.speakers:
            if name == speaker.name or name in speaker.aliases:
                return speaker
        return None


def finish(units: Sequence[AnyUnit], people: People, marks: Marks | None) -> Extraction:
    """The extraction the units make: a quote with nothing left to say once its tag is gone
    is dropped, and so is a transcript label alone on its line."""
    utterances: list[Utterance] = []
    counts: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    for unit in units:
        line, source = unit.sentence.line, unit.sentence.source
        spoken = spoken_text(unit.spoken, marks) if unit.kind == "quote" else ""
        if (
            unit.kind == "quote"
            and unit.speaker != NARRATOR
            and not any(c.isalnum() for c in spoken)
        ):
            continue  # nothing left to say once the tag is gone (a stray mark and a tag)
        if unit.fixed and not unit.text.strip():
            continue  # a transcript label alone on its line ("Q."): its turn follows
        if unit.kind == "quote" and unit.speaker != NARRATOR:
            counts[unit.speaker] += 1
            first_line.setdefault(unit.speaker, line)
            attribution = unit.tag.text if unit.tag else ""
            utterances.append(
                Utterance(
                    unit.speaker,
                    spoken,
                    line,
                    "quote",
                    source,
                    attribution,
                    unit.confidence,
                    unit.why,
                )
            )
        else:
            kind = unit.kind if unit.kind in NOT_READ else "narration"
            utterances.append(
                Utterance(NARRATOR, unit.text, line, kind, source, "", unit.confidence, unit.why)
            )
    speakers = tuple(
        Speaker(
            name=name,
            gender=people.by_name[name].gender,
            descriptor=people.by_name[name].descriptor,
            first_line=first_line[name],
            count=counts[name],
            aliases=tuple(sorted(a for a in people.by_name[name].aliases if a != name)),
        )
        for name in sorted(counts, key=lambda n: first_line[n])
    )
    return Extraction(tuple(utterances), speakers)


#: below this confidence (the chance that a line is right, see :mod:`.calibration`) a line
#: is listed for a person to check
REVIEW_THRESHOLD = 0.8


def review(extraction: Extraction, threshold: float = REVIEW_THRESHOLD) -> list[Utterance]:
    """Lines the extractor is unsure about, for a person to check (``extract --review``):
    the likeliest to be wrong first, then in reading order."""
    doubtful = [u for u in extraction.utterances if u.confidence < threshold]
    return sorted(doubtful, key=lambda u: (u.confidence, u.line))


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def lines_covered(utterance: Utterance, lines: Sequence[str]) -> list[int]:
    """The 1-based input lines ``utterance`` spans: its own, and the next non-empty lines
    while its text goes on with theirs (a sentence a scraper cut after "No." is read from
    its first line; see :func:`.segmentation.sentences_of`). ``lines`` are the input's."""
    said = _letters(utterance.source or utterance.text)
    number = utterance.line
    read = _letters(lines[number - 1]) if 0 < number <= len(lines) else ""
    covered = [number]
    while read and len(read) < len(said) and said.startswith(read):
        number += 1
        while number <= len(lines) and not lines[number - 1].strip():
            number += 1
        following = _letters(lines[number - 1]) if number <= len(lines) else ""
        if not following or not said.startswith(read + following):
            break
        read += following
        covered.append(number)
    return covered

