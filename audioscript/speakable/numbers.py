"""Number words shared by every step that reads digits, and the steps that read numbers on
their own: decades, ordinals, fractions, years and plain cardinals."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from .context import _regex
from .words import _MONTHS

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


#: longer numbers are read digit by digit: nobody says "ten duovigintillion", and num2words
#: fails on very long ones
MAX_CARDINAL_DIGITS = 15


def _digits(digits: str) -> str:
    """Digit by digit: "0958" -> "zero nine five eight"."""
    return " ".join(_DIGIT_WORDS[int(digit)] for digit in digits)


def _say(number: str) -> str:
    """A written number as words: "1,200" -> "one thousand two hundred", "4.5" -> "four point
    five", "007" -> "zero zero seven"."""
    whole, _, decimals = number.replace(",", "").partition(".")
    long_or_padded = len(whole) > MAX_CARDINAL_DIGITS or (len(whole) > 1 and whole[0] == "0")
    words = _digits(whole) if long_or_padded else _cardinal(int(whole))
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


def _is_year(digits: str) -> bool:
    """Whether ``digits`` can be a year: four digits from 1100 to 2099."""
    return len(digits) == 4 and digits.isdigit() and 1100 <= int(digits) <= 2099


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


# --- step: ordinals --------------------------------------------------------------------


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


# --- step: designators ----------------------------------------------------------------


def read_designators(text: str) -> str:
    """Reads a three-digit number that names something, after a capitalised word inside a
    sentence, the way people say it: "Female Prisoner 701" -> "seven oh one", "a Boeing 737"
    -> "seven thirty-seven", "Route 405" -> "four oh five" (as a year of three digits is
    read). Where the capitalised word opens the sentence ("Nearly 370 people") it is read
    as a quantity by the later steps."""

    def fix(match: re.Match[str]) -> str:
        word, digits = match.group("word"), match.group("digits")
        if word in _MONTHS or match.group("opening") is not None:
            return match.group()
        return f"{match.group('lead')}{_year(int(digits))}"

    return _regex(
        r"(?P<lead>(?:(?P<opening>^|[.!?:;\"“‘(\[]\s*)|[\w,'’]\s+)?"
        r"(?P<word>[A-Z][a-z]+)[ \t]+)(?P<digits>[1-9]\d\d)(?![\w/]|[.,:]\d)"
    ).sub(fix, text)


# --- step: plain numbers ---------------------------------------------------------------


def read_numbers(text: str) -> str:
    """Reads every remaining number: "3.5" -> "three point five", "-5" -> "minus five"."""

    def fix(match: re.Match[str]) -> str:
        return ("minus " if match.group("minus") else "") + _say(match.group("number"))

    return _regex(rf"{_MINUS}{_BEFORE}(?<![/:])(?P<number>{_NUMBER})(?![\w/]|[.,:]\d)").sub(
        fix, text
    )
