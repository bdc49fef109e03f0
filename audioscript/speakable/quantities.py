"""Steps that read amounts: money, percentages and units of measure."""

from __future__ import annotations

import re

from .context import _attributive, _regex, _stop
from .numbers import _AFTER, _BEFORE, _MINUS, _NUMBER, _cardinal, _say

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
