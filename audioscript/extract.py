"""Find who says what in an article: quote detection, speaker attribution, name resolution.

The article is cleaned (:func:`audioscript.clean.clean_text`), cut into sentences and
every sentence becomes one or more :class:`Utterance`: a quote by a person or narration.

Two kinds of input are handled by the same rules:

* **with quotation marks** (double, or British single ones with double ones inside): the
  marks decide what is quoted. A quote needs to be more than a scare quote or a title: it
  starts a sentence, follows a colon or a dash, or carries an attribution tag ("..., Baker
  says"). Quotes without a tag in their paragraph continue the speaker of the quote before
  them, or belong to the person the paragraph is about.
* **without quotation marks** (the marks were lost): a sentence is a quote when it
  carries an attribution tag, when it speaks in the first person next to one, or when a
  colon or dash lead-in introduces it. Runs of untagged sentences continue the current
  speaker until the narration resumes: a sentence about the speaker in the third person,
  one with no voice after narration, or a question with no person in it that does not
  come inside the speaker's own words (the journalist's "How will it compare?").

Interviews printed as transcripts ("Q: ... A: ...", "OBI: ...", "Helen Carrow: ...") are
read by their labels in both forms: the interviewer's questions are the narrator's.

Names are resolved to one canonical full name per person: surnames, first names, titles
and honorifics ("Transport Minister Alan Reeve", "Mrs Pryce"), descriptors ("the actress",
"the 74-year-old"), pronouns (by the gender the article shows) and near-miss spellings
("Borislov" for "Borisov") all land on the same :class:`Speaker`. People known only by a
description ("a spokeswoman for the city council said") become speakers of their own.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from audioscript.clean import LETTER, LOWER, UPPER, ArticleEvidence, clean_text, zipf
from audioscript.models import NARRATOR, Speaker, Utterance
from audioscript.names import is_given_name

__all__ = ["SPEECH_VERBS", "Extraction", "extract", "review"]


# --- vocabulary ---------------------------------------------------------------------------

_VERB_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("says", "said"),
    "tell": ("tells", "told"),
    "write": ("writes", "wrote"),
    "begin": ("begins", "began"),
    "go on": ("goes on", "went on"),
    "put in": ("puts in", "put in"),
    "point out": ("points out", "pointed out"),
    "break in": ("breaks in", "broke in"),
    "admit": ("admits", "admitted"),
    "quip": ("quips", "quipped"),
    "grin": ("grins", "grinned"),
    "shrug": ("shrugs", "shrugged"),
    "nod": ("nods", "nodded"),
    "sob": ("sobs", "sobbed"),
    "snap": ("snaps", "snapped"),
    "beg": ("begs", "begged"),
    "marvel": ("marvels", "marveled", "marvelled"),
    "fume": ("fumes", "fumed"),
    "scoff": ("scoffs", "scoffed"),
    "bristle": ("bristles", "bristled"),
    "chide": ("chides", "chided"),
    "huff": ("huffs", "huffed"),
    "gripe": ("gripes", "griped"),
    "sniff": ("sniffs", "sniffed"),
    "vow": ("vows", "vowed"),
    "brag": ("brags", "bragged"),
    "tweet": ("tweets", "tweeted"),
}
# Regular verbs that tag speech; "-s", "-ed" and "-ies"/"-ied" forms are generated.
_REGULAR_VERBS = """
    add agree answer ask acknowledge admit announce argue assent assert beam boast call caution
    chuckle claim clarify comment complain concede conclude concur confess confide continue
    counter cry declare deadpan demand drawl elaborate emphasise emphasize enquire enthuse
    exclaim explain gasp giggle groan growl grumble gush hint inquire insist interject interrupt
    joke lament laugh maintain marvel mumble murmur muse mutter note observe offer order plead
    predict promise protest recall recollect recount reflect rejoin remark remember repeat reply
    respond resume retort reveal roar scream shout shriek sigh smile snarl sneer snort stammer
    state stress stutter suggest summarise summarize urge venture wail warn whimper whisper
    wonder yell assure reassure confirm tease scold hiss bark chirp pledge testify post text
""".split()  # noqa: SIM905
_NO_TAG_VERBS = {"smile", "beam", "wonder", "suggest", "predict", "argue", "claim", "maintain",
                 "assert", "order", "promise", "urge", "call", "offer", "confirm", "pledge", "vow",
                 "bristle", "sniff", "huff", "post", "text"}  # fmt: skip
"""Verbs that tag a quote ("..., she smiles") but on their own do not introduce speech."""


def _regular_forms(verb: str) -> tuple[str, str]:
    if verb.endswith("e"):
        return verb + "s", verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies", verb[:-1] + "ied"
    return verb + "s", verb + "ed"


def _build_speech_verbs() -> dict[str, str]:
    forms: dict[str, str] = {}
    for base, inflected in _VERB_FORMS.items():
        for form in inflected:
            forms[form] = base
    for base in _REGULAR_VERBS:
        for form in _regular_forms(base):
            forms[form] = base
    return forms


SPEECH_VERBS: dict[str, str] = _build_speech_verbs()
"""Inflected speech verb ("says", "recalled") -> base form ("say", "recall")."""

_VERB_RE = "|".join(sorted((re.escape(v) for v in SPEECH_VERBS), key=len, reverse=True))
_ADVERB = (
    r"(?:[a-z]+ly|again|too|now|then|later|today|once|back|afterwards?|yesterday|tonight|earlier"
    r"|recently|(?:on |last |this )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|last (?:week|month|year|night|spring|summer|fall|autumn|winter)|this (?:week|month|year))"
)
_PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|la|le|du|bin|al|el|st\.)"
_TITLE_ABBREVIATIONS = (
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt",
    "Rev", "Det", "Supt", "Insp", "Cmdr", "Adm", "Maj", "Atty", "Amb", "Hon", "Fr", "Cpl", "Pvt",
)  # fmt: skip
_NAME_WORD = (
    rf"(?:[{UPPER}][{LOWER}]*['’]?[{UPPER}]?[{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?|[{UPPER}]\."
    rf"|(?:{'|'.join(_TITLE_ABBREVIATIONS)})\.(?= [{UPPER}]))"  # "Sen. Maria Lopez", "Mr. Kim"
)
_NAME = rf"{_NAME_WORD}(?: (?:{_PARTICLE} )?{_NAME_WORD}){{0,3}}"
_ROLES = """
    actor actress star director filmmaker moviemaker producer writer screenwriter songwriter
    singer musician composer rapper drummer guitarist dancer comedian novelist poet playwright
    author editor critic reporter journalist photographer designer artist painter sculptor chef
    host anchor coach player captain athlete scientist researcher professor teacher student
    doctor physician surgeon nurse lawyer attorney judge prosecutor officer official
    spokesperson spokeswoman spokesman expert veteran founder owner executive president
    chairman chairwoman manager engineer developer programmer farmer worker instructor mother
    father mom dad mum son daughter wife husband woman man boy girl sister brother aunt uncle
    grandmother grandfather friend colleague partner neighbor neighbour postdoc senator
    governor mayor minister economist analyst historian politician psychologist psychiatrist
    therapist activist organizer investigator detective councilman councilwoman councillor
    councilor commissioner chancellor secretary inspector sergeant constable superintendent
    chief headteacher headmaster headmistress principal pastor reverend bishop rabbi imam priest
    vicar resident villager volunteer teenager pensioner retiree shopkeeper commuter passenger
    witness customer parent candidate campaigner protester homeowner landlord landlady tenant
    employee staffer representative ambassador diplomat sheriff deputy firefighter paramedic
    pilot driver freshman sophomore junior senior lawmaker legislator councilmember trustee
    superintendent dean provost
""".split()  # noqa: SIM905
# Organisations that speak in statements: "the company said", "the council said in a statement".
_ORG_ROLES = """
    company firm agency department ministry government council committee board university
    hospital school district airline authority office administration campaign union club team
    league museum charity organization organisation group network studio label police
""".split()  # noqa: SIM905
_ROLES += _ORG_ROLES
# Plus any "-ologist"/"-ist"/"-ian" profession: "immunologist", "physiologist", "musician".
_ROLE_NOUN = "(?:" + "|".join(_ROLES) + r"|[a-z]{3,}(?:ologist|ist|cian)|\d{1,3}-year-old)"
# "a spokeswoman for the city council", "a friend of the family": who the role is for
_ROLE_OF = r"(?:\s+(?:for|of|at|from|with)\s+(?:the\s+)?[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}?)"
_DESCRIPTOR = (
    rf"(?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[a-z-]+(?:['’]s)?\s+){{0,2}}{_ROLE_NOUN}{_ROLE_OF}?"
    rf"|(?:[Hh]is|[Hh]er)\s+(?:[a-z-]+\s+)?{_ROLE_NOUN})"
)
_PRONOUN = r"(?:he|she|they|He|She|They)"
_SPEAKER = rf"(?:{_DESCRIPTOR}|{_NAME}|{_PRONOUN})"

# "I" before a capitalised word is part of a title ("The One I Love", "I'd Do Anything").
_FIRST_PERSON = re.compile(
    r"(?<![-\w])(?:I(?:'m|'ve|'d|'ll|(?!['’]))(?! [A-Z])|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)(?![-\w])"
)
_FIRST_PERSON_WEAK = re.compile(
    r"(?<![-\w])(?:[Ww]e(?:'re|'ve|'d|'ll)?|us|[Oo]urs?|ourselves|[Ll]et's)(?![-\w])"
)
_SECOND_PERSON = re.compile(r"(?<![-\w])(?:[Yy]ou(?:'re|'ve|'d|'ll)?|[Yy]ours?|yourself)(?![-\w])")
_HE = re.compile(r"\b(?:he|He|him|his|His|himself|he's|He's|he'd|He'd)\b")
_SHE = re.compile(r"\b(?:she|She|her|Her|hers|herself|she's|She's|she'd|She'd)\b")

_FEMALE_WORDS = {
    "actress", "mother", "mom", "mum", "daughter", "wife", "woman", "girl", "sister", "aunt",
    "grandmother", "queen", "princess", "lady", "mrs", "ms", "miss", "madam", "spokeswoman",
    "chairwoman", "businesswoman", "congresswoman", "heroine", "niece", "girlfriend", "bride",
    "waitress", "hostess", "stepmother", "granddaughter", "diva", "ballerina",
}  # fmt: skip
_MALE_WORDS = {
    "actor", "father", "dad", "son", "husband", "man", "boy", "brother", "uncle",
    "grandfather", "king", "prince", "gentleman", "mr", "sir", "spokesman", "chairman",
    "businessman", "congressman", "hero", "nephew", "boyfriend", "groom", "waiter", "host",
    "stepfather", "grandson", "lord",
}  # fmt: skip
_NOT_NAME_WORDS = {
    "The", "A", "An", "I", "It", "In", "On", "At", "But", "And", "Or", "So", "If", "When",
    "While", "As", "After", "Before", "Since", "Then", "This", "That", "These", "Those",
    "There", "Here", "He", "She", "They", "We", "You", "His", "Her", "Their", "Our", "My",
    "Your", "Its", "What", "Who", "Why", "How", "Where", "Which", "Yes", "No", "Not", "Oh",
    "Well", "Also", "Still", "Now", "For", "From", "With", "Without", "Of", "To", "By", "Be",
    "Is", "Was", "Are", "Were", "Do", "Did", "Does", "Just", "Even", "Only", "Every", "Each",
    "All", "Some", "Any", "Many", "Most", "More", "Much", "One", "Two", "Three", "First",
    "Last", "Next", "New", "Both", "According", "Despite", "During", "Although", "Though",
    "Because", "Until", "Unless", "Once", "Like", "Maybe", "Perhaps", "Sometimes", "Look",
    "Instead", "Meanwhile", "However", "Moreover", "Yet", "Mr", "Mrs", "Ms", "Dr", "Prof",
    "Sir", "Dame", "Lord", "Lady", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "God", "Oscar", "Oscars",
    "Academy", "Awards", "Festival", "University", "Institute", "School", "College", "Center",
    "Centre", "Hospital", "Hotel", "Company", "Studios", "Pictures", "Magazine", "Times",
    "News", "Post", "Journal", "Department", "Museum", "Society", "Foundation", "Association",
    "Council", "Committee", "Club", "Theater", "Theatre", "Street", "Avenue", "Road", "Park",
    "Island", "City", "County", "State", "States", "River", "Lake", "Mountain", "Valley",
    "Beach", "Bay", "Prize", "Award", "Nobel", "Golden", "Globe", "Globes", "Cannes",
    "Competition", "Palme", "US", "U.S.", "UK", "Instagram", "Zoom", "Netflix", "Google",
    "Twitter", "Facebook", "YouTube", "Wired", "Science", "Nature", "Correction", "Photo",
    "Image", "Credit", "Courtesy", "Getty", "Images", "Ole",
}  # fmt: skip
_ORG_WORDS = {
    "University", "Institute", "School", "College", "Center", "Centre", "Hospital", "Hotel",
    "Company", "Studios", "Pictures", "Magazine", "Times", "News", "Journal", "Department",
    "Museum", "Society", "Foundation", "Association", "Council", "Committee", "Club",
    "Theater", "Theatre", "Street", "Avenue", "Road", "Park", "Island", "City", "County",
    "State", "States", "River", "Lake", "Valley", "Beach", "Bay", "Prize", "Award", "Awards",
    "Festival", "Academy", "Laboratory", "Lab", "Labs", "Agency", "Bureau", "Ministry",
    "Court", "Party", "Church", "Records", "Entertainment", "Productions", "Films", "Network",
    "Group", "Inc", "Ltd", "Corp", "Genomics", "Medicine", "Research", "Sciences", "Biology",
    "Transactions", "Opry", "Junction", "Borough", "Station", "Heights", "Village", "Township",
    "Harbor", "Harbour", "Airport", "Plaza", "Courier", "Gazette", "Herald", "Tribune",
    "Chronicle", "Observer", "Telegraph", "Radio", "Television", "Weekly", "Register",
    "Inquirer", "Sentinel", "Examiner", "Bulletin", "Dispatch", "Courthouse", "Stadium", "Arena",
    "Library", "Gallery", "Authority", "Commission", "Services", "Railway", "Transit", "Senate",
    "Congress", "Parliament", "Assembly", "Police", "Army", "Navy", "League", "Cup",
    "Championship", "Olympics",
}  # fmt: skip

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "sgt", "vs", "etc", "no", "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "mt", "ft",
    "approx", "dept", "univ", "ave", "blvd", "e.g", "i.e",
    *(title.lower() for title in _TITLE_ABBREVIATIONS),
}  # fmt: skip


# --- public values -------------------------------------------------------------------------


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


# --- sentences -----------------------------------------------------------------------------


@dataclass
class _Sentence:
    line: int  # 1-based input line
    paragraph: int  # index of the non-empty input line
    text: str  # cleaned text, quotation marks kept
    source: str  # raw text of the sentence (or of its line, when they cannot be aligned)
    mask: list[bool]  # per character of ``text``: inside quotation marks
    first_in_paragraph: bool = False
    last_in_paragraph: bool = False


@dataclass(frozen=True)
class _Marks:
    """The quotation marks an article uses: curly or straight double quotes, or single ones."""

    opening: str
    closing: str
    straight: str  # a mark that both opens and closes, or ""

    def first(self, line: str) -> str:
        """Whether the first mark of ``line`` opens ("open") or closes ("close") a quote."""
        for i, char in enumerate(line):
            after = line[i + 1 : i + 2]
            if char in self.opening:
                return "open"
            if char in self.closing and not (self is _SINGLE and after.isalpha()):
                return "close"
            if char and char in self.straight:
                odd = line.count(char) % 2 == 1
                return "close" if odd and line[:i].strip() else "open"
        return ""

    def starts(self, line: str) -> bool:
        stripped = line.lstrip()
        return bool(stripped) and (
            stripped[0] in self.opening or stripped[0] in (self.straight or "\0")
        )


_DOUBLE = _Marks("“„«", "”»", '"')
_SINGLE = _Marks("‘", "’", "")


def _quote_marks(text: str) -> _Marks | None:
    """Double quotes when the article has them, else single quotes used as quotation marks.

    Single marks win when they open more quotes than double ones do: British style puts
    quotes in single marks and the quotes inside them in double ones.
    """
    doubles = sum(text.count(q) for q in "“„«") + text.count('"') // 2
    singles = text.count("‘")
    if singles >= 2 and singles > doubles:
        return _SINGLE  # British style: 'single marks outside, "double" ones nested inside'
    if sum(text.count(q) for q in "“”„«»") >= 2 or text.count('"') >= 2:
        return _DOUBLE
    if singles >= 2:
        return _SINGLE
    return None


def _quote_mask(paragraph: str, open_at_start: bool, marks: _Marks) -> tuple[list[bool], bool]:
    """Which characters lie inside quotation marks, and whether a quote is left open."""
    mask = [False] * len(paragraph)
    inside = open_at_start
    for i, char in enumerate(paragraph):
        before = paragraph[i - 1] if i else " "
        after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
        if char in marks.opening:
            inside = True
        elif char in marks.closing:
            if marks is _SINGLE and (after.isalpha() or not inside):
                mask[i] = inside  # an apostrophe: "it’ll", "’em"
                continue
            mask[i] = True
            inside = False
            continue
        elif char and char in marks.straight:
            if not inside and (before.isspace() or before in "([—–-:" or i == 0):
                inside = True
            elif inside and (not after.isalnum() or before in ".,!?…"):
                mask[i] = True
                inside = False
                continue
            else:
                inside = not inside
        mask[i] = inside
    return mask, inside


_BOUNDARY = re.compile(rf"([.!?…]+)([”\"’)\]]*)(\s+)(?=[“\"‘(\[]?[{UPPER}0-9])")
_TAG_AHEAD = re.compile(
    rf"(?:{_NAME}|{_DESCRIPTOR}) (?:{_ADVERB} )?(?:{_VERB_RE})\b"
    rf"(?:,? (?:{_ADVERB}|of [^.!?]{{1,40}}))?[.!?,]"
    rf"|(?:{_VERB_RE}) (?:{_NAME}|{_DESCRIPTOR})[.!?,]"
)


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph.

    A stop ends a sentence unless it belongs to an abbreviation or initial ("Dr.", "U.S.",
    "T. muris"), or the next words are the quote's tag ("...? Pluznick recalled.").
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        following = text[match.end() :]
        if match.group(1) == "." and _is_abbreviation(text[start : match.start(1)], following):
            continue
        if (match.group(1) in "?!" or match.group(2)) and _TAG_AHEAD.match(following):
            continue
        spans.append((start, match.end(2)))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _is_abbreviation(before: str, following: str) -> bool:
    words = re.findall(r"[A-Za-z.]+$", before)
    last = words[-1] if words else ""
    if last.lower().rstrip(".") in {"no", "vol", "fig"}:
        return following[:1].isdigit()  # "No. 6", but "My knees say no. The bees say yes."
    if last.lower().rstrip(".") in _ABBREVIATIONS:
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", last):  # "U.S", "O.K", "e.g"
        return not re.match(r"(?:[A-Z][a-z]+ )?(?:[a-z]|I\b)", following) or following.startswith(
            ("I ", "I'")
        )
    return bool(re.fullmatch(r"[A-Z]", last))  # an initial: "Michael J. Fox", "T. muris"


def _sentences(
    raw_lines: Sequence[str], clean_lines: Sequence[str], marks: _Marks | None
) -> list[_Sentence]:
    sentences: list[_Sentence] = []
    open_quote = False
    paragraph = -1
    for number, (raw, line) in enumerate(zip(raw_lines, clean_lines), start=1):
        if not line.strip():
            continue
        paragraph += 1
        if marks is not None:
            mask, open_quote = _quote_mask(line, open_quote and _reopens(line, marks), marks)
            open_quote = open_quote and _continues_quote(clean_lines, number, marks)
        else:
            mask = [False] * len(line)
        spans = _split_sentences(line)
        raw_spans = _split_sentences(raw)
        for index, (start, end) in enumerate(spans):
            chunk = line[start:end]
            lead = len(chunk) - len(chunk.lstrip())
            text = chunk.strip()
            if len(raw_spans) == len(spans):
                source = raw[raw_spans[index][0] : raw_spans[index][1]].strip()
            else:
                source = text
            sentences.append(
                _Sentence(
                    line=number,
                    paragraph=paragraph,
                    text=text,
                    source=source,
                    mask=mask[start + lead : start + lead + len(text)],
                    first_in_paragraph=index == 0,
                    last_in_paragraph=index == len(spans) - 1,
                )
            )
    return sentences


def _reopens(line: str, marks: _Marks) -> bool:
    """A paragraph continuing an open quote goes on until its first (closing) mark, unless it
    reopens the quote with an opening mark of its own."""
    return not marks.starts(line) and marks.first(line) == "close"


def _continues_quote(lines: Sequence[str], number: int, marks: _Marks) -> bool:
    """A quote left open at the end of a paragraph goes on in the next one.

    That is so when the next paragraph reopens it (the convention for quotes running over
    several paragraphs) or when it closes it before opening another (one sentence per line).
    """
    for following in lines[number:]:
        if following.strip():
            return marks.starts(following) or marks.first(following) == "close"
    return False


# --- people --------------------------------------------------------------------------------


@dataclass
class _Person:
    name: str
    aliases: set[str] = field(default_factory=set)
    female: float = 0.0
    male: float = 0.0
    descriptor: str = ""
    tagged: bool = False  # named in an attribution tag somewhere in the article

    @property
    def gender(self) -> str | None:
        if self.female > self.male:
            return "female"
        if self.male > self.female:
            return "male"
        return None


class _People:
    """Every person the article names, with aliases, descriptors and gender evidence."""

    def __init__(self, text: str, evidence: ArticleEvidence, tag_names: Iterable[str]) -> None:
        self.by_name: dict[str, _Person] = {}
        self.alias: dict[str, str] = {}
        self._descriptor_of: dict[str, str] = {}
        self.titles = titles = _titles(evidence)
        full_names: Counter[str] = Counter()
        for match in re.finditer(_NAME, text):
            words = _trim_name(re.split(r"(?<=['’]s) ", match.group())[0].split())
            written = [_trim_possessive(w) for w in match.group().split()]
            named = written[written.index(words[0]) :] if words and words[0] in written else []
            if any(w in _ORG_WORDS for w in named) or _after_the(text, match.start(), written):
                continue  # "Kingsmere Borough Council", "The Glenmoor Courier": not a person
            if (
                len(words) == 3
                and zipf(words[0]) >= 4.5
                and re.search(r"(?:^|[.!?:;“‘\"]\s*)$", text[: match.start()])
            ):  # "Ask Maureen Tully.": a sentence's first word before the name
                words = words[1:]
            if len(words) >= 2 and not any(w in _ORG_WORDS or w in titles for w in words):
                full_names[" ".join(words)] += 1
        tagged = Counter(" ".join(_trim_name(n.split())) or _trim_possessive(n) for n in tag_names)
        tagged_words = {w for n in tagged for w in n.split()}
        # Longer names first, then in order of appearance: when two people share a surname
        # ("Walter Kessling", "his daughter, Nina Kessling"), the surname is the first one's.
        for name in sorted(full_names, key=lambda n: (-len(n.split()), -full_names[n])):
            words = name.split()
            if self._resolve_exact(name):
                continue
            if not tagged_words.intersection(words) and not _looks_like_person(words):
                continue
            self._add(name)
        for surface in tagged:
            if surface in titles or surface in _NOT_NAME_WORDS:
                continue
            if not (self._resolve_exact(surface) or self._resolve_typo(surface)):
                self._add(surface)
        for match in _BIRTH_NAME.finditer(text):
            self._merge_birth_name(match.group("born") or match.group("nee"), text)
        for surface in tagged:
            canonical = self._resolve_exact(surface) or self._resolve_typo(surface)
            if canonical:
                self.by_name[canonical].tagged = True
                self.by_name[canonical].aliases.add(surface)

    def _add(self, name: str) -> None:
        person = _Person(name)
        self.by_name[name] = person
        words = name.split()
        for alias in {name, words[-1], words[0]} if len(words) > 1 else {name}:
            if alias.rstrip(".") in {"Jr", "Sr"} or len(alias) < 2:
                continue
            if alias in self.alias and self.alias[alias] != name and alias != name:
                continue  # two people share a first name or a surname: keep the first
            self.alias[alias] = name
            person.aliases.add(alias)

    def _merge_birth_name(self, surface: str, text: str) -> None:
        """"Dolores Marie Clement was born in Baltimore" in the obituary of Dolores
        Whitfield: a birth name is the same person as the one other person with that first
        name, as long as the article never calls anybody by its surname alone."""
        birth = self.alias.get(" ".join(_trim_name(surface.split())))
        if birth is None or birth not in self.by_name or len(birth.split()) < 2:
            return
        first, surname = birth.split()[0], birth.split()[-1]
        others = [
            name
            for name in self.by_name
            if name != birth and name.split()[0] == first and name.split()[-1] != surname
        ]
        if len(others) != 1 or any(
            not _inside_full_name(text, m.start())
            for m in re.finditer(rf"\b{re.escape(surname)}\b", text)
        ):
            return
        person = self.by_name.pop(birth)
        for alias in person.aliases:
            if self.alias.get(alias) != birth:
                continue
            if alias == surname:
                del self.alias[alias]  # nobody is called by it alone
            else:
                self.alias[alias] = others[0]
                self.by_name[others[0]].aliases.add(alias)

    def _resolve_exact(self, surface: str) -> str | None:
        surface = _trim_possessive(surface)
        if surface in self.alias:
            return self.alias[surface]
        words = surface.split()
        trimmed = _trim_name(words)
        if trimmed and len(trimmed) < len(words):  # "Mrs Pryce", "Transport Minister Alan Reeve"
            return self._resolve_exact(" ".join(trimmed))
        if len(words) > 1 and words[-1] in self.alias:
            candidate = self.alias[words[-1]]
            if candidate.split()[0] == words[0] or len(candidate.split()) == 1:
                return candidate
        return None

    def _resolve_typo(self, surface: str) -> str | None:
        """A near-miss spelling of a known surname ("Borislov" for "Borisov")."""
        if " " in surface or len(surface) < 5:
            return None
        best: tuple[int, str] | None = None
        for alias, name in self.alias.items():
            if " " in alias or abs(len(alias) - len(surface)) > 2 or alias[0] != surface[0]:
                continue
            distance = _edit_distance(alias.lower(), surface.lower())
            limit = 1 if len(surface) < 8 else 2
            if 0 < distance <= limit and (best is None or distance < best[0]):
                best = (distance, name)
        return best[1] if best else None

    def resolve(self, surface: str) -> str | None:
        """The canonical name for a name as written, or None when it names nobody known."""
        name = self._resolve_exact(surface) or self._resolve_typo(surface)
        if name:
            self.by_name[name].aliases.add(_trim_possessive(surface))
        return name

    def adopt(self, surface: str) -> str:
        """Add a person the article names only once, with no first name and no tag."""
        name = self._resolve_exact(surface) or self._resolve_typo(surface)
        if name is None:
            self._add(surface)
            name = surface
        return name

    def anonymous(self, phrase: str, gender: str | None) -> str:
        """A speaker known only by a description ("a police spokesperson")."""
        words = phrase.split()[1:]
        name = " ".join(words)
        name = name[:1].upper() + name[1:]
        if name not in self.by_name:
            self.by_name[name] = _Person(name, descriptor=phrase.lower(), tagged=True)
            if gender:
                setattr(self.by_name[name], gender, 1.0)
        return name

    def by_descriptor(self, phrase: str) -> str | None:
        """The one person the article describes with ``phrase`` ("the actress")."""
        noun = phrase.split()[-1].lower()
        return self._descriptor_of.get(noun)

    def mentions(self, text: str) -> list[tuple[int, str]]:
        """(offset, canonical name) of every person named or described in ``text``, in order."""
        found: list[tuple[int, str]] = []
        for match in re.finditer(_NAME, text):
            words = match.group().split()
            offset = match.start()
            while len(words) > 1 and (
                words[0].rstrip(".") in _HONORIFICS or words[0].lower() in _ROLES
            ):  # "Mrs Pryce", "Director Lena Ortiz": the name starts after the title
                offset += len(words[0]) + 1
                words = words[1:]
            while words:
                size = 1
                for size in range(len(words), 0, -1):
                    surface = " ".join(words[:size])
                    name = self._resolve_exact(surface)
                    if name is None and size == 1:
                        name = self._resolve_typo(surface)
                        if name:
                            self.by_name[name].aliases.add(surface)  # "Borislov"
                    if name:
                        found.append((offset, name))
                        break
                offset += len(" ".join(words[:size])) + 1
                words = words[size:]
        for match in re.finditer(rf"\b[Tt]he (?:[a-z-]+ )?({_ROLE_NOUN})\b", text):
            name = self._descriptor_of.get(match.group(1).lower())
            if name:
                found.append((match.start(), name))
        return sorted(found)

    def learn(self, narration: Sequence[str], tags: Sequence[bool] = ()) -> None:
        """Learn descriptors and gender: role words beside names, pronouns after them.

        ``tags`` marks the sentences that are a quote with its tag: the sentence after one
        goes back to the story more often than it goes on about the speaker ("..., said her
        neighbour, Victor Hale. She grew up on the estate.")."""
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        for index, text in enumerate(narration):
            mentions = self.mentions(text)
            for position, (offset, name) in enumerate(mentions):
                person = self.by_name[name]
                before = text[max(0, offset - 40) : offset]
                if position > 0:
                    before = before[max(0, len(before) - (offset - mentions[position - 1][0])) :]
                role = re.search(
                    rf"(?i:\b(?:{_ROLE_NOUN}),?\s+(?:[a-z-]+\s+)?)?\b(?i:({_ROLE_NOUN}))\s+$",
                    before,
                )
                kin = re.search(
                    rf"(?i:\b({_ROLE_NOUN})),\s+(?:[a-z-]+\s+)?(?i:{_ROLE_NOUN})\s+$", before
                )
                aside = re.search(  # "The lead author, Lucia Ferro, ...", "his daughter, Nina"
                    rf"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?:[a-z'’-]+\s+){{0,2}}"
                    rf"({_ROLE_NOUN}),\s+$",
                    before,
                )
                surface = re.match(_NAME, text[offset:])
                after = text[offset + (surface.end() if surface else 0) :][:80]
                appositive = re.match(
                    rf"(?:['’]s)?,? (?:—|–|-)?\s*(?:a|an|the|who is|now) "
                    rf"(?:[A-Za-z-]+ ){{0,3}}?({_ROLE_NOUN})\b",
                    after,
                )
                more = []
                if appositive:  # "..., a climate scientist at X and the study's lead author"
                    clause = re.split(r"[.;:!?“”\"]", after[appositive.end() :], maxsplit=1)[0]
                    more = list(
                        re.finditer(
                            rf"\band (?:an?|the|its|(?:the )?[a-z]+['’]s) (?:[A-Za-z-]+ ){{0,2}}?"
                            rf"({_ROLE_NOUN})\b",
                            clause,
                        )
                    )
                for found in (role, kin, aside, appositive, *more):
                    if not found:
                        continue
                    noun = found.group(1).lower()
                    if found is not kin:
                        roles[name][noun] += 1
                    if noun in _FEMALE_WORDS:
                        person.female += 3
                    elif noun in _MALE_WORDS:
                        person.male += 3
                age = re.match(r",\s+(\d{1,3}),", after)  # "Margaret Pryce, 74, said"
                if age:
                    roles[name][f"{age.group(1)}-year-old"] += 1
                    if 13 <= int(age.group(1)) <= 19:
                        roles[name]["teenager"] += 1
                honorific = re.search(r"\b(Mr|Mrs|Ms|Miss)\.? $", text[:offset])
                if honorific and honorific.group(1) == "Mr":
                    person.male += 3
                elif honorific:
                    person.female += 3
            # Pronouns following a sentence about exactly one person point to that person.
            names = {name for _, name in mentions}
            if len(names) == 1:
                name = names.pop()
                first = mentions[0][0]
                rest = text[first:]
                following = narration[index + 1] if index + 1 < len(narration) else ""
                if index < len(tags) and tags[index]:
                    following = ""
                if not self.mentions(following):
                    rest += " " + following
                he = len(re.findall(r"\b(?:he|He|his|His|himself)\b", rest))
                she = len(re.findall(r"\b(?:she|She|herself)\b", rest))
                self.by_name[name].male += he
                self.by_name[name].female += she
        for name, nouns in roles.items():
            noun, _ = nouns.most_common(1)[0]
            self.by_name[name].descriptor = f"the {noun}"
        holders: dict[str, set[str]] = defaultdict(set)
        for name, nouns in roles.items():
            for noun in nouns:
                holders[noun].add(name)
        self._descriptor_of = {
            noun: next(iter(names)) for noun, names in holders.items() if len(names) == 1
        }


_BIRTH_NAME = re.compile(rf"\b(?:[Bb]orn|née|nee) (?P<nee>{_NAME})|(?P<born>{_NAME}),? was born\b")


def _inside_full_name(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows a given name ("Bernadette Clement"), rather than
    standing alone ("Clement said", "Mrs. Clement")."""
    before = re.search(rf"([{UPPER}][{LOWER}]+)(?:-[{LETTER}]+)* $", text[max(0, start - 40) : start])
    return before is not None and before.group(1) not in {*_HONORIFICS, "The", "A", "An"}


def _titles(evidence: ArticleEvidence) -> set[str]:
    """Capitalised words the raw text glued to a lowercase neighbour: italic titles, not people."""
    return set(evidence.titles)


def _trim_possessive(surface: str) -> str:
    return re.sub(r"['’]s$", "", surface.strip())


_HONORIFICS = {"Miss", "Sir", "Dame", "Lord", "Lady", *_TITLE_ABBREVIATIONS}


def _trim_name(words: list[str]) -> list[str]:
    """Drop sentence-opening words, honorifics and titles that the name pattern swallowed
    ("When Baker", "Mrs Pryce", "Transport Minister Alan Reeve")."""
    words = [_trim_possessive(w) for w in words]
    while words and (
        words[0] in _NOT_NAME_WORDS
        or words[0].rstrip(".") in _HONORIFICS
        or words[0].lower() in _ROLES
    ):
        words = words[1:]
    titled = [i for i, word in enumerate(words[:-1]) if word.lower() in _ROLES]
    if titled:
        words = words[titled[-1] + 1 :]
    while words and (words[-1] in _NOT_NAME_WORDS or words[-1].endswith(".")):
        words = words[:-1]
    return words


def _after_the(text: str, start: int, written: list[str]) -> bool:
    """A name the article writes after "the" names a thing ("the Beverly Hilton", "The
    Glenmoor Courier"), not a person; "the director Sean Baker" has the role in between."""
    # a short look back, not the text so far: this runs for every name in the article
    before = text[max(0, start - 10) : start].rstrip(" \t")
    opens = not before or before[-1] in '.!?:;"“”‘\n'
    if written and written[0] == "The" and not opens:
        return True  # "with The Glenmoor Courier" (a capital "The" mid-sentence)
    return bool(re.search(r"\bthe\s+$", text[max(0, start - 5) : start]))


def _looks_like_person(words: list[str]) -> bool:
    """Two or three capitalised words, none of them a very common English word ("Sean
    Baker"), or a given name before a surname ("Paul Abney", "Grace Park")."""
    if len(words) > 3:
        return False
    if is_given_name(words[0]) and zipf(words[-1]) < 5.3 and not is_given_name(words[-1]):
        return True
    return zipf(words[-1]) < 5.3 and zipf(words[0]) < 5.0 and not any(zipf(w) >= 5.5 for w in words)


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


# --- attribution tags ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tag:
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
# "..., he says of the film", "..., she said, laughing"
_TRAILER = (
    rf"(?:,?\s+(?:{_ADVERB}|{_TRAILER_WORD})\b[^.!?;:“”\"]{{0,60}}?"
    # "..., she said in a phone interview from a clinic, where she was being treated."
    r"(?:,\s+(?:where|who|which|when|while)\b[^.!?;:“”\"]{0,80}?)?)?"
)
_OBJECT = (
    r"(?:\s+(?:me|us|him|her|them|reporters|journalists)"
    # who was told: "told the jury", "told councillors", "told BBC Radio Kingsmere"
    rf"|(?:(?<=told)|(?<=tells))\s+(?:the\s+)?(?:[{UPPER}][\w.&’'-]*(?:\s+[{UPPER}][\w.&’'-]*){{0,4}}"
    r"|[a-z]+))?"
)
# "the spokesperson, Amanda Osei, said", "Amanda Osei, the spokesperson, said"
_APPOSITIVE = rf"(?P<aside>,\s+(?:{_DESCRIPTOR}|{_NAME}|\d{{1,3}}),)?"
_TAG_END = re.compile(
    rf"[,?!—–…]\s*(?P<tag>(?P<spk>{_SPEAKER}){_APPOSITIVE}\s+(?:{_ADVERB}\s+)?"
    rf"(?P<verb>{_VERB_RE}){_OBJECT}{_TRAILER})"
    r"\s*[.!?…]*\s*$"
)
_TAG_END_INVERTED = re.compile(
    rf"[,?!—–…]\s*(?P<tag>(?P<verb>{_VERB_RE})\s+"
    rf"(?:(?:[a-z-]+\s+){{0,2}}{_ROLE_NOUN}\s+(?={_NAME_WORD}))?"  # "said junior Maya Lin"
    rf"(?P<spk>{_DESCRIPTOR}|{_NAME}|he|she)\b)"
    r"(?P<appos>,\s+[^“”\"]*?)?\s*[.!?…]*\s*$"
)
_TAG_MIDDLE = re.compile(
    rf"^(?P<pre>.*?[^\s,]),\s+(?P<tag>"
    rf"(?P<spk>{_SPEAKER}){_APPOSITIVE}\s+(?:{_ADVERB}\s+)?(?P<verb>{_VERB_RE})(?:\s+{_ADVERB})?"
    rf"|(?P<verb2>{_VERB_RE})\s+(?P<spk2>{_DESCRIPTOR}|{_NAME}|he|she)\b)"
    r"(?P<appos>,\s+[^,“”\"]{3,90}?)?[,;:—–]\s+(?P<post>.+)$"
)
_TAG_LEAD = re.compile(
    rf"^(?P<as>[Aa]s\s+)?(?P<tag>(?P<spk>{_SPEAKER})\s+(?:{_ADVERB}\s+)?"
    rf"(?P<verb>{_VERB_RE}|(?(as)puts? it|(?!)))(?:\s+{_ADVERB})?)"  # "As Lee put it: ..."
    r"\s*(?P<sep>:|,)\s+(?P<post>.+)$"
)
_REPORTED = re.compile(
    rf"(?P<spk>{_SPEAKER})\s+(?:{_ADVERB}\s+)?(?P<verb>{_VERB_RE})(?:\s+{_ADVERB})?"
    rf"(?:\s+(?:me|us|him|her|them|reporters|[{UPPER}][{LOWER}]+))?(?:,[^,]{{1,40}},)?"
    r"\s+(?:that|how|why|whether|if)\b"
)
_AS_TAG = re.compile(
    rf"\b(?:[Aa]s (?:{_SPEAKER}) (?:{_VERB_RE})(?!\s*:)|[Aa]ccording to (?:{_SPEAKER}))\b"
)  # not "As Lee put it: ...", which introduces a quote
_NOT_SPEAKERS = {
    "I", "We", "we", "You", "you", "It", "it", "This", "That", "There", "What", "Who", "One",
}  # fmt: skip


_VERB_START = re.compile(
    r"(?:is|was|are|were|has|have|had|can|could|will|would|may|might|should|must|does|did|"
    r"(?!this|thus|yes|perhaps|always|us|its|his|hers)[a-z]+s|[a-z]+ed)\b"
)


def _speaker_ok(spk: str | None) -> bool:
    if not spk:
        return False
    words = spk.split()
    first = words[0]
    if first in _NOT_SPEAKERS and not re.fullmatch(_DESCRIPTOR, spk):
        return False  # "One" alone is nobody; "one resident" is someone
    if first.rstrip(".") in _HONORIFICS and len(words) > 1:
        return True  # "Mrs Pryce"
    return not (
        first in _NOT_NAME_WORDS and first not in {"He", "She", "They", "The", "His", "Her"}
    )


_ASKED = re.compile(r"(?:When\s+)?[Aa]sked\b")
# The editor's note under an interview: "This interview has been edited and condensed."
_EDITORIAL = re.compile(
    r"\b(?:interview|conversation|transcript|exchange)s? (?:has|have) been (?:lightly )?"
    r"(?:edited|condensed)|\bedited (?:and condensed )?for (?:length|clarity|space)",
    re.IGNORECASE,
)


def _find_tag(text: str) -> _Tag | None:
    """An attribution tag at the end, in the middle or at the start of ``text``."""
    for kind, pattern in (("end", _TAG_END), ("inverted", _TAG_END_INVERTED)):
        match = pattern.search(text)
        if match and match.start() > 0:
            if _ASKED.match(text):
                continue  # "Asked whether she would sleep, Nwosu grinned.": the writer's scene
            spk, descriptor = _aside(match)
            if spk is None or not _speaker_ok(spk):
                continue
            return _Tag(
                spk, match.group("verb"), match.group("tag"), match.start(), len(text), kind,
                descriptor=descriptor,
            )  # fmt: skip
    match = _TAG_MIDDLE.search(text)
    if match:
        spk, descriptor = _aside(match)
        verb = match.group("verb") or match.group("verb2")
        if spk is not None and _speaker_ok(spk):
            reported = bool(re.match(r"(?:that|how|why|whether)\b", match.group("post")))
            pre = match.group("pre")
            if (
                len(pre.split()) <= 6
                and _voice(pre) == "neutral"
                and _VERB_START.match(match.group("post"))
            ):
                # "This system, says Locksley, helps ...": one clause cut in two by the tag
                kind = "paraphrase"
            else:
                kind = "middle"
            return _Tag(
                spk, verb, match.group("tag"), match.end("pre"), match.start("post"), kind, reported,
                descriptor,
            )  # fmt: skip
    match = _TAG_LEAD.search(text)
    if (
        match
        and (not match.group("as") or match.group("sep") == ":")  # "As Lee put it: ..."
        and _speaker_ok(match.group("spk"))
        and SPEECH_VERBS.get(match.group("verb")) not in _NO_TAG_VERBS
        and not (  # "He growled, and tried to look sulky": narration going on
            match.group("sep") == "," and re.match(r"(?:and|but|then|or)\b", match.group("post"))
        )
    ):
        reported = bool(re.match(r"(?:that|how|why|whether)\b", match.group("post")))
        return _Tag(
            match.group("spk"),
            match.group("verb"),
            match.group("tag"),
            0,
            match.start("post"),
            "lead",
            reported,
        )
    return None


def _aside(match: re.Match[str]) -> tuple[str | None, str]:
    """The speaker of a tag match and the description set beside it: "the spokesperson,
    Amanda Osei, said" is Amanda Osei, "the spokesperson"; so is "Amanda Osei, the
    spokesperson, said". None when the aside is no such pair ("Paris, France, said")."""
    groups = match.groupdict()
    spk = groups.get("spk") or groups.get("spk2") or ""
    aside = (groups.get("aside") or "").strip(", ")
    after = (groups.get("appos") or "").strip(", ")
    if not aside and _is_descriptor(spk) and re.fullmatch(_NAME, after) and _speaker_ok(after):
        return after, spk  # "..., said her neighbour, Victor Hale."
    if not aside:
        return spk, ""
    if aside.isdigit() and re.fullmatch(_NAME, spk):
        return spk, ""  # "Lopez, 54, said"
    if _is_descriptor(spk) and re.fullmatch(_NAME, aside) and _speaker_ok(aside):
        return aside, spk
    if re.fullmatch(_NAME, spk) and _is_descriptor(aside):
        return spk, aside
    return None, ""


def _is_pronoun(spk: str) -> bool:
    return spk.lower() in {"he", "she", "they"}


def _is_descriptor(spk: str) -> bool:
    return bool(re.fullmatch(_DESCRIPTOR, spk))


def _is_organisation(spk: str) -> bool:
    """"the company", "the state transport department": without quotation marks, what such
    a tag closes is its statement only when it speaks as "we" ("..., the company said")."""
    return _is_descriptor(spk) and spk.split()[-1].lower() in _ORG_ROLES


# --- units -----------------------------------------------------------------------------------


@dataclass
class _Unit:
    """One utterance in the making: a sentence, or a part of one."""

    sentence: _Sentence
    text: str
    kind: str = "narration"
    speaker: str = NARRATOR
    tag: _Tag | None = None
    confidence: float = 0.9
    reason: str = ""
    spoken: str = ""  # what a quote says aloud
    narration: str = ""  # the unit with quoted stretches blanked out (same length as text)
    share: float = 0.0  # share of words inside quotation marks
    fixed: bool = False  # decided by the transcript pass; the other passes leave it alone


def _units(sentence: _Sentence, quoted: bool) -> list[_Unit]:
    """The units of one sentence: usually one; a narration lead-in and its colon quote make two."""
    if not quoted:
        text = sentence.text
        colon = text.find(": ")
        tag = _find_tag(text)
        if colon > 0 and not _FIRST_PERSON.search(text[:colon]) and len(text[:colon].split()) >= 3:
            lead = text[: colon + 1]
            after_tag = tag is not None and tag.kind in {"end", "inverted"} and colon < tag.start
            before_tag = _TAG_END.search(", " + lead.rstrip(":") + ".") or _TAG_MIDDLE.search(
                lead.rstrip(":") + ": x"
            )
            if (after_tag or before_tag) and not _TAG_LEAD.match(lead + " x"):
                return _split_at_colon(sentence, lead, colon + 2)
        opener = _lead_in_opener(text)
        if opener is not None:
            return _split_at_colon(sentence, text[:opener].rstrip(), opener)
    if quoted:
        quote_start = _colon_lead_in(sentence)
        if quote_start is not None:
            lead = sentence.text[:quote_start].rstrip()
            if not _TAG_LEAD.match(lead + " x"):  # "Smith agreed: ..." stays one quote with its tag
                return _split_at_colon(sentence, lead, quote_start)
    return [_measure(_Unit(sentence, sentence.text))]


def _lead_in_opener(text: str) -> int | None:
    """Without quotation marks, where a quote introduced by a colon or a dash starts.

    The lead-in is narration (three words or more, no "I"); after a colon the words speak
    in the first person ("She put it simply: Everything I owned was under the water."),
    after a dash they open on a capitalised common word, which prose after a dash never
    does ("Ferreira was more philosophical — Flour is cheap.").
    """
    for match in re.finditer(r"(?::|\s[—–])\s+(?=[A-Z])", text):
        lead, rest = text[: match.start()], text[match.end() :]
        if _FIRST_PERSON.search(lead) or len(lead.split()) < 3:
            return None
        if match.group().startswith(":"):
            if _FIRST_PERSON.search(rest) and not _find_tag(rest):
                return match.end()
            continue
        word = re.match(r"[A-Za-z]+", rest)
        if word and (word.group() == "I" or zipf(word.group()) >= 3.5) and len(rest.split()) > 1:
            return match.end()
    return None


def _split_at_colon(sentence: _Sentence, lead: str, colon: int) -> list[_Unit]:
    """A narration lead-in and the quote it introduces; a tag closing the lead-in
    ("..., the director laughed:") attributes the quote."""
    head = replace(
        sentence, text=lead, source=lead, mask=[False] * len(lead), last_in_paragraph=False
    )
    tail_text = sentence.text[colon:]
    tail_mask = sentence.mask[colon:] if any(sentence.mask) else [False] * len(tail_text)
    tail = replace(
        sentence, text=tail_text, source=tail_text, mask=tail_mask, first_in_paragraph=False
    )
    quote = _measure(_Unit(tail, tail_text, reason="after colon"))
    lead_tag = _TAG_END.search(", " + lead.rstrip(":") + ".") or _TAG_MIDDLE.search(
        lead.rstrip(":") + ": x"
    )
    if lead_tag:
        spk = lead_tag.group("spk") or (lead_tag.groupdict().get("spk2") or "")
        verb = lead_tag.group("verb") or (lead_tag.groupdict().get("verb2") or "")
        if _speaker_ok(spk):
            quote.tag = _Tag(spk, verb, lead_tag.group("tag"), 0, 0, "lead")
            quote.reason = "lead-in tag"
    return [_measure(_Unit(head, lead)), quote]


def _colon_lead_in(sentence: _Sentence) -> int | None:
    """Where a quote introduced by a colon or a dash starts, when the sentence is narration up
    to there."""
    text, mask = sentence.text, sentence.mask
    for match in re.finditer(r"(?::|\s[—–])\s+(?=[“\"‘])", text):
        if mask[match.start()]:
            continue
        rest = match.end()
        inside = sum(1 for i in range(rest, len(text)) if mask[i])
        if inside >= 0.6 * (len(text) - rest) and len(text[rest:].split()) >= 1:
            return rest
    return None


def _measure(unit: _Unit) -> _Unit:
    text, mask = unit.text, unit.sentence.mask
    mask = (mask + [False] * len(text))[: len(text)]
    quoted = "".join(c if m else " " for c, m in zip(text, mask))
    unit.narration = "".join(" " if m else c for c, m in zip(text, mask))
    q_words = len(re.findall(r"\w+", quoted))
    n_words = len(re.findall(r"\w+", unit.narration))
    unit.share = q_words / max(1, q_words + n_words)
    unit.spoken = quoted
    return unit


def _share_without_tag(unit: _Unit) -> float:
    """Share of quoted words, the tag's own words left out ("..., said Baldridge, a ...")."""
    tag_words = (
        len(re.findall(r"\w+", _masked(unit)[unit.tag.start : unit.tag.end])) if unit.tag else 0
    )
    q_words = len(re.findall(r"\w+", unit.spoken))
    n_words = max(0, len(re.findall(r"\w+", unit.narration)) - tag_words)
    return q_words / max(1, q_words + n_words)


def _masked(unit: _Unit) -> str:
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


_STAGE_DIRECTION = re.compile(
    r"\s*\[(?i:laughs|laughter|laughing|chuckles|pauses|sighs|smiles|shrugs|inaudible|"
    r"crosstalk|applause|cheers|coughs|sic)\]\s*"
)


def _spoken_text(text: str, marks: _Marks | None = _DOUBLE) -> str:
    """The words of a quote as spoken: without the article's own quotation marks (a quote
    quoted inside keeps its marks), without stage directions ("[Laughs]"), ending on a stop
    ("..., ‘never again,’" ends "‘never again.’")."""
    if marks is _SINGLE:
        text = re.sub(r"‘|(?<![A-Za-z])’|’(?![A-Za-z])", "", text)  # apostrophes stay
    else:
        text = re.sub(r"[“”„«»]", "", text)
        text = re.sub(r'(?<![A-Za-z])"|"(?![A-Za-z])', "", text)
    text = _STAGE_DIRECTION.sub(" ", text)
    text = re.sub(r"\s+([,.!?;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
    text = re.sub(r"^[,;:—–\s]+|[,;:—–\s]+$", "", text)
    text = re.sub(r"[,;:]([’”\"]+)$", r".\1", text)
    if text and text.rstrip('’”"')[-1:] not in tuple(".!?…"):
        text += "."
    return text[:1].upper() + text[1:] if text[:1].islower() and text[1:2] != "'" else text


def _is_caption(text: str) -> bool:
    """A heading, caption or credit: no sentence-final punctuation and no lowercase verb run."""
    stripped = text.strip().rstrip('”"’)')
    if stripped[-1:] in ".!?…:;,":
        return False
    return len(stripped.split()) <= 14


# --- the extractor ---------------------------------------------------------------------------


def extract(text: str) -> Extraction:
    """Quotes and narration of an article (raw text in), with every speaker resolved."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = clean_text(text)
    raw_lines, clean_lines = text.split("\n"), cleaned.split("\n")
    marks = _quote_marks(cleaned)
    quoted = marks is not None
    units = [u for s in _sentences(raw_lines, clean_lines, marks) for u in _units(s, quoted)]
    for unit in units:
        if quoted and unit.share == 0:
            continue
        found = _find_tag(_masked(unit) if quoted else unit.text)
        if found is not None:
            unit.tag = found
        if quoted and unit.tag is not None and unit.tag.end > unit.tag.start:
            unit.share = _share_without_tag(unit)
    tag_names = [
        u.tag.speaker
        for u in units
        if u.tag
        and not _is_pronoun(u.tag.speaker)
        and not _is_descriptor(u.tag.speaker)
        and (u.tag.kind != "lead" or zipf(u.tag.speaker.split()[-1]) < 3.5)
    ]
    people = _People(cleaned, ArticleEvidence.from_text(text), tag_names)
    people.learn(
        ["" if _label_of(u) else _voiceless_narration(u, quoted) for u in units],
        [u.tag is not None and (not quoted or u.share >= 0.5) for u in units],
    )
    _attribute_transcript(units, people)
    if quoted:
        _attribute_quoted(units, people)
    else:
        _attribute_stripped(units, people)
    return _finish(units, people, marks)


def _voiceless_narration(unit: _Unit, quoted: bool) -> str:
    """The unit's narration as evidence about people ("" for first-person sentences)."""
    if quoted:
        return unit.narration
    if unit.tag and unit.tag.kind in {"end", "inverted"} and not _is_pronoun(unit.tag.speaker):
        return unit.text[unit.tag.start :]  # "..., said Naomi Feld, the study's lead author."
    if _FIRST_PERSON.search(unit.text) or unit.tag:
        return ""
    return unit.text


# --- resolution --------------------------------------------------------------------------------


@dataclass
class _Context:
    units: Sequence[_Unit]
    people: _People
    salience: Counter[str] = field(default_factory=Counter)  # how often each person is named

    def __post_init__(self) -> None:
        for unit in self.units:
            self.salience.update(name for _, name in self.people.mentions(unit.text))
        for name, person in self.people.by_name.items():
            if person.tagged:
                self.salience[name] += 5


def _resolve_tag(
    tag: _Tag,
    ctx: _Context,
    index: int,
    current: str | None,
    quote_text: str,
    anyone: bool = False,
) -> tuple[str | None, float]:
    """The canonical speaker of a tag: a name, a descriptor or a pronoun (``anyone``: see
    :func:`_resolve_pronoun`)."""
    spk = tag.speaker
    if _is_pronoun(spk):
        gender = {"he": "male", "she": "female"}.get(spk.lower())
        name, confidence = _resolve_pronoun(gender, ctx, index, current, quote_text, anyone)
        if name and confidence >= 0.6 and gender and ctx.people.by_name[name].gender is None:
            person = ctx.people.by_name[name]
            setattr(person, gender, getattr(person, gender) + 0.5)
        return name, confidence
    if _is_descriptor(spk):
        name = ctx.people.by_descriptor(spk)
        if name:
            return name, 0.85
        noun = spk.split()[-1].lower()
        gender = "female" if noun in _FEMALE_WORDS else "male" if noun in _MALE_WORDS else None
        if noun in _ORG_ROLES:
            return ctx.people.anonymous(spk, None), 0.8  # "the company said in a statement"
        if spk.split()[0].lower() not in {"the", "his", "her"}:
            return ctx.people.anonymous(spk, gender), 0.8  # "a spokesperson said": someone new
        name, confidence = _resolve_pronoun(gender, ctx, index, current, quote_text)
        if name is None:
            return ctx.people.anonymous(spk, gender), 0.5
        return name, confidence * 0.8
    name = ctx.people.resolve(spk)
    if name and tag.descriptor and not ctx.people.by_name[name].descriptor:
        ctx.people.by_name[name].descriptor = "the " + tag.descriptor.split(None, 1)[1].lower()
    return name, (0.95 if name else 0.0)


_SUBORDINATE = re.compile(
    r"(?:(?:And|But|So|Yet|Still|Then)\s+)?(?i:once|when|while|as|after|before|although|though|"
    r"despite|since|if|because|until|for|in|on|at|by|with|without|having|looking|like|unlike|"
    r"flash-forward|sometimes|later|now|but|and|so)\b[^,]{0,120},\s+"
)
_SUBJECT_PRONOUN = re.compile(r"(?:he|she|He|She)\b")


def _subject(text: str, people: _People) -> tuple[str, str | None, int]:
    """The main-clause subject of a narration sentence and where it starts.

    ("name", person, offset), ("he"/"she", None, offset), or ("", None, 0).

    A leading subordinate clause or phrase is skipped ("Once he'd got the part, Tovmasyan
    got to work" is about Tovmasyan; "And despite her fame, she was nervous" continues
    the topic of the sentence before).
    """
    start = 0
    lead = _SUBORDINATE.match(text)
    if lead:
        start = lead.end()
    else:
        conjunction = re.match(r"(?:And|But|So|Yet|Still|Then)\s+", text)
        start = conjunction.end() if conjunction else 0
    rest = text[start:]
    pronoun = _SUBJECT_PRONOUN.match(rest)
    if pronoun:
        return pronoun.group().lower(), None, start
    newcomer = _introduced(rest, people)
    if newcomer:
        return "name", newcomer, start
    mentions = people.mentions(rest)
    if mentions and mentions[0][0] == 0:
        return "name", mentions[0][1], start
    kin = re.match(rf"(?:His|Her|Their) (?:[a-z-]+ )?({_ROLE_NOUN})\b", rest)
    if kin and people.by_descriptor(kin.group(1)):  # "Her son said ...": the son named before
        return "name", people.by_descriptor(kin.group(1)), start
    bare = re.match(
        rf"([{UPPER}][{LOWER}]+(?:[{UPPER}][{LOWER}]+)?)\s+(?:[a-z]+ed|got|has|had|is|was|says|said|also|still|"
        r"first|never|then|now|did|does|can|could|would|will)\b",
        rest,
    )
    if (
        bare
        and zipf(bare.group(1)) < 3.0
        and bare.group(1) not in _NOT_NAME_WORDS
        and bare.group(1) not in people.titles
    ):
        return (
            "name",
            people.adopt(bare.group(1)),
            start,
        )  # named only here: "Tovmasyan got to work"
    return "", None, 0


_NEWCOMER = re.compile(
    rf"(?P<who>(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[a-z-]+\s+){{0,2}}{_ROLE_NOUN}{_ROLE_OF}?)"
    rf",?\s+(?:{_ADVERB}\s+)?(?:{_VERB_RE})\b"
)


def _introduced(text: str, people: _People) -> str | None:
    """Someone known only by a description, brought in as the subject of a speech verb
    ("A spokeswoman for the city council said ..."): the speaker "she said" then means."""
    match = _NEWCOMER.match(text)
    if not match:
        return None
    noun = re.search(_ROLE_NOUN, match.group("who").split(None, 1)[1])
    word = noun.group().lower() if noun else ""
    gender = "female" if word in _FEMALE_WORDS else "male" if word in _MALE_WORDS else None
    return people.anonymous(match.group("who"), gender)


def _resolve_pronoun(
    gender: str | None,
    ctx: _Context,
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
        return name is not None and name not in named_in_quote and agrees(name) is not False

    if current and fits(current):
        return current, 0.85 if agrees(current) else 0.7
    slip: str | None = None
    unsure: tuple[str, float] | None = None
    for distance, back in enumerate(range(index, max(-1, index - 8), -1)):
        unit = ctx.units[back]
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
        kind, subject, where = _subject(narration.strip(), people)
        if back == index and quote_text:  # a bare name adopted just now: "Oona says ..., he said"
            named_in_quote |= {name for _, name in people.mentions(quote_text)}
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
        if kind == "name" and fits(subject):
            return subject, confidence
        if kind in {"he", "she"} and (
            gender is None or {"he": "male", "she": "female"}[kind] == gender
        ):
            earlier = [
                name for offset, name in people.mentions(narration.strip()[:where]) if fits(name)
            ]
            if earlier:
                return earlier[0], confidence  # "By the time Buckley learned it, she was ..."
            if back < index:
                continue  # "And despite her fame, she was ...": the topic goes on
        fitting = [name for _, name in mentions if fits(name)]
        if distance > 3:
            if slip:
                return slip, 0.4
            fitting = [name for name in fitting if people.by_name[name].tagged]
        if fitting:
            tagged = [name for name in fitting if people.by_name[name].tagged]
            return (tagged or fitting)[0], confidence
    if unsure is not None:
        return unsure
    if slip:
        return slip, 0.4
    # Nobody fits nearby: the most talked-about speaker the pronoun can mean.
    known = [
        name
        for name, person in people.by_name.items()
        if person.tagged and fits(name) and agrees(name)
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


# --- interview transcripts -------------------------------------------------------------------

_LABEL_WORD = (
    rf"(?:[{UPPER}][{LOWER}]+(?:[-'’][{UPPER}]?[{LOWER}]+)*|[{UPPER}]{{2,}}(?:[-'’][{UPPER}]+)*|Mc[{UPPER}][{LOWER}]+)"
)
_LABEL = re.compile(
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


def _label_of(unit: _Unit) -> str:
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


def _attribute_transcript(units: list[_Unit], people: _People) -> None:
    """Interviews printed as transcripts: every paragraph opened by a speaker label is that
    speaker's, and so are the unlabelled paragraphs after it, until the next label or until
    the narration returns (a paragraph that names the speaker in the third person).

    "Q:", "Interviewer:" and a named speaker whose turns are questions are the journalist
    (the narrator); "A:" is the person the article is most about.
    """
    labelled = [(index, _label_of(unit)) for index, unit in enumerate(units)]
    counts = Counter(_label_key(label) for _, label in labelled if label)
    asking = _asking_labels(units, labelled, people)

    def usable(key: str) -> bool:
        if key in {"q", "a"}:
            return True
        if {key.split()[0].lower(), key.split()[-1].lower()} & _NOT_LABELS:
            return False
        if key in asking:
            return True  # "**THE QUARTERLY:**", "WIRED:": the publication asks
        if key.split()[0] in _NOT_NAME_WORDS and key.split()[0] not in {"Mr", "Mrs", "Ms", "Dr"}:
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
        for index in range(start, end):
            unit = units[index]
            if (
                index > start
                and unit.sentence.first_in_paragraph
                and _ends_turn(unit.text, speaker, people)
            ):
                unit.fixed, unit.reason = True, "after a transcript turn"
                break
            if index == start:
                unit.text = unit.text[prefix.end() :]
                unit.narration = unit.text
            unit.fixed, unit.confidence, unit.tag = True, 0.9 if index == start else 0.8, None
            if speaker is None:
                unit.kind, unit.speaker, unit.reason = "narration", NARRATOR, "interviewer"
                continue
            unit.kind, unit.speaker, unit.reason, unit.spoken = "quote", speaker, "label", unit.text
            if index == start:
                unit.tag = _Tag(speaker, "", prefix.group().strip(), 0, 0, "label")


def _ends_turn(text: str, speaker: str | None, people: _People) -> bool:
    """An unlabelled paragraph after a turn is narration again when it is a heading or talks
    about the speaker in the third person ("Albrecht gets up to refill the teapot.", "She
    pours the tea." when the speaker is a woman)."""
    if _is_caption(text):
        return True
    if speaker is None or _FIRST_PERSON.search(text):
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
        and not _FIRST_PERSON_WEAK.search(text)
        and not _SECOND_PERSON.search(text)
    )


def _asking_labels(
    units: Sequence[_Unit], labelled: Sequence[tuple[int, str]], people: _People
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


def _not_a_person(key: str, people: _People) -> bool:
    """A label that names no person: an organisation or publication ("The Lantern", "Wired",
    "New Scientist") rather than "Obi" or "Helen Carrow"."""
    words = key.split()
    if words[0] in _NOT_NAME_WORDS or any(w in _ORG_WORDS for w in words):
        return True
    return people.resolve(key) is None and all(zipf(w) >= 3.5 for w in words)


def _full_name(units: Sequence[_Unit], key: str, people: _People) -> str | None:
    """The full name a surname label stands for, from the introduction ("ALDANA:" is the
    "Maria Aldana" the first paragraphs name)."""
    if " " in key:
        return None
    pattern = re.compile(rf"\b({_NAME_WORD}) {re.escape(key)}\b")
    for unit in units[:12]:
        for match in pattern.finditer(unit.text):
            first = match.group(1)
            if first in _NOT_NAME_WORDS or first.rstrip(".") in _HONORIFICS or zipf(first) >= 5.0:
                continue
            return people.adopt(f"{first} {key}")
    return None


def _interviewer(
    units: Sequence[_Unit],
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


def _byline_names(units: Sequence[_Unit], people: _People) -> set[str]:
    """People named in a byline ("By Dana Whitlock"): the journalist, not an interviewee."""
    names: set[str] = set()
    for unit in units[:8]:
        if re.match(r"(?:By|Interview by|Words by|Interviewed by)\s+[A-Z]", unit.text):
            names.update(name for _, name in people.mentions(unit.text))
    return names


def _main_subject(units: Sequence[_Unit], people: _People, exclude: set[str]) -> str | None:
    """The person the article is most about: tagged people first, then the most named."""
    counts: Counter[str] = Counter()
    for unit in units:
        counts.update(name for _, name in people.mentions(unit.text) if name not in exclude)
    if not counts:
        return None
    return max(counts, key=lambda name: (people.by_name[name].tagged, counts[name]))


# --- quotation marks present -----------------------------------------------------------------


def _attribute_quoted(units: list[_Unit], people: _People) -> None:
    """The marks decide what is quoted; tags, paragraphs and colons decide who speaks."""
    ctx = _Context(units, people)
    current: str | None = None
    for index, unit in enumerate(units):
        if unit.fixed:
            current = unit.speaker if unit.kind == "quote" else None
            continue
        if unit.share < 0.5 and current is not None:
            mentioned = {name for _, name in people.mentions(unit.narration)}
            _, subject, _ = _subject(unit.narration.strip(), people)
            if (
                (unit.sentence.first_in_paragraph and mentioned)
                or mentioned - {current}
                or subject not in (None, current)
            ):
                current = None  # the narration turns to someone else
        if not _is_direct_quote(unit):
            if unit.tag and unit.tag.reported:
                unit.confidence = 0.75
            continue
        unit.kind = "quote"
        if unit.tag and not unit.tag.reported:
            # the marks make the quote certain: a "he said" nobody quoted yet fits still speaks
            name, confidence = _resolve_tag(unit.tag, ctx, index, current, unit.spoken, anyone=True)
            if name:
                unit.speaker, unit.confidence, current = name, confidence, name
                continue
        unit.reason = unit.reason or "untagged"
    for index, unit in enumerate(units):
        if unit.kind == "quote" and unit.speaker == NARRATOR:
            speaker, confidence = _untagged_speaker(ctx, index)
            if speaker is None:
                unit.kind = "narration"
            else:
                unit.speaker, unit.confidence = speaker, confidence


def _is_direct_quote(unit: _Unit) -> bool:
    """Mostly inside quotation marks, and more than a scare quote or a title."""
    if unit.share < 0.5:
        return False
    words = len(re.findall(r"\w+", unit.spoken))
    if unit.tag and not unit.tag.reported:
        return True
    return words > 3 or bool(re.search(r"[.!?]", unit.spoken.strip(" “”\"'’,")))


def _untagged_speaker(ctx: _Context, index: int) -> tuple[str | None, float]:
    """An untagged quote: the tag elsewhere in its paragraph, the person the paragraph is about,
    or the speaker of the quote it continues."""
    units = ctx.units
    unit = units[index]
    paragraph = unit.sentence.paragraph
    same = [(i, u) for i, u in enumerate(units) if u.sentence.paragraph == paragraph]
    tagged = [(i, u) for i, u in same if u.kind == "quote" and u.speaker != NARRATOR and u.tag]
    before = [u for i, u in tagged if i < index]
    after = [u for i, u in tagged if i > index]
    if before:
        return before[-1].speaker, 0.85
    if after:
        return after[0].speaker, 0.8
    for i, u in reversed([(i, u) for i, u in same if i < index]):
        name = _topic(ctx, i, unit.spoken)
        if name:
            return name, 0.7
    previous = units[index - 1] if index else None
    if previous is not None and previous.kind == "quote" and previous.speaker != NARRATOR:
        if previous.sentence.paragraph == paragraph:
            return previous.speaker, 0.75  # the quote goes on in the same paragraph
        if previous.sentence.paragraph == paragraph - 1:
            return previous.speaker, 0.6  # a new paragraph of the same speaker's words
    # After a paragraph of narration: the person it is about, not the last one quoted.
    for i in range(index - 1, max(-1, index - 3), -1):
        if units[i].kind == "quote" and units[i].speaker != NARRATOR:
            break
        name = _topic(ctx, i, unit.spoken)
        if name:
            return name, 0.5
    for i in range(index - 1, max(-1, index - 12), -1):
        if units[i].kind == "quote" and units[i].speaker != NARRATOR:
            return units[i].speaker, 0.3  # a quote nobody is named for: the last speaker, to review
    return None, 0.0


def _topic(ctx: _Context, index: int, quote_text: str) -> str | None:
    """The person a narration unit is about, as the speaker of the quote after it: the
    subject of its main clause ("When I repeat his remark to her, she rolls her eyes" is about
    "she"), else the first person it names. People named in the quote are not its speaker
    ("Ask Dana. She called the meeting.")."""
    people = ctx.people
    narration = ctx.units[index].narration.strip()
    named_in_quote = {name for _, name in people.mentions(quote_text)}
    kind, subject, _ = _subject(narration, people)
    if kind == "name" and subject not in named_in_quote:
        return subject
    if kind in {"he", "she"}:
        name, _ = _resolve_pronoun(
            {"he": "male", "she": "female"}[kind], ctx, index, None, quote_text
        )
        if name:
            return name
    mentions = [name for _, name in people.mentions(narration) if name not in named_in_quote]
    if mentions:
        return mentions[0]
    pronoun = re.search(r"\b(He|She|he|she)\b", narration)
    if pronoun:
        name, _ = _resolve_pronoun(
            {"he": "male", "she": "female"}[pronoun.group(1).lower()], ctx, index, None, quote_text
        )
        return name
    return None


# --- quotation marks lost ----------------------------------------------------------------------


def _attribute_stripped(units: list[_Unit], people: _People) -> None:
    """Tags and first-person voice decide quotes; a run of quote sentences keeps its speaker
    until a sentence reads as narration."""
    ctx = _Context(units, people)
    current: str | None = None
    voiced = False  # the run so far speaks in the first or second person
    neutral = 0  # voiceless sentences in a row inside the run
    tagged = False  # the unit just before is a quote with its tag
    others: set[str] = set()  # "he"/"she" in the run's first-person sentences: someone else
    named: set[str] = set()  # genders of the people the run's first-person sentences name
    claimed: dict[int, str] = {}  # sentences a tag further on gives to its speaker
    for index, unit in enumerate(units):
        text = unit.text
        if index in claimed and current == claimed[index]:
            unit.kind, unit.speaker, unit.confidence, unit.reason = (
                "quote", current, 0.6, "before its tag"
            )  # fmt: skip
            unit.spoken = text
            continue
        if unit.fixed:
            current = unit.speaker if unit.kind == "quote" else None
            voiced, neutral = True, 0
            continue
        if _is_caption(text) or _EDITORIAL.search(text):
            current = None
            continue
        after_tag, tagged = tagged, False
        if unit.tag and unit.tag.kind == "paraphrase":
            quote_text = (text[: unit.tag.start] + " " + text[unit.tag.end :]).strip()
            name, _ = _resolve_tag(unit.tag, ctx, index, current, quote_text)
            previous = units[index - 1] if index else None
            if not (name and name == current and previous and previous.speaker == current):
                unit.tag, unit.reason, unit.confidence = None, "paraphrase", 0.7
                current, voiced, neutral = name, False, 0  # a voiced sentence next is theirs
                continue
            # "The plan, she added, makes sense ...": a tag cutting the speaker's own quote
            unit.tag = replace(unit.tag, kind="middle")
        if unit.tag and _paraphrased_clauses(text, unit.tag):
            # "The shelters block rain, she noted, and the benches can burn skin.": the
            # journalist's summary (a guess: without the marks it reads like a quote)
            name, _ = _resolve_tag(unit.tag, ctx, index, current, _without_tag(text, unit.tag))
            unit.tag, unit.reason, unit.confidence = None, "paraphrase", 0.5
            current, voiced, neutral = name, False, 0
            continue
        if unit.tag and not unit.tag.reported and not _reported(text):
            quote_text = _without_tag(text, unit.tag)
            name, confidence = _resolve_tag(unit.tag, ctx, index, current, quote_text)
            if (
                name
                and not (_is_organisation(unit.tag.speaker) and _voice(quote_text) == "neutral")
                and not _paraphrase(quote_text, name, unit.tag, people, ctx, index, current)
                and not (unit.tag.kind == "middle" and _about(quote_text, name, quote_text, people))
            ):
                unit.kind, unit.speaker, unit.confidence = "quote", name, confidence
                unit.spoken = quote_text
                current, voiced, neutral = name, _voice(quote_text) != "neutral", 0
                tagged = unit.tag.kind in {"end", "inverted", "middle", "lead"}
                first = _voice(quote_text) == "first"
                others = _pronoun_genders(quote_text) if first else set()
                named = _named_genders(quote_text, name, people) if first else set()
                continue
            unit.tag = None
        if unit.reason == "after colon" and unit.tag is None and index:
            name = _lead_in_speaker(ctx, index - 1)
            if name:  # "She put it simply: ...", "Ferreira was more philosophical — ..."
                unit.kind, unit.speaker, unit.confidence, unit.spoken = "quote", name, 0.6, text
                current, voiced, neutral, tagged = name, _voice(text) != "neutral", 0, True
                others, named = set(), set()
                continue
        voice = _voice(text)
        if voice == "first":
            about = _journalist(ctx, index, current)
            if about:  # "When I repeat this to her, she rolls her eyes.": the writer speaks
                unit.reason, unit.confidence = "journalist", 0.7
                current, voiced, neutral = about, False, 0
                continue
        in_run = (
            current is not None
            and voiced
            and voice == "first"
            and not _names_people(text, current, people)
        )  # "He's told me that every year" inside the speaker's own words is theirs
        if (_reported(text) or (unit.tag and unit.tag.reported)) and not in_run:
            unit.reason, unit.confidence, unit.tag = "reported", 0.75, None
            current = None
            continue
        if current is not None:
            if voice == "question" and voiced and neutral == 0:
                voice = "weak"  # a question inside a run of the speaker's own words
            self_named = _subject(text, people)[1] == current  # "Carvajal would not show me"
            if (voice == "first" and not self_named) or (
                voice == "weak" and not _names_people(text, current, people)
            ):
                unit.kind, unit.speaker, unit.reason, unit.spoken = (
                    "quote",
                    current,
                    "continues",
                    text,
                )
                unit.confidence = 0.75 if voice == "first" else 0.65
                voiced, neutral = True, 0
                if voice == "first":
                    others |= _pronoun_genders(text)
                    named |= _named_genders(text, current, people)
                continue
            words = len(text.split())
            goes_on = bool(  # "..., she said. But riders sit on the bench, ..."
                _CONNECTIVE.match(text) and not _HE.search(text) and not _SHE.search(text)
            )
            if neutral == 0:
                easy = after_tag and (words <= 8 or goes_on)
                allowed = voiced or easy
            else:  # "It is still hot. It is just green now.", "Not from the school. A parent."
                easy = allowed = (neutral == 1 and words <= 6 and _spoken_fragment(text)) or (
                    neutral <= 2 and words <= 8 and _speech_goes_on(text)
                )  # "So that's what it does now. But somebody had to say it."

            if (
                voice == "neutral"
                and allowed
                and _neutral_continues(units, index, current, people, easy, others, named, ctx)
            ):
                unit.kind, unit.speaker, unit.reason, unit.confidence = (
                    "quote",
                    current,
                    "continues",
                    0.55,
                )
                unit.spoken = text
                neutral += 1
                continue
            current = None
        if voice == "weak" and _IMPERATIVE.match(text):
            # "Ask Maureen Tully. She called the meeting, he said.": words the tag closes
            speaker, _ = _tag_ahead(ctx, index, limit=2)
            if speaker is None:  # "Ask her. She called the meeting. It was her idea, he said."
                speaker, end = _tag_after_short_run(ctx, index)
                if speaker:  # the sentences up to the tag are the same speaker's
                    claimed.update({between: speaker for between in range(index + 1, end)})
            if speaker:
                unit.kind, unit.speaker, unit.confidence, unit.reason = (
                    "quote", speaker, 0.6, "before its tag"
                )  # fmt: skip
                unit.spoken = text
                current, voiced, neutral, others, named = speaker, True, 0, set(), set()
                continue
        if voice == "first" or (
            voice == "weak"
            and re.search(r"\b[Ww]e\b", text)
            and not (_HE.search(text) or _SHE.search(text))
        ):
            speaker, confidence = _run_speaker(ctx, index, weak=voice == "weak")
            if speaker:
                unit.kind, unit.speaker, unit.confidence, unit.reason = (
                    "quote",
                    speaker,
                    confidence,
                    "first person",
                )
                unit.spoken = text
                current, voiced, neutral, others, named = speaker, True, 0, set(), set()


_JOURNALIST_VERB = (  # what an interviewer does to the person interviewed
    r"(?:ask|asked|show|showed|remind|reminded|read|repeat|repeated|mention|mentioned|"
    r"put|press|pressed|quote|quoted|relay|relayed|interrupt|interrupted)"
)
_OBJECT_PRONOUN = {"her": "female", "him": "male"}


def _journalist(ctx: _Context, index: int, current: str | None) -> str | None:
    """A first-person sentence in the writer's voice, about the person quoted: "When I repeat
    this to her, she rolls her eyes.", "I ask him whether he will stay." The writer's "I"
    does something to "her"/"him", and that pronoun is the current speaker (or the person the
    narration is about). Returns that person."""
    people = ctx.people
    text = ctx.units[index].text
    if _SECOND_PERSON.search(text) or _FIRST_PERSON_WEAK.search(text):
        return None
    gender = None
    kind, _, where = _subject(text, people)
    if kind in {"he", "she"} and where > 0:
        lead, main = text[:where], text[where:]
        pronoun = re.search(r"\b(her|him)\b", lead)
        if (
            _FIRST_PERSON.search(lead)
            and not _FIRST_PERSON.search(main)
            and pronoun
            and _OBJECT_PRONOUN[pronoun.group(1)] == {"he": "male", "she": "female"}[kind]
        ):
            gender = _OBJECT_PRONOUN[pronoun.group(1)]
    if gender is None:
        opener = r"(?:(?:When|As|After|Before|Once|Later|Then|So|And|But|On|At)\b[^,]{0,40}?,?\s*)?"
        named = re.match(  # "When I put this to Hollander, ...", "I asked Carvajal whether ..."
            rf"{opener}I\s+(?:[a-z]+ly\s+)?(?:{_JOURNALIST_VERB}\b(?:\s+[\w'’-]+){{0,4}}?\s+to"
            rf"|ask(?:ed)?)\s+({_NAME})(?:\s+(?:whether|if|about|what|why|how|when|where|who)\b"
            r"|\s*[,.;])",
            text,
        )
        asked = people.resolve(named.group(1)) if named else None
        if asked:
            return asked
        act = re.match(
            rf"{opener}I\s+(?:[a-z]+ly\s+)?{_JOURNALIST_VERB}\b(?:\s+[\w'’-]+){{0,6}}?\s+(her|him)\b",
            text,
        )
        if act is None:
            return None
        gender = _OBJECT_PRONOUN[act.group(1)]
    if current is not None:
        return current if people.by_name[current].gender == gender else None
    name, confidence = _resolve_pronoun(gender, ctx, index - 1, None, "") if index else (None, 0)
    return name if name and confidence >= 0.65 else None


def _lead_in_speaker(ctx: _Context, index: int) -> str | None:
    """Who a colon or dash lead-in introduces: its subject ("She put it simply:"), or the
    one person it names ("Her business partner, Luis Ferreira, was more philosophical —")."""
    lead = ctx.units[index].text
    kind, subject, _ = _subject(lead, ctx.people)
    if kind == "name":
        return subject
    if kind in {"he", "she"}:
        return _resolve_pronoun({"he": "male", "she": "female"}[kind], ctx, index, None, "")[0]
    named = {name for _, name in ctx.people.mentions(lead)}
    return named.pop() if len(named) == 1 else None


def _without_tag(text: str, tag: _Tag) -> str:
    """The sentence without its tag ("It was chaos, he recalls, but good" -> "..., but good")."""
    before, after = text[: tag.start].rstrip(), text[tag.end :].strip()
    if before and after:
        joiner = " " if before[-1] in ",;:—–" else ", "
        return before + joiner + after
    return before or after


_PLAIN_REPORTING = {"say", "note", "add", "explain", "observe", "point out", "acknowledge",
                    "write", "argue", "suggest", "stress", "emphasise", "emphasize", "state",
                    "caution", "warn", "concede", "claim", "maintain", "report"}  # fmt: skip
_CLAUSE_AFTER_TAG = re.compile(
    r"(?:and|but|while|although|though|because|so|since)\s+"
    r"(?:(?:the|a|an|its|their|these|those|this|that|many|some|most|each)\s+)?"
    r"(?:[a-z-]+\s+){0,4}?"
    r"(?:is|are|was|were|can|could|will|would|may|might|must|should|has|have|had|do|does|did|"
    r"remains?|becomes?|gets?|reach|reaches|[a-z]{3,}ed)\b"
)


def _paraphrased_clauses(text: str, tag: _Tag) -> bool:
    """A plain reporting tag ("she noted") cutting two third-person clauses of the writer's
    own ("The shelters block rain but not heat, she noted, and the benches under them can
    reach ..."), with nobody speaking in the first or second person. A quote cut by its tag
    goes on with words of its own ("It was chaos, he recalls, but good chaos.")."""
    if tag.kind not in {"middle", "paraphrase"} or tag.start == 0:
        return False
    if _voice(text) != "neutral" or SPEECH_VERBS.get(tag.verb) not in _PLAIN_REPORTING:
        return False
    before, after = text[: tag.start], text[tag.end :].strip()
    if re.match(r"(?:It|That|This|There)\b", before) or len(before.split()) < 4:
        return False  # "It was chaos, he recalls, ...": a spoken opener
    return bool(_CLAUSE_AFTER_TAG.match(after))


def _reported(text: str) -> bool:
    """Indirect speech: "Borisov says that ...", "as Herbert notes, ...", "according to ..."."""
    match = _REPORTED.search(text)
    if (
        match
        and _speaker_ok(match.group("spk"))
        and not _FIRST_PERSON.search(text[: match.start()])
    ):
        return True
    return bool(_AS_TAG.search(text))


_IMPERATIVE = re.compile(
    r"(?:(?:Then|So|And|Just|Please|Now)\s+)?(?i:ask|tell|listen|try|go|come|take|give|think|"
    r"remember|forget|wait|stop|call|watch|talk|put|leave|keep|believe|trust|don't|make|check|"
    rf"buy|pick|bring|show|hold|sit|stand|get|let)\s+(?:[a-z]+|[{UPPER}][{LOWER}]+ [{UPPER}][{LOWER}]+)\b"
    r"(?![^.!?]*\b(?:is|are|was|were|has|had|does|did)\b)"
)
"""An imperative: a sentence opening on the bare verb ("Ask Maureen Tully.", "Then buy
another one."), not a subject with a verb ("Call centres were closed.")."""


def _voice(text: str) -> str:
    """ "first" (I, me, my), "weak" (we, you, exclamations), "question" (a question with no
    person in it) or "neutral"."""
    if _FIRST_PERSON.search(text):
        return "first"
    if _FIRST_PERSON_WEAK.search(text) or _SECOND_PERSON.search(text) or "!" in text:
        return "weak"
    if "?" in text and not re.search(r"\b(?:he|she|his|her|him)\b", text):
        # A question with no person in it: the speaker's when it comes inside their own
        # words, the journalist's after narration ("How will it compare to what came before?")
        return "question"
    if re.match(r"(?:Yeah|Yes|No|Oh|Well|Look|Okay|OK|Wow|Hey|Sure|Honestly)\b,?", text):
        return "weak"  # an interjection opens spoken words
    if _IMPERATIVE.match(text):
        return "weak"  # "Ask Maureen Tully.", "Then buy another one."
    if len(text.split()) <= 3 and text.rstrip()[-1:] in ".!?…" and not re.search(r"\d", text):
        return "weak"  # a spoken fragment: "Come on.", "Time." (not "Tickets are $6.")
    return "neutral"


def _names_people(text: str, speaker: str, people: _People) -> bool:
    """The sentence names its would-be speaker, or opens on a person's or a title's name."""
    mentions = people.mentions(text)
    if any(name == speaker for _, name in mentions) or any(offset <= 4 for offset, _ in mentions):
        return True
    return bool(re.match(rf"[{UPPER}][{LOWER}]+ [{UPPER}][{LOWER}]+ [a-z]", text))  # "Wild Rose is ..."


_SPOKEN_OPENER = re.compile(r"(?:And |But |So )?(?:It|That|This|There)(?:'s)? [a-z]")
_CONNECTIVE = re.compile(r"(?:But|And|So|Or|Then|Because|Still|Yet|Otherwise)\b(?! [A-Z])")
_FINITE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|can|could|will|would|shall|should|"
    r"may|might|must|[a-z]+ed|[a-z]+n't|[a-z]+[^\Wsu]s)\b|['’](?:s|re|ve|d|ll)\b"
)


def _spoken_fragment(text: str) -> bool:
    """A short sentence that reads as speech going on: "It is just green now.", or one with
    no verb at all ("A parent, at the bus stop.", "Not from the school.")."""
    if _SPOKEN_OPENER.match(text):
        return True
    return bool(
        re.match(r"(?:A|An|The|Not|No|Never|Just|Only|Always|Every|Nothing|Nobody)\b", text)
        and not _FINITE.search(text)
    )


_CONTRACTION = re.compile(r"\b[A-Za-z]+(?:n['’]t|['’](?:s|re|ll|ve|d))\b")


def _speech_goes_on(text: str) -> bool:
    """A short sentence with no he/she that reads as talk going on: it opens on a connective
    ("But somebody had to say it.") or uses a contraction ("That's the deal.")."""
    if _HE.search(text) or _SHE.search(text) or re.search(r"\d", text):
        return False
    return bool(_CONNECTIVE.match(text) or _CONTRACTION.search(text))


def _neutral_continues(
    units: Sequence[_Unit],
    index: int,
    speaker: str,
    people: _People,
    short: bool = False,
    others: Iterable[str] = (),
    named: Iterable[str] = (),
    ctx: _Context | None = None,
) -> bool:
    """A sentence with no voice of its own stays in a quote when the quote goes on after it,
    when it is a short remark that opens on a pronoun ("It was definitely a change."), or
    (``short``) when it is a short sentence right after the speaker's tagged quote
    ("Not by a year.").

    It never does when it names people, brings in someone new, or talks about the speaker
    in the third person; ``others`` are the genders of "he"/"she" that the speaker's own
    first-person sentences used for somebody else ("I thought he was a hard man"), and
    ``named`` the genders of the people they named: a sentence opening on such a pronoun
    goes on with the speaker's story ("I sat beside Mikey ... She had already seen it.").
    """
    text = units[index].text
    if _names_people(text, speaker, people) or _introduced(text, people):
        return False
    if _subject(text, people)[0] == "name":
        return False  # "The lead author, Lucia Ferro, read the review.": about someone
    if re.match(
        r"(?:The|A|An|Its|Their)\s+(?:[a-z-]+\s+){1,2}(?:says|said|announced|insists|insisted|"
        r"maintains|maintained|argues|argued|disputes|disputed|denies|denied)\b",
        text,
    ):
        return False  # "The council says no decision has been taken.": someone else's words
    previous = units[index - 1].text if index else ""
    if _about(text, speaker, previous, people, others):
        return False  # "he"/"she" is the speaker, talked about by the narrator
    if any(people.by_name[name].tagged for _, name in people.mentions(text)):
        return False
    if short:
        return True
    opener = re.match(r"(?:And |But |So |Then )?([Hh]e|[Ss]he)\b", text)
    if opener and {"he": "male", "she": "female"}[opener.group(1).lower()] in {*others, *named}:
        return True
    gender = people.by_name[speaker].gender
    following = units[index + 1] if index + 1 < len(units) else None
    if (
        following is not None
        and not following.fixed
        and _voice(following.text) in {"first", "weak"}
        and not _reported(following.text)
    ):
        tag = following.tag
        if tag is None:
            ahead, _ = _tag_ahead(ctx, index + 1) if ctx is not None else (None, False)
            return ahead in (None, speaker)  # not when the run after is tagged for another
        if _is_pronoun(tag.speaker):
            return {"he": "male", "she": "female"}.get(tag.speaker.lower()) == gender
        return people.resolve(tag.speaker) in (None, speaker)
    return len(text.split()) <= 8 and bool(_SPOKEN_OPENER.match(text))


def _named_genders(text: str, speaker: str, people: _People) -> set[str]:
    """The genders of the people other than ``speaker`` that ``text`` names."""
    genders = {people.by_name[name].gender for _, name in people.mentions(text) if name != speaker}
    return {gender for gender in genders if gender}


def _pronoun_genders(text: str) -> set[str]:
    """The genders of "he" and "she" as subjects in ``text`` ("I thought he was ..."), and of
    the relatives it speaks of ("My father never did.")."""
    found = re.findall(r"\b(?:[Hh]e|[Ss]he)(?:['’](?:s|d|ll))?\b", text)
    genders = {"female" if word.lower().startswith("s") else "male" for word in found}
    for first, second in re.findall(r"\b(?:[Mm]y|[Oo]ur)\s+([a-z-]+)(?:\s+([a-z]+))?", text):
        noun = first if first in _FEMALE_WORDS | _MALE_WORDS else second
        if noun in _FEMALE_WORDS:
            genders.add("female")
        elif noun in _MALE_WORDS:
            genders.add("male")
    return genders


def _about(
    text: str, speaker: str, context: str, people: _People, others: Iterable[str] = ()
) -> bool:
    """``text`` talks about ``speaker`` in the third person: no "I", a pronoun that can be
    theirs (of their gender, or any when it is unknown) and is not one their own words used
    for somebody else (``others``), and nobody else of that gender named in ``context``."""
    if _FIRST_PERSON.search(text):
        return False
    known = people.by_name[speaker].gender
    found = {g for g, pronouns in (("male", _HE), ("female", _SHE)) if pronouns.search(text)}
    genders = (found & {known} if known else found) - set(others)
    return any(
        not [
            name
            for _, name in people.mentions(context)
            if name != speaker and people.by_name[name].gender == gender
        ]
        for gender in genders
    )


def _paraphrase(
    quote_text: str,
    name: str,
    tag: _Tag,
    people: _People,
    ctx: _Context | None = None,
    index: int = 0,
    current: str | None = None,
) -> bool:
    """The "quote" opens on its own speaker in the third person: the journalist's paraphrase
    with a tag ("Madison didn't know Borisov, she says"). With a pronoun tag, only when the
    pronoun would mean the person the words open on: after "The lead author read the
    review.", "Oona is right that heat matters, she said" is the lead author's quote."""
    mentions = people.mentions(quote_text)
    if not mentions or mentions[0][0] > 2 or _FIRST_PERSON.match(quote_text):
        return False
    opener = mentions[0][1]
    if opener == name:
        return True
    if _is_pronoun(tag.speaker):
        gender = {"he": "male", "she": "female"}.get(tag.speaker.lower())
        if not (people.by_name[opener].tagged and people.by_name[opener].gender == gender):
            return False
        if ctx is None:
            return True
        before = _resolve_pronoun(gender, ctx, index - 1, current, "")[0] if index else None
        return before in (None, opener)
    return False


def _run_speaker(ctx: _Context, index: int, weak: bool = False) -> tuple[str | None, float]:
    """Who speaks an untagged first-person sentence after narration: the tag a few sentences
    on, else the speaker the narration just talked about, else the last speaker.

    A ``weak`` sentence ("We trained in the car park.") opens a quote only when the run of
    voiced sentences it starts reaches a tagged quote in the speaker's voice ("We both work
    here. We coach here. We can't live here, he said.") or a sentence in the first person
    singular: the narration's own "we" ("Science has taught us ...") reaches neither."""
    units, people = ctx.units, ctx.people
    # nobody calls themselves by name: "Carvajal would not show me the notebook." is the writer
    named = {name for _, name in people.mentions(units[index].text)}
    name, singular = _tag_ahead(ctx, index, weak)
    if name and name not in named:
        return name, 0.65
    if not any(u.kind == "quote" and u.speaker != NARRATOR for u in units[:index]):
        return None, 0.0  # nobody has spoken yet: "When I visited in March, ..." is the writer
    if weak and not singular:
        return None, 0.0
    # The person the narration just talked about; not one the sentence itself calls "him"
    # or "her" ("Joel worries too much. I tell him that every day.").
    referred = _pronoun_genders(units[index].text) | {
        gender
        for word, gender in _OBJECT_PRONOUN.items()
        if re.search(rf"\b{word}\b", units[index].text)
    }
    candidates: list[str] = []
    for back in range(index - 1, max(-1, index - 3), -1):
        narration = units[back].text
        kind, subject, _ = _subject(narration, people)
        if kind in {"he", "she"}:
            subject, sure = _resolve_pronoun(
                {"he": "male", "she": "female"}[kind], ctx, back, None, ""
            )
            subject = subject if sure >= 0.45 else None  # not a guess from far away
        found = [subject] if subject else []
        if weak:  # only the subject of the sentence just before: "She keeps the photo. We had ..."
            candidates += [name for name in found if name and people.by_name[name].tagged]
            break
        found += [name for _, name in people.mentions(narration)]
        candidates += [name for name in found if name and people.by_name[name].tagged]
    candidates = [name for name in candidates if name not in named]
    if candidates:
        unreferred = [name for name in candidates if people.by_name[name].gender not in referred]
        return (unreferred or candidates)[0], 0.55
    if weak:
        return None, 0.0
    for back in range(index - 1, max(-1, index - 7), -1):
        if units[back].kind == "quote" and units[back].speaker not in (NARRATOR, *named):
            return units[back].speaker, 0.45
    return None, 0.0


def _tag_after_short_run(ctx: _Context, index: int, limit: int = 3) -> tuple[str | None, int]:
    """The speaker of a tag that closes a short run of quote sentences opening on an
    imperative, in the same paragraph, with no name, no reporting and no caption between,
    and the index of the tagged sentence."""
    units, people = ctx.units, ctx.people
    for ahead in range(index + 1, min(len(units), index + 1 + limit)):
        unit = units[ahead]
        if unit.fixed or unit.sentence.line != units[index].sentence.line or _is_caption(unit.text):
            return None, index
        if unit.tag and not unit.tag.reported and not _reported(unit.text):
            quote_text = unit.text[: unit.tag.start]
            if _voice(quote_text) == "neutral" and people.mentions(quote_text):
                return None, index
            name, _ = _resolve_tag(unit.tag, ctx, ahead, None, quote_text)
            if name and not _paraphrase(quote_text, name, unit.tag, people, ctx, ahead):
                return name, ahead
            return None, index
        if unit.tag or _reported(unit.text) or people.mentions(unit.text):
            return None, index
        if len(unit.text.split()) > 10:
            return None, index
    return None, index


def _tag_ahead(
    ctx: _Context, index: int, weak: bool = False, limit: int = 5
) -> tuple[str | None, bool]:
    """The speaker of the tag that closes the run of voiced sentences after ``index`` (None
    when the run ends untagged), and whether the run has a sentence in the first person
    singular. With ``weak``, a tag counts only on words in the speaker's own voice."""
    units, people = ctx.units, ctx.people
    singular = False
    for ahead in range(index + 1, min(len(units), index + 1 + limit)):
        unit = units[ahead]
        if unit.fixed:
            break
        if unit.tag and not unit.tag.reported and not _reported(unit.text):
            quote_text = unit.text[: unit.tag.start]
            name, _ = _resolve_tag(unit.tag, ctx, ahead, None, quote_text)
            if (
                name
                and not _paraphrase(quote_text, name, unit.tag, people, ctx, ahead)
                and not (weak and _voice(quote_text) == "neutral")
            ):
                return name, singular
            break
        voice = _voice(unit.text)
        if voice == "neutral" or _is_caption(unit.text):
            break
        singular = singular or voice == "first"
    return None, singular


# --- results -----------------------------------------------------------------------------------


def _finish(units: Sequence[_Unit], people: _People, marks: _Marks | None) -> Extraction:
    utterances: list[Utterance] = []
    counts: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    for unit in units:
        line, source = unit.sentence.line, unit.sentence.source
        spoken = _spoken_text(unit.spoken, marks) if unit.kind == "quote" else ""
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
                Utterance(unit.speaker, spoken, line, "quote", source, attribution, unit.confidence)
            )
        else:
            utterances.append(
                Utterance(NARRATOR, unit.text, line, "narration", source, "", unit.confidence)
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


#: below this confidence an attribution is listed for a person to check
REVIEW_THRESHOLD = 0.6


def review(extraction: Extraction, threshold: float = REVIEW_THRESHOLD) -> list[Utterance]:
    """Decisions the extractor is unsure about, for a person to check (``extract --review``)."""
    return [u for u in extraction.utterances if u.confidence < threshold]
