"""Transcript labels and stage notes: how a turn of an interview is marked on the page.

A label is a short name-like prefix and a colon at the start of a paragraph ("Q:",
"**HALVORSEN:**", "Tom:", "JM:", "The Courier:", "Fire Chief Rosa Ibáñez:", "LEILA HASSAN,
HOST:", "JONAS LIE, a research engineer ..., from across the room:"), or "Q." / "A.". A
stage note is a short bracketed direction ("[Music]", "(Laughter)", "(SOUNDBITE OF MUSIC)"):
on a line of its own it is nobody's words, inside a turn it is not read aloud.
:func:`names_of_labels` says which person of the article each label names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from audioscript.clean import LOWER, UPPER, zipf
from audioscript.names import is_given_name

from .captions import EDITORIAL
from .patterns import NAME_WORD, LazyPattern
from .people import People
from .units import AnyUnit, EditableUnit
from .vocabulary import HONORIFICS, NOT_NAME_WORDS, ORG_WORDS, ROLES

_WORD = (
    rf"(?:(?:Mc|Mac|O['’])?[{UPPER}][{LOWER}]+(?:[-'’][{UPPER}]?[{LOWER}]+)*"  # Reyes, O’Neil
    rf"|(?:Mc|Mac|O['’])?[{UPPER}]{{2,}}(?:[-'’][{UPPER}]+)*"  # HASSAN, BENÍTEZ, O’BRIEN, JM
    rf"|[{UPPER}])\.?"  # an initial, "Dr."
)
_PARTICLE = r"(?i:de|da|di|del|della|van|von|der|den|la|le|du|bin|al|el)"
# what may come before a label: a timestamp ("[00:00:12] ") or what is heard ("[CLIP] ")
_CUE = r"(?:[\[(](?:\d{1,2}:)?\d{1,2}:\d{2}[\])]\s*|\[[A-Z][A-Z ]{1,20}\]\s+)?"
_LABEL = LazyPattern(
    rf"^{_CUE}(?:\*\*)?(?P<name>{_WORD}(?: (?:{_PARTICLE} ){{0,2}}{_WORD}){{0,4}})"
    r"(?:,\s+(?P<descriptor>[^:.?!\n\[\]()]{1,120}?)|\s+\((?P<aside>[^():.?!\n]{1,40})\))?"
    r"(?:\*\*)?\s*:(?:\*\*)?(?:\s+|$)"
    r"|^(?:\*\*)?(?P<qa>[QA])\.(?:\*\*)?(?:\s+|$)"
)
"""A turn label: "Q:", "**OBI:**", "Helen Carrow:", "LEILA HASSAN, HOST:", "Ana Ruiz
(moderator):", "Q." / "A.", "[00:00:12] DARA WHITFIELD:", "[CLIP] VINCE ARDERN:"."""

_NAME_FIRST = LazyPattern(rf"{_WORD}(?: (?:{_PARTICLE} ){{0,2}}{_WORD}){{1,3}}(?=,|$)")
"""A name opening a label's bracketed aside: "RASHID BELLAMY" in "(RASHID BELLAMY, DRY FORK)"."""

QUESTION_WORDS = {"q", "question", "interviewer", "int", "host", "co-host", "moderator",
                  "presenter", "anchor"}  # fmt: skip
"""Labels (and descriptors after a name) that mark the one who asks: the narrator."""
ANSWER_WORDS = {"a", "answer", "interviewee", "guest", "respondent"}
NOT_LABELS = {
    "photo", "photograph", "picture", "image", "video", "audio", "watch", "listen", "read",
    "related", "note", "notes", "editor", "update", "updated", "correction", "clarification",
    "disclosure", "credit", "credits", "source", "sources", "caption", "warning", "spoiler",
    "spoilers", "step", "part", "chapter", "act", "scene", "day", "week", "location", "date",
    "time", "when", "where", "price", "prices", "tickets", "address", "hours", "tel", "phone",
    "email", "web", "website", "ingredients", "method", "serves", "total", "rating", "verdict",
    "summary", "conclusion", "introduction", "background", "context", "tip", "tips",
    "lesson", "rule", "example", "reason", "result", "problem", "solution", "fact",
    "facts", "key", "bottom", "first", "second", "third", "next", "last", "plus", "minus",
    "pros", "cons", "yes", "no", "why", "what", "how", "who", "so", "top", "above", "below",
    "left", "right", "pictured", "inset", "main", "illustration", "illustrations", "graphic",
    "map", "chart", "file", "transcript", "episode", "season", "subscribe", "follow",
    "contact", "more", "also", "see", "previously", "earlier", "later", "now", "today",
}  # fmt: skip
"""Words that open a colon line without naming a speaker ("Photo:", "Update:", "Top:")."""
_DESCRIPTOR_OPENERS = {"a", "an", "the", "our", "his", "her", "their", "its", "my", "former"}

_STAGE_WORDS = (
    r"laugh|laughs|laughter|laughing|chuckles?|chuckling|giggles?|pause|pauses|pausing|sighs?"
    r"|crosstalk|cross-talk|inaudible|unintelligible|indistinct|applause|cheers|cheering"
    r"|coughs?|music|clip|sic|silence|beat|cries|crying|smiles|shrugs|groans|soundbite"
    r"|overlapping"
)
"""Words that make a bracketed aside inside a turn a stage note ("[Laughs]", "(long pause)")."""
_BRACKETED = r"(?:\[[^\[\]\n]{1,160}\]|\([^()\n]{1,160}\))"
_IN_TURN_NOTE = LazyPattern(
    r"\s*(?:\[(?P<square>[^\[\]\n]{1,60})\]|\((?P<round>[^()\n]{1,60})\))\s*"
)
_STAGE_WORD = LazyPattern(rf"(?i)\b(?:{_STAGE_WORDS})\b")


@dataclass(frozen=True)
class Label:
    """A turn label as printed and the name it gives."""

    prefix: str  # up to the turn's first word: "**Q:** ", "LEILA HASSAN, HOST: "
    written: str  # the name part as printed: "Q", "LEILA HASSAN", "JM", "Tom"
    descriptor: str = ""  # after the name, lower case: "host", "a research engineer ..."

    @property
    def key(self) -> str:
        """The label as a key: "q"/"a" for the question and answer labels, else the name in
        title case ("Hassan" for "HASSAN")."""
        lowered = self.written.lower().rstrip(".")
        if lowered in QUESTION_WORDS:
            return "q"
        if lowered in ANSWER_WORDS and self.written != "Answer":
            return "a"
        return " ".join(_title(word) for word in self.written.split())

    @property
    def shown(self) -> str:
        """The label as the reader sees it, for the explanations ("**Q:**", "JM:")."""
        return self.prefix.strip()


def parse_label(text: str) -> Label | None:
    """The label opening ``text``, if it opens with one that could name a speaker."""
    match = _LABEL.match(text)
    if match is None:
        return None
    if match.group("qa"):
        return Label(match.group(), match.group("qa"))
    written = match.group("name")
    descriptor = (match.group("descriptor") or match.group("aside") or "").strip()
    words = written.split()
    if {words[0].lower().rstrip("."), words[-1].lower().rstrip(".")} & NOT_LABELS:
        return None
    if words[0] in NOT_NAME_WORDS and words[0] not in {"The", "A"} | HONORIFICS:
        return None  # "Monday:", "When:", "His verdict:"
    if match.group("descriptor") and not _describes(descriptor):
        return None  # "Baker, however, had other plans:": a sentence, not a label
    named = _NAME_FIRST.match(match.group("aside") or "")
    if named and _common_words(written):  # "AUDIENCE MEMBER (RASHID BELLAMY, DRY FORK):"
        rest = descriptor[named.end() :].strip(" ,")
        return Label(match.group(), named.group(), ", ".join(filter(None, [written, rest])).lower())
    return Label(match.group(), written, descriptor.lower())


def is_title_case(text: str) -> bool:
    """Words in title case, as headlines are: of four or more words longer than three
    letters, (nearly) all begin with a capital ("I Write About Families Because ...")."""
    words = [word for word in re.findall(r"[^\W\d_][\w’'-]*", text) if len(word) > 3]
    capitals = sum(word[0].isupper() for word in words)
    return len(words) >= 4 and capitals >= 0.9 * len(words) and not text.isupper()


def _common_words(written: str) -> bool:
    """A label of common words, no name in it ("AUDIENCE MEMBER", "CALLER")."""
    words = [_title(word) for word in written.split()]
    return all(zipf(word) >= 3.5 and not is_given_name(word) for word in words)


def label_of(unit: AnyUnit) -> str:
    """The speaker label that opens a transcript paragraph ("Q", "A", "OBI", "Helen Carrow")."""
    if not unit.sentence.first_in_paragraph:
        return ""
    label = parse_label(unit.text)
    return label.written if label else ""


def _describes(descriptor: str) -> bool:
    """A descriptor after a label's name: a role ("HOST") or a description ("a research
    engineer who ...")."""
    first = descriptor.split()[0].lower()
    return first in _DESCRIPTOR_OPENERS or first in ROLES or first in QUESTION_WORDS


def _title(word: str) -> str:
    return word[0] + word[1:].lower() if word.isupper() and len(word) > 1 else word


def is_initials(written: str) -> bool:
    """ "JM", "AO", "J.M.": a label of two or three capitals that may be someone's initials."""
    letters = written.replace(".", "").replace(" ", "")
    return 2 <= len(letters) <= 3 and letters.isupper() and letters.isalpha()


# --- stage notes --------------------------------------------------------------------------


def is_stage_line(text: str) -> bool:
    """A stage note that is a whole paragraph: "[Music]", "(Laughter)", "(SOUNDBITE OF
    ARCHIVED BROADCAST)"; not a bracketed editor's note ("[Editor's note: ...]")."""
    stripped = text.strip().strip("*_")
    if not re.fullmatch(_BRACKETED, stripped):
        return False
    inside = stripped[1:-1].strip()
    return (
        len(inside.split()) <= 25  # "[Vance pulls a sketchbook from the shelf.]"
        and not re.search(r"[:;]|[.!?](?=.)", inside)
        and not EDITORIAL.search(inside)
    )


def _is_note(match: re.Match[str]) -> bool:
    """A bracketed aside that is a stage note: a stage word with no article ("[Laughs]",
    "(both laugh)", not "[the clip]"), or a direction in capitals ("(SOUNDBITE OF MUSIC)",
    not "(NATO)")."""
    inside = (match.group("square") or match.group("round") or "").strip()
    words = inside.split()
    if len(words) > 5:
        return False
    if len(words) >= 2 and inside.isupper():
        return True
    articles = {"a", "an", "the", "his", "her", "their", "my", "our", "this", "that"}
    return bool(_STAGE_WORD.search(inside)) and not articles & {w.lower() for w in words}


def without_stage_notes(text: str, after_label: bool = False) -> str:
    """A turn's words without the stage notes inside it ("It was. (Laughter) We had no
    budget" -> "It was. We had no budget"); an aside in brackets that is words stays, unless
    it comes right after the label ("ADDO: [from the next room] ...")."""
    if after_label:
        text = re.sub(rf"^\s*{_BRACKETED}", " ", text)
    kept = _IN_TURN_NOTE.compiled.sub(lambda m: " " if _is_note(m) else m.group(), text)
    return re.sub(r"\s+([,.!?;:])", r"\1", re.sub(r"\s{2,}", " ", kept)).strip()


# --- who each label names -----------------------------------------------------------------


def is_person(name: str) -> bool:
    """Whether a name :func:`names_of_labels` gives is a person's: not "q", "a" or a
    publication ("(The Courier)")."""
    return name not in {"", "q", "a"} and not name.startswith("(")


def names_of_labels(
    labels: Iterable[Label], units: Sequence[EditableUnit], people: People
) -> dict[str, str]:
    """The person each label key names: "q" and "a" stay themselves; a full name is that
    person ("Ruth Calloway", "Walter Pruett" for "GOVERNOR WALTER PRUETT"); a surname or a
    first name is the full name another label or the introduction gives ("Tom" is "Tom
    Wexley"); initials are the person whose initials they are ("AO" is "Adaeze Obi"); a
    publication is its name in brackets ("(The Courier)"). Keys that name nobody are left out. A name the
    register does not know yet is given as written; the caller adopts the ones it uses."""
    by_key = {label.key: label for label in labels}
    full = {key: name for key, label in by_key.items() if (name := _full_name_of(label, people))}
    names = {key: key for key in by_key if key in {"q", "a"}} | full
    for key, label in by_key.items():
        if key not in names and (name := _short_name_of(label, units, people, full.values())):
            names[key] = name
    return names


def _full_name_of(label: Label, people: People) -> str | None:
    """The person a label of two or more name words names, titles left out."""
    words = _person_words(label.key.split())
    if label.key in {"q", "a"} or len(words) < 2 or _not_a_person(label, people):
        return None
    return _resolve(" ".join(words), people) or " ".join(words)


def _short_name_of(
    label: Label, units: Sequence[EditableUnit], people: People, full_names: Iterable[str]
) -> str | None:
    """Who a one-word label (surname, first name, initials) or a publication names."""
    if _not_a_person(label, people):
        return f"({label.key})"
    key, initials = label.key, is_initials(label.written)
    word = " ".join(_person_words(key.split()))  # "Dr. Ruiz" -> "Ruiz"
    name = (
        _resolve(key, people)
        or _one_of_the_labels(word, full_names)
        or _full_name(units, word, people)
        or (_by_initials(label.written, [*full_names, *people.by_name]) if initials else None)
    )
    if name is None and initials:
        return label.written  # initials nobody in the article has ("JM")
    if name is None and (is_given_name(word) or zipf(word) < 4.0):
        return word  # "Tom" with no surname
    return name


def _person_words(words: list[str]) -> list[str]:
    """A label's name without the titles before it ("Fire Chief Rosa Ibáñez", "Governor
    Walter Pruett", "Dr. Ana Ruiz" -> the name)."""
    while len(words) > 1 and (
        words[0].rstrip(".") in HONORIFICS
        or words[0].lower() in ROLES
        or words[0] in NOT_NAME_WORDS
    ):
        words = words[1:]
    titled = [i for i, word in enumerate(words[:-1]) if word.lower() in ROLES]
    return words[titled[-1] + 1 :] if titled else words


def _resolve(surface: str, people: People) -> str | None:
    """The person a name as written resolves to, also when it is printed in capitals."""
    name = people.resolve(surface)
    if name:
        return name
    folded = surface.lower()
    matches = {name for alias, name in people.alias.items() if alias.lower() == folded}
    return matches.pop() if len(matches) == 1 else None


def _one_of_the_labels(word: str, full_names: Iterable[str]) -> str | None:
    """The full-name label a surname or first-name label shortens ("Reyes" and "Tom" after
    "DANA REYES" and "TOM WEXLEY"); a surname wins over a first name."""
    folded = word.lower()
    names = set(full_names)
    for position in (-1, 0):
        found = {name for name in names if name.split()[position].lower() == folded}
        if len(found) == 1:
            return found.pop()
    return None


def _full_name(units: Sequence[EditableUnit], key: str, people: People) -> str | None:
    """The full name a surname label stands for, from the introduction ("ALDANA:" is the
    "Maria Aldana" the first paragraphs name)."""
    if " " in key:
        return None
    pattern = re.compile(rf"\b({NAME_WORD}) {re.escape(key)}\b", re.IGNORECASE)
    for unit in units[:12]:
        for match in pattern.finditer(unit.text):
            first = match.group(1)
            if (
                not first[:1].isupper()
                or first in NOT_NAME_WORDS
                or first.rstrip(".") in HONORIFICS
                or zipf(first) >= 5.0
            ):
                continue
            return f"{first} {_title(match.group().split()[-1])}"
    return None


def _by_initials(written: str, names: Iterable[str]) -> str | None:
    """The one person whose initials the label is ("AO" is "Adaeze Obi")."""
    letters = written.replace(".", "").replace(" ", "")
    found = {
        name
        for name in names
        if len(name.split()) >= 2
        and letters
        in {name.split()[0][0] + name.split()[-1][0], "".join(w[0] for w in name.split())}
    }
    return found.pop() if len(found) == 1 else None


def _not_a_person(label: Label, people: People) -> bool:
    """A label that names no person: an organisation or publication ("The Courier", "Wired",
    "New Scientist") rather than "Obi", "JM" or "Helen Carrow"."""
    if label.key.split()[0] in {"The", "A", "An"}:
        return True
    words = _person_words(label.key.split())  # "State Rep. Luis Barrientos": the name
    if any(w in ORG_WORDS for w in words):
        return True
    if is_initials(label.written):
        return False
    return (
        _resolve(label.key, people) is None
        and not any(is_given_name(w) for w in words)
        and all(zipf(w) >= 3.5 for w in words)
    )
