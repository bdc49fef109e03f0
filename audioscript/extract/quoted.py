"""Attribution with quotation marks: the marks decide what is quoted, the tags,
paragraphs and colons who speaks.

A quote is more than a scare quote or a title: mostly inside the marks, and tagged or
long enough to be speech. An untagged quote takes the tag elsewhere in its paragraph, the
person the paragraph is about, or the speaker of the quote it continues.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from audioscript.models import NARRATOR

from .dialogue import answering, resuming
from .patterns import ADVERB, VERB_RE, LazyPattern
from .people import People
from .pronouns import Context, clause_subject, resolve_pronoun, resolve_tag
from .tags import is_reporter, masked_text, tag_why
from .units import Decided, EditableUnit, Unit, editable, frozen


def attribute_quoted(units: Sequence[Unit], people: People) -> Decided:
    """The units of an article with quotation marks, every one decided (see
    :func:`_attribute_quoted`)."""
    work, people = editable(units), people.copy()
    _attribute_quoted(work, people)
    return Decided(frozen(work), people)


def _attribute_quoted(units: list[EditableUnit], people: People) -> None:
    """The marks decide what is quoted; tags, paragraphs and colons decide who speaks."""
    ctx = Context(units, people)
    current: str | None = None
    for index, unit in enumerate(units):
        if unit.fixed:
            current = unit.speaker if unit.kind == "quote" else None
            continue
        if unit.share < 0.5 and current is not None:
            mentioned = {name for _, name in people.mentions(unit.narration)}
            _, subject, _ = clause_subject(
                unit.narration.strip(), people, ctx.recent_speakers(index)
            )
            if (
                (unit.sentence.first_in_paragraph and mentioned)
                or mentioned - {current}
                or subject not in (None, current)
            ):
                current = None  # the narration turns to someone else
        if unit.share >= 0.5 and _writers_words(units, index):
            unit.why = "quoted: the writer's own words ('I said')"
            continue
        if not _is_direct_quote(unit):
            unit.why = _not_a_quote(unit)
            if unit.tag and unit.tag.reported:
                unit.confidence = 0.75
            continue
        unit.kind = "quote"
        if unit.tag and not unit.tag.reported:
            gender = {"he": "male", "she": "female"}.get(unit.tag.speaker.lower())
            reply = answering(units, index, people, gender) if gender else None
            if reply:  # "'He discusses loudly,' she says." after the other woman's words
                unit.speaker, unit.confidence, current = reply[0], 0.75, reply[0]
                unit.why = f"{tag_why(unit.tag)}: the answer, which {reply[1]}"
                continue
            # the marks make the quote certain: a "he said" nobody quoted yet fits still speaks
            name, confidence = resolve_tag(unit.tag, ctx, index, current, unit.spoken, anyone=True)
            if name:
                unit.speaker, unit.confidence, current = name, confidence, name
                unit.why = tag_why(unit.tag)
                continue
    for index, unit in enumerate(units):
        if unit.kind == "quote" and unit.speaker == NARRATOR:
            speaker, confidence, why = _untagged_speaker(ctx, index)
            if speaker is None:
                unit.kind = "narration"
                unit.why = "quoted: an untagged quote with nobody to give it to"
            else:
                unit.speaker, unit.confidence = speaker, confidence
                tag = "untagged" if unit.tag is None else f"'{unit.tag.text}' names nobody known"
                unit.why = f"quoted: {tag}; {why}"


def _not_a_quote(unit: EditableUnit) -> str:
    """Why a unit the marks do not make a quote is narration."""
    if unit.tag and unit.tag.reported:
        return f"quoted: reported speech ('{unit.tag.text} that ...')"
    if unit.share == 0:
        return "quoted: outside quotation marks"
    if unit.share < 0.5:
        return "quoted: mostly outside quotation marks"
    if _in_capitals(unit.spoken):
        return "quoted: words in capitals, untagged (a sign, a poster or a slogan)"
    return "quoted: too short for speech (a scare quote or a title)"


def _is_direct_quote(unit: EditableUnit) -> bool:
    """Mostly inside quotation marks, and more than a scare quote or a title."""
    if unit.share < 0.5:
        return False
    words = len(re.findall(r"\w+", unit.spoken))
    if unit.tag and not unit.tag.reported:
        return True
    if _in_capitals(unit.spoken):
        return False  # "NEITHER COULD WE. THURSDAYS 7.30.": a poster, read by the narrator
    return words > 3 or bool(re.search(r"[.!?]", unit.spoken.strip(" “”\"'’,")))


_WRITER_TAG = LazyPattern(rf"I\s+(?:{ADVERB}\s+)?(?:{VERB_RE})\b[^“”\"‘’]*$")


_SPEAKS = LazyPattern(
    rf"\b(He|She|he|she)\s+(?:{ADVERB}\s+)?(?:{VERB_RE}|describe[sd]?|calls|called|puts it)\b"
)


def _writers_words(units: list[EditableUnit], index: int) -> bool:
    """A quote the writer tags "I said" or "I asked" (in its sentence, or the next one when the
    splitter cut after "?"): the writer's own words, which the narrator reads."""
    masked = masked_text(units[index])
    tagged = re.match(r"Q[,?!—–…]?\s*(.*)$", masked)
    if tagged and _WRITER_TAG.match(tagged.group(1)):
        return True
    tag = units[index].tag
    if tag and is_reporter(tag.speaker):
        return True  # "“What happens then?” a Sentinel reporter asked Boateng."
    after = units[index + 1] if index + 1 < len(units) else None
    return bool(
        re.search(r"[?!][”’\"]?\s*$", units[index].text)
        and after is not None
        and not after.sentence.first_in_paragraph
        and after.share == 0
        and _WRITER_TAG.match(after.text)
    )


def _in_capitals(text: str) -> bool:
    """Words written all in capitals ("TAKE A MAP."), as signs and posters are."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and not any(c.islower() for c in letters)


def _untagged_speaker(ctx: Context, index: int) -> tuple[str | None, float, str]:
    """An untagged quote: the tag elsewhere in its paragraph, the person the paragraph is about,
    or the speaker of the quote it continues; and which of them it is."""
    units = ctx.units
    unit = units[index]
    paragraph = unit.sentence.paragraph
    same = [(i, u) for i, u in enumerate(units) if u.sentence.paragraph == paragraph]
    tagged = [(i, u) for i, u in same if u.kind == "quote" and u.speaker != NARRATOR and u.tag]
    before = [u for i, u in tagged if i < index]
    after = [u for i, u in tagged if i > index]
    if before:
        return before[-1].speaker, 0.85, "the tag of a quote before it in its paragraph"
    if after:
        return after[0].speaker, 0.8, "the tag of a quote after it in its paragraph"
    for i, u in reversed([(i, u) for i, u in same if i < index]):
        name = _topic(ctx, i, unit.spoken)
        if name:
            return name, 0.7, "the person its paragraph is about"
    reply = answering(units, index, ctx.people, None)
    if reply:  # "He wrote it," Lindqvist said. / "I know I wrote it."
        return reply[0], 0.6, f"the answer to the quote before it, which {reply[1]}"
    previous = units[index - 1] if index else None
    if previous is not None and previous.kind == "quote" and previous.speaker != NARRATOR:
        if previous.sentence.paragraph == paragraph:
            return previous.speaker, 0.75, "goes on with the quote before it"
        if previous.sentence.paragraph == paragraph - 1:
            return previous.speaker, 0.6, "a new paragraph of the same speaker's words"
    # After a paragraph of narration: the person it is about, not the last one quoted.
    for i in range(index - 1, max(-1, index - 3), -1):
        if units[i].kind == "quote" and units[i].speaker != NARRATOR:
            break
        name = _topic(ctx, i, unit.spoken)
        back = resuming(units, index, ctx.people, name) if name else None
        if back:  # "Don't print that." / narration about Rhodri / "Print it, actually."
            return back[0], 0.5, f"the quote before the narration going on, which {back[1]}"
        if name:
            return name, 0.5, "the person the narration before it is about"
    for i in range(index - 1, max(-1, index - 12), -1):
        if units[i].kind == "quote" and units[i].speaker != NARRATOR:
            return units[i].speaker, 0.3, "nobody named for it: the last speaker (to review)"
    return None, 0.0, ""


def _topic(ctx: Context, index: int, quote_text: str) -> str | None:
    """The person a narration unit is about, as the speaker of the quote after it: the
    subject of its main clause ("When I repeat his remark to her, she rolls her eyes" is about
    "she"), else the first person it names. People named in the quote are not its speaker
    ("Ask Dana. She called the meeting.")."""
    people = ctx.people
    narration = ctx.units[index].narration.strip()
    named_in_quote = {name for _, name in people.mentions(quote_text)}
    kind, subject, _ = clause_subject(narration, people, ctx.recent_speakers(index))
    if kind == "name" and subject not in named_in_quote:
        return subject
    if kind in {"he", "she"}:
        name, _ = resolve_pronoun(
            {"he": "male", "she": "female"}[kind], ctx, index, None, quote_text
        )
        if name:
            return name
    mentions = [name for _, name in people.mentions(narration) if name not in named_in_quote]
    if mentions:
        return mentions[0]
    # the one who speaks in it first ("what she describes as ..."), else the first pronoun
    pronoun = _SPEAKS.search(narration) or re.search(r"\b(He|She|he|she)\b", narration)
    if pronoun:
        name, _ = resolve_pronoun(
            {"he": "male", "she": "female"}[pronoun.group(1).lower()], ctx, index, None, quote_text
        )
        return name
    return None
