"""The people pass: every person the article names, under one canonical full name.

Full names come from the text ("Sean Baker") and from the tags ("Baker says"); surnames,
first names, titles and honorifics ("Transport Minister Alan Reeve", "Mrs Pryce"), birth
names ("born Dolores Marie Clement") and near-miss spellings ("Borislov" for "Borisov")
resolve to them. Names of things ("The Glenmoor Courier", "Kingsmere Borough Council")
are left out. :class:`People` is the register the later passes ask, and add to: a person
named only once or known only by a description ("a police spokesperson") joins it then.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from audioscript.clean import LETTER, LOWER, UPPER, ArticleEvidence, edit_distance, zipf
from audioscript.names import is_given_name

from .captions import without_credits
from .patterns import NAME, NAME_RUN, NAME_WORD, ROLE_NOUN, LazyPattern
from .relatives import ELDER_WORD, by_age, elder_before
from .vocabulary import HONORIFICS, NOT_NAME_WORDS, ORG_WORDS, ROLES


@dataclass
class Person:
    """One person of the article: canonical name, aliases, descriptor and gender evidence."""

    name: str
    aliases: set[str] = field(default_factory=set)
    female: float = 0.0
    male: float = 0.0
    descriptor: str = ""
    tagged: bool = False  # named in an attribution tag somewhere in the article
    age: int = 0  # "Clarence Batiste, 61,"
    kin: str = ""  # what the narration calls them to a relative: "his son, Andre Batiste"
    organisation: bool = False  # speaks through statements; never a "he" or "she"

    @property
    def gender(self) -> str | None:
        if self.female > self.male:
            return "female"
        if self.male > self.female:
            return "male"
        return None


class People:
    """Every person the article names, with aliases, descriptors and gender evidence."""

    def __init__(self, text: str, evidence: ArticleEvidence, tag_names: Iterable[str]) -> None:
        self.by_name: dict[str, Person] = {}
        self.alias: dict[str, str] = {}
        self.descriptor_of: dict[str, str] = {}  # role noun -> the one person it describes
        # (person, kin word) -> that person's relative: ("Emrys Talbot", "son") -> "Rhodri Talbot"
        self.relations: dict[tuple[str, str], str] = {}
        self.organisations: list[str] = []  # "Penfold Markets": names of things that may speak
        self.titles = titles = _titles(evidence)
        self._mentions_state: tuple[object, ...] = ()
        self._mentions_seen: dict[str, list[tuple[int, str]]] = {}
        text = without_credits(text)  # a photographer is nobody the article quotes
        self.text = text
        full_names: Counter[str] = Counter()
        for surface, start in _name_runs(text):
            words = _trim_name(re.split(r"(?<=['’]s) ", surface)[0].split())
            written = [_trim_possessive(w) for w in surface.split()]
            named = written[written.index(words[0]) :] if words and words[0] in written else []
            if any(w in ORG_WORDS for w in named) or _after_the(text, start, written):
                if len(named) > 1 and named[0] not in NOT_NAME_WORDS:
                    self.organisations.append(" ".join(named))
                continue  # "Kingsmere Borough Council", "The Glenmoor Courier": not a person
            if (
                len(words) == 3
                and zipf(words[0]) >= 4.5
                and re.search(r"(?:^|[.!?:;“‘\"]\s*)$", text[max(0, start - 5) : start])
            ):  # "Ask Maureen Tully.": a sentence's first word before the name
                words = words[1:]
            if len(words) >= 2 and not any(w in ORG_WORDS or w in titles for w in words):
                full_names[" ".join(words)] += 1
        tagged = Counter(" ".join(_trim_name(n.split())) or _trim_possessive(n) for n in tag_names)
        tagged_words = {w for n in tagged for w in n.split()}
        # Longer names first, then in order of appearance: when two people share a surname
        # ("Walter Kessling", "his daughter, Nina Kessling"), the surname is the first one's.
        for name in sorted(full_names, key=lambda n: -len(n.split())):
            words = name.split()
            if self._resolve_exact(name):
                continue
            if not tagged_words.intersection(words) and not _looks_like_person(words):
                continue
            self._add(name)
        for surface in tagged:
            if surface in titles or surface in NOT_NAME_WORDS:
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
        person = Person(name)
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
        """ "Dolores Marie Clement was born in Baltimore" in the obituary of Dolores
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
            name = self._resolve_exact(" ".join(trimmed))
            gender = _HONORIFIC_GENDER.get(words[0].rstrip("."))
            if name and gender and self.by_name[name].gender not in (None, gender):
                return self._namesake(name, gender) or name
            return name
        if len(words) > 1 and words[-1] in self.alias:
            candidate = self.alias[words[-1]]
            if candidate.split()[0] == words[0] or len(candidate.split()) == 1:
                return candidate
        return None

    def _namesake(self, name: str, gender: str) -> str | None:
        """Another person with the surname of ``name``, of ``gender``: "Mr Brackett" is the
        son when "Brackett" alone would be his mother."""
        surname = name.split()[-1]
        for other, person in self.by_name.items():
            if other != name and other.split()[-1] == surname and person.gender == gender:
                return other
        return None

    def _resolve_typo(self, surface: str) -> str | None:
        """A near-miss spelling of a known surname ("Borislov" for "Borisov")."""
        if " " in surface or len(surface) < 5:
            return None
        best: tuple[int, str] | None = None
        for alias, name in self.alias.items():
            if " " in alias or abs(len(alias) - len(surface)) > 2 or alias[0] != surface[0]:
                continue
            distance = edit_distance(alias.lower(), surface.lower())
            limit = 1 if len(surface) < 8 else 2
            if 0 < distance <= limit and (best is None or distance < best[0]):
                best = (distance, name)
        return best[1] if best else None

    def resolve(self, surface: str) -> str | None:
        """The canonical name for a name as written, or None when it names nobody known
        ("the elder Batiste": the older of the people with that surname)."""
        elder = _ELDER_NAME.compiled.fullmatch(surface.strip())
        if elder:
            return by_age(self, elder.group(2), elder.group(1))
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
            self.by_name[name] = Person(name, descriptor=phrase.lower(), tagged=True)
            if gender:
                setattr(self.by_name[name], gender, 1.0)
        return name

    def organisation(self, phrase: str, texts: Iterable[str]) -> str | None:
        """The organisation "the alliance" (``phrase``) stands for: the last one ``texts``
        name (nearest first) whose name ends in that word ("The Riverton Hotel and Lodging
        Alliance said ... 'Visitors already pay ...,' the alliance said"). It speaks as one."""
        noun = phrase.split()[-1].lower()
        named = re.compile(
            rf"(?:{_ORG_WORD}\s+(?:(?:and|of|for|on|&)\s+)?){{1,6}}{noun.title()}\b"
            # "the federation": the Federation of Valley Choirs
            rf"|\b{noun.title()}\s+(?:of|for)\s+(?:the\s+)?(?:{_ORG_WORD}\s+(?:and\s+)?){{0,4}}{_ORG_WORD}"
        )
        for text in texts:
            found = [m.group() for m in named.finditer(text)]
            words = found[-1].split() if found else []
            while words and (words[0] in NOT_NAME_WORDS or words[0] in {"and", "of", "for", "on"}):
                words = words[1:]  # "The", "In": not part of the name
            if len(words) < 2:
                continue
            return self.add_organisation(" ".join(words), f"the {noun}")
        return None

    def first_named(self, name: str) -> int:
        """Where the article first writes ``name`` (past the end when it never does)."""
        found = re.search(rf"\b{re.escape(name)}\b", self.text)
        return found.start() if found else len(self.text)

    def add_organisation(self, name: str, descriptor: str = "") -> str:
        """An organisation that speaks, as one speaker."""
        if name not in self.by_name:
            self.by_name[name] = Person(name, descriptor=descriptor, tagged=True)
        self.by_name[name].organisation = True
        return name

    def by_descriptor(self, phrase: str) -> str | None:
        """The one person the article describes with ``phrase`` ("the actress")."""
        noun = phrase.split()[-1].lower()
        return self.descriptor_of.get(noun)

    def copy(self) -> People:
        """An independent copy: what a pass changes in it, the people it was given keep."""
        return copy.deepcopy(self)

    def mentions(self, text: str) -> list[tuple[int, str]]:
        """(offset, canonical name) of every person named or described in ``text``, in order.

        The passes ask this of the same sentences many times; the answer is remembered for
        as long as the names, aliases and descriptors it depends on stay the same."""
        state = (len(self.alias), len(self.by_name), tuple(self.descriptor_of.items()))
        if state != self._mentions_state:
            self._mentions_state, self._mentions_seen = state, {}
        seen = self._mentions_seen.get(text)
        if seen is None:
            seen = self._find_mentions(text)
            if not _HONORIFIC_BEFORE.search(text):
                # after "Mr", "Mrs", "Ms" the answer depends on genders, which change as the
                # passes learn them ("Mrs Brackett" is the mother): asked afresh each time
                self._mentions_seen[text] = seen
        return list(seen)

    def _find_mentions(self, text: str) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        for match in _NAME_RUN.finditer(text):
            words = match.group().split()
            offset = match.start()
            before = re.search(r"\b(Mr|Mrs|Ms|Miss)\. $", text[max(0, offset - 6) : offset])
            # "Mrs Ostrander", "Mrs. Ostrander": a woman
            gender = _HONORIFIC_GENDER.get(before.group(1) if before else words[0].rstrip("."))
            while len(words) > 1 and (
                words[0].rstrip(".") in HONORIFICS or words[0].lower() in ROLES
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
                    if name and gender and self.by_name[name].gender not in (None, gender):
                        name = self._namesake(name, gender) or name
                    gender = None
                    elder = elder_before(text[:offset]) if name and size == 1 else None
                    if elder:  # "the younger Batiste"
                        name = by_age(self, surface, elder) or name
                    if name:  # where the name starts, after its title ("Superior Court Judge")
                        trimmed = _trim_name(words[:size])
                        lead = words.index(trimmed[0]) if trimmed and trimmed[0] in words else 0
                        found.append((offset + len(" ".join(words[:lead])) + bool(lead), name))
                        break
                offset += len(" ".join(words[:size])) + 1
                words = words[size:]
        for match in re.finditer(rf"\b[Tt]he (?:[a-z-]+ )?({ROLE_NOUN})\b", text):
            name = self.descriptor_of.get(match.group(1).lower())
            if name:
                found.append((match.start(), name))
        return sorted(found)


_HONORIFIC_BEFORE = LazyPattern(r"\b(?:Mr|Mrs|Ms|Miss)\b")
_HONORIFIC_GENDER = {"Mr": "male", "Mrs": "female", "Ms": "female", "Miss": "female"}
_ELDER_NAME = LazyPattern(rf"[Tt]he ({ELDER_WORD}) ({NAME_WORD})")
_NAME_RUN = LazyPattern(NAME_RUN)
_ORG_WORD = rf"[{UPPER}][{LETTER}'’.&-]*"  # "Riverton", "St.", "B&B"


def _name_runs(text: str) -> Iterator[tuple[str, int]]:
    """(surface, offset) of the runs of capitalised words that may name a person: a run of
    up to four words as it is, a longer one when the title it opens on leaves a name of at
    most three words ("Deputy Chief Constable Harriet Mbeki"), else in parts of four."""
    for match in _NAME_RUN.finditer(text):
        words = match.group().split()
        if len(words) <= 4 or len(_trim_name(words)) <= 3:
            yield match.group(), match.start()
            continue
        for part in re.finditer(NAME, match.group()):
            yield part.group(), match.start() + part.start()


_BIRTH_NAME = LazyPattern(rf"\b(?:[Bb]orn|née|nee) (?P<nee>{NAME})|(?P<born>{NAME}),? was born\b")


def _inside_full_name(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows a given name ("Bernadette Clement"), rather than
    standing alone ("Clement said", "Mrs. Clement")."""
    before = re.search(
        rf"([{UPPER}][{LOWER}]+)(?:-[{LETTER}]+)* $", text[max(0, start - 40) : start]
    )
    return before is not None and before.group(1) not in {*HONORIFICS, "The", "A", "An"}


def _titles(evidence: ArticleEvidence) -> set[str]:
    """Capitalised words the raw text glued to a lowercase neighbour: italic titles, not people."""
    return set(evidence.titles)


def _trim_possessive(surface: str) -> str:
    return re.sub(r"['’]s$", "", surface.strip())


def _trim_name(words: list[str]) -> list[str]:
    """Drop sentence-opening words, honorifics and titles that the name pattern swallowed
    ("When Baker", "Mrs Pryce", "Transport Minister Alan Reeve")."""
    words = [_trim_possessive(w) for w in words]
    while words and (
        words[0] in NOT_NAME_WORDS
        or words[0].rstrip(".") in HONORIFICS
        or words[0].lower() in ROLES
    ):
        words = words[1:]
    titled = [i for i, word in enumerate(words[:-1]) if word.lower() in ROLES]
    if titled:
        words = words[titled[-1] + 1 :]
    while words and (words[-1] in NOT_NAME_WORDS or words[-1].endswith(".")):
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
