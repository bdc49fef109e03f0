"""The transcript pass: interviews printed as turns ("Q: ... A: ...", "OBI: ...").

Every paragraph opened by a speaker label is that speaker's, and so are the unlabelled
paragraphs after it, until the next label or until the narration returns. The
interviewer's turns ("Q:", "Interviewer:", a publication, a named person who asks) are
the narrator's; "A:" is the person the article is most about. Units decided here are
``fixed``: the passes after this one leave them alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from audioscript.clean import LOWER, UPPER, zipf
from audioscript.models import NARRATOR

from .captions import is_caption
from .patterns import NAME_WORD, LazyPattern
from .people import People
from .tags import Tag
from .units import Unit
from .vocabulary import HONORIFICS, NOT_NAME_WORDS, ORG_WORDS
from .voice import FIRST_PERSON, FIRST_PERSON_WEAK, SECOND_PERSON

_LABEL_WORD = (
    rf"(?:[{UPPER}][{LOWER}]+(?:[-'’][{UPPER}]?[{LOWER}]+)*|[{UPPER}]{{2,}}(?:[-'’][{UPPER}]+)*|Mc[{UPPER}][{LOWER}]+)"
)
_LABEL = LazyPattern(
    r"^(?:\*\*)?(?:(?P<label>(?:(?:Mr|Mrs|Ms|Dr|Prof)\.? )?"
    rf"(?:Q|A|{_LABEL_WORD}(?: {_LABEL_WORD}){{0,3}}))"
    r"(?:\*\*)?\s*:|(?P<qa>[QA])\.)(?:\*\*)?(?:\s+(?=\S)|\s*$)"
)
"""A turn label: "Q:", "**OBI:**", "Helen Carrow:", "Q." / "A." (also alone on a line)."""
_QUESTION_LABELS = {"q", "question", "interviewer", "int"}
_ANSWER_LABELS = {"a", "answer", "interviewee"}
_NOT_LABELS = {
    "photo", "photograph", "picture", "image", "video", "audio", "watch", "listen", "read",
    "related", "note", "notes", "editor", "update", "updated", "correction", "clarification",
    "disclosure", "credit", "credits", "source", "sources", "caption", "warning", "spoiler",
    "spoilers", "step", "part", "chapter", "act", "scene", "day", "week", "location", "date",
    "time", "when", "where", "price", "prices", "tickets", "address", "hours", "tel", "phone",
    "email", "web", "website", "ingredients", "method", "serves", "total", "rating", "verdict",
    "summary", "conclusion", "introduction", "background", "context", "answer", "tip", "tips",
    "lesson", "rule", "example", "reason", "result", "problem", "solution", "fact",
    "facts", "key", "bottom", "first", "second", "third", "next", "last", "plus", "minus",
    "pros", "cons", "yes", "no", "why", "what", "how", "who", "so",
}  # fmt: skip


def label_of(unit: Unit) -> str:
    """The speaker label that opens a transcript paragraph ("Q:", "A:", "OBI:", "Helen Carrow:")."""
    if not unit.sentence.first_in_paragraph:
        return ""
    match = _LABEL.match(unit.text)
    return (match.group("label") or match.group("qa")) if match else ""


def _label_key(label: str) -> str:
    """A label as a key: "q"/"a" for the question and answer labels, else a name in title case."""
    lowered = label.lower().rstrip(".")
    if lowered in _QUESTION_LABELS:
        return "q"
    if lowered in _ANSWER_LABELS and label != "Answer":
        return "a"
    words = [w if not w.isupper() or len(w) < 2 else w[0] + w[1:].lower() for w in label.split()]
    return " ".join(words)


def attribute_transcript(units: list[Unit], people: People) -> None:
    """Interviews printed as transcripts: every paragraph opened by a speaker label is that
    speaker's, and so are the unlabelled paragraphs after it, until the next label or until
    the narration returns (a paragraph that names the speaker in the third person).

    "Q:", "Interviewer:" and a named speaker whose turns are questions are the journalist
    (the narrator); "A:" is the person the article is most about.
    """
    labelled = [(index, label_of(unit)) for index, unit in enumerate(units)]
    counts = Counter(_label_key(label) for _, label in labelled if label)
    asking = _asking_labels(units, labelled, people)

    def usable(key: str) -> bool:
        if key in {"q", "a"}:
            return True
        if {key.split()[0].lower(), key.split()[-1].lower()} & _NOT_LABELS:
            return False
        if key in asking:
            return True  # "**THE QUARTERLY:**", "WIRED:": the publication asks
        if key.split()[0] in NOT_NAME_WORDS and key.split()[0] not in {"Mr", "Mrs", "Ms", "Dr"}:
            return False
        return counts[key] >= 2 or people.resolve(key) is not None

    def key_of(label: str) -> str:
        key = _label_key(label)
        return "q" if key in asking else key

    starts = [(index, label) for index, label in labelled if label and usable(_label_key(label))]
    keys = {key_of(label) for _, label in starts}
    if len(starts) < 3 or len(keys) < 2 or (keys & {"q", "a"} and len(keys - {"q", "a"}) > 3):
        return
    names = {
        key: people.resolve(key) or _full_name(units, key, people) or people.adopt(key)
        for key in keys - {"q", "a"}
    }
    spans = [
        (start, starts[n + 1][0] if n + 1 < len(starts) else len(units))
        for n, (start, _) in enumerate(starts)
    ]
    byline = _byline_names(units, people)
    speakers: dict[str, str | None] = dict(names)
    if "q" in keys:
        speakers["q"] = None
    else:
        interviewer = _interviewer(units, starts, spans, names, byline)
        speakers.update({key: None for key, name in names.items() if name == interviewer})
    if "a" in keys:
        others = {*byline, *filter(None, speakers.values())}
        speakers["a"] = _main_subject(units, people, exclude=others)
    for name in filter(None, speakers.values()):
        people.by_name[name].tagged = True
    for (start, label), (_, end) in zip(starts, spans):
        speaker = speakers[key_of(label)]
        prefix = _LABEL.match(units[start].text)
        if prefix is None:
            continue
        who = "interviewer" if speaker is None else "turn"
        turn = f"the {who} labelled '{prefix.group().strip()}'"
        if key_of(label) == "a":
            turn += " (the person the article is most about)"
        for index in range(start, end):
            unit = units[index]
            if (
                index > start
                and unit.sentence.first_in_paragraph
                and _ends_turn(unit.text, speaker, people)
            ):
                unit.fixed = True
                unit.why = (
                    "transcript: the narration returns after a turn (a heading, or the speaker"
                    " in the third person)"
                )
                break
            if index == start:
                unit.text = unit.text[prefix.end() :]
                unit.narration = unit.text
            unit.fixed, unit.confidence, unit.tag = True, 0.9 if index == start else 0.8, None
            unit.why = f"transcript: {'' if index == start else 'goes on with '}{turn}"
            if speaker is None:
                unit.kind, unit.speaker = "narration", NARRATOR
                continue
            unit.kind, unit.speaker, unit.spoken = "quote", speaker, unit.text
            if index == start:
                unit.tag = Tag(speaker, "", prefix.group().strip(), 0, 0, "label")


def _ends_turn(text: str, speaker: str | None, people: People) -> bool:
    """An unlabelled paragraph after a turn is narration again when it is a heading or talks
    about the speaker in the third person ("Albrecht gets up to refill the teapot.", "She
    pours the tea." when the speaker is a woman)."""
    if is_caption(text):
        return True
    if speaker is None or FIRST_PERSON.search(text):
        return False
    if any(name == speaker for _, name in people.mentions(text)):
        return True
    opener = re.match(
        r"(?:And |Then )?(He|She) (?:[a-z]+ly )?(?!is\b|was\b|has\b|does\b)[a-z]+s\b", text
    )
    gender = people.by_name[speaker].gender
    return bool(
        opener
        and gender == {"He": "male", "She": "female"}[opener.group(1)]
        and not FIRST_PERSON_WEAK.search(text)
        and not SECOND_PERSON.search(text)
    )


def _asking_labels(
    units: Sequence[Unit], labelled: Sequence[tuple[int, str]], people: People
) -> set[str]:
    """Labels that are not people ("**THE QUARTERLY:**", "WIRED:", "The Guardian:") and whose
    turns are mostly questions: the publication asking, which is the narrator."""
    starts = [(index, _label_key(label)) for index, label in labelled if label]
    asked: Counter[str] = Counter()
    turns: Counter[str] = Counter()
    for n, (start, key) in enumerate(starts):
        if key in {"q", "a"} or not _not_a_person(key, people):
            continue
        end = starts[n + 1][0] if n + 1 < len(starts) else len(units)
        turns[key] += 1
        texts = [units[i].text for i in range(start, min(end, start + 4))]
        asked[key] += any(text.rstrip(' ”"’*').endswith("?") for text in texts)
    return {key for key, count in turns.items() if count >= 2 and asked[key] >= 0.6 * count}


def _not_a_person(key: str, people: People) -> bool:
    """A label that names no person: an organisation or publication ("The Lantern", "Wired",
    "New Scientist") rather than "Obi" or "Helen Carrow"."""
    words = key.split()
    if words[0] in NOT_NAME_WORDS or any(w in ORG_WORDS for w in words):
        return True
    return people.resolve(key) is None and all(zipf(w) >= 3.5 for w in words)


def _full_name(units: Sequence[Unit], key: str, people: People) -> str | None:
    """The full name a surname label stands for, from the introduction ("ALDANA:" is the
    "Maria Aldana" the first paragraphs name)."""
    if " " in key:
        return None
    pattern = re.compile(rf"\b({NAME_WORD}) {re.escape(key)}\b")
    for unit in units[:12]:
        for match in pattern.finditer(unit.text):
            first = match.group(1)
            if first in NOT_NAME_WORDS or first.rstrip(".") in HONORIFICS or zipf(first) >= 5.0:
                continue
            return people.adopt(f"{first} {key}")
    return None


def _interviewer(
    units: Sequence[Unit],
    starts: Sequence[tuple[int, str]],
    spans: Sequence[tuple[int, int]],
    names: dict[str, str],
    byline: set[str],
) -> str | None:
    """The labelled person who asks: the one who wrote the piece, or whose turns mostly
    end in a question while everyone else's are answers."""
    asked: Counter[str] = Counter()
    turns: Counter[str] = Counter()
    for (_, label), (start, end) in zip(starts, spans):
        name = names.get(_label_key(label))
        if name is None:
            continue
        turns[name] += 1
        texts = [units[i].text for i in range(start, min(end, start + 3))]
        asked[name] += any(text.rstrip(' ”"’').endswith("?") for text in texts)
    for name in turns:
        if name in byline:
            return name
    ratios = {name: asked[name] / turns[name] for name in turns}
    if len(ratios) < 2:
        return None
    best = max(ratios, key=lambda name: ratios[name])
    others = [ratio for name, ratio in ratios.items() if name != best]
    if turns[best] >= 2 and ratios[best] >= 0.6 and ratios[best] > 2 * max(others):
        return best
    return None


def _byline_names(units: Sequence[Unit], people: People) -> set[str]:
    """People named in a byline ("By Dana Whitlock"): the journalist, not an interviewee."""
    names: set[str] = set()
    for unit in units[:8]:
        if re.match(r"(?:By|Interview by|Words by|Interviewed by)\s+[A-Z]", unit.text):
            names.update(name for _, name in people.mentions(unit.text))
    return names


def _main_subject(units: Sequence[Unit], people: People, exclude: set[str]) -> str | None:
    """The person the article is most about: tagged people first, then the most named."""
    counts: Counter[str] = Counter()
    for unit in units:
        counts.update(name for _, name in people.mentions(unit.text) if name not in exclude)
    if not counts:
        return None
    return max(counts, key=lambda name: (people.by_name[name].tagged, counts[name]))
