"""The attribution-tags pass: "Baker says", "said the director", "she recalled".

A tag closes a quote ("..., Baker says."), is inverted ("..., says Baker."), cuts it in
the middle ("It was, she says, chaos.") or leads into it ("Baker put it simply: ...").
With quotation marks a tag is looked for outside them only (:func:`masked_text`).
Reported speech ("Baker says that ...") is marked as such: it is narration.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audioscript.clean import UPPER, zipf

from .patterns import (
    ADVERB,
    DESCRIPTOR,
    DESCRIPTOR_SHAPE,
    NAME,
    NAME_WORD,
    ROLE_NOUN,
    SPEAKER,
    VERB_RE,
    LazyPattern,
)
from .vocabulary import (
    HONORIFICS,
    NO_TAG_VERBS,
    NOT_NAME_WORDS,
    ORG_ROLES,
    ORG_WORDS,
    ROLES,
    SPEECH_VERBS,
)
from .voice import voice_of

if TYPE_CHECKING:
    from .units import AnyUnit, EditableUnit, Unit


def attach_tags(units: Sequence[Unit], quoted: bool) -> tuple[Unit, ...]:
    """The units, each with the tag it carries (see :func:`_attach_tags`)."""
    from .units import editable, frozen

    work = editable(units)
    _attach_tags(work, quoted)
    return frozen(work)


def _attach_tags(units: Sequence[EditableUnit], quoted: bool) -> None:
    """Give every unit the tag it carries; with quotation marks, only units that quote
    something, and their share of quoted words then leaves the tag's own words out."""
    for unit in units:
        if quoted and unit.share == 0:
            continue
        found = find_tag(masked_text(unit) if quoted else unit.text)
        if found is None and quoted:
            found = tag_after_the_quote(masked_text(unit))
        if found is not None:
            unit.tag = found
        if quoted and unit.tag is not None and unit.tag.end > unit.tag.start:
            unit.share = share_without_tag(unit)


def tag_names(units: Sequence[AnyUnit]) -> list[str]:
    """The names the tags give as written ("Baker", "Sean Baker"): no pronouns, no
    descriptions, no organisations, and no lead-in whose last word is a common one ("The Movie said: ...")."""
    return [
        u.tag.speaker
        for u in units
        if u.tag
        and not is_pronoun(u.tag.speaker)
        and not is_descriptor(u.tag.speaker)
        and not is_organisation_name(u.tag.speaker)  # an organisation speaks, but is nobody
        and (u.tag.kind != "lead" or zipf(u.tag.speaker.split()[-1]) < 3.5)
    ]


@dataclass(frozen=True)
class Tag:
    """An attribution tag ("Baker says", "said the director") as found in a sentence."""

    speaker: str  # as written: a name, a pronoun or a descriptor
    verb: str
    text: str  # e.g. "Baker says"
    start: int  # the tag's span in the sentence, punctuation included
    end: int
    kind: str  # "end", "inverted", "middle" or "lead"
    reported: bool = False  # "says that ...": indirect speech
    descriptor: str = ""  # "the spokesperson, Amanda Osei, said": the description beside the name


_TRAILER_WORD = (
    r"(?:of|about|to|at|with|without|in|on|from|when|as|during|over|after|before|while|like"
    r"|through|via|by|outside|inside|near|under|into|following|between|among|amid|across"
    r"|behind|beside|[a-z]{3,}ing)"  # "..., she says, laughing", "..., Okoye says, without hesitating"
)
# "..., he says of the film", "..., she said, laughing", "..., Lena Horvath testified on the
# second day of her husband's fraud trial in Delmont County Superior Court." (not "revealed to
# Jimmy Fallon that she drove the boat herself": what follows "that" or "whether" is reported)
_TRAILER = (
    rf"(?:,?\s+(?:{ADVERB}|{_TRAILER_WORD})\b(?:(?!(?:that|whether|if)\b)[^.!?;:“”\"]){{0,100}}?"
    # "..., she said in a phone interview from a clinic, where she was being treated."
    r"(?:,\s+(?:where|who|which|when|while)\b[^.!?;:“”\"]{0,80}?)?"
    # "..., the alliance said in a statement, adding that it had given the family gift cards."
    r"(?:,\s+adding\s+that\b[^.!?;:“”\"]{0,160}?)?)?"
)
_TOLD_WORD = (
    rf"[{UPPER}](?:[\w&’'-]|\.(?=\w))*"  # "The Ledger", "U.S.A" (not the full stop after it)
)
_OBJECT = (
    r"(?:\s+(?:me|us|him|her|them|reporters|journalists)"
    # who was told: "told the jury", "told councillors", "told BBC Radio Kingsmere"
    rf"|(?:(?<=told)|(?<=tells))\s+(?:the\s+)?(?:{_TOLD_WORD}(?:\s+{_TOLD_WORD}){{0,4}}"
    r"|[a-z]+))?"
)
# "the spokesperson, Amanda Osei, said", "Amanda Osei, the spokesperson, said"
_APPOSITIVE = rf"(?P<aside>,\s+(?:{DESCRIPTOR_SHAPE}|{NAME}|\d{{1,3}}),)?"
TAG_END = LazyPattern(
    rf"[,?!—–…]\s*(?P<tag>(?P<spk>{SPEAKER}){_APPOSITIVE}\s+(?:{ADVERB}\s+)?"
    rf"(?P<verb>{VERB_RE}){_OBJECT}{_TRAILER})"
    r"\s*[.!?…]*\s*$"
)
# a finite verb opening a clause: "helps the farmers", "is", "worked"
_VERB = (
    r"(?:is|was|are|were|has|have|had|can|could|will|would|may|might|should|must|does|did|"
    r"(?!this|thus|yes|perhaps|always|us|its|his|hers)[a-z]+s|[a-z]+ed)"
)
_TAG_END_INVERTED = LazyPattern(
    rf"[,?!—–…]\s*(?P<tag>(?!told\b|tells\b)(?P<verb>{VERB_RE})\s+"  # "told The Kestrel": who was told
    rf"(?:(?:[a-z-]+\s+){{0,2}}{ROLE_NOUN}\s+(?={NAME_WORD}))?"  # "said junior Maya Lin"
    rf"(?P<spk>{DESCRIPTOR_SHAPE}|{NAME}|he|she)\b)"
    # "..., says Helen Achebe, who rows at seven." (not "This system, says Locksley, helps
    # the farmers.", where the words after the tag go on with the sentence)
    rf"(?P<appos>,\s+(?!{_VERB}\b)[^“”\"]*?)?\s*[.!?…]*\s*$"
)
TAG_MIDDLE = LazyPattern(
    rf"^(?P<pre>.*?[^\s,]),\s+(?P<tag>"
    rf"(?P<spk>{SPEAKER}){_APPOSITIVE}\s+(?:{ADVERB}\s+)?(?P<verb>{VERB_RE})(?:\s+{ADVERB})?"
    rf"|(?P<verb2>{VERB_RE})\s+(?P<spk2>{DESCRIPTOR_SHAPE}|{NAME}|he|she)\b)"
    r"(?P<appos>,\s+[^,“”\"]{3,90}?)?[,;:—–]\s+(?P<post>.+)$"
)
_OPENING = (
    r"(?:In|At|On|During|After|Before|Later|Earlier|Then|Hours|Minutes|Days|Weeks|Speaking"
    r"|Through|Via|Outside|Inside|Afterwards?|Since|When|While|Still|Now|Today|Yesterday"
    r"|Last|This|Back)\b"  # not "Asked about the budget, the director laughed: ..."
)
TAG_LEAD = LazyPattern(
    # "Tran-Olsen, who was sitting two rows behind her, called out: ..."
    # "In an emailed statement, Tallis Property Group, which manages ..., said: ...", "Later,
    # as I paid for my tea, Tulloch added: ...": an opening phrase or two before the speaker
    rf"^(?:{_OPENING}[^,:;“”\"]{{0,60}},\s+(?:[^,:;“”\"]{{1,60}},\s+)?)?"
    rf"(?P<as>[Aa]s\s+)?(?P<tag>(?P<spk>{SPEAKER})(?P<aside>,\s+[^,:;“”\"]{{1,100}}?,)?\s+(?:{ADVERB}\s+)?"
    rf"(?P<verb>{VERB_RE}|(?(as)puts? it|(?!)))(?:\s+{ADVERB})?)"  # "As Lee put it: ..."
    # "The board said in a statement: ..."
    r"(?:\s+(?:in|on|to|at|via|through)\s+(?:an?|the|his|her|its|their)\s+[^,:;“”\"]{1,40}?(?=:))?"
    r"\s*(?P<sep>:|,)\s+(?P<post>.+)$"
)
_NOT_SPEAKERS = {
    "I", "We", "we", "You", "you", "It", "it", "This", "That", "There", "What", "Who", "One",
}  # fmt: skip


_VERB_START = LazyPattern(rf"{_VERB}\b")


_REPORTER = LazyPattern(
    r"(?:[Tt]his|[Aa]n?|[Oo]ur|[Oo]ne|[Tt]he)\s+(?:[A-Z][\w.-]*\s+){0,2}"
    r"(?:reporter|journalist|correspondent|interviewer)"
)


def is_reporter(spk: str) -> bool:
    """The writer's side asks: "a Sentinel reporter", "this reporter" (whose words the
    narrator reads)."""
    return bool(_REPORTER.compiled.fullmatch(spk.strip()))


def is_organisation_name(spk: str) -> bool:
    """A name that reads as an organisation's: an organisation word or "&" in it ("the
    Kellerman Ballroom Trust", "Tri-County Gas & Electric")."""
    words = [word.strip(".,’'") for word in spk.split()]
    return "&" in words or any(word in ORG_WORDS for word in words[1:])


_DESCRIBED = LazyPattern(
    r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er)\s+[a-z]|.*['’]s\s+[a-z]"
)


def speaker_ok(spk: str | None) -> bool:
    if not spk:
        return False
    if _DESCRIBED.match(spk) and not is_descriptor(spk):
        return False  # "the day", "Smith's car": no role, nobody described
    words = spk.split()
    first = words[0]
    if len(words) > 1 and (
        (first in {"the", "The"} and words[1][:1].isupper())
        or any(word in {"of", "for", "and", "on", "&"} for word in words[1:])
    ):
        # "the Relief Alliance", "the Calloway coach"; not "The Ruiz Family"
        return is_organisation_name(spk) or is_descriptor(spk)
    if first in _NOT_SPEAKERS and not re.fullmatch(DESCRIPTOR, spk):
        return False  # "One" alone is nobody; "one resident" is someone
    if first.rstrip(".") in HONORIFICS and len(words) > 1:
        return True  # "Mrs Pryce"
    titled = [
        i
        for i, word in enumerate(words[:-1])
        if word.lower() in ROLES or word.rstrip(".") in HONORIFICS
    ]
    if titled and first[:1].isupper():  # "Council Speaker Ana Ruiz", "State Sen. Maria Okafor"
        return speaker_ok(" ".join(words[titled[-1] + 1 :]))
    return not (first in NOT_NAME_WORDS and first not in {"He", "She", "They", "The", "His", "Her"})


_ASKED = LazyPattern(r"(?:When\s+)?[Aa]sked\b")


def find_tag(text: str) -> Tag | None:
    """An attribution tag at the end, in the middle or at the start of ``text``."""
    for kind, pattern in (("end", TAG_END), ("inverted", _TAG_END_INVERTED)):
        match = pattern.search(text)
        if match and match.start() > 0:
            if _ASKED.match(text):
                continue  # "Asked whether she would sleep, Nwosu grinned.": the writer's scene
            spk, descriptor = _aside(match)
            if spk is None or not speaker_ok(spk):
                continue
            return Tag(
                spk, match.group("verb"), match.group("tag"), match.start(), len(text), kind,
                descriptor=descriptor,
            )  # fmt: skip
    match = TAG_MIDDLE.search(text)
    if match:
        spk, descriptor = _aside(match)
        verb = match.group("verb") or match.group("verb2")
        if spk is not None and speaker_ok(spk):
            reported = bool(re.match(r"(?:that|how|why|whether)\b", match.group("post")))
            pre = match.group("pre")
            if (
                len(pre.split()) <= 6
                and voice_of(pre) == "neutral"
                and _VERB_START.match(match.group("post"))
            ):
                # "This system, says Locksley, helps ...": one clause cut in two by the tag
                kind = "paraphrase"
            else:
                kind = "middle"
            return Tag(
                spk, verb, match.group("tag"), match.end("pre"), match.start("post"), kind, reported,
                descriptor,
            )  # fmt: skip
    match = TAG_LEAD.search(text)
    lead_speaker = _lead_speaker(match) if match else None
    if (
        match
        and lead_speaker
        and (not match.group("as") or match.group("sep") == ":")  # "As Lee put it: ..."
        and (not match.group("aside") or match.group("sep") == ":")
        and SPEECH_VERBS.get(match.group("verb")) not in NO_TAG_VERBS
        and not (  # "He growled, and tried to look sulky": narration going on
            match.group("sep") == "," and re.match(r"(?:and|but|then|or)\b", match.group("post"))
        )
    ):
        reported = bool(re.match(r"(?:that|how|why|whether)\b", match.group("post")))
        return Tag(
            lead_speaker,
            match.group("verb"),
            match.group("tag"),
            0,
            match.start("post"),
            "lead",
            reported,
        )
    return None


def _lead_speaker(match: re.Match[str]) -> str | None:
    """Who a lead-in tag names: the name beside a description ("Her son, Daniel Hart,
    said:"), else the speaker with whatever the aside says of them."""
    spk, aside = match.group("spk"), (match.group("aside") or "").strip(", ")
    if aside and is_descriptor(spk) and re.fullmatch(NAME, aside) and speaker_ok(aside):
        return aside
    if aside and is_descriptor(spk):
        return None
    return spk if speaker_ok(spk) else None


# With quotation marks, what follows the words a tag closes is narration, however long:
# "..., Ms. Halvorsen, 61, said on a gray afternoon in February, standing on the plywood
# that now covers the hole ...", "..., Ms. Dunmore, now a freshman at a college, said ..."
_AFTER_THE_QUOTE = LazyPattern(
    rf"^Q[,?!—–…]\s*(?P<tag>(?P<spk>{DESCRIPTOR_SHAPE}|{NAME})(?P<aside>,\s+[^“”\"]{{1,120}}?,)?\s+"
    rf"(?:{ADVERB}\s+)?(?P<verb>{VERB_RE})\b[^“”\"Q]*)$"
)


def tag_after_the_quote(masked: str) -> Tag | None:
    """With quotation marks, the tag after a quote that opens the sentence, with all the
    narration after it (``masked``: the sentence with the quote as "Q")."""
    match = _AFTER_THE_QUOTE.match(masked)
    if not match or _ASKED.match(masked):
        return None
    spk, aside = match.group("spk"), (match.group("aside") or "").strip(", ")
    if aside and is_descriptor(spk) and re.fullmatch(NAME, aside):
        spk = aside
    if not speaker_ok(spk) or is_pronoun(spk):
        return None
    return Tag(spk, match.group("verb"), match.group("tag").rstrip(" ."), match.start("tag"),
               len(masked), "end")  # fmt: skip


def _aside(match: re.Match[str]) -> tuple[str | None, str]:
    """The speaker of a tag match and the description set beside it: "the spokesperson,
    Amanda Osei, said" is Amanda Osei, "the spokesperson"; so is "Amanda Osei, the
    spokesperson, said". None when the aside is no such pair ("Paris, France, said")."""
    groups = match.groupdict()
    spk = groups.get("spk") or groups.get("spk2") or ""
    aside = (groups.get("aside") or "").strip(", ")
    after = (groups.get("appos") or "").strip(", ")
    if not aside and is_descriptor(spk) and re.fullmatch(NAME, after) and speaker_ok(after):
        return after, spk  # "..., said her neighbour, Victor Hale."
    if not aside:
        return spk, ""
    if aside.isdigit() and re.fullmatch(NAME, spk):
        return spk, ""  # "Lopez, 54, said"
    if is_descriptor(spk) and re.fullmatch(NAME, aside) and speaker_ok(aside):
        return aside, spk
    if re.fullmatch(NAME, spk) and is_descriptor(aside):
        return spk, aside
    return None, ""


_WHERE = {
    "end": "after the quote", "inverted": "after the quote", "middle": "inside the quote",
    "paraphrase": "inside the sentence", "lead": "before the quote",
}  # fmt: skip


def tag_why(tag: Tag) -> str:
    """The explanation of a speaker a tag gives: which pass resolved it, and the tag."""
    by = "tags"
    if is_pronoun(tag.speaker):
        by = "pronouns"
    elif is_descriptor(tag.speaker):
        by = "descriptors"
    return f"{by}: '{tag.text}' {_WHERE.get(tag.kind, '')}".rstrip()


def is_pronoun(spk: str) -> bool:
    return spk.lower() in {"he", "she", "they"}


def is_descriptor(spk: str) -> bool:
    return bool(re.fullmatch(DESCRIPTOR, spk))


def is_organisation(spk: str) -> bool:
    """ "the company", "the state transport department": without quotation marks, what such
    a tag closes is its statement only when it speaks as "we" ("..., the company said")."""
    return is_descriptor(spk) and spk.split()[-1].lower() in ORG_ROLES


def share_without_tag(unit: EditableUnit) -> float:
    """Share of quoted words, the tag's own words left out ("..., said Baldridge, a ...")."""
    tag_words = (
        len(re.findall(r"\w+", masked_text(unit)[unit.tag.start : unit.tag.end])) if unit.tag else 0
    )
    q_words = len(re.findall(r"\w+", unit.spoken))
    n_words = max(0, len(re.findall(r"\w+", unit.narration)) - tag_words)
    return q_words / max(1, q_words + n_words)


def masked_text(unit: AnyUnit) -> str:
    """The unit with each quoted stretch replaced by "Q", so that tags stand out."""
    out: list[str] = []
    previous = False
    for char, inside in zip(unit.text, unit.sentence.mask):
        if inside:
            if not previous:
                out.append("Q")
            previous = True
            continue
        previous = False
        out.append(char)
    return re.sub(r"Q(?=\s+[A-Za-z])", "Q,", "".join(out))


def without_tag(text: str, tag: Tag) -> str:
    """The sentence without its tag ("It was chaos, he recalls, but good" -> "..., but good")."""
    before, after = text[: tag.start].rstrip(), text[tag.end :].strip()
    if before and after:
        joiner = " " if before[-1] in ",;:—–" else ", "
        return before + joiner + after
    return before or after
