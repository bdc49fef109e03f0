"""Find who says what in an article: quote detection, speaker attribution, name resolution.

The article is cleaned (:func:`audioscript.clean.clean_text`), cut into sentences and
every sentence becomes one or more :class:`Utterance`: a quote by a person or narration.

Two kinds of input are handled by the same rules:

* **with quotation marks**: the marks decide what is quoted. A quote needs to be more
  than a scare quote or a title: it starts a sentence, follows a colon, or carries an
  attribution tag ("..., Baker says"). Quotes without a tag in their paragraph continue
  the speaker of the quote before them, or belong to the person the paragraph is about.
* **without quotation marks** (the marks were lost): a sentence is a quote when it
  carries an attribution tag, or when it speaks in the first person next to one. Runs of
  untagged sentences continue the current speaker until the narration resumes (a
  sentence about the speaker in the third person, or one with no voice after narration).

Names are resolved to one canonical full name per person: surnames, first names,
descriptors ("the actress"), pronouns (by the gender the article shows) and near-miss
spellings ("Borislov" for "Borisov") all land on the same :class:`Speaker`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from audioscript.clean import ArticleEvidence, clean_text, zipf
from audioscript.models import NARRATOR, Speaker, Utterance

__all__ = ["SPEECH_VERBS", "Extraction", "extract", "review"]


# --- vocabulary ---------------------------------------------------------------------------

_VERB_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("says", "said"),
    "tell": ("tells", "told"),
    "write": ("writes", "wrote"),
    "cry": ("cries", "cried"),
    "reply": ("replies", "replied"),
    "admit": ("admits", "admitted"),
    "quip": ("quips", "quipped"),
    "grin": ("grins", "grinned"),
    "shrug": ("shrugs", "shrugged"),
    "nod": ("nods", "nodded"),
    "marvel": ("marvels", "marveled", "marvelled"),
    "add": ("adds", "added"),
    "go on": ("goes on", "went on"),
    "point out": ("points out", "pointed out"),
    "offer": ("offers", "offered"),
}
_REGULAR_VERBS = (
    "recall explain continue laugh note remember joke insist ask agree answer respond observe "
    "remark comment muse concede acknowledge confess argue claim state declare exclaim shout "
    "whisper murmur mutter sigh warn caution emphasize emphasise stress reflect recount reveal "
    "enthuse gush chuckle giggle deadpan wonder conclude predict counter protest interject "
    "smile beam recollect elaborate clarify summarize summarise concur boast complain "
    "lament admit suggest assert maintain"
).split()
_NO_TAG_VERBS = {"smile", "beam", "wonder", "suggest", "predict", "argue", "claim", "maintain", "assert"}
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
_ADVERB = r"(?:[a-z]+ly|again|too|now|then|later|today|once|back)"
_PARTICLE = r"(?:de|da|di|del|della|van|von|der|den|la|le|du|bin|al|el|st\.)"
_NAME_WORD = r"(?:[A-Z][a-z]*['’]?[A-Z]?[a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.)"
_NAME = rf"{_NAME_WORD}(?: (?:{_PARTICLE} )?{_NAME_WORD}){{0,3}}"
_ROLE_NOUN = (
    r"(?:[a-z]+(?:ist|er|or|ess|ian|ant|ent|ee)|star|actor|actress|chef|doctor|mother|father|mom|dad|son|"
    r"daughter|wife|husband|woman|man|boy|girl|judge|coach|official|spokesperson|spokeswoman|"
    r"spokesman|expert|veteran|host|novelist|filmmaker|director|singer|writer|author|artist|"
    r"scientist|researcher|professor|teacher|lawyer|student|founder|editor|critic|friend|"
    r"colleague|partner|sister|brother|aunt|uncle|grandmother|grandfather|neighbor|neighbour)"
)
_DESCRIPTOR = rf"(?:[Tt]he\s+(?:[a-z-]+\s+){{0,2}}{_ROLE_NOUN}|(?:[Hh]is|[Hh]er)\s+(?:[a-z-]+\s+)?{_ROLE_NOUN})"
_PRONOUN = r"(?:he|she|they|He|She|They)"
_SPEAKER = rf"(?:{_DESCRIPTOR}|{_NAME}|{_PRONOUN})"

_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself)\b")
_FIRST_PERSON_WEAK = re.compile(r"\b(?:we|We|we're|We're|we've|We've|we'd|We'd|we'll|us|our|Our|ours|ourselves|let's|Let's)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|You|your|Your|you're|You're|yourself)\b")
_HE = re.compile(r"\b(?:he|He|him|his|His|himself|he's|He's|he'd|He'd)\b")
_SHE = re.compile(r"\b(?:she|She|her|Her|hers|herself|she's|She's|she'd|She'd)\b")

_FEMALE_WORDS = {
    "actress", "mother", "mom", "mum", "daughter", "wife", "woman", "girl", "sister", "aunt",
    "grandmother", "queen", "princess", "lady", "mrs", "ms", "miss", "madam", "spokeswoman",
    "chairwoman", "businesswoman", "congresswoman", "heroine", "niece", "girlfriend", "bride",
    "waitress", "hostess", "stepmother", "granddaughter", "diva", "ballerina",
}  # fmt: skip
_MALE_WORDS = {
    "actor", "father", "dad", "son", "husband", "man", "boy", "brother", "uncle", "grandfather",
    "king", "prince", "gentleman", "mr", "sir", "spokesman", "chairman", "businessman",
    "congressman", "hero", "nephew", "boyfriend", "groom", "waiter", "host", "stepfather",
    "grandson", "lord",
}  # fmt: skip
_NOT_NAME_WORDS = {
    "The", "A", "An", "I", "It", "In", "On", "At", "But", "And", "Or", "So", "If", "When", "While",
    "As", "After", "Before", "Since", "Then", "This", "That", "These", "Those", "There", "Here",
    "He", "She", "They", "We", "You", "His", "Her", "Their", "Our", "My", "Your", "Its", "What",
    "Who", "Why", "How", "Where", "Which", "Yes", "No", "Not", "Oh", "Well", "Also", "Still",
    "Now", "For", "From", "With", "Without", "Of", "To", "By", "Be", "Is", "Was", "Are", "Were",
    "Do", "Did", "Does", "Just", "Even", "Only", "Every", "Each", "All", "Some", "Any", "Many",
    "Most", "More", "Much", "One", "Two", "Three", "First", "Last", "Next", "New", "Both",
    "According", "Despite", "During", "Although", "Though", "Because", "Until", "Unless",
    "Once", "Like", "Maybe", "Perhaps", "Sometimes", "Look", "Instead", "Meanwhile", "However",
    "Moreover", "Still", "Yet", "Mr", "Mrs", "Ms", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "God", "Oscar", "Oscars", "Academy", "Awards", "Festival",
    "University", "Institute", "School", "College", "Center", "Centre", "Hospital", "Hotel",
    "Company", "Studios", "Pictures", "Magazine", "Times", "News", "Post", "Journal",
    "Department", "Museum", "Society", "Foundation", "Association", "Council", "Committee",
    "Club", "Theater", "Theatre", "Street", "Avenue", "Road", "Park", "Island", "City", "County",
    "State", "States", "River", "Lake", "Mountain", "Valley", "Beach", "Bay", "Prize", "Award",
    "Nobel", "Golden", "Globe", "Globes", "Cannes", "Competition", "Palme", "US", "U.S.", "UK",
    "Instagram", "Zoom", "Netflix", "Google", "Twitter", "Facebook", "YouTube", "Wired", "Science",
    "Nature", "Correction", "Photo", "Image", "Credit", "Courtesy", "Getty", "Images", "Ole",
}  # fmt: skip
_ORG_WORDS = {
    "University", "Institute", "School", "College", "Center", "Centre", "Hospital", "Hotel",
    "Company", "Studios", "Pictures", "Magazine", "Times", "News", "Journal", "Department",
    "Museum", "Society", "Foundation", "Association", "Council", "Committee", "Club", "Theater",
    "Theatre", "Street", "Avenue", "Road", "Park", "Island", "City", "County", "State", "States",
    "River", "Lake", "Valley", "Beach", "Bay", "Prize", "Award", "Awards", "Festival", "Academy",
    "Laboratory", "Lab", "Labs", "Agency", "Bureau", "Ministry", "Court", "Party", "Church",
    "Records", "Entertainment", "Productions", "Films", "Network", "Group", "Inc", "Ltd", "Corp",
    "Genomics", "Medicine", "Research", "Sciences", "Biology", "Transactions", "Opry",
}  # fmt: skip

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "sgt", "vs", "etc", "no", "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "mt", "ft", "approx",
    "dept", "univ", "ave", "blvd", "e.g", "i.e",
}  # fmt: skip

_OPEN_QUOTES = "“\"«„"
_CLOSE_QUOTES = "”\"»"


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
    text: str  # cleaned text, quote marks kept
    source: str  # raw text of the sentence, or of the line when they cannot be aligned
    mask: list[bool]  # per character of ``text``: inside quotation marks
    first_in_paragraph: bool = False
    last_in_paragraph: bool = False


def _quote_mask(paragraph: str, open_at_start: bool) -> tuple[list[bool], bool]:
    """Which characters lie inside double quotation marks; and whether a quote is still open at the end."""
    mask = [False] * len(paragraph)
    inside = open_at_start
    for i, char in enumerate(paragraph):
        if char == "“" or char == "„" or char == "«":
            inside = True
            mask[i] = True
            continue
        if char == "”" or char == "»":
            mask[i] = True
            inside = False
            continue
        if char == '"':
            mask[i] = True
            before = paragraph[i - 1] if i else " "
            after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
            if inside and (not after.isalnum() or before.isalnum() or before in ".,!?…"):
                inside = False
            elif not inside and (before.isspace() or before in "([—–-:" or i == 0):
                inside = True
            else:
                inside = not inside
            continue
        mask[i] = inside
    return mask, inside


_BOUNDARY = re.compile(r"([.!?…]+)([”\"’)\]]*)(\s+)(?=[“\"‘(\[]?[A-Z0-9])")


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(2)
        words = re.findall(r"[A-Za-z.]+$", text[start : match.start(1)])
        last = words[-1].lower() if words else ""
        if match.group(1) == "." and (
            last.rstrip(".") in _ABBREVIATIONS
            or re.fullmatch(r"(?:[a-z]\.)*[a-z]", last)  # initials: "U.S", "O.K", "T"
        ):
            following = text[match.end() :]
            if not re.match(r"[A-Z][a-z]+ (?:[a-z]|I\b)", following) or len(last.rstrip(".")) > 1 or last in {"o.k", "u.s", "u.k"}:
                if last.rstrip(".") in _ABBREVIATIONS or len(last) <= 1 or not following[:1].isupper():
                    continue
        spans.append((start, end))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _sentences(raw_lines: Sequence[str], clean_lines: Sequence[str], quoted: bool) -> list[_Sentence]:
    sentences: list[_Sentence] = []
    open_quote = False
    paragraph = -1
    for number, (raw, line) in enumerate(zip(raw_lines, clean_lines), start=1):
        if not line.strip():
            continue
        paragraph += 1
        if quoted:
            reopens = line.lstrip()[:1] in _OPEN_QUOTES
            mask, open_quote = _quote_mask(line, open_quote and not reopens)
            if open_quote and not _continues_quote(clean_lines, number):
                open_quote = False
        else:
            mask = [False] * len(line)
        spans = _split_sentences(line)
        raw_spans = _split_sentences(raw)
        for index, (start, end) in enumerate(spans):
            if len(raw_spans) == len(spans):
                source = raw[raw_spans[index][0] : raw_spans[index][1]].strip()
            else:
                source = raw.strip() if len(spans) == 1 else line[start:end].strip()
            sentences.append(
                _Sentence(
                    line=number,
                    paragraph=paragraph,
                    text=line[start:end].strip(),
                    source=source,
                    mask=mask[start:end][len(line[start:end]) - len(line[start:end].lstrip()) :][: len(line[start:end].strip())],
                    first_in_paragraph=index == 0,
                    last_in_paragraph=index == len(spans) - 1,
                )
            )
    return sentences


def _continues_quote(lines: Sequence[str], number: int) -> bool:
    """A quote left open at the end of a paragraph continues when the next paragraph reopens it."""
    for following in lines[number:]:
        if following.strip():
            return following.lstrip()[:1] in _OPEN_QUOTES
    return False


# --- people --------------------------------------------------------------------------------


@dataclass
class _Person:
    name: str
    aliases: set[str] = field(default_factory=set)
    female: int = 0
    male: int = 0
    descriptor: str = ""

    @property
    def gender(self) -> str | None:
        if self.female > self.male:
            return "female"
        if self.male > self.female:
            return "male"
        return None

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


class _People:
    """Every person the article names, with their aliases, keyed by canonical name."""

    def __init__(self, text: str, evidence: ArticleEvidence, speaker_surfaces: Iterable[str]) -> None:
        self.by_name: dict[str, _Person] = {}
        self.alias: dict[str, str] = {}
        self.titles = _titles(evidence)
        full_names: Counter[str] = Counter()
        for match in re.finditer(_NAME, text):
            words = _trim_name(match.group().split(), text, match.start())
            if len(words) >= 2 and not any(w in _ORG_WORDS for w in words):
                full_names[" ".join(words)] += 1
        surfaces = Counter(speaker_surfaces)
        # Canonical names: full names first (longest first), then tag names never spelled out.
        for name in sorted(full_names, key=lambda n: (-len(n.split()), -full_names[n], n)):
            if self._resolve_exact(name):
                continue
            words = name.split()
            if not any(w in surfaces or " ".join(words) in surfaces for w in words) and not _looks_like_person(words, evidence):
                continue
            self._add(name)
        for surface in surfaces:
            if self._resolve_exact(surface) or self._resolve_typo(surface):
                continue
            self._add(surface)

    def _add(self, name: str) -> None:
        person = _Person(name)
        self.by_name[name] = person
        words = name.split()
        for alias in {name, words[-1], words[0]} if len(words) > 1 else {name}:
            if alias in {"Jr.", "Sr."}:
                continue
            self.alias.setdefault(alias, name)
            person.aliases.add(alias)

    def _resolve_exact(self, surface: str) -> str | None:
        surface = surface.replace("’", "'")
        if surface in self.alias:
            return self.alias[surface]
        words = surface.split()
        if len(words) > 1 and words[-1] in self.alias:
            candidate = self.alias[words[-1]]
            if candidate.split()[0] == words[0] or len(candidate.split()) == 1:
                return candidate
        return None

    def _resolve_typo(self, surface: str) -> str | None:
        if " " in surface or len(surface) < 5:
            return None
        best: tuple[int, str] | None = None
        for alias, name in self.alias.items():
            if abs(len(alias) - len(surface)) > 2 or alias[0].lower() != surface[0].lower():
                continue
            distance = _edit_distance(alias.lower(), surface.lower())
            limit = 1 if len(surface) < 8 else 2
            if distance <= limit and (best is None or distance < best[0]):
                best = (distance, name)
        return best[1] if best else None

    def resolve(self, surface: str) -> str | None:
        """The canonical name for a name as written, or None when it names nobody known."""
        name = self._resolve_exact(surface) or self._resolve_typo(surface)
        if name:
            self.by_name[name].aliases.add(surface)
        return name

    def mentions(self, text: str) -> list[tuple[int, str]]:
        """(offset, canonical name) of every person named in ``text``, in order."""
        found: list[tuple[int, str]] = []
        for match in re.finditer(_NAME, text):
            words = match.group().split()
            offset = match.start()
            while words:
                for size in range(len(words), 0, -1):
                    surface = " ".join(words[:size])
                    surface = re.sub(r"['’]s$", "", surface)
                    name = self._resolve_exact(surface) or (self._resolve_typo(surface) if size == 1 else None)
                    if name:
                        found.append((offset, name))
                        break
                else:
                    size = 1
                offset += len(" ".join(words[:size])) + 1
                words = words[size:]
        return found


def _titles(evidence: ArticleEvidence) -> set[str]:
    return {word for word in evidence.names if word.lower() in evidence.standalone and evidence.tokens[word] == 0}


def _trim_name(words: list[str], text: str, start: int) -> list[str]:
    """Drop sentence-opening words and titles that the name pattern swallowed ("When Baker")."""
    words = [re.sub(r"['’]s$", "", w) for w in words]
    while words and (words[0] in _NOT_NAME_WORDS or words[0].rstrip(".") in {"Mr", "Mrs", "Ms", "Dr", "Prof"}):
        words = words[1:]
    while words and words[-1] in _NOT_NAME_WORDS:
        words = words[:-1]
    return words


def _looks_like_person(words: list[str], evidence: ArticleEvidence) -> bool:
    """Two or three capitalised words that are not common English words: "Sean Baker"."""
    if len(words) > 3 or any(w.endswith(".") and len(w) > 2 for w in words):
        return False
    return zipf(words[-1]) < 4.6 and all(w[0].isupper() for w in words) and zipf(words[0]) < 5.0


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
    speaker: str  # the speaker as written: a name, a pronoun or a descriptor
    verb: str
    text: str  # the tag as written, e.g. "Baker says"
    start: int  # span of the tag (with its punctuation) in the sentence
    end: int
    reported: bool = False  # "says that ...": indirect speech


_TAG_END = re.compile(
    rf"[,?!—–…]\s*(?P<tag>(?P<spk>{_SPEAKER})\s+(?:{_ADVERB}\s+)?(?P<verb>{_VERB_RE})"
    rf"(?:\s+{_ADVERB})?(?:,?\s+(?:of|about|to|at|with|in|on|from|when|as|during|over|after|before)\b[^.!?;:]{{0,60}}?)?)"
    r"\s*[.!?…]*[”\"’]?\s*$"
)
_TAG_END_INVERTED = re.compile(
    rf"[,?!—–…]\s*(?P<tag>(?P<verb>{_VERB_RE})\s+(?P<spk>{_DESCRIPTOR}|{_NAME}))"
    r"(?P<appos>,\s+[^“”\"]*?)?\s*[.!?…]*\s*$"
)
_TAG_MIDDLE = re.compile(
    rf"^(?P<pre>.+?[^\s]),\s+(?P<tag>(?P<spk>{_SPEAKER})\s+(?:{_ADVERB}\s+)?(?P<verb>{_VERB_RE})(?:\s+{_ADVERB})?"
    rf"|(?P<verb2>{_VERB_RE})\s+(?P<spk2>{_DESCRIPTOR}|{_NAME}))(?P<appos>,\s+[^,“”\"]{{3,90}}?)?[,;:—–]\s+(?P<post>.+)$"
)
_TAG_LEAD = re.compile(
    rf"^(?P<tag>(?P<spk>{_SPEAKER})\s+(?:{_ADVERB}\s+)?(?P<verb>{_VERB_RE})(?:\s+{_ADVERB})?)(?P<rest>[^:]{{0,50}}?)\s*:\s+(?P<post>.+)$"
)
_REPORTED = re.compile(
    rf"\b(?P<spk>{_SPEAKER})\s+(?:{_ADVERB}\s+)?(?P<verb>{_VERB_RE})(?:\s+{_ADVERB})?(?:\s+(?:me|us|him|her|them|reporters|[A-Z][a-z]+))?"
    r"(?:,[^,]{1,40},)?\s+(?:that|how|why|whether|if|what|when)\b"
)
_AS_TAG = re.compile(rf"\b(?:[Aa]s|[Aa]ccording to)\s+(?:{_SPEAKER})(?:\s+(?:{_VERB_RE}))?\b")


def _is_speaker_word(spk: str) -> bool:
    return spk not in {"I", "We", "we", "You", "you", "It", "it", "This", "That", "There"} and spk.split()[0] not in {"It", "This", "That", "There", "What", "Who"}


def _find_tag(text: str) -> _Tag | None:
    """An attribution tag at the end, in the middle or at the start of ``text``."""
    for pattern in (_TAG_END, _TAG_END_INVERTED):
        match = pattern.search(text)
        if match and _is_speaker_word(match.group("spk")) and match.start() > 0:
            spk = match.group("spk")
            if spk.split()[0] in _NOT_NAME_WORDS and spk not in {"He", "She", "They"}:
                continue
            return _Tag(spk, match.group("verb"), match.group("tag"), match.start(), len(text))
    match = _TAG_MIDDLE.search(text)
    if match:
        spk = match.group("spk") or match.group("spk2")
        verb = match.group("verb") or match.group("verb2")
        if _is_speaker_word(spk) and not (spk.split()[0] in _NOT_NAME_WORDS and spk not in {"he", "she", "He", "She"}):
            post = match.group("post")
            reported = bool(re.match(r"(?:that|how|why|whether)\b", post))
            return _Tag(spk, verb, match.group("tag"), match.end("pre"), match.start("post"), reported)
    match = _TAG_LEAD.search(text)
    if match and _is_speaker_word(match.group("spk")) and SPEECH_VERBS[match.group("verb")] not in _NO_TAG_VERBS:
        return _Tag(match.group("spk"), match.group("verb"), match.group("tag"), 0, match.start("post"))
    return None


# --- the extractor ---------------------------------------------------------------------------


@dataclass
class _Unit:
    """One utterance in the making."""

    sentence: _Sentence
    text: str
    kind: str = "narration"
    speaker: str = NARRATOR
    tag: _Tag | None = None
    confidence: float = 0.9
    reason: str = ""


def extract(text: str) -> Extraction:
    """Quotes and narration of an article (raw text in), with every speaker resolved."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = clean_text(text)
    raw_lines, clean_lines = text.split("\n"), cleaned.split("\n")
    quoted = _has_quote_marks(cleaned)
    sentences = _sentences(raw_lines, clean_lines, quoted)
    evidence = ArticleEvidence.from_text(text)
    units = [_split_unit(s, quoted) for s in sentences]
    units = [u for group in units for u in group]
    found = (_find_tag(_masked(u) if quoted else u.sentence.text) for u in units)
    surfaces = [t.speaker for t in found if t and not _is_pronoun(t.speaker) and not _is_descriptor(t.speaker)]
    people = _People(cleaned, evidence, surfaces)
    _learn_gender(units, people)
    _attribute(units, people, quoted)
    return _finish(units, people)


def _has_quote_marks(text: str) -> bool:
    return sum(text.count(q) for q in "“”") >= 2 or text.count('"') >= 4


def _is_pronoun(spk: str) -> bool:
    return spk.lower() in {"he", "she", "they"}


def _is_descriptor(spk: str) -> bool:
    return bool(re.fullmatch(_DESCRIPTOR, spk))


def _split_unit(sentence: _Sentence, quoted: bool) -> list[_Unit]:
    """The units of one sentence: usually one; a narration lead-in before a colon quote makes two."""
    text = sentence.text
    if not quoted:
        return [_Unit(sentence, text)]
    colon = _colon_lead_in(sentence)
    if colon is not None:
        lead = text[:colon].strip()
        if not re.fullmatch(rf"(?:{_SPEAKER})\s+(?:{_ADVERB}\s+)?(?:{_VERB_RE})(?:\s+{_ADVERB})?:?", lead.rstrip(":")):
            head = _Sentence(sentence.line, sentence.paragraph, lead, lead, sentence.mask[:colon], sentence.first_in_paragraph, False)
            tail_text = text[colon:].strip()
            offset = len(text) - len(tail_text)
            tail = _Sentence(sentence.line, sentence.paragraph, tail_text, tail_text, sentence.mask[offset:], False, sentence.last_in_paragraph)
            return [_Unit(head, lead), _Unit(tail, tail_text, reason="colon")]
    return [_Unit(sentence, text)]


def _colon_lead_in(sentence: _Sentence) -> int | None:
    """Where a quote introduced by a colon starts, when the sentence is narration up to it."""
    text, mask = sentence.text, sentence.mask
    for match in re.finditer(r":\s+(?=[“\"])", text):
        if mask[match.start()]:
            continue
        rest = match.end()
        quoted_chars = sum(1 for i in range(rest, len(text)) if mask[i])
        if quoted_chars >= 0.6 * (len(text) - rest) and len(text[rest:].split()) >= 4:
            return rest
    return None


def _quote_parts(unit: _Unit) -> tuple[str, str, float]:
    """(quoted text, narration text, share of quoted words) of a unit."""
    text, mask = unit.sentence.text, unit.sentence.mask
    if len(mask) != len(text):
        mask = (mask + [False] * len(text))[: len(text)]
    quoted = "".join(c if m else " " for c, m in zip(text, mask))
    narration = "".join(" " if m else c for c, m in zip(text, mask))
    q_words = len(re.findall(r"\w+", quoted))
    n_words = len(re.findall(r"\w+", narration))
    return quoted, narration, q_words / max(1, q_words + n_words)


def _strip_quote_marks(text: str) -> str:
    text = re.sub(r"[“”„«»]", "", text)
    text = re.sub(r'(?<![A-Za-z])"|"(?![A-Za-z])', "", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _spoken_text(text: str) -> str:
    """The words of a quote as spoken: no quote marks, a trailing comma turned into a full stop."""
    text = _strip_quote_marks(text).strip()
    text = re.sub(r"\s+([,.!?;:])", r"\1", text)
    text = re.sub(r"[,;:—–-]+$", "", text).strip()
    if text and text[-1] not in ".!?…":
        text += "."
    return text


def _learn_gender(units: Sequence[_Unit], people: _People) -> None:
    """Vote each person's gender from role words next to the name and pronouns that follow it."""
    previous_single: str | None = None
    for unit in units:
        narration = _narration_part(unit)
        mentioned = [name for _, name in people.mentions(narration)]
        for offset, name in people.mentions(narration):
            window = narration[max(0, offset - 40) : offset + 80].lower()
            for word in re.findall(r"[a-z]+", window):
                if word in _FEMALE_WORDS:
                    people.by_name[name].female += 2
                if word in _MALE_WORDS:
                    people.by_name[name].male += 2
        distinct = set(mentioned)
        target = next(iter(distinct)) if len(distinct) == 1 else (previous_single if not distinct else None)
        if target:
            person = people.by_name[target]
            after = narration
            if distinct:
                first = min(o for o, n in people.mentions(narration) if n == target)
                after = narration[first:]
            person.male += len(_HE.findall(after))
            person.female += len(_SHE.findall(after))
        previous_single = next(iter(distinct)) if len(distinct) == 1 else (None if distinct else previous_single)
        if unit.tag and _is_pronoun(unit.tag.speaker):
            previous_single = None


def _narration_part(unit: _Unit) -> str:
    _, narration, share = _quote_parts(unit)
    if share == 0 and not any(unit.sentence.mask):
        if _FIRST_PERSON.search(unit.text):
            return ""
        return unit.text
    return narration


def _attribute(units: list[_Unit], people: _People, quoted: bool) -> None:
    if quoted:
        _attribute_quoted(units, people)
    else:
        _attribute_stripped(units, people)


def _resolve_tag(tag: _Tag, units: Sequence[_Unit], index: int, people: _People, current: str | None, quote_text: str) -> tuple[str | None, float]:
    """The canonical speaker of a tag: a name, a descriptor or a pronoun."""
    spk = tag.speaker
    if _is_pronoun(spk):
        gender = {"he": "male", "she": "female"}.get(spk.lower())
        return _resolve_pronoun(gender, units, index, people, current, quote_text)
    if _is_descriptor(spk):
        return _resolve_descriptor(spk, units, index, people, current, quote_text)
    name = people.resolve(re.sub(r"['’]s$", "", spk))
    return name, 0.95 if name else 0.0


def _resolve_descriptor(spk: str, units: Sequence[_Unit], index: int, people: _People, current: str | None, quote_text: str) -> tuple[str | None, float]:
    noun = spk.split()[-1].lower()
    for person in people.by_name.values():
        if person.descriptor and person.descriptor.split()[-1] == noun:
            return person.name, 0.8
    gender = "female" if noun in _FEMALE_WORDS else "male" if noun in _MALE_WORDS else None
    return _resolve_pronoun(gender, units, index, people, current, quote_text)


def _resolve_pronoun(gender: str | None, units: Sequence[_Unit], index: int, people: _People, current: str | None, quote_text: str) -> tuple[str | None, float]:
    """The person a "he"/"she" tag points to: the current speaker, else the nearest fitting person."""
    named_in_quote = {name for _, name in people.mentions(quote_text)}

    def fits(name: str) -> bool:
        person_gender = people.by_name[name].gender
        return name not in named_in_quote and (gender is None or person_gender in (None, gender))

    if current and fits(current) and people.by_name[current].gender == gender:
        return current, 0.85
    seen = 0
    fallback: str | None = None
    for back in range(index, max(-1, index - 8), -1):
        unit = units[back]
        narration = _narration_part(unit) if back < index else unit.text[: unit.tag.start] if unit.tag and unit.kind == "narration" else ""
        if back == index:
            narration = _narration_part(unit)
        if unit.kind == "quote" and back < index:
            if unit.speaker != NARRATOR and fits(unit.speaker) and people.by_name[unit.speaker].gender == gender:
                return unit.speaker, 0.7
            continue
        names = [name for _, name in people.mentions(narration)]
        for name in names:
            if fits(name):
                if people.by_name[name].gender == gender or gender is None:
                    return name, 0.8 if seen == 0 else 0.7
                if fallback is None:
                    fallback = name
        seen += 1
    if fallback:
        return fallback, 0.5
    if current and fits(current):
        return current, 0.5
    return None, 0.0


def _attribute_quoted(units: list[_Unit], people: _People) -> None:
    """Quotation marks present: the marks decide quotes, tags and paragraphs decide speakers."""
    current: str | None = None
    last_paragraph_speaker: dict[int, str] = {}
    for index, unit in enumerate(units):
        quoted_text, narration, share = _quote_parts(unit)
        tag = _find_tag(_masked(unit)) if share > 0 else None
        is_quote = share >= 0.5 and len(quoted_text.split()) >= 1
        if is_quote and tag is None and len(quoted_text.split()) <= 3 and not re.search(r"[.!?]", quoted_text.strip(" “”\"")[:-1] or ""):
            is_quote = unit.reason == "colon" or _quote_starts_sentence(unit) and len(quoted_text.split()) >= 3
        if not is_quote:
            if share > 0 and tag and tag.reported:
                unit.confidence = 0.7
            unit.kind, unit.speaker = "narration", NARRATOR
            if unit.sentence.first_in_paragraph and not any(unit.sentence.mask):
                current = None if _mentions_other(unit, people, current) else current
            continue
        unit.kind = "quote"
        unit.text = _spoken_text(quoted_text)
        if tag:
            unit.tag = tag
            name, confidence = _resolve_tag(tag, units, index, people, current, quoted_text)
            if name:
                unit.speaker, unit.confidence = name, confidence
                current = name
                last_paragraph_speaker[unit.sentence.paragraph] = name
                continue
        unit.reason = unit.reason or "untagged"
    # Untagged quotes: the tag elsewhere in the paragraph, else the quote before, else the subject.
    for index, unit in enumerate(units):
        if unit.kind != "quote" or unit.speaker != NARRATOR:
            continue
        speaker, confidence = _paragraph_speaker(units, index, people)
        unit.speaker, unit.confidence = speaker or NARRATOR, confidence
        if speaker is None:
            unit.kind = "narration"
            unit.text = unit.sentence.text


def _quote_starts_sentence(unit: _Unit) -> bool:
    return unit.sentence.text[:1] in _OPEN_QUOTES


def _masked(unit: _Unit) -> str:
    """The sentence with each quoted stretch replaced by a placeholder, so tags stand out."""
    text, mask = unit.sentence.text, unit.sentence.mask
    out: list[str] = []
    previous = False
    for char, inside in zip(text, mask):
        if inside:
            if not previous:
                out.append("Q")
            previous = True
            continue
        previous = False
        out.append(char)
    masked = "".join(out)
    # "Q," before a tag: keep a comma the quote swallowed so the tag patterns see it.
    return re.sub(r"Q(?=\s+[A-Za-z])", "Q,", masked)


def _mentions_other(unit: _Unit, people: _People, current: str | None) -> bool:
    return any(name != current for _, name in people.mentions(unit.text))


def _paragraph_speaker(units: Sequence[_Unit], index: int, people: _People) -> tuple[str | None, float]:
    paragraph = units[index].sentence.paragraph
    same = [(i, u) for i, u in enumerate(units) if u.sentence.paragraph == paragraph]
    tagged = [(i, u) for i, u in same if u.kind == "quote" and u.speaker != NARRATOR and u.tag]
    before = [u for i, u in tagged if i < index]
    after = [u for i, u in tagged if i > index]
    if before:
        return before[-1].speaker, 0.85
    if after:
        return after[0].speaker, 0.8
    # The person the paragraph's narration is about ("Smith agreed: ...").
    for i, u in same:
        if i >= index:
            break
        if u.kind == "narration":
            names = [name for _, name in people.mentions(u.text)]
            if names:
                return names[0], 0.7
            pronoun = re.match(r"(?:\w+,?\s+)?(He|She)\b", u.text)
            if pronoun:
                name, confidence = _resolve_pronoun({"He": "male", "She": "female"}[pronoun.group(1)], units, i, people, None, "")
                if name:
                    return name, confidence * 0.8
    # A quote continuing from the paragraph before.
    for i in range(index - 1, -1, -1):
        u = units[i]
        if u.sentence.paragraph == paragraph:
            continue
        if u.kind == "quote" and u.speaker != NARRATOR and u.sentence.paragraph == paragraph - 1:
            return u.speaker, 0.6
        break
    # The person named in the narration just before.
    for i in range(index - 1, max(-1, index - 4), -1):
        u = units[i]
        if u.kind == "narration":
            names = [name for _, name in people.mentions(u.text)]
            if names:
                return names[0], 0.5
    return None, 0.0


def _attribute_stripped(units: list[_Unit], people: _People) -> None:
    """No quotation marks: tags and first-person voice decide quotes; runs continue a speaker."""
    # Pass 1: tags.
    for index, unit in enumerate(units):
        text = unit.sentence.text
        if _REPORTED.search(text) or _AS_TAG.search(text):
            reported = _REPORTED.search(text)
            if reported and _is_speaker_word(reported.group("spk")):
                unit.reason = "reported"
                continue
        tag = _find_tag(text)
        if tag is None or tag.reported:
            if tag is not None:
                unit.reason = "reported"
            continue
        unit.tag = tag
    # Pass 2: walk in order, keeping the current speaker of a run.
    current: str | None = None
    for index, unit in enumerate(units):
        text = unit.sentence.text
        if unit.tag:
            tag = unit.tag
            quote_text = text[: tag.start] + " " + text[tag.end :]
            name, confidence = _resolve_tag(tag, units, index, people, current, quote_text)
            if name and _names_subject(quote_text, name, people):
                name = None  # "Madison didn't know Borisov, she says": a paraphrase
            if name:
                unit.kind, unit.speaker, unit.confidence = "quote", name, confidence
                unit.text = _spoken_text(quote_text)
                current = name
                continue
            unit.tag = None
        voice = _voice(text)
        if unit.reason == "reported":
            current = None
            unit.confidence = 0.7
            continue
        if current is not None:
            if voice == "first" or (voice in {"neutral", "weak"} and not _narration_evidence(text, current, people)):
                unit.kind, unit.speaker, unit.confidence = "quote", current, 0.75 if voice == "first" else 0.6
                unit.reason = "continues"
                continue
            current = None
            continue
        if voice == "first":
            speaker, confidence = _run_speaker(units, index, people)
            if speaker:
                unit.kind, unit.speaker, unit.confidence, unit.reason = "quote", speaker, confidence, "first person"
                current = speaker
    # Pass 3: a first-person run that starts before its tag takes the tag's speaker.
    for index in range(len(units) - 1, -1, -1):
        unit = units[index]
        if unit.kind != "narration" or index + 1 >= len(units):
            continue
        following = units[index + 1]
        if following.kind == "quote" and following.reason != "continues" and _voice(unit.sentence.text) in {"first", "weak"} and unit.reason != "reported":
            if not _narration_evidence(unit.sentence.text, following.speaker, people):
                unit.kind, unit.speaker, unit.confidence, unit.reason = "quote", following.speaker, 0.65, "before tag"


def _voice(text: str) -> str:
    """"first" (I, me, my), "weak" (we, you), or "neutral"."""
    if _FIRST_PERSON.search(text):
        return "first"
    if _FIRST_PERSON_WEAK.search(text) or _SECOND_PERSON.search(text):
        return "weak"
    return "neutral"


def _narration_evidence(text: str, speaker: str, people: _People) -> bool:
    """The sentence talks about people in the third person the way a narrator does."""
    if people.mentions(text):
        return True
    gender = people.by_name[speaker].gender
    pronouns = _HE if gender == "male" else _SHE if gender == "female" else None
    return bool(pronouns and pronouns.search(text))


def _names_subject(quote_text: str, name: str, people: _People) -> bool:
    mentions = people.mentions(quote_text)
    return bool(mentions) and mentions[0][1] == name and mentions[0][0] <= 2


def _run_speaker(units: Sequence[_Unit], index: int, people: _People) -> tuple[str | None, float]:
    """Who speaks an untagged first-person sentence after narration."""
    for ahead in range(index + 1, min(len(units), index + 6)):
        text = units[ahead].sentence.text
        tag = _find_tag(text)
        if tag and not tag.reported:
            quote_text = text[: tag.start]
            name, confidence = _resolve_tag(tag, units, ahead, people, None, quote_text)
            if name:
                return name, 0.65
        if _voice(text) == "neutral" and people.mentions(text):
            break
    for back in range(index - 1, max(-1, index - 3), -1):
        names = [name for _, name in people.mentions(units[back].sentence.text)]
        if names:
            return names[0], 0.5
    return None, 0.0


def _finish(units: Sequence[_Unit], people: _People) -> Extraction:
    utterances: list[Utterance] = []
    counts: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    for unit in units:
        if unit.kind == "quote" and unit.speaker != NARRATOR:
            counts[unit.speaker] += 1
            first_line.setdefault(unit.speaker, unit.sentence.line)
            attribution = unit.tag.text if unit.tag else ""
            utterances.append(
                Utterance(unit.speaker, unit.text, unit.sentence.line, "quote", unit.sentence.source, attribution, unit.confidence)
            )
        else:
            utterances.append(
                Utterance(NARRATOR, unit.sentence.text, unit.sentence.line, "narration", unit.sentence.source, "", unit.confidence)
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


def review(extraction: Extraction, threshold: float = 0.6) -> list[Utterance]:
    """Decisions the extractor is unsure about, for a person to check (``extract --review``)."""
    return [u for u in extraction.utterances if u.confidence < threshold]
