"""The transcript pass: interviews printed as turns ("Q: ... A: ...", "OBI: ...", "Tom: ...").

An article is a transcript when labelled turns (:mod:`.transcript_labels`) come back through
it: at least two speakers with two turns each. Every paragraph opened by a label is that
speaker's, and so are the unlabelled paragraphs after it, until the next label or until the
narration returns. The interviewer's turns ("Q:", the host, the byline, the publication,
the one who asks the questions: :mod:`.transcript_roles`) are the narrator's; "A:" is the
person the article is most about. The introduction before the first turn is left to the passes after this one. Stage
notes ("[Music]", "(Laughter)") on a line of their own are the narrator's and not read
aloud (kind "stage"); inside a turn they are left out of what the speaker says. Units
decided here are ``fixed``: the passes after this one leave them alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from audioscript.clean import LETTER, UPPER
from audioscript.models import NARRATOR

from .captions import EDITORIAL, is_caption
from .patterns import ADVERB, NAME_WORD, VERB_RE, LazyPattern
from .people import People
from .tags import Tag
from .transcript_labels import (
    Label,
    is_person,
    is_stage_line,
    is_title_case,
    label_of,
    names_of_labels,
    parse_label,
    without_stage_notes,
)
from .transcript_roles import asks, byline_names, interviewers, main_subject
from .units import Decided, EditableUnit, Unit, editable, frozen
from .vocabulary import NOT_NAME_WORDS, TITLE_ABBREVIATIONS
from .voice import FIRST_PERSON, FIRST_PERSON_WEAK, SECOND_PERSON

__all__ = ["attribute_transcript", "label_of"]

_SOMEONE_SAID = LazyPattern(rf"{NAME_WORD}(?: {NAME_WORD})+,? (?:{ADVERB} )?(?:{VERB_RE})\b")
"""A paragraph that opens on someone named in full saying something: "Council President
Mark Eastman said in a statement that ..." (not "The judge said yes." inside an answer)."""
_CUT_TITLE = LazyPattern(
    rf"(?:\*\*)?(?:[{UPPER}][{LETTER}]+ ){{0,2}}(?i:{'|'.join(TITLE_ABBREVIATIONS)})\."
)
"""A title the sentence splitter cut off a label: "STATE REP.", "Sen.", "DR."."""
_NOTE = LazyPattern(r"\s*\[|(?i:editor['’]s note|note|update|correction|clarification|source)s?:")
"""An editor's note after a turn ("[Editor's note: ...]", "Correction: ...")."""


@dataclass(frozen=True)
class Turn:
    """A labelled turn: where it starts, its label and who speaks (None: the narrator)."""

    start: int
    end: int  # the next turn's start (or the end of the article)
    label: Label
    speaker: str | None
    why: str


def attribute_transcript(units: Sequence[Unit], people: People) -> Decided:
    """The units with every transcript turn decided (see :func:`_attribute_transcript`)."""
    work, people = editable(units), people.copy()
    _attribute_transcript(work, people)
    return Decided(frozen(work), people)


def _attribute_transcript(units: list[EditableUnit], people: People) -> None:
    """Interviews printed as transcripts: labelled turns are their speaker's (the
    interviewer's the narrator's), stage notes are left out of what is read aloud."""
    turns = _turns(units, people)
    if not turns:
        return
    if _join_cut_titles(units):
        turns = _turns(units, people)
    for unit in units:
        whole = unit.sentence.first_in_paragraph and unit.sentence.last_in_paragraph
        if whole and is_stage_line(unit.text):
            _stage(unit)
    notes = [index for turn in turns for index in _attribute_turn(units, turn, people)]
    for index in reversed(notes):
        _fold_note(units, index)


def _join_cut_titles(units: list[EditableUnit]) -> bool:
    """Labels the sentence splitter cut after a title ("STATE REP." + "LUIS BARRIENTOS: I'll
    agree ...") made whole again; whether there were any."""
    joined = False
    for index in range(len(units) - 2, -1, -1):
        title, rest = units[index], units[index + 1]
        if not (
            title.sentence.first_in_paragraph
            and _CUT_TITLE.compiled.fullmatch(title.text.strip())
            and parse_label(rest.text)
        ):
            continue
        rest.text = rest.narration = f"{title.text.strip()} {rest.text}"
        rest.sentence = replace(
            rest.sentence,
            source=_joined(title.sentence.source, rest.sentence.source),
            first_in_paragraph=True,
        )
        del units[index]
        joined = True
    return joined


def _stage(unit: EditableUnit) -> None:
    unit.kind, unit.speaker, unit.tag, unit.fixed = "stage", NARRATOR, None, True
    unit.spoken, unit.confidence = "", 0.9
    unit.why = "transcript: a stage note on a line of its own (not read aloud)"


def _turns(units: Sequence[EditableUnit], people: People) -> list[Turn]:
    """The labelled turns of a transcript, or none when the article is not one."""
    found = [
        (index, label)
        for index, unit in enumerate(units)
        if unit.sentence.first_in_paragraph
        and (label := parse_label(unit.text)) is not None
        and not _headline(units, index, label)
    ]
    names = names_of_labels((label for _, label in found), units, people)
    asked = _asked(units, [(index, names.get(label.key, "")) for index, label in found])
    # a label that names no person is a voice only when it asks: the publication
    found = [
        (index, label)
        for index, label in found
        if label.key in names
        and (names[label.key] in {"q", "a"} | asked or is_person(names[label.key]))
    ]
    counts = Counter(names[label.key] for _, label in found)
    repeated = {name for name, count in counts.items() if count >= 2}
    if len(repeated) < 2 or not any(is_person(name) or name == "a" for name in repeated):
        return []
    # A label seen once is a turn when it names a person: a clip ("GOVERNOR WALTER PRUETT:"),
    # a voice from across the room ("JONAS LIE, a research engineer ...:").
    starts = [
        (index, label, people.adopt(name) if is_person(name) else name)
        for index, label in found
        if (name := names[label.key]) in repeated or _one_off_voice(label, name)
    ]
    spans = [
        (start, starts[n + 1][0] if n + 1 < len(starts) else len(units))
        for n, (start, _, _) in enumerate(starts)
    ]
    asking = interviewers(units, starts, spans, people)
    subject = None
    if "a" in counts:
        speaking = {name for _, _, name in starts if name not in asking and is_person(name)}
        exclude = {*byline_names(units, people), *speaking}
        subject = main_subject(units, people, exclude, first_turn=starts[0][0])
    turns = []
    for (start, label, name), (_, end) in zip(starts, spans):
        if name in asking:
            speaker, why = None, f"the interviewer labelled '{label.shown}' ({asking[name]})"
        elif name == "a":
            speaker = subject
            why = f"the turn labelled '{label.shown}' (the person the interview is with)"
        else:
            speaker, why = name, f"the turn labelled '{label.shown}'"
        if speaker is None and name not in asking:
            why = f"the turn labelled '{label.shown}', whose speaker the article does not name"
        turns.append(Turn(start, end, label, speaker, why))
        if speaker is not None:
            people.by_name[speaker].tagged = True
    return turns


def _headline(units: Sequence[EditableUnit], index: int, label: Label) -> bool:
    """A label whose words are in title case is a headline ("Solveig Anand: I Write About
    Families Because I Can't Stop Being In One"), not a turn."""
    paragraph = _paragraph(units, index, len(units))
    words = " ".join([paragraph[0].text[len(label.prefix) :], *(u.text for u in paragraph[1:])])
    return is_title_case(words)


def _asked(units: Sequence[EditableUnit], starts: Sequence[tuple[int, str]]) -> set[str]:
    """The labels (by name) that name no person and whose turns are mostly questions."""
    asked: Counter[str] = Counter()
    turns: Counter[str] = Counter()
    for n, (start, name) in enumerate(starts):
        if is_person(name) or name in {"", "q", "a"}:
            continue
        end = starts[n + 1][0] if n + 1 < len(starts) else len(units)
        turns[name] += 1
        asked[name] += asks([unit.text for unit in units[start : min(end, start + 4)]])
    return {name for name, count in turns.items() if asked[name] >= 0.5 * count}


def _one_off_voice(label: Label, name: str) -> bool:
    """A label seen once that still opens a turn: a full name ("EILEEN PARDOE:", "Fire
    Chief Rosa Ibáñez:"), a surname the article gives a first name, or a name with a
    descriptor ("JONAS LIE, a research engineer ...:")."""
    if not is_person(name):
        return False
    return bool(label.descriptor) or len(name.split()) >= 2


def _attribute_turn(units: list[EditableUnit], turn: Turn, people: People) -> list[int]:
    """The units of one turn: the label's paragraph and the unlabelled ones after it, until
    the narration returns. Returns the units that are only a stage note ("(Laughter)")."""
    notes: list[int] = []
    for index in range(turn.start, turn.end):
        unit = units[index]
        if unit.fixed and unit.kind == "stage":
            if index > turn.start:
                break  # "[Music]", "(Laughter)": what follows is not this turn going on
            continue
        if index > turn.start and unit.sentence.first_in_paragraph:
            paragraph = _paragraph(units, index, turn.end)
            ending = _narration_returns(paragraph, turn.speaker, people, turn.end == len(units))
            if ending:
                for part in paragraph:
                    part.why = f"transcript: the narration returns after a turn ({ending})"
                unit.fixed = not any(_quotes_someone(u, turn.speaker, people) for u in paragraph)
                return notes
        if index == turn.start:
            unit.text = unit.text[len(turn.label.prefix) :]
            unit.narration = unit.text
        unit.fixed, unit.tag = True, None
        unit.confidence = 0.9 if index == turn.start else 0.8
        unit.why = f"transcript: {'' if index == turn.start else 'goes on with '}{turn.why}"
        words = without_stage_notes(unit.text, after_label=index == turn.start)
        if not any(c.isalnum() for c in words) and unit.text.strip():
            notes.append(index)  # "(Laughter)" cut off as a sentence of its own
        if turn.speaker is None:
            unit.kind, unit.speaker, unit.text = "narration", NARRATOR, words or unit.text
            continue
        unit.kind, unit.speaker, unit.spoken = "quote", turn.speaker, words
        if index == turn.start:
            unit.tag = Tag(turn.speaker, "", turn.label.shown, 0, 0, "label")
    return notes


def _fold_note(units: list[EditableUnit], index: int) -> None:
    """A stage note the sentence splitter cut off inside a turn ("**ALDANA:** [Laughs.]",
    "(Laughter)" after "Every year.") is no sentence: it joins the sentence of its paragraph
    after it (or before it), which keeps the label, and is not read aloud."""
    note = units[index]
    following = units[index + 1] if index + 1 < len(units) else None
    if following is not None and not following.sentence.first_in_paragraph and following.fixed:
        following.sentence = replace(
            following.sentence,
            source=_joined(note.sentence.source, following.sentence.source),
            first_in_paragraph=note.sentence.first_in_paragraph,
        )
        if note.tag is not None:
            following.tag, following.why = note.tag, note.why
            following.confidence = note.confidence
    elif index > 0 and not note.sentence.first_in_paragraph and units[index - 1].fixed:
        before = units[index - 1]
        before.sentence = replace(
            before.sentence,
            source=_joined(before.sentence.source, note.sentence.source),
            last_in_paragraph=note.sentence.last_in_paragraph,
        )
    else:
        _stage(note)
        return
    del units[index]


def _joined(first: str, second: str) -> str:
    """Two sentences' sources as one (a source that is the whole line is not repeated)."""
    if first == second or second in first:
        return first
    if first in second:
        return second
    return f"{first} {second}"


def _paragraph(units: Sequence[EditableUnit], start: int, end: int) -> list[EditableUnit]:
    """The units of the paragraph that opens at ``start`` (not past ``end``)."""
    stop = start + 1
    while stop < end and not units[stop].sentence.first_in_paragraph:
        stop += 1
    return list(units[start:stop])


def _narration_returns(
    paragraph: Sequence[EditableUnit], speaker: str | None, people: People, last: bool
) -> str:
    """Why an unlabelled paragraph after a turn is narration again ("" when it goes on with
    the turn): a heading, caption or note, a quote someone else is tagged with, a sentence
    about the speaker in the third person ("Albrecht gets up to refill the teapot.", "She
    pours the tea.", "... that he had not wanted to say in front of Lindqvist.") or about
    what someone else said ("Council President Mark Eastman said in a statement that ..."),
    or, after the last turn (``last``), a paragraph that nobody says in the first or second
    person ("The Salt Ledger is published by Harrow & Finch.")."""
    unit = paragraph[0]
    text = unit.text
    if is_caption(without_stage_notes(text)):
        return "a heading, caption, credit or closing note"
    if _NOTE.match(text) or EDITORIAL.search(text):
        return "an editor's note"
    for part in paragraph:
        if _quotes_someone(part, speaker, people):
            return f"a quote with its own tag, '{part.tag.text if part.tag else ''}'"
    if speaker is None:
        return ""
    # the speaker named in a later sentence ("... that he had not wanted to say in front of
    # Lindqvist."), or in the first one when it does not say "I" ("Albrecht gets up ...")
    named = [part for part in paragraph[1:] if _names(part.narration, speaker, people)]
    if named or (not _personal(text) and _names(text, speaker, people)):
        return "the speaker in the third person"
    if last and _closing_note(paragraph):
        return "a closing note after the last turn"
    if _personal(text):
        return ""  # "I", "we", "you": the speaker talking
    reported = _SOMEONE_SAID.match(text)
    if reported:
        return f"what someone else said, '{reported.group().strip()}'"
    opener = re.match(
        r"(?:And |Then )?(He|She) (?:[a-z]+ly )?(?!is\b|was\b|has\b|does\b)[a-z]+s\b", text
    )
    gender = people.by_name[speaker].gender
    if opener and gender == {"He": "male", "She": "female"}[opener.group(1)]:
        return "the speaker in the third person"
    return ""


def _names(text: str, speaker: str, people: People) -> bool:
    return any(name == speaker for _, name in people.mentions(text))


def _closing_note(paragraph: Sequence[EditableUnit]) -> bool:
    """A paragraph after the last turn that tells the reader something in the third person,
    about someone or something named ("Carrow County Search and Rescue is always looking
    for volunteers.", "The Salt Ledger is published by Harrow & Finch."): no answer going on."""
    text = " ".join(unit.text for unit in paragraph)
    named = [
        word
        for word in re.findall(rf"(?<=[{LETTER}] )[{UPPER}][{LETTER}]+", text)
        if word not in NOT_NAME_WORDS
    ]
    return bool(named) and len(text.split()) >= 6 and not any(_personal(u.text) for u in paragraph)


def _personal(text: str) -> bool:
    """Said in the first or second person ("I", "we", "you")."""
    return bool(
        FIRST_PERSON.search(text) or FIRST_PERSON_WEAK.search(text) or SECOND_PERSON.search(text)
    )


def _quotes_someone(unit: EditableUnit, speaker: str | None, people: People) -> bool:
    """A quote whose tag after it names someone else ("“We will miss her,” Okoro said."):
    the article's own quote, which the passes after this one attribute."""
    tag = unit.tag
    if tag is None or tag.kind not in {"end", "inverted"}:
        return False
    outside = unit.narration if unit.share > 0 else unit.text[tag.start :]
    if FIRST_PERSON.search(outside):
        return False  # "..., Okoro told me.": the speaker telling what someone said
    return people.resolve(tag.speaker) not in {None, speaker}
