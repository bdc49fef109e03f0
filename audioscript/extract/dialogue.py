"""Dialogue: a quote that answers the one before it is the other person's.

When two people of one gender talk in turn, "he said" cannot tell them apart, and an
untagged paragraph is not always the last speaker going on. A quote paragraph that answers
the paragraph before it (by another speaker) is the one that speaker was talking to: it
speaks to them ("You discuss loudly"), takes up their words ("The planet will be fine ..." /
"That is not how the planet works"), or is the "he" they spoke of answering for himself
("He didn't come out of the house" / "I came out"). Who was talking to them is the other
speaker of the exchange: someone quoted in the paragraphs just before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from audioscript.models import NARRATOR

from .patterns import NAME, VERB_RE, LazyPattern
from .people import People
from .units import EditableUnit

_REACH = 3  # paragraphs before the one answered in which the other speaker was quoted
_TAG_ONLY = LazyPattern(rf"(?:{NAME}|[Hh]e|[Ss]he)\s+(?:{VERB_RE})\.")
_COMMON = {
    "about", "after", "again", "also", "always", "because", "been", "before", "being", "could",
    "didn't", "does", "doesn't", "don't", "even", "every", "from", "going", "have", "here",
    "into", "it's", "just", "know", "like", "made", "make", "many", "more", "most",
    "much", "never", "only", "other", "over", "really", "said", "same", "should", "some",
    "than", "that", "that's", "them", "then", "there", "they", "this", "those", "through",
    "time", "very", "want", "well", "were", "what", "when", "where", "which", "while",
    "will", "with", "would", "your", "you're",
}  # fmt: skip


def answering(
    units: Sequence[EditableUnit], index: int, people: People, gender: str | None
) -> tuple[str, str] | None:
    """The speaker a quote paragraph (its quote starts at ``index``) answers for, and how
    it answers; None when it is no answer. ``gender``: that of the pronoun tagging it."""
    start = _paragraph_start(units, index)
    if not _opens_on_quote(units, start, index):
        return None
    before = [u for u in _paragraph_before(units, start) if not _tag_only(u)]
    said = {u.speaker for u in before if u.speaker != NARRATOR}
    if not before or any(u.kind != "quote" for u in before) or len(said) != 1:
        return None  # not a paragraph of one speaker's words (untagged ones not given yet)
    answered = said.pop()
    if _left_open(before[-1]):
        return None  # "... “We lost the location." / "“Then we lost the lead actor.": one quote
    before_start = _paragraph_start(units, units.index(before[0]))
    others = [
        name
        for name in _speakers_before(units, before_start, people)
        if name != answered and (gender is None or people.by_name[name].gender in (None, gender))
    ]
    if gender and people.by_name[answered].gender not in (None, gender):
        return None
    words, told = units[start].spoken.strip(" “”‘’\"'"), " ".join(u.spoken for u in before)
    asked = told.rstrip(" “”‘’\"'").endswith("?") and not words.rstrip(" “”‘’\"'").endswith("?")
    if asked and _short(words) and _short(told, 20):  # "Who prepared the invoices?" / "Dmitri did."
        near = others or _named_before(units, before_start, people, answered, gender)
        if near:
            return near[0], "answers the question before it"
    if not others:
        return None
    third = r"\b(?:he|him|He)\b" if gender == "male" else r"\b(?:she|her|She)\b"
    if gender and re.match(r"I\b", words) and re.search(third, told):
        return others[0], f"the one the quote before calls '{third[6:8]}' answering"
    # the other signs need an exchange: short lines, the other speaker quoted just before
    if others[0] not in _speakers_before(units, before_start, people, reach=2):
        return None
    if re.match(r"(?:You|Your)\b", told.lstrip(" “”‘’\"'")) and re.match(r"I\b", words):
        return others[0], "answers the one who spoke to them"  # "You understand ..." / "I ..."
    if not (_short(words, 25) and _short(told, 20)):
        return None
    # "You discuss loudly", "Did you ever drive out to see any of the roads?"
    if re.match(r"(?:You|Your|You['’]re)\b", words) or (
        words.rstrip(" “”‘’\"'").endswith("?") and re.search(r"\byou\b", words)
    ):
        return others[0], "speaks to the one before"
    if not _short(words):
        return None
    if _stems(words) & _stems(before[-1].spoken):
        return others[0], "takes up the words of the one before"
    earlier = _paragraph_before(units, before_start)
    if (  # inside a run of untagged lines ("“I said the elbow.”" / "“It wasn’t dropping.”")
        not any(u.tag for u in before)
        and _short(told)
        and all(u.kind == "quote" for u in earlier)
        and {u.speaker for u in earlier} - {NARRATOR} == {others[0]}
        and _short(" ".join(u.spoken for u in earlier))
    ):
        return others[0], "goes on with a quick exchange"
    return None


def _tag_only(unit: EditableUnit) -> bool:
    """A tag the splitter cut off its quote after a question mark ("Mandell asked.")."""
    return unit.share == 0 and bool(_TAG_ONLY.compiled.fullmatch(unit.text.strip()))


def _named_before(
    units: Sequence[EditableUnit], start: int, people: People, answered: str, gender: str | None
) -> list[str]:
    """The people the narration paragraph before ``start`` names, but ``answered``: who is
    there to answer ("Under questioning by Priya Mandell, Horvath described ...")."""
    paragraph = _paragraph_before(units, start)
    if not paragraph or any(u.kind == "quote" for u in paragraph):
        return []
    named = [name for u in paragraph for _, name in people.mentions(u.narration)]
    return [
        name
        for name in dict.fromkeys(named)
        if name != answered and (gender is None or people.by_name[name].gender in (None, gender))
    ]


def _left_open(unit: EditableUnit) -> bool:
    """A paragraph that ends inside its quotation marks: the quote goes on in the next one."""
    text, mask = unit.text.rstrip(), unit.sentence.mask
    return bool(text) and len(mask) >= len(text) and mask[len(text) - 1] and text[-1] not in '”’"'


def resuming(
    units: Sequence[EditableUnit], index: int, people: People, topic: str
) -> tuple[str, str] | None:
    """The speaker an untagged quote paragraph goes back to after a narration paragraph about
    ``topic``: the one quoted just before it, when the quote takes up their last words ("Don't
    print that." / narration about Rhodri / "Print it, actually.") or speaks of ``topic`` in
    the third person ("He'll only tell you himself."). None when it does neither."""
    start = _paragraph_start(units, index)
    if start != index or not _opens_on_quote(units, start, index):
        return None
    narration = _paragraph_before(units, start)
    if not narration or any(u.share >= 0.5 for u in narration):
        return None
    earlier = [u for u in _paragraph_before(units, start - len(narration)) if not _tag_only(u)]
    said = {u.speaker for u in earlier if u.kind == "quote" and u.speaker != NARRATOR}
    if len(said) != 1 or topic in said:
        return None
    last = said.pop()
    spoken = [u.spoken for u in earlier if u.kind == "quote"]
    paragraph = [units[index].spoken]
    for unit in units[index + 1 :]:
        if unit.sentence.first_in_paragraph or unit.kind != "quote":
            break
        paragraph.append(unit.spoken)
    if _stems(paragraph[0]) & _stems(spoken[-1]):
        return last, "takes up the last words of the one quoted before the narration"
    pronoun = {"male": r"\b(?:He|he)\b", "female": r"\b(?:She|she)\b"}.get(
        people.by_name[topic].gender or ""
    )
    named = {name for u in narration for _, name in people.mentions(u.narration)}
    if pronoun and named <= {topic} and re.search(pronoun, " ".join(paragraph)):
        # (with nobody else in the narration who could be the one speaking)
        return last, "speaks of the one the narration is about in the third person"
    return None


def _short(words: str, most: int = 12) -> bool:
    """A line of a quick exchange: a dozen words or fewer."""
    return len(re.findall(r"\w+", words)) <= most


def _paragraph_start(units: Sequence[EditableUnit], index: int) -> int:
    while index > 0 and not units[index].sentence.first_in_paragraph:
        index -= 1
    return index


def _opens_on_quote(units: Sequence[EditableUnit], start: int, index: int) -> bool:
    """The paragraph opens on this quote (a tag in its second sentence still counts)."""
    return all(u.kind == "quote" for u in units[start : index + 1]) and units[start].share >= 0.5


def _paragraph_before(units: Sequence[EditableUnit], start: int) -> list[EditableUnit]:
    if start == 0:
        return []
    first = _paragraph_start(units, start - 1)
    return list(units[first:start])


def _speakers_before(
    units: Sequence[EditableUnit], start: int, people: People, reach: int = _REACH
) -> list[str]:
    """The people quoted in the ``reach`` paragraphs before ``start``, nearest first."""
    found: list[str] = []
    paragraphs = 0
    for unit in units[:start][::-1]:
        if unit.kind == "quote" and unit.speaker in people.by_name and unit.speaker not in found:
            found.append(unit.speaker)
        if unit.sentence.first_in_paragraph:
            paragraphs += 1
            if paragraphs >= reach:
                break
    return found


def _stems(text: str) -> set[str]:
    """The longer, less common words of ``text``, their endings cut ("discusses" ->
    "discuss")."""
    words = re.findall(r"[a-z][a-z'’]{3,}", text.lower())
    return {_stem(word) for word in words if word not in _COMMON}


def _stem(word: str) -> str:
    word = re.sub(r"(?:ing|ed)$", "", word)
    return re.sub(r"es$", "", word).rstrip("s")
