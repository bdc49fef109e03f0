"""Pronoun and descriptor resolution: who "he", "she" and "the actress" are.

:class:`Context` is what the attribution passes share: the units, the people and how
often each person is named. :func:`resolve_tag` turns a tag's speaker as written into a
canonical name; :func:`resolve_pronoun` walks back through the sentences before a quote for
the person a pronoun can mean, sentence by sentence, each about whom
:func:`.subjects.clause_subject` says.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from audioscript.models import NARRATOR

from .captions import LEFT_OUT, is_section_break
from .patterns import NAME, LazyPattern
from .people import People
from .relatives import KIN, relative
from .statements import is_document, organisation_named, statement_author
from .subjects import clause_subject, possessor
from .tags import Tag, is_descriptor, is_organisation_name, is_pronoun
from .units import EditableUnit
from .vocabulary import FEMALE_WORDS, MALE_WORDS, ORG_ROLES

__all__ = ["Context", "clause_subject", "resolve_pronoun", "resolve_tag"]


@dataclass
class Context:
    units: Sequence[EditableUnit]
    people: People
    salience: Counter[str] = field(default_factory=Counter)  # how often each person is named

    def __post_init__(self) -> None:
        for unit in self.units:
            self.salience.update(name for _, name in self.people.mentions(unit.text))
        for name, person in self.people.by_name.items():
            if person.tagged:
                self.salience[name] += 5

    def recent_speakers(self, index: int, reach: int = 12) -> list[str]:
        """The people quoted in the units before ``index``, nearest first: whom a "his" or
        "her" at the start of a sentence most likely means."""
        found: list[str] = []
        for unit in self.units[max(0, index - reach) : index][::-1]:
            if unit.kind == "quote" and unit.speaker != NARRATOR and unit.speaker not in found:
                found.append(unit.speaker)
        return found


def resolve_tag(
    tag: Tag,
    ctx: Context,
    index: int,
    current: str | None,
    quote_text: str,
    anyone: bool = False,
) -> tuple[str | None, float]:
    """The canonical speaker of a tag: a name, a descriptor or a pronoun (``anyone``: see
    :func:`resolve_pronoun`)."""
    spk = tag.speaker
    if is_pronoun(spk):
        gender = {"he": "male", "she": "female"}.get(spk.lower())
        name, confidence = resolve_pronoun(gender, ctx, index, current, quote_text, anyone)
        if name and confidence >= 0.6 and gender and ctx.people.by_name[name].gender is None:
            person = ctx.people.by_name[name]
            setattr(person, gender, getattr(person, gender) + 0.5)
        return name, confidence
    if is_descriptor(spk):
        words = spk.split()
        if words[0].lower() in {"his", "her"} and words[-1].lower() in KIN:
            # "says his father": the father of the one the tag's "his" means
            owner = possessor(ctx.people, words[0], [current or "", *ctx.recent_speakers(index)])
            name = relative(ctx.people, owner, words[-1]) if owner else None
            if name:
                return name, 0.85
        whose = _of_the_named(ctx, index, spk)
        if whose:  # "the Calloway coach said" / "Bernadette Liu-Harkness, in her first season
            return whose, 0.7  # at Calloway, ...": the one named beside that name
        name = ctx.people.by_descriptor(spk)
        if name:
            return name, 0.85
        noun = spk.split()[-1].lower()
        gender = "female" if noun in FEMALE_WORDS else "male" if noun in MALE_WORDS else None
        if noun in ORG_ROLES:  # "the company said in a statement": the one named before
            said = [ctx.units[index].narration[: tag.start]]
            said += [unit.narration for unit in ctx.units[max(0, index - 20) : index][::-1]]
            if is_document(noun):  # "the statement said": whoever issued it
                return statement_author(ctx.people, noun, said[:8], False), 0.8
            name = ctx.people.organisation(spk, said)
            name = name or statement_author(ctx.people, noun, said[:8], True)
            return name or ctx.people.anonymous(spk, None), 0.8
        if spk.split()[0].lower() not in {"the", "his", "her"}:
            return ctx.people.anonymous(spk, gender), 0.8  # "a spokesperson said": someone new
        name, confidence = resolve_pronoun(gender, ctx, index, current, quote_text)
        if name is None:
            return ctx.people.anonymous(spk, gender), 0.5
        return name, confidence * 0.8
    name = ctx.people.resolve(spk)
    if name is None and is_organisation_name(spk):
        name = organisation_named(ctx.people, spk)  # "the Relief Alliance said in a statement"
    if name and tag.descriptor and not ctx.people.by_name[name].descriptor:
        ctx.people.by_name[name].descriptor = "the " + tag.descriptor.split(None, 1)[1].lower()
    return name, (0.95 if name else 0.0)


def _of_the_named(ctx: Context, index: int, spk: str) -> str | None:
    """Whom "the Calloway coach" means when no role says: the one person named, in the
    paragraphs just around the tag, in a sentence that names Calloway too and quotes nobody
    else, and who has not spoken before."""
    marks = [word for word in spk.split()[1:-1] if word[:1].isupper()]
    if not marks:
        return None
    spoke = {unit.speaker for unit in ctx.units[:index] if unit.kind == "quote"}
    found: list[str] = []
    for unit in ctx.units[max(0, index - 3) : index + 4]:
        narration = unit.narration if unit is not ctx.units[index] else ""
        if not all(re.search(rf"\b{re.escape(mark)}\b", narration) for mark in marks):
            continue
        found += [name for _, name in ctx.people.mentions(narration) if name not in spoke]
    named = set(found)
    return named.pop() if len(named) == 1 else None


_NAMES_ITSELF = LazyPattern(
    r"\b(?P<who>She|He|she|he)\s+(?:introduced|identified)\s+(?:herself|himself)\s+as"
    r"|\b(?P<whose>Her|His|her|his)\s+name\s+(?:was|is)"
)


def _named_later(ctx: Context, index: int, gender: str | None) -> str | None:
    """Someone who tells the writer their name only after their quote, in the same paragraph
    or at the start of the next ("She introduced herself as Margit Sollberg, a retired ...")."""
    units = ctx.units
    for ahead in range(index + 1, min(len(units), index + 4)):
        unit = units[ahead]
        if unit.sentence.first_in_paragraph and ahead > index + 1:
            break
        match = _NAMES_ITSELF.search(unit.narration)
        if not match:
            continue
        word = (match.group("who") or match.group("whose")).lower()
        if gender and {"she": "female", "her": "female"}.get(word, "male") != gender:
            return None
        name = re.match(
            rf"\s+(?:Dr\.?\s+|Mrs?\.?\s+|Ms\.?\s+)?({NAME})", unit.narration[match.end() :]
        )
        return ctx.people.resolve(name.group(1)) if name else None
    return None


_OBJECT = {
    "female": LazyPattern(
        r"\b(?:for|to|with|about|from|at|by|than|like|on|of|hearing|heard|told|asked|met)\s+her\b"
    ),
    "male": LazyPattern(r"\bhim\b"),
}


def _someone_else(known: str | None, gender: str | None, clause: str) -> bool:
    """Whether a subject of no ``known`` gender is someone else than the "she" ("he") looked
    for, its clause calling another "her" ("him"): "Lund wrote Salt Psalms for her"."""
    return known is None and gender in _OBJECT and bool(_OBJECT[gender].search(clause))


def _quote_only(unit: EditableUnit) -> bool:
    """A sentence all inside quotation marks, with no tag of its own."""
    return unit.share >= 0.5 and unit.tag is None and not unit.narration.strip(" .,;:!?—–-")


_ASKED_SOMEONE = LazyPattern(rf"\basked\s+({NAME})\b")
_NAMED = LazyPattern(rf"\b(?:named|called)\s+({NAME})")
_POSSESSIVE = {"female": r"\s*Her\b", "male": r"\s*His\b"}


def _full_name_opener(text: str, people: People) -> str | None:
    """The person whose full name ``text`` opens on."""
    mentions = people.mentions(text)[:1]
    if mentions and mentions[0][0] == 0 and " " in mentions[0][1]:
        return mentions[0][1] if text.startswith(mentions[0][1]) else None
    return None


def _new_section(ctx: Context, index: int, current: str) -> bool:
    """A section break ("* * *", a subhead) came after ``current`` last spoke: a new section
    is about someone else until it says otherwise."""
    for unit in ctx.units[index - 1 :: -1] if index else ():
        if unit.kind == "quote" and unit.speaker == current:
            return False
        if is_section_break(unit.text):
            return True
    return False


def resolve_pronoun(
    gender: str | None,
    ctx: Context,
    index: int,
    current: str | None,
    quote_text: str,
    anyone: bool = False,
) -> tuple[str | None, float]:
    """Who "he"/"she" points to: the current speaker, else the person the narration is about.

    Walking back sentence by sentence: a sentence whose subject is a person of fitting
    gender gives that person; one whose subject is "he"/"she" continues the topic of the
    sentence before; otherwise its first fitting person counts. A person named inside the
    quote is not its speaker. When no one fits nearby, the pronoun is taken for a slip and
    the speaker the previous sentence is about gets the quote. With ``anyone`` (a marked
    quote, certain to be one), a pronoun no speaker fits goes to the most talked-about person
    it fits, quoted for the first time ("Her coach tried to play it down. 'It's one game,'
    he said."); without the marks that guess starts false quotes.
    """
    people = ctx.people
    named_in_quote = {name for _, name in people.mentions(quote_text)}

    def agrees(name: str) -> bool | None:
        known = people.by_name[name].gender
        return None if known is None or gender is None else known == gender

    def fits(name: str | None) -> bool:
        return (
            name is not None
            and name not in named_in_quote
            and agrees(name) is not False
            and not (gender and people.by_name[name].organisation)  # no "he" is a company
        )

    later = _named_later(ctx, index, gender)
    if later and fits(later):  # "'I forgot to breathe,' she told me. She introduced herself as ..."
        return later, 0.8
    if current and fits(current) and not _new_section(ctx, index, current):
        return current, 0.85 if agrees(current) else 0.7
    opener = None if anyone else _full_name_opener(quote_text, people)
    if opener and agrees(opener) is not False:
        # "Kwame Asante joined the crew in 2006 because he wanted, he says, a boat ...": words
        # that open on a person's full name are the writer's, and "he" is that person
        return opener, 0.7
    slip: str | None = None
    unsure: tuple[str, float] | None = None
    section = False  # the walk back reached the start of the section
    top = index  # the quote's own paragraph opens on it: its untagged sentences say nobody
    while (
        top > 0
        and not ctx.units[top].sentence.first_in_paragraph
        and _quote_only(ctx.units[top - 1])
    ):
        top -= 1
    steps = [back for back in range(top - 1, max(-1, top - 8), -1)]
    # a byline, a caption or a credit is about nobody the quote can be from
    steps = [index, *(back for back in steps if ctx.units[back].kind not in LEFT_OUT)]
    for distance, back in enumerate(steps):
        unit = ctx.units[back]
        if back < index and is_section_break(unit.text):
            section = True  # "* * *", a subhead: the sentences before it are about someone else
            break
        confidence = max(0.45, 0.85 - 0.1 * distance)
        if back < index and unit.kind == "quote" and unit.speaker != NARRATOR:
            if fits(unit.speaker) and (agrees(unit.speaker) or gender is None):
                return unit.speaker, confidence
            if fits(unit.speaker) and unsure is None:
                unsure = (unit.speaker, confidence)  # their gender unknown: look further
            continue
        narration = unit.narration
        if unit.tag and (back == index or unit.kind != "quote"):
            narration = narration[: unit.tag.start]
        mentions = people.mentions(narration)
        if distance == 1 and slip is None:
            subjects = [
                name
                for _, name in mentions
                if name not in named_in_quote and people.by_name[name].tagged
            ]
            slip = subjects[0] if subjects else None
        kind, subject, where = clause_subject(narration.strip(), people, ctx.recent_speakers(back))
        if back == index and quote_text:  # a bare name adopted just now: "Oona says ..., he said"
            named_in_quote |= {name for _, name in people.mentions(quote_text)}
        if not kind and back < index and re.match(_POSSESSIVE.get(gender or "", "(?!)"), narration):
            continue  # "Her best-known project, the Marlow Reach terraces, rises ...": still hers
        if unsure is not None:  # only a person of the right gender beats that speaker
            for name in [subject] + [n for _, n in mentions]:
                if name and fits(name) and agrees(name):
                    return name, confidence
            continue
        if (
            distance == 1
            and slip
            and agrees(slip) is False
            and subject != slip
            and any(person.tagged and fits(name) for name, person in people.by_name.items())
        ):
            # "he said" is no slip for a woman the sentence before only mentions, when a man
            # may have said it; it is for the one that sentence is about ("McDowell still
            # laughs at the memory. '...,' she said.")
            slip = None
        asked = _ASKED_SOMEONE.search(unit.narration) if back < index else None
        if asked and fits(people.resolve(asked.group(1))):
            # "Okonkwo-Hale asked Greaves whether the state could help. 'We've asked,' he
            # said.": the one asked answers
            return people.resolve(asked.group(1)), confidence
        other = kind == "name" and _someone_else(
            people.by_name[subject].gender if subject else None, gender, narration[where:]
        )
        if kind == "name" and fits(subject) and not other:
            return subject, confidence
        if kind in {"he", "she"} and (
            gender is None or {"he": "male", "she": "female"}[kind] == gender
        ):
            earlier = [
                name for offset, name in people.mentions(narration.strip()[:where]) if fits(name)
            ]
            if earlier:
                return earlier[0], confidence  # "By the time Buckley learned it, she was ..."
            called = _NAMED.search(narration.strip()[where:])
            if called and fits(people.resolve(called.group(1))):
                return people.resolve(called.group(1)), confidence  # "he is a man named Okoro"
            if back < index:
                continue  # "And despite her fame, she was ...": the topic goes on
        # "Lund wrote Salt Psalms for her": "her" is someone before, of the gender looked for
        fitting = [name for _, name in mentions if fits(name) and (agrees(name) or not other)]
        if distance > 3:
            if slip:
                return slip, 0.4
            fitting = [name for name in fitting if people.by_name[name].tagged]
        if fitting:
            tagged = [name for name in fitting if people.by_name[name].tagged]
            return (tagged or fitting)[0], confidence
    if unsure is not None:
        return unsure
    if section:  # "The coach / '...,' he recalls. Bernard Fayemi coached ...": named after it
        for ahead in ctx.units[index + 1 : index + 4]:
            if is_section_break(ahead.text):
                break
            found = [name for _, name in people.mentions(ahead.text) if fits(name)]
            if found:
                return found[0], 0.5
    if slip:
        return slip, 0.4
    # Nobody fits nearby: the most talked-about speaker the pronoun can mean (named in a tag,
    # or quoted already through a pronoun: "..., she says")
    spoken = set(ctx.recent_speakers(index, reach=index))
    known = [
        name
        for name, person in people.by_name.items()
        if (person.tagged or name in spoken) and fits(name) and agrees(name)
    ]
    if known:
        return max(known, key=lambda name: ctx.salience[name]), 0.4
    if gender is not None:  # else one whose gender the article does not show
        compatible = [
            name for name, person in people.by_name.items() if person.tagged and fits(name)
        ]
        if compatible:
            return max(compatible, key=lambda name: ctx.salience[name]), 0.35
    named = [name for name in people.by_name if anyone and ctx.salience[name] and fits(name)]
    if named:
        return max(named, key=lambda name: (agrees(name) is True, ctx.salience[name])), 0.3
    return None, 0.0
