"""Sentence features for deciding whether stripped text goes on with a speaker's quote.

Every sentence of an article becomes one row of numbers (:data:`FEATURES` names the
columns). Some columns read the sentence itself (its person, tense, contractions, discourse
markers, punctuation, names and numbers); the others read its place in the article: how far
the last attribution tag is, whether a paragraph starts here, what the sentences before and
after it sound like. None of them depends on the labels the decoder picks, so the rows are
computed once and the decoder only adds up weights.

The text may come with its apostrophes restored ("don't") or without them ("dont"): both
spellings count. Ambiguous bare forms ("its", "were", "well", "ill", "id") are not read as
contractions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from audioscript.clean import zipf

__all__ = [
    "CONTEXT_FEATURES",
    "FEATURES",
    "OWN_FEATURES",
    "Sentence",
    "current_speakers",
    "sentence_features",
]


@dataclass(frozen=True)
class Sentence:
    """One sentence (or unit) of stripped text, with what the extractor already knows.

    ``tag_speaker``: the speaker of an attribution tag on this sentence that the extractor
    accepted as a quote tag ("..., Baker said."), or of a colon lead-in that introduces it;
    None when it has no such tag.
    ``paragraph_start``: True when a paragraph starts here, False when the sentence goes on
    a paragraph, None when the input does not tell (one sentence per line).
    ``fixed``: the extractor has decided this sentence already (a headline, a caption, an
    editor's note, a transcript turn): ``fixed_speaker`` is then its speaker, None for
    narration.
    ``reported_speaker``: the sentence is narration that reports someone's words without
    quoting them ("The shelters block rain, she noted, and ..."): that person, whose own
    words may follow.
    ``mentions``: canonical names of the people the sentence names (optional; names are
    also matched on the surface of the text).
    """

    text: str
    tag_speaker: str | None = None
    paragraph_start: bool | None = None
    fixed: bool = False
    fixed_speaker: str | None = None
    reported_speaker: str | None = None
    mentions: tuple[str, ...] = ()

    @property
    def speaks(self) -> str | None:
        """The person this sentence is known to be about in speech: its tag's, its fixed
        speaker's or the reported speaker's."""
        if self.fixed:
            return self.fixed_speaker
        return self.tag_speaker or self.reported_speaker


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’-])(?:{pattern})(?![\w'’-])")


_FIRST_SINGULAR = _words(r"I(?!\s[A-Z])|I['’]?m|I['’](?:ve|d|ll)|Ive|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself")
_THIRD_PERSON = _words(
    r"[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er|[Hh]ers|[Hh]imself|[Hh]erself|"
    r"[Hh]e['’]?s|[Ss]he['’]?s|[Hh]e['’]d|[Ss]he['’]d"
)
_OPENS_THIRD = re.compile(r"(?:(?:And|But|So|Then)\s+)?(?:He|She|They|His|Her|Their)\b")


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
    tokens = _WORD.findall(text)
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


_DISCOURSE_OPENER = re.compile(
    r"(?:Well|So|Look|Listen|Honestly|Frankly|Yeah|Yes|No|Oh|Okay|OK|Sure|Now|Anyway"
    r"|Actually|Basically|Seriously|Hey|Wow|Right|Of course|Sometimes|Maybe|Obviously)\b"
)
_CONNECTIVE = re.compile(r"(?:And|But|Or|Because|Still|Yet|Then|Plus|Otherwise)\b(?!\s+[A-Z])")
_IMPERATIVE = re.compile(
    r"(?:(?:Just|Please|Now|Then|So)\s+)?(?:Ask|Tell|Look|Listen|Try|Go|Come|Take|Give|Think"
    r"|Remember|Forget|Wait|Stop|Watch|Talk|Put|Leave|Keep|Believe|Trust|Make|Check|Buy"
    r"|Bring|Show|Let|Imagine|Picture|Consider|Don['’]?t|Never)\b"
)
_SAYS_THAT = re.compile(
    r"\b(?:says|said|told|tells|argues|argued|believes|believed|thinks"
    r"|thought|notes|noted|insists|insisted|explains|explained|admits"
    r"|admitted)\b(?:\s+\w+){0,2}\s+(?:that|how|why|whether)\b"
)
_WRITER_SCENE = re.compile(
    r"\b(?:When I|I (?:\w+ly )?(?:ask|asked|visit|visited|met|meet|repeat|repeated|show|showed"
    r"|tell|told|call|called|interview|interviewed|remind|reminded|spoke|speak|watched|watch"
    r"|followed|noticed|found|caught|reached|joined)\b[^.!?]*\b(?:her|him|them|his)\b)"
)
_OPENS_THE = re.compile(r"(?:The|A|An|Its|Their|Each|Every|Some|Most|Many|Both)\s+[a-z]")
_OPENS_IT = re.compile(
    r"(?:(?:And|But|So)\s+)?(?:It|That|This|There|Thats|That['’]s|It['’]s|Its)\b"
)
_SUBJECT_HE_SHE = re.compile(r"(?<![\w'’-])(?:([Hh]e)|([Ss]he))(?:['’]?[sd]|['’]ll)?(?![\w'’-])")
_TRAILING_TAG = re.compile(r"[,?!]\s*(?:he|she)\s+[a-z]+\b[^,]*$")
_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady)\.?\s+(?=[A-Z])")
_SUBJECT_VERB = re.compile(
    r"(?:(?:Then|And|But|Now|Still)\s+(?P<pronoun>he|she|they)|(?P<subject>[A-Z][\w'’-]+"
    r"(?:\s+[A-Z][\w'’-]+)?))"
    r"\s+(?:\w+ly\s+)?(?P<verb>[a-z]+(?:s|ed)|has|had|is|was|took|gave|went|came|put|let"
    r"|held|sat|stood|made)\b"
)
_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
_NUMBER = re.compile(r"\d")
_CAPITAL_WORD = re.compile(r"(?<![\w'’.-])([A-ZÀ-ÖØ-Þ][\wÀ-ÿ'’-]+)")
_WORD = re.compile(r"[\w'’-]+")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*\s*$")
_NOT_NAMES = {"I", "I'm", "I've", "I'd", "I'll", "Im", "Ive", "OK", "Okay", "Mr", "Mrs", "Ms",
              "Dr", "God", "TV", "US", "UK", "Yeah"}  # fmt: skip


@dataclass(frozen=True)
class _Text:
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


def _name_words(name: str | None) -> set[str]:
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


def _read(text: str) -> _Text:
    count, lowered, vocabulary = _vocabulary(text)
    return _Text(
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
    text = _HONORIFIC.sub("", text, count=1) if _HONORIFIC.match(text) else text
    first = _WORD.match(text)
    if first is None or not first.group()[:1].isupper() or first.group() in _NOT_NAMES:
        return False
    return zipf(first.group().lower()) < 4.5


def _person_acts(text: str) -> bool:
    """A person, by name or as he/she/they, does something in the narrator's tense: "He
    shrugs.", "Kessling laughs at that.", "Then he grinned." (not "It was", "That is")."""
    match = _SUBJECT_VERB.match(_HONORIFIC.sub("", text, count=1))
    if not match:
        return False
    subject = match.group("subject")
    if match.group("pronoun") or subject in {"He", "She", "They"}:
        return True
    words = subject.split()
    return all(zipf(w.lower()) < 4.5 for w in words) and words[0] not in _NOT_NAMES


def _genders(text: str) -> set[str]:
    """ "m" for a subject "he", "f" for a subject "she" in ``text``."""
    return {"m" if he else "f" for he, _ in _SUBJECT_HE_SHE.findall(text)}


def _voiced(read: _Text) -> bool:
    return read.first_singular or read.first_plural or read.second


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
)
"""What a sentence says by itself (in the order :func:`_own_features` gives them)."""

CONTEXT_FEATURES: tuple[str, ...] = (
    "names_current",
    "names_other_speaker",
    "reported",
    "no_current",
    "after_tag_1",
    "after_tag_2",
    "after_tag_3_4",
    "after_tag_5_plus",
    "fixed_narration_since",
    "paragraph_start",
    "paragraph_goes_on",
    "tag_earlier_in_paragraph",
    "tag_later_in_paragraph",
    "prev_tagged",
    "next_tagged",
    "next_tag_current",
    "next_tag_other",
    "prev_voiced",
    "next_voiced",
    "prev_third",
    "next_third",
    "prev_question",
    "prev_fixed_narration",
    "prev_reported",
    "neighbours_voiced",
    "voiced_and_after_tag",
    "voiced_and_paragraph_start",
    "third_and_after_tag",
    "pronoun_from_quote",
    "voiced_far_from_tag",
    "prev_names_someone",
)
"""What a sentence's place in the article says: the speaker it would continue, the tags
around it, paragraphs, its neighbours."""

FEATURES: tuple[str, ...] = OWN_FEATURES + CONTEXT_FEATURES
_CONTEXT_ZERO: dict[str, float] = dict.fromkeys(CONTEXT_FEATURES, 0.0)


def current_speakers(sentences: Sequence[Sentence]) -> list[str | None]:
    """For every sentence, the speaker whose words would go on there: the latest person
    known from a tag, a fixed turn or reported words before it (None before anybody)."""
    out: list[str | None] = []
    current: str | None = None
    for sentence in sentences:
        out.append(current)
        if sentence.fixed:
            current = sentence.fixed_speaker or current
        elif sentence.speaks:
            current = sentence.speaks
    return out


def _paragraphs_known(sentences: Sequence[Sentence]) -> bool:
    """Paragraph starts tell something only when some paragraph holds two sentences."""
    marks = [s.paragraph_start for s in sentences]
    return any(m is False for m in marks)


def _own_features(text: str, read: _Text) -> dict[str, float]:
    """The features a sentence has on its own, whatever comes around it."""
    acts = _person_acts(text)
    stripped = text.rstrip()
    vocabulary = read.vocabulary
    present, past, future = _tense(read.lowered, vocabulary, read.elided)
    return {
        "bias": 1.0,
        "first_singular": read.first_singular,
        "first_plural": read.first_plural,
        "second_person": read.second,
        "third_person": read.third,
        "they": bool(vocabulary & _THEY),
        "opens_he_she": read.opens_third,
        "contraction": _contraction(vocabulary, read.elided),
        "present": present,
        "past": past,
        "future_modal": future,
        "think_verb": bool(vocabulary & _THINK),
        "discourse_opener": bool(_DISCOURSE_OPENER.match(text)),
        "discourse_inside": bool(vocabulary & _DISCOURSE_INSIDE),
        "connective_opener": bool(_CONNECTIVE.match(text)),
        "imperative": bool(_IMPERATIVE.match(text)),
        "deictic": bool(vocabulary & _DEICTIC),
        "question": read.question,
        "exclamation": "!" in text,
        "no_final_stop": not _SENTENCE_END.search(text) and not stripped.endswith(":"),
        "ends_colon": stripped.endswith(":"),
        "short": read.words <= 6,
        "long": read.words >= 30,
        "length": min(read.words, 60) / 20.0,
        "digits": bool(_NUMBER.search(text)),
        "year": bool(_YEAR.search(text)),
        "money_percent": any(c in text for c in "$£€%") or bool(vocabulary & _PERCENT),
        "names_someone": read.names > 0,
        "opens_with_name": _opens_with_name(text),
        "person_acts": acts,
        "short_person_acts": acts and read.words <= 8,
        "speech_word": read.speech_word,
        "says_that": bool(_SAYS_THAT.search(text)),
        "institution": bool(vocabulary & _INSTITUTION),
        "writer_scene": bool(_WRITER_SCENE.search(text)),
        "opens_the": bool(_OPENS_THE.match(text)),
        "opens_it_that": bool(_OPENS_IT.match(text)),
    }


def sentence_features(sentences: Sequence[Sentence]) -> np.ndarray:
    """One row of :data:`FEATURES` per sentence (float32, shape ``(n, len(FEATURES))``)."""
    n = len(sentences)
    rows = np.zeros((n, len(FEATURES)), dtype=np.float32)
    if not n:
        return rows
    reads = [_read(s.text) for s in sentences]
    current = current_speakers(sentences)
    speaker_words = {p: _name_words(p) for p in {s.speaks for s in sentences if s.speaks}}
    owners: dict[str, set[str]] = {}  # a name word -> the speakers whose names hold it
    for person, words in speaker_words.items():
        for word in words:
            owners.setdefault(word, set()).add(person)
    known = _paragraphs_known(sentences)
    starts = [bool(s.paragraph_start) if known else False for s in sentences]
    starts[0] = starts[0] or known
    paragraph = np.cumsum(starts) if known else np.arange(n)
    tagged = [s.tag_speaker is not None or (s.fixed and s.fixed_speaker is not None)
              for s in sentences]  # fmt: skip
    next_tag = [n] * n
    ahead = n
    for i in range(n - 1, -1, -1):
        next_tag[i] = ahead
        if tagged[i]:
            ahead = i
    last_tag, fixed_since = -1, False
    quote_genders: set[str] = set()  # he/she used inside the last tagged, first-person quote
    for i, (sentence, read) in enumerate(zip(sentences, reads)):
        text = sentence.text
        f = dict(_CONTEXT_ZERO)
        speaker = current[i]
        own = speaker_words.get(speaker, set()) if speaker else set()
        surface = set(_WORD.findall(text))
        mentioned = set(sentence.mentions)
        f["names_current"] = speaker is not None and (speaker in mentioned or bool(own & surface))
        f["names_other_speaker"] = any(
            p != speaker for p in mentioned if p in speaker_words
        ) or any(p != speaker for word in surface - own for p in owners.get(word, ()))
        f["reported"] = sentence.reported_speaker is not None
        f["no_current"] = speaker is None
        since = i - last_tag if last_tag >= 0 else None
        if since is not None:
            bucket = ("after_tag_1" if since == 1 else "after_tag_2" if since == 2
                      else "after_tag_3_4" if since <= 4 else "after_tag_5_plus")  # fmt: skip
            f[bucket] = 1.0
        f["fixed_narration_since"] = fixed_since
        if known:
            f["paragraph_start"] = starts[i]
            f["paragraph_goes_on"] = not starts[i]
            f["tag_earlier_in_paragraph"] = (
                since is not None and paragraph[last_tag] == paragraph[i]
            )
            f["tag_later_in_paragraph"] = next_tag[i] < n and paragraph[next_tag[i]] == paragraph[i]
        prev = sentences[i - 1] if i else None
        has_next = i + 1 < n
        f["prev_tagged"] = i > 0 and tagged[i - 1]
        f["next_tagged"] = has_next and tagged[i + 1]
        if next_tag[i] < n and next_tag[i] - i <= 3:
            upcoming = sentences[next_tag[i]]
            who = upcoming.fixed_speaker if upcoming.fixed else upcoming.tag_speaker
            f["next_tag_current"] = speaker is not None and who == speaker
            f["next_tag_other"] = who != speaker
        prev_voiced = i > 0 and _voiced(reads[i - 1])
        next_voiced = has_next and _voiced(reads[i + 1])
        f["prev_voiced"] = prev_voiced
        f["next_voiced"] = next_voiced
        f["prev_third"] = i > 0 and reads[i - 1].third
        f["next_third"] = has_next and reads[i + 1].third
        f["prev_question"] = i > 0 and reads[i - 1].question
        f["prev_fixed_narration"] = prev is not None and prev.fixed and prev.fixed_speaker is None
        f["prev_reported"] = prev is not None and prev.reported_speaker is not None
        f["neighbours_voiced"] = prev_voiced and next_voiced
        voiced = _voiced(read)
        near = since is not None and since <= 2
        f["voiced_and_after_tag"] = voiced and near
        f["voiced_and_paragraph_start"] = voiced and known and starts[i]
        f["third_and_after_tag"] = read.third and near
        f["pronoun_from_quote"] = (
            since is not None and since <= 4 and bool(_genders(text) & quote_genders)
        )
        f["voiced_far_from_tag"] = read.first_singular and (since is None or since >= 3)
        f["prev_names_someone"] = i > 0 and reads[i - 1].names > 0
        if len(f) != len(_CONTEXT_ZERO):  # a name missing from CONTEXT_FEATURES
            raise KeyError(sorted(set(f) - set(_CONTEXT_ZERO)))
        rows[i] = [*_own_features(text, read).values(), *f.values()]

        if tagged[i]:
            last_tag, fixed_since = i, False
            quote_genders = _genders(_TRAILING_TAG.sub("", text)) if read.first_singular else set()
        elif sentence.fixed and sentence.fixed_speaker is None:
            fixed_since = True
        elif sentence.reported_speaker is not None:
            last_tag, fixed_since = i, False
    return rows
