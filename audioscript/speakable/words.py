"""Steps that rewrite written words and signs: ampersands, abbreviations, titles, street
names, months, initialisms, and (last of all steps) plus and equals signs."""

from __future__ import annotations

import re

from .context import _follows_name, _next_is_name, _regex, _starts_sentence, _stop

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
    "Mx": "Mix", "Det": "Detective", "Supt": "Superintendent", "Insp": "Inspector",
    "Cmdr": "Commander", "Atty": "Attorney", "Amb": "Ambassador", "Hon": "Honorable",
    "Fr": "Father", "Cpl": "Corporal", "Pvt": "Private", "Cllr": "Councillor",
}  # fmt: skip
# Titles also written without a full stop (British style: "Mr Smith", "Dr Jones").
_DOTLESS_TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr", "Prof", "Mt", "Sgt", "Capt", "Lt", "Cllr"})


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
