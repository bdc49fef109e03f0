"""What one sentence says by itself: its person, tense, contractions, discourse markers,
punctuation, names and numbers (the columns :data:`OWN_FEATURES` of the continuation model).

The text may come with its apostrophes restored ("don't") or without them ("dont"): both
spellings count. Ambiguous bare forms ("its", "were", "well", "ill", "id") are not read as
contractions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from audioscript.clean import zipf

from ..patterns import LazyPattern

__all__ = ["OWN_FEATURES", "TRAILING_TAG", "WORD", "Text", "genders", "name_words", "own_features", "own_values",
           "read", "voiced"]  # fmt: skip


def _words(pattern: str) -> LazyPattern:
    return LazyPattern(rf"(?<![\w'’-])(?:{pattern})(?![\w'’-])")


_FIRST_SINGULAR = _words(r"I(?!\s[A-Z])|I['’]?m|I['’](?:ve|d|ll)|Ive|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself")
_THIRD_PERSON = _words(
    r"[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er|[Hh]ers|[Hh]imself|[Hh]erself|"
    r"[Hh]e['’]?s|[Ss]he['’]?s|[Hh]e['’]d|[Ss]he['’]d"
)
_OPENS_THIRD = LazyPattern(r"(?:(?:And|But|So|Then)\s+)?(?:He|She|They|His|Her|Their)\b")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Word classes, read off a sentence's lowercased words (apostrophes as "'"); acronyms in
# capitals ("US", "IT") are left out. Two-word entries are read off its word pairs.
_FIRST_PLURAL = _set("we we're we've we'd we'll weve us our ours ourselves let's")
_SECOND = _set("you you're youre you've youve you'd you'll youll your yours yourself "
               "yourselves y'all yall")  # fmt: skip
_THEY = _set("they them their theirs themselves")
_PRONOUNS = _set("i you we they he she it that there what who here where how")
_CONTRACTED = _set(
    "dont doesnt didnt isnt arent wasnt werent hasnt havent hadnt wouldnt couldnt shouldnt "
    "cant wont aint mustnt im ive youre youve youll theyre theyve theyll weve thats theres "
    "whats heres wheres hows gonna wanna gotta kinda sorta yeah nope yep"
)
_PRESENT = _set("am is are do does has have isn't isnt aren't arent don't dont doesn't doesnt "
                "can cannot can't cant need needs want wants")  # fmt: skip
_PAST = _set(
    "was were had did wasn't wasnt weren't werent didn't didnt hadn't hadnt went came got "
    "made took told said saw knew thought began became found left felt grew gave kept brought "
    "bought wrote ran sat stood met lost won"
)
_FUTURE = _set("will won't would wouldn't wouldnt could couldn't couldnt should might must "
               "gonna going_to")  # fmt: skip
_THINK = _set("think thought feel felt believe guess suppose know knew remember hope wish love "
              "hate mean want wanted wonder imagine")  # fmt: skip
_DISCOURSE_INSIDE = _set(
    "really actually just totally obviously definitely absolutely maybe probably basically "
    "stuff i_mean you_know kind_of sort_of a_lot pretty_much of_course thing_is"
)
_DEICTIC = _set("here now today tonight nowadays this_year these_days right_now")
_SPEECH_WORD = _set(
    "says said say told tells tell asked asks recalled recalls added adds explained explains "
    "noted notes wrote writes argued argues insists insisted stated announced claimed claims "
    "admits admitted acknowledged described called according_to"
)
_PERCENT = _set("percent per_cent")
_INSTITUTION = _set(
    "percent million billion official officials per_cent the_company the_study the_report "
    "the_council the_department the_agency the_university the_researchers the_team the_city "
    "the_county the_state the_government the_police the_hospital the_museum the_school "
    "the_court the_club the_board the_firm the_group the_author the_authors"
)


def _vocabulary(text: str) -> tuple[int, list[str], frozenset[str]]:
    """How many words the sentence has; its lowercased words (acronyms left out); and them
    with their pairs ("you_know"). Apostrophes are "'"."""
    tokens = WORD.compiled.findall(text)
    words = [w.replace("’", "'").lower() for w in tokens if not (w.isupper() and len(w) > 1)]
    return len(tokens), words, frozenset([*words, *(f"{a}_{b}" for a, b in pairwise(words))])


_SUFFIXES = frozenset({"s", "re", "ve", "ll", "d", "m"})


def _contraction(vocabulary: frozenset[str], elided: Sequence[str]) -> bool:
    """A contraction, written with its apostrophe ("don't", "we're") or without ("dont")."""
    if vocabulary & _CONTRACTED:
        return True
    for word in elided:
        head, _, tail = word.partition("'")
        if word.endswith("n't") or (head in _PRONOUNS and tail in _SUFFIXES):
            return True
    return False


def _tense(
    words: Sequence[str], vocabulary: frozenset[str], elided: Sequence[str]
) -> tuple[bool, bool, bool]:
    """Present, past and future (or modal) cues."""
    present = bool(vocabulary & _PRESENT) or any(
        w.partition("'")[2] in {"s", "re", "m", "ve"} for w in elided
    )
    past = bool(vocabulary & _PAST) or any(
        len(w) >= 5 and w.endswith("ed") and w.isalpha() for w in words
    )
    future = bool(vocabulary & _FUTURE) or any(w.endswith("'ll") for w in elided)
    return present, past, future


_DISCOURSE_OPENER = LazyPattern(
    r"(?:Well|So|Look|Listen|Honestly|Frankly|Yeah|Yes|No|Oh|Okay|OK|Sure|Now|Anyway"
    r"|Actually|Basically|Seriously|Hey|Wow|Right|Of course|Sometimes|Maybe|Obviously)\b"
)
_CONNECTIVE = LazyPattern(r"(?:And|But|Or|Because|Still|Yet|Then|Plus|Otherwise)\b(?!\s+[A-Z])")
_IMPERATIVE = LazyPattern(
    r"(?:(?:Just|Please|Now|Then|So)\s+)?(?:Ask|Tell|Look|Listen|Try|Go|Come|Take|Give|Think"
    r"|Remember|Forget|Wait|Stop|Watch|Talk|Put|Leave|Keep|Believe|Trust|Make|Check|Buy"
    r"|Bring|Show|Let|Imagine|Picture|Consider|Don['’]?t|Never)\b"
)
_SAYS_THAT = LazyPattern(
    r"\b(?:says|said|told|tells|argues|argued|believes|believed|thinks"
    r"|thought|notes|noted|insists|insisted|explains|explained|admits"
    r"|admitted)\b(?:\s+\w+){0,2}\s+(?:that|how|why|whether)\b"
)
_WRITER_SCENE = LazyPattern(
    r"\b(?:When I|I (?:\w+ly )?(?:ask|asked|visit|visited|met|meet|repeat|repeated|show|showed"
    r"|tell|told|call|called|interview|interviewed|remind|reminded|spoke|speak|watched|watch"
    r"|followed|noticed|found|caught|reached|joined)\b[^.!?]*\b(?:her|him|them|his)\b)"
)
_OPENS_THE = LazyPattern(r"(?:The|A|An|Its|Their|Each|Every|Some|Most|Many|Both)\s+[a-z]")
_OPENS_IT = LazyPattern(
    r"(?:(?:And|But|So)\s+)?(?:It|That|This|There|Thats|That['’]s|It['’]s|Its)\b"
)
_SUBJECT_HE_SHE = LazyPattern(r"(?<![\w'’-])(?:([Hh]e)|([Ss]he))(?:['’]?[sd]|['’]ll)?(?![\w'’-])")
TRAILING_TAG = LazyPattern(r"[,?!]\s*(?:he|she)\s+[a-z]+\b[^,]*$")
_HONORIFIC = LazyPattern(r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady)\.?\s+(?=[A-Z])")
_SUBJECT_VERB = LazyPattern(
    r"(?:(?:Then|And|But|Now|Still)\s+(?P<pronoun>he|she|they)|(?P<subject>[A-Z][\w'’-]+"
    r"(?:\s+[A-Z][\w'’-]+)?))"
    r"\s+(?:\w+ly\s+)?(?P<verb>[a-z]+(?:s|ed)|has|had|is|was|took|gave|went|came|put|let"
    r"|held|sat|stood|made)\b"
)
_YEAR = LazyPattern(r"\b(?:1[6-9]|20)\d\d\b")
_NUMBER = LazyPattern(r"\d")
_CAPITAL_WORD = LazyPattern(r"(?<![\w'’.-])([A-ZÀ-ÖØ-Þ][\wÀ-ÿ'’-]+)")
WORD = LazyPattern(r"[\w'’-]+")
_SENTENCE_END = LazyPattern(r"[.!?…][\"”’)\]]*\s*$")
_NOT_NAMES = {"I", "I'm", "I've", "I'd", "I'll", "Im", "Ive", "OK", "Okay", "Mr", "Mrs", "Ms",
              "Dr", "God", "TV", "US", "UK", "Yeah"}  # fmt: skip


@dataclass(frozen=True)
class Text:
    """What one sentence says about itself."""

    first_singular: bool
    first_plural: bool
    second: bool
    third: bool
    opens_third: bool
    speech_word: bool
    names: int
    words: int
    question: bool
    vocabulary: frozenset[str]  # lowercased words and word pairs
    elided: tuple[str, ...]  # the words with an apostrophe
    lowered: tuple[str, ...]  # lowercased words, in order


def name_words(name: str | None) -> set[str]:
    if not name:
        return set()
    return {w for w in re.findall(r"[\wÀ-ÿ'’-]+", name) if len(w) > 2 and w[:1].isupper()}


def _names(text: str) -> list[str]:
    """Capitalised words that are not the sentence's first word and not common words: the
    people, places and things a sentence names."""
    found = []
    for match in _CAPITAL_WORD.finditer(text):
        word = match.group(1).rstrip("'’")
        if match.start() == 0 or word in _NOT_NAMES:
            continue
        if re.search(r"[.!?:]\s*$", text[: match.start()]):
            continue  # a new sentence or a colon: a capital says nothing
        if zipf(word.lower()) >= 4.5 and len(word) > 1:
            continue  # "Street", "Monday" are names too, but common words are rarely people
        found.append(word)
    return found


@lru_cache(maxsize=16384)
def read(text: str) -> Text:
    """What the sentence ``text`` says about itself, read once (and remembered: the
    extractor asks again of every sentence in each round)."""
    count, lowered, vocabulary = _vocabulary(text)
    return Text(
        first_singular=bool(_FIRST_SINGULAR.search(text)),
        first_plural=bool(vocabulary & _FIRST_PLURAL),
        second=bool(vocabulary & _SECOND),
        third=bool(_THIRD_PERSON.search(text)),
        opens_third=bool(_OPENS_THIRD.match(text)),
        speech_word=bool(vocabulary & _SPEECH_WORD),
        names=len(_names(text)),
        words=count,
        question=text.rstrip(' "”’)').endswith("?"),
        vocabulary=vocabulary,
        elided=tuple(w for w in lowered if "'" in w),
        lowered=tuple(lowered),
    )


def _opens_with_name(text: str) -> bool:
    """The sentence opens on a name ("Medina has heard ...", "Mrs Pryce is ...")."""
    text = _HONORIFIC.compiled.sub("", text, count=1) if _HONORIFIC.match(text) else text
    first = WORD.match(text)
    if first is None or not first.group()[:1].isupper() or first.group() in _NOT_NAMES:
        return False
    return zipf(first.group().lower()) < 4.5


def _person_acts(text: str) -> bool:
    """A person, by name or as he/she/they, does something in the narrator's tense: "He
    shrugs.", "Kessling laughs at that.", "Then he grinned." (not "It was", "That is")."""
    match = _SUBJECT_VERB.match(_HONORIFIC.compiled.sub("", text, count=1))
    if not match:
        return False
    subject = match.group("subject")
    if match.group("pronoun") or subject in {"He", "She", "They"}:
        return True
    words = subject.split()
    return all(zipf(w.lower()) < 4.5 for w in words) and words[0] not in _NOT_NAMES


def genders(text: str) -> set[str]:
    """ "m" for a subject "he", "f" for a subject "she" in ``text``."""
    return {"m" if he else "f" for he, _ in _SUBJECT_HE_SHE.compiled.findall(text)}


def voiced(text: Text) -> bool:
    """The sentence speaks in the first or second person."""
    return text.first_singular or text.first_plural or text.second


OWN_FEATURES: tuple[str, ...] = (
    "bias",
    "first_singular",
    "first_plural",
    "second_person",
    "third_person",
    "they",
    "opens_he_she",
    "contraction",
    "present",
    "past",
    "future_modal",
    "think_verb",
    "discourse_opener",
    "discourse_inside",
    "connective_opener",
    "imperative",
    "deictic",
    "question",
    "exclamation",
    "no_final_stop",
    "ends_colon",
    "short",
    "long",
    "length",
    "digits",
    "year",
    "money_percent",
    "names_someone",
    "opens_with_name",
    "person_acts",
    "short_person_acts",
    "speech_word",
    "says_that",
    "institution",
    "writer_scene",
    "opens_the",
    "opens_it_that",
    "question_about_someone",
)
"""What a sentence says by itself (in the order :func:`own_features` gives them)."""


@lru_cache(maxsize=16384)
def own_values(text: str) -> tuple[float, ...]:
    """:func:`own_features` of ``text`` as values in :data:`OWN_FEATURES` order, remembered."""
    return tuple(own_features(text, read(text)).values())


def own_features(text: str, seen: Text) -> dict[str, float]:
    """The features a sentence has on its own, whatever comes around it."""
    acts = _person_acts(text)
    stripped = text.rstrip()
    vocabulary = seen.vocabulary
    present, past, future = _tense(seen.lowered, vocabulary, seen.elided)
    return {
        "bias": 1.0,
        "first_singular": seen.first_singular,
        "first_plural": seen.first_plural,
        "second_person": seen.second,
        "third_person": seen.third,
        "they": bool(vocabulary & _THEY),
        "opens_he_she": seen.opens_third,
        "contraction": _contraction(vocabulary, seen.elided),
        "present": present,
        "past": past,
        "future_modal": future,
        "think_verb": bool(vocabulary & _THINK),
        "discourse_opener": bool(_DISCOURSE_OPENER.match(text)),
        "discourse_inside": bool(vocabulary & _DISCOURSE_INSIDE),
        "connective_opener": bool(_CONNECTIVE.match(text)),
        "imperative": bool(_IMPERATIVE.match(text)),
        "deictic": bool(vocabulary & _DEICTIC),
        "question": seen.question,
        "exclamation": "!" in text,
        "no_final_stop": not _SENTENCE_END.search(text) and not stripped.endswith(":"),
        "ends_colon": stripped.endswith(":"),
        "short": seen.words <= 6,
        "long": seen.words >= 30,
        "length": min(seen.words, 60) / 20.0,
        "digits": bool(_NUMBER.search(text)),
        "year": bool(_YEAR.search(text)),
        "money_percent": any(c in text for c in "$£€%") or bool(vocabulary & _PERCENT),
        "names_someone": seen.names > 0,
        "opens_with_name": _opens_with_name(text),
        "person_acts": acts,
        "short_person_acts": acts and seen.words <= 8,
        "speech_word": seen.speech_word,
        "says_that": bool(_SAYS_THAT.search(text)),
        "institution": bool(vocabulary & _INSTITUTION),
        "writer_scene": bool(_WRITER_SCENE.search(text)),
        "opens_the": bool(_OPENS_THE.match(text)),
        "opens_it_that": bool(_OPENS_IT.match(text)),
        "question_about_someone": 3.0 * (seen.question and seen.third),
    }
