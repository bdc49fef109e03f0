"""The writer's voice: sentences that look like a quote but are the journalist's.

"When I repeat this to her, she rolls her eyes." is the writer's "I"; "Madison didn't
know Borisov, she says" and "The shelters block rain, she noted, and the benches burn"
are the writer's paraphrase with a tag. Used by the attribution passes without marks.
"""

from __future__ import annotations

import re

from .patterns import NAME, LazyPattern
from .people import People
from .pronouns import Context, clause_subject, resolve_pronoun
from .tags import Tag, is_pronoun
from .vocabulary import SPEECH_VERBS
from .voice import FIRST_PERSON, FIRST_PERSON_WEAK, OBJECT_PRONOUN, SECOND_PERSON, voice_of

# what the writer does to the person written about, after narration ("I spoke with her over
# two afternoons"): in somebody's own words it is as likely theirs ("I met him in 1990")
_VISIT_VERB = (
    r"(?:spoke|talked|interviewed|visited|met|called|phoned|rang|emailed|followed|watched|"
    r"joined|found|caught up)"
)
_JOURNALIST_VERB = (  # what an interviewer does to the person interviewed
    r"(?:ask|asked|show|showed|remind|reminded|read|repeat|repeated|mention|mentioned|"
    r"put|press|pressed|quote|quoted|relay|relayed|interrupt|interrupted)"
)


def journalist(ctx: Context, index: int, current: str | None, chained: bool = True) -> str | None:
    """A first-person sentence in the writer's voice, about the person quoted: "When I repeat
    this to her, she rolls her eyes.", "I ask him whether he will stay." The writer's "I"
    does something to "her"/"him", and that pronoun is the current speaker (or the person the
    narration is about). Returns that person.

    So is a sentence about that person right after one of those ("He was quiet for long
    enough that I thought he had not heard."), one whose subject is a person called by the
    surname alone, as the writer calls people ("On my last crossing, Lowe let me stand in the
    wheelhouse."), one whose only "I" is an aside ("It was, as far as I know, the last job
    he took.") and, after narration, one whose only "I" is the writer coming in ("She was
    wrapping orders in the front of the shop when I arrived.", "When I arrived she was
    splitting kindling.") or meeting them ("I spoke with her over two afternoons.")."""
    people = ctx.people
    text = ctx.units[index].text
    if SECOND_PERSON.search(text) or FIRST_PERSON_WEAK.search(text):
        return None
    gender = None
    kind, subject, where = clause_subject(text, people)
    if kind in {"he", "she"} and where == 0 and chained and index:
        before = journalist(ctx, index - 1, None, chained=False)
        if before and people.by_name[before].gender == _GENDER[kind]:
            return before  # the writer goes on about the person just asked
    if (
        kind == "name"
        and subject not in (None, current)
        and _by_surname(text[where:], subject)
        and re.search(r"\b(?:me|my)\b", text)
    ):
        return subject  # "On my last crossing, Lowe let me stand in the wheelhouse."
    rest = _ASIDE.sub("", text)
    if current is None:  # after narration: "When I arrived she was ...", "... when I arrived."
        rest = _ARRIVAL.sub("", _ARRIVAL_LEAD.sub("", rest))
    if rest != text and not FIRST_PERSON.search(rest):
        if current and re.search(_PRONOUNS[people.by_name[current].gender or ""], rest):
            return current  # the current speaker would not call themself "he"
        pronoun = re.search(r"\b(?:[Hh]e|[Ss]he)\b", rest)
        if current is None and pronoun and index:
            return resolve_pronoun(_GENDER[pronoun.group().lower()], ctx, index - 1, None, "")[0]
    if kind in {"he", "she"} and where > 0:
        lead, main = text[:where], text[where:]
        pronoun = re.search(r"\b(her|him)\b", lead)
        if (
            FIRST_PERSON.search(lead)
            and not FIRST_PERSON.search(main)
            and pronoun
            and OBJECT_PRONOUN[pronoun.group(1)] == {"he": "male", "she": "female"}[kind]
        ):
            gender = OBJECT_PRONOUN[pronoun.group(1)]
    if gender is None:
        opener = r"(?:(?:When|As|After|Before|Once|Later|Then|So|And|But|On|At)\b[^,]{0,40}?,?\s*)?"
        named = re.match(  # "When I put this to Hollander, ...", "I asked Carvajal whether ..."
            rf"{opener}I\s+(?:[a-z]+ly\s+)?(?:{_JOURNALIST_VERB}\b(?:\s+[\w'’-]+){{0,4}}?\s+to"
            rf"|ask(?:ed)?)\s+({NAME})(?:\s+(?:whether|if|about|what|why|how|when|where|who)\b"
            r"|\s*[,.;])",
            text,
        )
        asked = people.resolve(named.group(1)) if named else None
        if asked:
            return asked
        visit = "" if current else rf"|{_VISIT_VERB}(?:\s+(?:with|to|up with))?"
        act = re.match(
            rf"{opener}I\s+(?:[a-z]+ly\s+)?(?:{_JOURNALIST_VERB}\b(?:\s+[\w'’-]+){{0,6}}?{visit})"
            r"\s+(her|him)\b",
            text,
        )
        if act is None:
            return None
        gender = OBJECT_PRONOUN[act.group(1)]
    if current is not None:
        return current if people.by_name[current].gender == gender else None
    # after narration the "I" doing this to "him" is the writer's, however far back he was named
    name, _ = resolve_pronoun(gender, ctx, index - 1, None, "") if index else (None, 0)
    return name


_GENDER = {"he": "male", "she": "female"}
_PRONOUNS = {"male": r"\b(?:he|him|his)\b", "female": r"\b(?:she|her)\b", "": r"(?!)"}
# "It was, as far as I know, the last job he took.": the writer's aside in a sentence about someone
_ASIDE = LazyPattern(
    r",\s+(?:as far as I (?:know|can tell)|I (?:think|suspect|believe|gather|imagine|suppose)"
    r"|I am told|I was told),"
)
# "She was wrapping orders in the front of the shop when I arrived.": the writer comes in
_ARRIVAL = LazyPattern(
    r",?\s+(?:when|as|while|before|after|until|by the time)\s+I\s+[a-z]+[^,;:]*$"
)
# "When I arrived on a grey morning in March she was splitting kindling ..."
_ARRIVAL_LEAD = LazyPattern(
    r"^(?:When|As|After|Before|By the time|Once|While)\s+I\s+[^,;:]*?(?:,\s*|\s+)"
    r"(?=(?:he|she)\s+(?:was|had|is|has|did|would|could|[a-z]+ed|[a-z]+s)\b)"
)


def _by_surname(text: str, name: str) -> bool:
    """``text`` opens on the surname alone of someone the article gave a full name."""
    words = name.split()
    return len(words) > 1 and re.match(rf"{re.escape(words[-1])}\b(?!['’]s)", text) is not None


_PLAIN_REPORTING = {"say", "note", "add", "explain", "observe", "point out", "acknowledge",
                    "write", "argue", "suggest", "stress", "emphasise", "emphasize", "state",
                    "caution", "warn", "concede", "claim", "maintain", "report"}  # fmt: skip
_CLAUSE_AFTER_TAG = LazyPattern(
    r"(?:and|but|while|although|though|because|so|since)\s+"
    r"(?:(?:the|a|an|its|their|these|those|this|that|many|some|most|each)\s+)?"
    r"(?:[a-z-]+\s+){0,4}?"
    r"(?:is|are|was|were|can|could|will|would|may|might|must|should|has|have|had|do|does|did|"
    r"remains?|becomes?|gets?|reach|reaches|[a-z]{3,}ed)\b"
)


def paraphrased_clauses(text: str, tag: Tag) -> bool:
    """A plain reporting tag ("she noted") cutting two third-person clauses of the writer's
    own ("The shelters block rain but not heat, she noted, and the benches under them can
    reach ..."), with nobody speaking in the first or second person. A quote cut by its tag
    goes on with words of its own ("It was chaos, he recalls, but good chaos.")."""
    if tag.kind not in {"middle", "paraphrase"} or tag.start == 0:
        return False
    if voice_of(text) != "neutral" or SPEECH_VERBS.get(tag.verb) not in _PLAIN_REPORTING:
        return False
    before, after = text[: tag.start], text[tag.end :].strip()
    if re.match(r"(?:It|That|This|There)\b", before) or len(before.split()) < 4:
        return False  # "It was chaos, he recalls, ...": a spoken opener
    return bool(_CLAUSE_AFTER_TAG.match(after))


def is_paraphrase(
    quote_text: str,
    name: str,
    tag: Tag,
    people: People,
    ctx: Context | None = None,
    index: int = 0,
    current: str | None = None,
) -> bool:
    """The "quote" opens on its own speaker in the third person: the journalist's paraphrase
    with a tag ("Madison didn't know Borisov, she says"). With a pronoun tag, only when the
    pronoun would mean the person the words open on: after "The lead author read the
    review.", "Oona is right that heat matters, she said" is the lead author's quote."""
    mentions = people.mentions(quote_text)
    if not mentions or mentions[0][0] > 2 or FIRST_PERSON.match(quote_text):
        return False
    opener = mentions[0][1]
    if opener == name:
        return True
    if is_pronoun(tag.speaker):
        gender = {"he": "male", "she": "female"}.get(tag.speaker.lower())
        if not (people.by_name[opener].tagged and people.by_name[opener].gender == gender):
            return False
        if ctx is None:
            return True
        before = resolve_pronoun(gender, ctx, index - 1, current, "")[0] if index else None
        return before in (None, opener)
    return False
