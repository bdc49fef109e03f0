"""Steps that read numbers written with separators: phone numbers and ISO dates, times of
day, ranges and scores, and the day after a month."""

from __future__ import annotations

import re

from .context import _regex, _stop
from .numbers import _BEFORE, _NUMBER, _cardinal, _digits, _is_year, _ordinal, _year
from .words import _MONTH_NAMES, _MONTHS

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


# --- step: dates -----------------------------------------------------------------------


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
