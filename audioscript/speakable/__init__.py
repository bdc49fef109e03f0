"""Make display text speakable: abbreviations, initialisms, money, dates and numbers as words.

Speech engines read what they are given, and read written conventions badly: espeak-ng
(through which Kokoro and Piper phonemize) says "Sen." as "sen" and ends the sentence there,
"1990s" as "nineteen hundred ninety z", "$4.5 million" as "dollar four point five million",
and pauses inside "U.S.". :func:`speakable` rewrites display text into the words a
newsreader would say, before any engine sees it.

Each rewrite is a small pure step, ``str -> str``, run in the order of :data:`STEPS`: words
first (ampersands, abbreviations, titles, initialisms), then numbers from the most specific
shape (phone numbers, money, times, ranges) to the least (plain cardinals), so that a later
step never misreads what an earlier one owns; "+" last, once its neighbours are words.
Steps never join or split lines, keep the punctuation they do not own (engines pause on
it), change the case of no word they do not rewrite, and leave alone what they do not
recognise. What they write is words, which no step rewrites again:
``speakable(speakable(text)) == speakable(text)`` for ordinary prose.

Choices, for American voices and for what engines read well:

- Numbers are American English: no "and" inside them ("two thousand eight", "one
  hundred first"), units spelled "kilometer", "meter".
- Years 2000-2009 are "two thousand eight", 2010 on "twenty ten"; 1905 is "nineteen oh five".
- Dotted initialisms lose their dots and stay capitals, letters joined: "U.S." -> "US",
  "L.A." -> "LA", "J.K. Rowling" -> "JK Rowling". espeak-ng spells such words letter by
  letter ("US" as "you ess") with no pause, whereas spaced letters are unsafe: "L A" reads
  "el a(rticle)". "O.K."/"OK" become "okay"; a plain "US" is left as it is.
- "a.m."/"p.m." after a time become "AM"/"PM", which engines spell as letters.
- The full stop of an abbreviation is dropped unless the sentence ends there too, judged by
  what follows: the end of the line, or a capitalised word that usually opens a sentence
  ("He", "The", "In"; see ``context._STARTERS``). "Washington, D.C. He stayed." keeps its stop;
  "the U.S. Army" loses it.
- "&" between capital letters ("AT&T", "Q&A", "R&B") is left as it is: engines already
  read it as "A T and T", while "AT and T" would be read "at and T".

The steps live by what they read: :mod:`.words`, then :mod:`.clock` (digits with separators),
:mod:`.quantities` (amounts) and :mod:`.numbers` (the rest, and the number words all of them
share); :mod:`.context` judges what surrounds a match. Only the run order lives here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .clock import read_dates, read_phone_numbers, read_ranges, read_times
from .numbers import (
    read_decades,
    read_designators,
    read_fractions,
    read_numbers,
    read_ordinals,
    read_years,
)
from .quantities import read_money, read_percentages, read_units
from .words import (
    expand_abbreviations,
    expand_months,
    expand_street_names,
    expand_titles,
    spell_ampersands,
    spell_initialisms,
    spell_plus_signs,
)

__all__ = [
    "STEPS",
    "expand_abbreviations",
    "expand_months",
    "expand_street_names",
    "expand_titles",
    "read_dates",
    "read_decades",
    "read_designators",
    "read_fractions",
    "read_money",
    "read_numbers",
    "read_ordinals",
    "read_percentages",
    "read_phone_numbers",
    "read_ranges",
    "read_times",
    "read_units",
    "read_years",
    "speakable",
    "spell_ampersands",
    "spell_initialisms",
    "spell_plus_signs",
]


STEPS: tuple[Callable[[str], str], ...] = (
    spell_ampersands,
    expand_abbreviations,
    expand_titles,
    expand_street_names,
    expand_months,
    spell_initialisms,
    read_phone_numbers,
    read_money,
    read_times,
    read_ranges,
    read_percentages,
    read_units,
    read_decades,
    read_dates,
    read_ordinals,
    read_fractions,
    read_designators,
    read_years,
    read_numbers,
    spell_plus_signs,
)


def speakable(text: str, steps: Iterable[Callable[[str], str]] = STEPS) -> str:
    """``text`` as a newsreader would say it: every rewrite of :data:`STEPS`, in order."""
    for step in steps:
        text = step(text)
    return text
