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
  ("He", "The", "In"; see ``_STARTERS``). "Washington, D.C. He stayed." keeps its stop;
  "the U.S. Army" loses it.
- "&" between capital letters ("AT&T", "Q&A", "R&B") is left as it is: engines already
  read it as "A T and T", while "AT and T" would be read "at and T".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

__all__ = [
    "STEPS",
    "expand_abbreviations",
    "expand_months",
    "expand_street_names",
    "expand_titles",
    "read_dates",
    "read_decades",
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


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    """Compile ``pattern`` once, on first use, so importing this module costs nothing."""
    return re.compile(pattern)


# --- number words ----------------------------------------------------------------------

_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@cache
def _num2words() -> Callable[..., str]:
    """The ``num2words`` function, imported on first use (it loads every language: ~20 ms)."""
    from num2words import num2words

    return num2words


def _american(words: str) -> str:
    """Drop the British "and" and the commas num2words puts inside numbers."""
    return words.replace(",", "").replace(" and ", " ")


@cache
def _cardinal(number: int) -> str:
    """2500 -> "two thousand five hundred"; -5 -> "minus five"."""
    return _american(_num2words()(number, lang="en"))


@cache
def _ordinal(number: int) -> str:
    """22 -> "twenty-second"; 101 -> "one hundred first"."""
    return _american(_num2words()(number, lang="en", to="ordinal"))


@cache
def _year(number: int) -> str:
    """1999 -> "nineteen ninety-nine", 2008 -> "two thousand eight", 1905 -> "nineteen oh five"."""
    return _american(_num2words()(number, lang="en", to="year")).replace("oh-", "oh ")


def _digits(digits: str) -> str:
    """Digit by digit: "0958" -> "zero nine five eight"."""
    return " ".join(_DIGIT_WORDS[int(digit)] for digit in digits)


def _say(number: str) -> str:
    """A written number as words: "1,200" -> "one thousand two hundred", "4.5" -> "four point
    five", "007" -> "zero zero seven"."""
    whole, _, decimals = number.replace(",", "").partition(".")
    words = _digits(whole) if len(whole) > 1 and whole[0] == "0" else _cardinal(int(whole))
    if decimals:
        words += " point " + _digits(decimals)
    return words


def _plural(words: str) -> str:
    """The plural of a number's last word: "nineteen ninety" -> "nineteen nineties"."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    if words.endswith("x"):
        return words + "es"
    return words + "s"


# Patterns start with a lookahead for their first character ("(?=\d)"): the regex engine
# then skips text that cannot match at full speed, several times faster than trying each
# position against the lookbehinds that follow.
#
# A written number: "3", "3.5", "1,200", "2,500.75". The guards keep it whole: not part of
# a word ("A380", "MP3"), of a longer number ("1,2"), or of a dotted chain ("3.11.2").
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_BEFORE = r"(?=\d)(?<![\w.])(?<!\d,)"
_AFTER = r"(?![\w]|[.,]\d)"
# A minus sign only where nothing else fits: after a space, a bracket or the line start,
# not after another number ("10 -15"), and glued to its digits ("-5", "−5").
_MINUS = r"(?=[-−\d])(?P<minus>(?<![^\s(])(?<!\d )[-−](?=\d))?"

# --- when an abbreviation's full stop also ends the sentence ---------------------------

# Capitalised words that usually open a sentence rather than continue a name.
_STARTERS = frozenset({
    "A", "An", "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We",
    "I", "You", "His", "Her", "Their", "Our", "My", "Your", "There", "Then", "Here", "Now", "But",
    "And", "So", "Yet", "Or", "Nor", "In", "On", "At", "For", "After", "Before", "When", "While",
    "If", "As", "Although", "Though", "Because", "Since", "Until", "What", "Who", "Whom", "Whose",
    "Why", "How", "Where", "Which", "Not", "No", "Some", "Many", "Most", "All", "Both", "Each",
    "Every", "Any", "Another", "Other", "Such", "Several", "Few", "Much", "More", "Less", "One",
    "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Still", "Also",
    "Even", "Just", "Only", "Meanwhile", "However", "Today", "Yesterday", "Tomorrow", "Last",
    "Next", "Later", "Earlier", "Once", "By", "From", "With", "Without", "Under", "Over", "During",
    "Despite", "Instead", "Among", "Between", "Into", "Through", "Is", "Was", "Are", "Were", "Do",
    "Does", "Did", "Can", "Could", "Will", "Would", "Should", "May", "Might", "Must", "Let",
    "Like", "Yes", "Well", "Oh", "Please", "Thanks", "It's", "He's", "She's", "That's", "There's",
    "What's", "Here's", "Let's", "I'm", "I've", "I'd", "I'll", "We're", "We've", "They're",
    "They've", "You're", "You've", "Don't", "Didn't", "Isn't", "Wasn't",
})  # fmt: skip
_NEXT_WORD = r"[ \t]+[\"“‘(]*([A-Z][\w]*(?:['’]\w+)?)"
_CLOSERS = "\"'”’)]"


def _ends_sentence(after: str) -> bool:
    """Whether a full stop followed by ``after`` ends a sentence, not just an abbreviation."""
    rest = after.lstrip(_CLOSERS)
    if not rest.strip(" \t") or rest.lstrip(" \t")[0] in "\n\r":
        return True
    word = _regex(_NEXT_WORD).match(rest)
    return word is not None and word.group(1).replace("’", "'") in _STARTERS


def _stop(match: re.Match[str]) -> str:
    """The full stop to keep after an abbreviation matched with its stop: "." or ""."""
    after = match.string[match.end() : match.end() + 60]
    return "." if _ends_sentence(after) else ""


def _next_is_name(after: str) -> bool:
    """Whether ``after`` starts with a capitalised word that continues a name."""
    word = _regex(_NEXT_WORD).match(after)
    return word is not None and word.group(1).replace("’", "'") not in _STARTERS


def _starts_sentence(text: str, position: int) -> bool:
    """Whether ``position`` in ``text`` is the start of a sentence (or of a line)."""
    before = text[max(0, position - 20) : position].rstrip(' \t"“‘(')
    return not before or before[-1] in ".!?:\n"


def _follows_name(text: str, position: int) -> bool:
    """Whether ``position`` follows a capitalised word, or starts a line."""
    before = text[max(0, position - 40) : position]
    name = _regex(r"(?:\n|\b[A-Z][\w'’-]*)[ \t]*$")
    return not before.strip(" \t") or name.search(before) is not None


# Words that follow a measure without being the noun it qualifies ("5 km away").
_NOT_NOUNS = frozenset({
    "of", "in", "on", "at", "to", "from", "for", "and", "or", "but", "nor", "per", "a", "an",
    "the", "each", "every", "away", "above", "below", "high", "tall", "deep", "long", "wide",
    "thick", "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will",
    "would", "can", "could", "may", "might", "must", "should", "than", "more", "less", "off", "up",
    "down", "into", "onto", "over", "under", "across", "ago", "later", "before", "after", "behind",
    "ahead", "apart", "short", "that", "which", "who", "whom", "whose", "with", "by", "as", "so",
    "if", "when", "while", "too", "plus", "minus", "he", "she", "it", "they", "we", "i", "you",
    "him", "her", "them", "us", "me", "his", "its", "their", "our", "my", "your", "this", "these",
    "those", "there", "here", "not",
})  # fmt: skip


def _attributive(text: str, start: int, end: int) -> bool:
    """Whether the measure ``text[start:end]`` qualifies the noun after it ("a 100m sprint").

    Such a measure is said in the singular: "a one hundred meter sprint", "a five dollar bill".
    """
    before = text[max(0, start - 8) : start]
    determiner = (
        r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y|[Yy]our)"
    )
    if not _regex(determiner + r"[ \t]+$").search(before):
        return False
    word = _regex(r"[ \t]+([a-z]+)\b(?![-'’])").match(text, end)
    return word is not None and word.group(1) not in _NOT_NOUNS


# --- step: ampersands ---------------------------------------------------------------------


def spell_ampersands(text: str) -> str:
    """Reads "&" as "and" ("Johnson & Johnson", "rock&roll"); "AT&T" and "Q&A" stay."""

    def fix(match: re.Match[str]) -> str:
        text, start, end = match.string, match.start(), match.end()
        glued = match.group() in ("&", "&amp;")
        if glued and text[start - 1 : start].isupper() and text[end : end + 1].isupper():
            return "&"
        left = "" if start == 0 or text[start - 1] == "\n" else " "
        right = "" if end == len(text) or text[end] == "\n" else " "
        return f"{left}and{right}"

    if "&" not in text:
        return text
    return _regex(r"[ \t]*&(?:amp;)?[ \t]*").sub(fix, text)


# --- step: abbreviations ---------------------------------------------------------------

# Written form: (spoken form, whether a sentence can end on it).
_ABBREVIATIONS = {
    "e.g.": ("for example", False),
    "E.g.": ("For example", False),
    "i.e.": ("that is", False),
    "I.e.": ("That is", False),
    "etc.": ("et cetera", True),
    "etc": ("et cetera", True),
    "vs.": ("versus", False),
    "vs": ("versus", False),
    "approx.": ("approximately", False),
    "approx": ("approximately", False),
    "a.k.a.": ("also known as", False),
    "aka": ("also known as", False),
    "incl.": ("including", False),
    "Ph.D.": ("PhD", True),
}


def expand_abbreviations(text: str) -> str:
    """Says "e.g.", "i.e.", "etc.", "vs.", "v.", "approx.", "No. 5" and "#1" in full."""

    def fix(match: re.Match[str]) -> str:
        spoken, can_end = _ABBREVIATIONS[match.group()]
        return spoken + (_stop(match) if can_end and match.group().endswith(".") else "")

    def number(match: re.Match[str]) -> str:
        word = "numbers" if (match.group("sign") or "").lower() == "nos" else "number"
        if _starts_sentence(match.string, match.start()):
            word = word.capitalize()
        return word + (match.group("space") or " ")

    forms = "|".join(re.escape(form) for form in sorted(_ABBREVIATIONS, key=len, reverse=True))
    initials = "".join(sorted({form[0] for form in _ABBREVIATIONS}))
    text = _regex(rf"(?=[{initials}])(?<![\w.])(?:{forms})(?!\w)").sub(fix, text)
    if " v. " in text:
        text = _regex(r"(?<=\w)([ \t]+)v\.(?=[ \t]+[A-Z])").sub(r"\1versus", text)
    return _regex(
        r"(?=[Nn#])(?:(?<![\w.])(?P<sign>No|no|Nos|nos)\.|(?<![\w&#])#)(?P<space>[ \t]*)(?=\d)"
    ).sub(number, text)


# --- step: titles ----------------------------------------------------------------------

_TITLES = {
    "Sen": "Senator", "Rep": "Representative", "Gov": "Governor", "Dr": "Doctor",
    "Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Prof": "Professor", "Gen": "General",
    "Lt": "Lieutenant", "Col": "Colonel", "Capt": "Captain", "Sgt": "Sergeant",
    "Rev": "Reverend", "Maj": "Major", "Adm": "Admiral", "Mt": "Mount", "Ft": "Fort",
}  # fmt: skip
# Titles also written without a full stop (British style: "Mr Smith", "Dr Jones").
_DOTLESS_TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr", "Prof", "Mt", "Sgt", "Capt", "Lt"})


def expand_titles(text: str) -> str:
    """Says titles before a name ("Sen. Warren", "Dr Jones") and "Jr."/"Sr." after one."""

    def title(match: re.Match[str]) -> str:
        if not match.group("dot") and match.group("title") not in _DOTLESS_TITLES:
            return match.group()
        return _TITLES[match.group("title")]

    def suffix(match: re.Match[str]) -> str:
        word = "Junior" if match.group("suffix") == "Jr" else "Senior"
        dot = _stop(match) if match.group("dot") else ""
        return f"{match.group('name')}{match.group('space')}{word}{dot}"

    titles = "|".join(sorted(_TITLES, key=len, reverse=True))
    text = _regex(
        rf"(?=[A-Z])(?<![\w.])(?P<title>{titles})(?P<dot>\.?)(?=[ \t]+(?:[\"“]?[A-Z]|and[ \t]|&))"
    ).sub(title, text)
    if "Jr" not in text and "Sr" not in text:
        return text
    return _regex(
        r"\b(?P<name>[A-Z][\w'’-]*\.?)(?P<space>,?[ \t]+)(?P<suffix>Jr|Sr)(?P<dot>\.?)(?!\w)"
    ).sub(suffix, text)


# --- step: street names ----------------------------------------------------------------

_STREETS = {"St": "Street", "Ave": "Avenue", "Blvd": "Boulevard", "Rd": "Road"}


def expand_street_names(text: str) -> str:
    """Says "St." as "Saint" before a name ("St. Louis"), "Street" after one ("Main St.")."""

    def fix(match: re.Match[str]) -> str:
        short, dot = match.group("short"), match.group("dot")
        after = match.string[match.end() : match.end() + 60]
        before = match.string[max(0, match.start() - 40) : match.start()]
        if short == "St" and _next_is_name(after):
            return "Saint"
        if _regex(r"\b(?:[A-Z][a-z][\w'’-]*\.?|\d+(?:st|nd|rd|th)?)[ \t]+$").search(before):
            return _STREETS[short] + (_stop(match) if dot else "")
        return match.group()

    return _regex(r"(?=[SABR])(?<![\w.])(?P<short>St|Ave|Blvd|Rd)(?P<dot>\.?)(?![\w'’])").sub(
        fix, text
    )


# --- step: months ----------------------------------------------------------------------

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_MONTH_NAMES = "|".join(_MONTHS)
_SHORT_MONTHS = {
    "Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June",
    "Jul": "July", "Aug": "August", "Sep": "September", "Sept": "September",
    "Oct": "October", "Nov": "November", "Dec": "December",
}  # fmt: skip


def expand_months(text: str) -> str:
    """Says abbreviated months in full ("Jan. 5" -> "January 5", "Sept 11" -> "September 11")."""

    def fix(match: re.Match[str]) -> str:
        return _SHORT_MONTHS[match.group("month")] + (_stop(match) if match.group("dot") else "")

    months = "|".join(sorted(_SHORT_MONTHS, key=len, reverse=True))
    return _regex(
        rf"(?=[JFMASOND])(?<![\w.])(?P<month>{months})(?:(?P<dot>\.)|(?=[ \t]+\d))(?![\w])"
    ).sub(fix, text)


# --- step: initialisms -----------------------------------------------------------------


# Words that name a letter rather than a person ("Plan B.", "Gen Z."): the full stop after
# that letter ends a sentence.
_LETTER_LABELS = frozenset({
    "Plan", "Gen", "Generation", "Vitamin", "Type", "Class", "Grade", "Group", "Section", "Part",
    "Phase", "Stage", "Level", "Option", "Appendix", "Exhibit", "Block", "Building", "Gate",
    "Terminal", "Hall", "Room", "Floor", "Wing", "Zone", "Area", "Channel", "Route", "Row",
    "Series", "Division", "League", "Category", "Model", "Formula", "War",
})  # fmt: skip


def spell_initialisms(text: str) -> str:
    """Joins dotted initials ("U.S." -> "US", "L.A." -> "LA"), says "O.K."/"OK" as "okay"."""

    def dotted(match: re.Match[str]) -> str:
        letters = "".join(char for char in match.group() if char.isupper())
        return ("okay" if letters == "OK" else letters) + _stop(match)

    def middle(match: re.Match[str]) -> str:
        before = match.string[max(0, match.start() - 20) : match.start()]
        after = match.string[match.end() : match.end() + 60]
        label = _regex(r"\b([A-Z][a-z]+)[ \t]+$").search(before)
        if label and label.group(1) in _LETTER_LABELS:  # "Gen Z. Millennials ..."
            return match.group()
        if _follows_name(match.string, match.start()) and _next_is_name(after):
            return match.group("letter")
        return match.group()

    text = _regex(r"(?=[A-Z])(?<![\w.])(?:[A-Z]\.[ \t]?)+[A-Z]\.(?!\w)").sub(dotted, text)
    if "OK" in text:
        text = _regex(r"(?<![\w.&])OK(?![\w&])").sub("okay", text)
    # A single initial inside a name ("John F. Kennedy"); "A." and "I." are also words.
    return _regex(r"(?=[B-HJ-Z])(?<![\w.])(?P<letter>[B-HJ-Z])\.(?=[ \t]+[A-Z])").sub(middle, text)


# --- step: phone numbers and other digit strings ---------------------------------------


def read_phone_numbers(text: str) -> str:
    """Reads phone numbers ("555-1234", "+44 20 7946 0958") and hyphenated ids digit by digit,
    ISO dates ("2024-01-07") as dates."""

    def spell(match: re.Match[str]) -> str:
        groups = ", ".join(_digits(group) for group in _regex(r"\d+").findall(match.group()))
        return ("plus " if match.group().startswith("+") else "") + groups

    def iso_date(match: re.Match[str]) -> str:
        year, month, day = (int(part) for part in match.groups())
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return spell(match)
        return f"{_MONTHS[month - 1]} {_ordinal(day)}, {_year(year)}"

    text = _regex(r"(?=\d)(?<![\w.-])(\d{4})-(\d{2})-(\d{2})(?![\w-])").sub(iso_date, text)
    return _regex(
        r"(?=[\d(+])(?:(?<![\w.+-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\)[ ]?|\d{3}[-.])"
        r"\d{3}[-.]\d{4}(?![\w-]|\.\d)"
        r"|(?<![\w.+-])\+\d{1,3}(?:[ .-]\(?\d{1,4}\)?){2,5}(?![\w-]|\.\d)"
        r"|(?<![\w.-])[2-9]\d{2}-\d{4}(?![\w-]|\.\d)"
        r"|(?<![\w.-])\d+(?:-\d+){2,}(?![\w-]))"
    ).sub(spell, text)


# --- step: money -----------------------------------------------------------------------

# Symbol: (unit, units, hundredth, hundredths); yen has no hundredths.
_CURRENCIES = {
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "$": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "", ""),
}
_SCALES = {
    "thousand": "thousand", "k": "thousand", "K": "thousand",
    "million": "million", "m": "million", "mn": "million",
    "billion": "billion", "bn": "billion", "b": "billion",
    "trillion": "trillion", "tn": "trillion", "trn": "trillion",
}  # fmt: skip


def read_money(text: str) -> str:
    """Reads "$4.5 million" as "four point five million dollars", "$12.50" with its cents."""

    def fix(match: re.Match[str]) -> str:
        unit, units, cent, cents = _CURRENCIES[match.group("symbol")]
        amount, upper, scale = match.group("amount"), match.group("upper"), match.group("scale")
        whole, _, decimals = amount.replace(",", "").partition(".")
        if len(decimals) == 2 and cent and not (upper or scale):  # "$12.50": and cents
            parts = []
            if int(whole) or not int(decimals):
                parts.append(f"{_cardinal(int(whole))} {unit if whole == '1' else units}")
            if int(decimals):
                parts.append(f"{_cardinal(int(decimals))} {cent if decimals == '01' else cents}")
            return " and ".join(parts)
        spoken = _say(amount) + (f" to {_say(upper)}" if upper else "")
        if scale:
            spoken += f" {_SCALES[scale]}"
        one = amount == "1" and not (upper or scale)
        if one or _attributive(match.string, match.start(), match.end()):  # "a five dollar bill"
            return f"{spoken} {unit}"
        return f"{spoken} {units}"

    if not any(symbol in text for symbol in "$£€¥"):
        return text
    symbols = "|".join(re.escape(symbol) for symbol in _CURRENCIES)
    scales = "|".join(sorted(_SCALES, key=len, reverse=True))
    return _regex(
        rf"(?=[$£€¥A-Z])(?<![\w$£€¥])(?P<symbol>{symbols})[ \t]?(?P<amount>{_NUMBER})"
        rf"(?:[ \t]?[-–][ \t]?(?:{symbols})?(?P<upper>{_NUMBER}))?"
        rf"(?:[ \t]?(?P<scale>{scales}))?{_AFTER}"
    ).sub(fix, text)


# --- step: times -----------------------------------------------------------------------


def _time_pattern(n: int) -> str:
    """A time of day ("7:30", "9.30pm", "10 a.m.") as groups ``hour{n}``, ``minute{n}``..."""
    return (
        rf"(?P<hour{n}>\d{{1,2}})(?:(?P<sep{n}>[:.])(?P<minute{n}>\d{{2}}))?"
        rf"(?:[ \t]?(?P<half{n}>[ap]\.?m\b\.?|[AP]\.?M\b\.?))?"
    )


def _say_time(match: re.Match[str], n: int, needs_clock: bool) -> str | None:
    """One time of day as words, or None when the digits are not a time."""
    hour, minute = int(match.group(f"hour{n}")), match.group(f"minute{n}")
    half = match.group(f"half{n}")
    if half:
        if not 1 <= hour <= 12:
            return None
        suffix = " AM" if half[0] in "aA" else " PM"
    elif needs_clock and (minute is None or match.group(f"sep{n}") != ":"):
        return None
    else:
        suffix = ""
    if minute is None:
        return _cardinal(hour) + suffix
    if int(minute) > 59 or hour > 24:
        return None
    if minute == "00" and half:
        words = _cardinal(hour)
    elif minute == "00":
        words = _cardinal(hour) + (" hundred" if hour == 0 or hour > 12 else " o'clock")
    elif minute[0] == "0":
        words = f"{_cardinal(hour)} oh {_cardinal(int(minute))}"
    else:
        words = f"{_cardinal(hour)} {_cardinal(int(minute))}"
    return words + suffix


def read_times(text: str) -> str:
    """Reads clock times: "7:30 p.m." -> "seven thirty PM", "9:05" -> "nine oh five"."""

    def fix(match: re.Match[str]) -> str:
        end = _say_time(match, 2, needs_clock=True)
        if end is None:
            return match.group()
        if match.group("hour1") is not None:
            start = _say_time(match, 1, needs_clock=False)
            if start is None:
                return match.group()
            end = f"{start} to {end}"
        return end + (_stop(match) if match.group().endswith(".") else "")

    start = rf"{_time_pattern(1)}[ \t]?[-–][ \t]?"
    return _regex(rf"(?=\d)(?<![\w.:,])(?:{start})?{_time_pattern(2)}(?![\w:]|\.\d)").sub(fix, text)


# --- step: ranges and scores -----------------------------------------------------------


def _is_year(digits: str) -> bool:
    """Whether ``digits`` can be a year: four digits from 1100 to 2099."""
    return len(digits) == 4 and digits.isdigit() and 1100 <= int(digits) <= 2099


def read_ranges(text: str) -> str:
    """Reads "10-15", "won 5-2" as "10 to 15", "5 to 2" (later steps read the numbers, and
    their units: "5-10%"), and "1990-95" as two years."""

    def fix(match: re.Match[str]) -> str:
        low, high = match.group("low"), match.group("high")
        if _is_year(low) and (_is_year(high) or len(high) == 2 and high.isdigit()):
            return f"{_year(int(low))} to {_short_year(int(low), high)}"
        return f"{low} to {high}"

    return _regex(
        rf"{_BEFORE}(?<![-/:#])(?P<low>{_NUMBER})(?:[-–]|[ \t][-–][ \t])"
        rf"(?P<high>{_NUMBER})(?![\d-]|[.,]\d)"
    ).sub(fix, text)


def _short_year(start: int, end: str) -> str:
    """The end of a range of years: 1990-95 -> "ninety-five", 2008-09 -> "oh nine"."""
    if len(end) == 4:
        return _year(int(end))
    year = start // 100 * 100 + int(end)
    if year <= start:
        year += 100
    if year // 100 != start // 100:
        return _year(year)
    return f"oh {_cardinal(int(end))}" if end[0] == "0" else _cardinal(int(end))


# --- step: percentages -----------------------------------------------------------------


def read_percentages(text: str) -> str:
    """Reads "12%" as "twelve percent" and "4.5%" as "four point five percent"."""

    def fix(match: re.Match[str]) -> str:
        minus = "minus " if match.group("minus") else ""
        return f"{minus}{_say(match.group('number'))} percent"

    if "%" not in text:
        return text
    return _regex(rf"{_MINUS}{_BEFORE}(?P<number>{_NUMBER})[ \t]?%").sub(fix, text)


# --- step: units -----------------------------------------------------------------------

# Written unit: (one, many).
_UNITS = {
    "km": ("kilometer", "kilometers"), "kms": ("kilometer", "kilometers"),
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "mph": ("mile per hour", "miles per hour"), "mi": ("mile", "miles"),
    "m": ("meter", "meters"), "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"), "ft": ("foot", "feet"), "in": ("inch", "inches"),
    "kg": ("kilogram", "kilograms"), "kgs": ("kilogram", "kilograms"),
    "mg": ("milligram", "milligrams"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"), "°": ("degree", "degrees"),
    "KB": ("kilobyte", "kilobytes"), "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"), "TB": ("terabyte", "terabytes"),
    "kW": ("kilowatt", "kilowatts"), "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"), "kWh": ("kilowatt hour", "kilowatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"), "GWh": ("gigawatt hour", "gigawatt hours"),
    "sq ft": ("square foot", "square feet"), "sq m": ("square meter", "square meters"),
    "sq km": ("square kilometer", "square kilometers"), "sq mi": ("square mile", "square miles"),
    "km²": ("square kilometer", "square kilometers"), "m²": ("square meter", "square meters"),
}  # fmt: skip
# Units also written with a full stop of their own ("5 ft.", "10 lb.").
_DOTTED_UNITS = frozenset({"ft", "in", "lb", "lbs", "mi"})
# Words after which a bare "m" is meters, not millions ("the 100m sprint", "8,848m high").
_METER_CONTEXT = (
    "sprint|race|dash|hurdles|relay|freestyle|backstroke|breaststroke|butterfly|medley"
    "|final|heat|tall|high|deep|long|wide|away|above|below|underground"
)


def read_units(text: str) -> str:
    """Reads units after a number ("5 km" -> "five kilometers", "1 ft" -> "one foot") and heights
    ("5'10\"" -> "five foot ten")."""

    def fix(match: re.Match[str]) -> str:
        number, space, unit = match.group("number"), match.group("space"), match.group("unit")
        dot = match.group("dot") or ""
        after = match.string[match.end() : match.end() + 30]
        if (
            unit == "in"
            and space
            and not _regex(r"(?:ft\.?|feet|foot)[ \t]*$").search(
                match.string[max(0, match.start() - 12) : match.start()]
            )
        ):
            return match.group()
        if unit == "m" and not _is_meters(number, space, dot, after):
            return match.group()
        if dot and unit in _DOTTED_UNITS:  # "5 ft." is an abbreviation, "5 km." a full stop
            dot = _stop(match)
        one, many = _UNITS[unit]
        single = number == "1" and not match.group("minus")
        if single or _attributive(match.string, match.start(), match.end()):
            many = one
        minus = "minus " if match.group("minus") else ""
        return f"{minus}{_say(number)} {many}{dot}"

    height = r"(?=\d)(?<![\w.'’])(?P<feet>\d)['’](?P<inches>\d{1,2})(?:\"|”|''|’’)"
    text = _regex(height).sub(
        lambda m: f"{_cardinal(int(m['feet']))} foot {_cardinal(int(m['inches']))}", text
    )
    units = "|".join(re.escape(unit) for unit in sorted(_UNITS, key=len, reverse=True))
    return _regex(
        rf"{_MINUS}{_BEFORE}(?P<number>{_NUMBER})(?P<space>[ \t]?)(?P<unit>{units})"
        r"(?P<dot>\.(?!\d))?(?![\w/²])"
    ).sub(fix, text)


def _is_meters(number: str, space: str, dot: str, after: str) -> bool:
    """Whether "m" after ``number`` is meters: a race or a height, or a big spaced figure."""
    if _regex(rf"[ \t]+(?:{_METER_CONTEXT})\b").match(after):
        return True
    ends = bool(dot) or not after.strip(" \t") or after.lstrip(" \t")[0] in ",;:!?)\n"
    return ends and (bool(space) or float(number.replace(",", "")) >= 100)


# --- step: decades ---------------------------------------------------------------------


def read_decades(text: str) -> str:
    """Reads decades and centuries: "the 1990s" -> "the nineteen nineties", "'90s" -> "nineties"."""

    def fix(match: re.Match[str]) -> str:
        digits = match.group("digits")
        if len(digits) == 4:
            if not _is_year(digits):
                return match.group()
            return _plural(_year(int(digits)))
        return _plural(_cardinal(int(digits)))

    return _regex(
        r"(?=['’\d])(?<![\w.'’])['’]?(?P<digits>[1-9]0|\d\d[1-9]0|\d\d00)['’]?s(?!\w)"
    ).sub(fix, text)


# --- step: dates and ordinals ----------------------------------------------------------


def read_dates(text: str) -> str:
    """Reads the day after a month as an ordinal ("January 7" -> "January seventh")."""

    def fix(match: re.Match[str]) -> str:
        day = int(match.group("day"))
        if not 1 <= day <= 31:
            return match.group()
        return f"{match.group('month')}{match.group('space')}{_ordinal(day)}"

    return _regex(
        rf"(?=[JFMASOND])\b(?P<month>{_MONTH_NAMES})(?P<space>[ \t]+)"
        r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\w:]|[.,]\d)"
    ).sub(fix, text)


def read_ordinals(text: str) -> str:
    """Reads "1st", "22nd", "101st" as "first", "twenty-second", "one hundred first"."""
    return _regex(rf"{_BEFORE}(?P<number>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:st|nd|rd|th)(?!\w)").sub(
        lambda match: _ordinal(int(match.group("number").replace(",", ""))), text
    )


# --- step: fractions -------------------------------------------------------------------

_VULGAR = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅛": (1, 8), "⅜": (3, 8),
    "⅝": (5, 8), "⅞": (7, 8),
}  # fmt: skip
# Denominators read as fractions; "9/11" and "24/7" are read as two numbers.
_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64, 100})


def _say_fraction(whole: str | None, numerator: int, denominator: int) -> str:
    """3/4 -> "three quarters"; 2 1/2 -> "two and a half"."""
    one = {2: "half", 4: "quarter"}.get(denominator) or _ordinal(denominator)
    many = {2: "halves"}.get(denominator) or one + "s"
    if whole is None:
        return f"{_cardinal(numerator)} {one if numerator == 1 else many}"
    if numerator == 1:
        return f"{_say(whole)} and a {one}"
    return f"{_say(whole)} and {_cardinal(numerator)} {many}"


def read_fractions(text: str) -> str:
    """Reads "1/2", "3/4", "2 1/2", "½" as fractions; "24/7" and "9/11" as two numbers."""

    def fix(match: re.Match[str]) -> str:
        whole, space = match.group("whole"), match.group("space") or ""
        numerator, denominator = int(match.group("top")), int(match.group("bottom"))
        if 0 < numerator < denominator and denominator in _DENOMINATORS:
            return _say_fraction(whole, numerator, denominator)
        prefix = f"{whole}{space}" if whole else ""
        return f"{prefix}{match.group('top')} {match.group('bottom')}"

    def vulgar(match: re.Match[str]) -> str:
        return _say_fraction(match.group("whole"), *_VULGAR[match.group("fraction")])

    fractions = "".join(_VULGAR)
    if "/" in text:
        text = _regex(
            r"(?=\d)(?<![\w./])(?<!\d,)(?:(?P<whole>\d{1,3})(?P<space>[ \t]+))?"
            r"(?P<top>\d{1,2})/(?P<bottom>\d{1,2})(?![\w/]|[.,]\d)"
        ).sub(fix, text)
    if any(fraction in text for fraction in fractions):
        text = _regex(rf"(?<![\w.])(?:(?P<whole>\d+)[ \t]?)?(?P<fraction>[{fractions}])").sub(
            vulgar, text
        )
    return text


# --- step: years -----------------------------------------------------------------------

# Words after which a four-digit number is a year ("in 1999", "since 2008", "mid-1990").
_YEAR_WORDS = frozenset({
    "in", "since", "by", "from", "until", "till", "to", "through", "of", "year", "between", "and",
    "or", "before", "after", "during", "around", "circa", "early", "late", "mid", "spring",
    "summer", "autumn", "fall", "winter", "fiscal", *(month.lower() for month in _MONTHS),
})  # fmt: skip
# Nouns a year often qualifies ("the 2024 election").
_YEAR_NOUNS = (
    "election|elections|season|campaign|census|olympics|midterms|primary|primaries"
    "|presidential|championship|tournament|final|finals|film|movie|album|novel|model"
    "|edition|vintage|budget|survey|report|study|crisis|war|pandemic|recession|festival"
)


def read_years(text: str) -> str:
    """Reads a four-digit number from 1100 to 2099 in a year's place as a year ("in 1999")."""

    def fix(match: re.Match[str]) -> str:
        before = match.string[max(0, match.start() - 40) : match.start()]
        after = match.string[match.end() : match.end() + 30]
        if _year_context(before, after):
            return _year(int(match.group()))
        return match.group()

    return _regex(rf"{_BEFORE}(?<![$£€¥#/:])(?:1[1-9]|20)\d\d(?![/:]){_AFTER}").sub(fix, text)


def _year_context(before: str, after: str) -> bool:
    """Whether a four-digit number between ``before`` and ``after`` stands where a year does."""
    if _regex(r"\b(?:Q[1-4]|H[12]|FY)[ \t]*$").search(before):  # "Q3 2024"
        return True
    previous = _regex(r"(?:([A-Za-z]+)[ \t]+)?([A-Za-z]+)(,?)[ \t-]*$").search(before)
    if previous:
        earlier, word, comma = previous.groups()
        if not comma and word.lower() in _YEAR_WORDS:
            return True
        if comma and earlier and earlier in _MONTHS:  # "January seventh, 2024"
            return True
    rest = after.lstrip(" \t")
    if not rest or rest[0] in '.,;:!?)]"”’\n' or after[:2] in ("'s", "’s"):
        return True
    return bool(_regex(rf"[ \t]+(?:[A-Z]|(?:{_YEAR_NOUNS})\b)").match(after))


# --- step: plain numbers ---------------------------------------------------------------


def read_numbers(text: str) -> str:
    """Reads every remaining number: "3.5" -> "three point five", "-5" -> "minus five"."""

    def fix(match: re.Match[str]) -> str:
        return ("minus " if match.group("minus") else "") + _say(match.group("number"))

    return _regex(rf"{_MINUS}{_BEFORE}(?<![/:])(?P<number>{_NUMBER})(?![\w/:]|[.,]\d)").sub(
        fix, text
    )


# --- step: plus and equals signs (last: by then every number is words) -----------------


def spell_plus_signs(text: str) -> str:
    """Reads "+" as "plus" ("2+2", "Disney+", "18+", "+5%") and "=" as "equals" ("2+2=4")."""

    def fix(match: re.Match[str]) -> str:
        if match.group("equals"):
            return " equals "
        if match.group("leading"):
            return "plus "
        return " plus" if match.group("trailing") else " plus "

    if "+" not in text and "=" not in text:
        return text
    return _regex(
        r"(?<=[\w)%])(?:\+|[ \t]+\+[ \t]+)(?=[\w(])"
        r"|(?<=[\w%])(?P<trailing>\+)(?=[ \t\n.,;:!?)\"”’]|$)"
        r"|(?<![\w+])(?P<leading>\+)(?=\w)"
        r"|(?<=[\w)%])(?P<equals>[ \t]*=[ \t]*)(?=[\w(])"
    ).sub(fix, text)


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
    read_years,
    read_numbers,
    spell_plus_signs,
)


def speakable(text: str, steps: Iterable[Callable[[str], str]] = STEPS) -> str:
    """``text`` as a newsreader would say it: every rewrite of :data:`STEPS`, in order."""
    for step in steps:
        text = step(text)
    return text
