"""Who is who in a transcript: the interviewer, whose turns are the narrator's, and the
person "A:" stands for.

The interviewer is decided by evidence, not by name: the question label ("Q:"), a host or
moderator (the label's descriptor, or the introduction's words "host Tom Wexley"), the byline,
the writer ("I am JM", or initials nobody in the article has when the writer tells the
introduction), the host's own words ("Welcome back to ..."), a publication whose turns are
questions, or else the one person whose turns mostly end in a question.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .patterns import NAME, LazyPattern
from .people import People
from .transcript_labels import QUESTION_WORDS, Label, is_initials, is_person
from .units import EditableUnit
from .voice import FIRST_PERSON, FIRST_PERSON_WEAK

_HOST_WORDS = "|".join(sorted(QUESTION_WORDS - {"q", "question", "int"}))
_HOST_BEFORE = LazyPattern(
    rf"\b(?i:(?:{_HOST_WORDS})s?,?|(?:hosted|moderated|presented|conducted) by) "
    rf"(?P<name>{NAME}(?:,? and {NAME})?)"
)
"""The introduction names the host: "host Tom Wexley", "hosts Tom Wexley and Sara Lind",
"moderated by Ana Ruiz"."""
_HOST_AFTER = LazyPattern(
    rf"(?P<name>{NAME}),? (?:is |was )?(?:the |our |your )?(?i:{_HOST_WORDS})\b"
)
_WELCOMES = LazyPattern(
    r"(?:^|[.!?]\s+)Welcome (?:back|to)\b|\bI['’]m your host\b|\b[Tt]hank you both\b"
    r"|\b[Tt]hanks? (?:you )?(?:(?:so|very) much )?for (?:joining|coming (?:in|on))"
)
"""What a host says: "Welcome back to ..." (opening a sentence), "Thanks for joining us",
"Thank you both"."""
_BYLINE = LazyPattern(r"(?:By|Interview by|Words by|Interviewed by|Reported by)\s+[A-Z]")


def asks(texts: Sequence[str]) -> bool:
    """A turn that asks: one of its first sentences ends in a question mark."""
    return any(text.rstrip(' ”"’*)]').endswith("?") for text in texts)


def interviewers(
    units: Sequence[EditableUnit],
    starts: Sequence[tuple[int, Label, str]],
    spans: Sequence[tuple[int, int]],
    people: People,
) -> dict[str, str]:
    """Who asks, and the evidence: the question label, a host or moderator (by the label's
    descriptor or the introduction's words), the byline, the writer ("I am JM"), a
    publication whose turns are questions, or else the one person whose turns mostly end in
    a question while everyone else's are answers."""
    asking: dict[str, str] = {}
    asked: Counter[str] = Counter()
    turns: Counter[str] = Counter()
    welcoming: set[str] = set()
    written: dict[str, set[str]] = {}
    for (_, label, name), (start, end) in zip(starts, spans):
        turns[name] += 1
        written.setdefault(name, set()).add(label.written)
        texts = [units[i].text for i in range(start, min(end, start + 4))]
        asked[name] += asks(texts)
        if is_person(name) and any(_WELCOMES.search(text) for text in texts):
            welcoming.add(name)
        if name == "q":
            asking[name] = "the question label"
        elif not is_person(name) and name != "a":
            asking[name] = "the publication asks"
        elif label.descriptor and set(re.findall(r"[a-z-]+", label.descriptor)) & QUESTION_WORDS:
            asking.setdefault(name, f"'{label.descriptor}'")
    intro = " ".join(unit.text for unit in units[: starts[0][0]])
    byline = byline_names(units, people)
    unknown = [name for name in turns if is_initials(name)]  # "JM" names nobody the article does
    for name in filter(is_person, turns):
        if name in byline:
            asking.setdefault(name, "the byline")
        elif _introduced_as_host(intro, name, people):
            asking.setdefault(name, "introduced as the host")
        elif any(re.search(rf"\bI(?: am|['’]m) {re.escape(w)}\b", intro) for w in written[name]):
            asking.setdefault(name, "the writer")
        elif unknown == [name] and (FIRST_PERSON.search(intro) or FIRST_PERSON_WEAK.search(intro)):
            asking.setdefault(name, "initials nobody has, in an introduction the writer tells")
    if len(welcoming) == 1:
        asking.setdefault(welcoming.pop(), "welcomes the listeners or the guests")
    if asking:
        return asking
    ratios = {name: asked[name] / turns[name] for name in filter(is_person, turns)}
    if len(ratios) < 2:
        return asking
    best = max(ratios, key=lambda name: (ratios[name], turns[name]))
    others = [ratio for name, ratio in ratios.items() if name != best]
    if turns[best] >= 2 and ratios[best] >= 0.4 and ratios[best] > 2 * max(others):
        asking[best] = "asks the questions"
    return asking


def _introduced_as_host(intro: str, name: str, people: People) -> bool:
    """The introduction calls ``name`` the host, moderator or interviewer."""
    for pattern in (_HOST_BEFORE, _HOST_AFTER):
        for match in pattern.finditer(intro):
            if any(found == name for _, found in people.mentions(match.group("name"))):
                return True
    return False


def byline_names(units: Sequence[EditableUnit], people: People) -> set[str]:
    """People named in a byline ("By Dana Whitlock"): the journalist, not an interviewee."""
    names: set[str] = set()
    for unit in units[:8]:
        if _BYLINE.match(unit.text):
            names.update(name for _, name in people.mentions(unit.text))
    return names


def main_subject(
    units: Sequence[EditableUnit], people: People, exclude: set[str], first_turn: int | None = None
) -> str | None:
    """The person an interview is with (who "A:" stands for): the first person the headline
    and introduction name; without an introduction, the person the article is most about
    (tagged people first, then the most named). The answers name other people, often more
    than the interviewee is named anywhere, so counting alone picks the wrong one."""
    for unit in units[:first_turn]:
        for _, name in people.mentions(unit.text):
            if name not in exclude:
                return name
    counts: Counter[str] = Counter()
    for unit in units:
        counts.update(name for _, name in people.mentions(unit.text) if name not in exclude)
    if not counts:
        return None
    return max(counts, key=lambda name: (people.by_name[name].tagged, counts[name]))
