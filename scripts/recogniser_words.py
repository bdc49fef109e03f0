"""Words an episode says that the offline recogniser's dictionary lacks, with pronunciations.

pocketsphinx's bundled US English dictionary (134,000 words) has none of an article's rarer
names ("Eydelshteyn", "Kuosmanen") and none of a lexicon's respellings ("Kara-goolian"), and
it can only ever answer with words it has. Each such word in a reference therefore costs
an error (often two or three: "Kara-goolian" is heard as "car ugly and") whatever the voice
says, which measures the dictionary, not the voice.

:func:`missing_words` finds those words in what the engine was given to say, and
:func:`pronunciations` writes each in the recogniser's phone set (ARPAbet), from espeak-ng's
US English reading of the same spelling: the pronunciation a listener who reads the script
would expect. ``intelligibility.py --episode`` adds them to the recogniser (as dictionary
words and language-model unigrams) for its second figure; the first is measured without.
It is the same for every engine, so espeak and Kokoro are compared alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

#: espeak-ng's IPA (en-us) -> the CMU dictionary's ARPAbet; longest match first
IPA_TO_ARPABET: Mapping[str, tuple[str, ...]] = {
    "aɪ": ("AY",), "aʊ": ("AW",), "eɪ": ("EY",), "oʊ": ("OW",), "əʊ": ("OW",),
    "ɔɪ": ("OY",), "tʃ": ("CH",), "dʒ": ("JH",), "ɪə": ("IH", "R"), "eə": ("EH", "R"),
    "ʊə": ("UH", "R"), "iə": ("IY", "AH"),
    "ɑ": ("AA",), "ɒ": ("AA",), "a": ("AA",), "æ": ("AE",), "ʌ": ("AH",), "ə": ("AH",),
    "ɐ": ("AH",), "ɔ": ("AO",), "o": ("OW",), "ɛ": ("EH",), "e": ("EH",), "ɜ": ("ER",),
    "ɚ": ("ER",), "ɪ": ("IH",), "ᵻ": ("IH",), "i": ("IY",), "ʊ": ("UH",), "u": ("UW",),
    "b": ("B",), "d": ("D",), "ð": ("DH",), "f": ("F",), "ɡ": ("G",), "g": ("G",),
    "h": ("HH",), "k": ("K",), "x": ("K",), "l": ("L",), "ɫ": ("L",), "m": ("M",),
    "n": ("N",), "ŋ": ("NG",), "p": ("P",), "ɹ": ("R",), "r": ("R",), "s": ("S",),
    "ʃ": ("SH",), "t": ("T",), "ɾ": ("T",), "ʔ": ("T",), "θ": ("TH",), "v": ("V",),
    "w": ("W",), "j": ("Y",), "z": ("Z",), "ʒ": ("ZH",),
}  # fmt: skip
#: marks that change no phone: stress, length, ties, syllabic and other diacritics
_IGNORED = re.compile(r"[ˈˌːˑ^\u0300-\u036f\-_ ]")
_KEYS = sorted(IPA_TO_ARPABET, key=len, reverse=True)

#: a word as the recogniser writes it: letters and digits, inner apostrophes and hyphens
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")


def arpabet(ipa: str) -> list[str]:
    """espeak-ng IPA -> ARPAbet phones; symbols with no English phone are left out."""
    text = _IGNORED.sub("", ipa)
    phones: list[str] = []
    position = 0
    while position < len(text):
        for key in _KEYS:
            if text.startswith(key, position):
                phones += IPA_TO_ARPABET[key]
                position += len(key)
                break
        else:
            position += 1  # a symbol with no counterpart (rare): skipped
    # espeak doubles a consonant across a joint ("kara-goolian": ɹɹ); the dictionary does not
    return [phone for i, phone in enumerate(phones) if i == 0 or phone != phones[i - 1]]


@cache
def dictionary(path: Path) -> frozenset[str]:
    """The words of a pocketsphinx dictionary (alternatives such as ``read(2)`` folded)."""
    words = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                words.add(line.split(maxsplit=1)[0].split("(")[0].lower())
    return frozenset(words)


def bundled_dictionary() -> Path:
    import pocketsphinx

    return Path(pocketsphinx.__file__).parent / "model" / "en-us" / "cmudict-en-us.dict"


def missing_words(texts: Iterable[str], known: frozenset[str]) -> list[str]:
    """The tokens of ``texts`` (lower case) that the dictionary lacks, in order of first
    use. A hyphenated token is one word ("Ah-nora", "guerilla-style"): said as one, it
    would otherwise have to be heard as a run of unrelated short words."""
    found: dict[str, None] = {}
    for text in texts:
        for token in _TOKEN.findall(text.replace("’", "'")):
            word = token.lower()
            if word not in known:
                found.setdefault(word, None)
    return list(found)


def pronunciations(words: Iterable[str], voice: str = "en-us") -> dict[str, str]:
    """Each word's ARPAbet pronunciation from espeak-ng (words it gives no phones are left
    out): the line pocketsphinx's ``add_word`` takes."""
    from audioscript.engines.espeak import phonemes

    found = {}
    for word in words:
        phones = arpabet(phonemes(word.replace("-", " "), voice))
        if phones:
            found[word] = " ".join(phones)
    return found
