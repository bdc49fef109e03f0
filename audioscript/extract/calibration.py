"""Calibration, the last pass: a line's confidence becomes the chance that it is right.

Every pass sets a raw confidence by its own rule of thumb (0.9 for a tag after the quote, 0.55
for a sentence with no voice of its own going on with a run). How often the lines each rule
decides are really right was counted on labelled development articles by
``scripts/calibrate_attribution.py``, which stores the counts in
``audioscript/data/attribution/calibration.json``. A line's confidence is its rule's share of
right lines there, smoothed toward the share of its pass, then of all lines of its kind, when
the rule decided few lines:

    rule   (form, kind, pass, raw confidence)   e.g. stripped, quote, runs, 0.55
                                                (a model's probability in steps of 0.05)
    pass   (form, kind, pass)                   e.g. stripped, quote, runs
    kind   (form, kind)                         e.g. stripped, quote

where form is ``quoted`` (the article has quotation marks) or ``stripped``, and kind is
``quote`` or ``narration``. So of the lines given 0.8, about 80 % are right (the script
measures this on held-out articles it never counted).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from audioscript.models import Utterance

#: how many lines of evidence a parent level is worth when a rule decided few lines
SMOOTHING = 8.0
DATA = ("audioscript", "data/attribution/calibration.json")
_PASS = re.compile(r"([a-z][a-z ]*?):")


def pass_of(why: str) -> str:
    """The pass named at the start of an explanation ("runs: first person ..." -> "runs")."""
    match = _PASS.match(why)
    return match.group(1) if match else "other"


def levels(quoted: bool, utterance: Utterance) -> tuple[str, str, str]:
    """The keys of a line, most specific first (rule, pass, kind)."""
    form = "quoted" if quoted else "stripped"
    kind = "quote" if utterance.kind == "quote" else "narration"
    stage = pass_of(utterance.why)
    return (
        f"{form}|{kind}|{stage}|{round(utterance.confidence * 20) / 20:.2f}",
        f"{form}|{kind}|{stage}",
        f"{form}|{kind}",
    )


@dataclass(frozen=True)
class Table:
    """Counts of right lines and all lines per key, and the smoothed share for any key."""

    counts: Mapping[str, tuple[int, int]]
    smoothing: float = SMOOTHING
    weight: float = 1.0  # how far the counts move a line from its raw confidence

    def share(self, keys: tuple[str, ...], prior: float) -> float:
        """Right share of the most specific key, each level smoothed toward the one above it;
        ``prior`` stands above the last level. With ``weight`` under 1 the result stays
        that much of the way toward ``prior`` (the counts come from other articles, and an
        article can be harder than all of them)."""
        estimate = prior
        for key in reversed(keys):
            right, total = self.counts.get(key, (0, 0))
            estimate = (right + self.smoothing * estimate) / (total + self.smoothing)
        return self.weight * estimate + (1 - self.weight) * prior

    def to_json(self) -> dict[str, object]:
        return {
            "smoothing": self.smoothing,
            "weight": self.weight,
            "counts": {key: list(value) for key, value in sorted(self.counts.items())},
        }


def count(
    samples: Iterable[tuple[tuple[str, ...], bool]], smoothing: float = SMOOTHING, weight: float = 1.0
) -> Table:
    """The table of (keys, right) samples: every level of a line counts it."""
    counts: dict[str, list[int]] = {}
    for keys, right in samples:
        for key in keys:
            entry = counts.setdefault(key, [0, 0])
            entry[0] += int(right)
            entry[1] += 1
    return Table({key: (a, b) for key, (a, b) in counts.items()}, smoothing, weight)


@cache
def table() -> Table | None:
    """The shipped table (None if the data file is missing: confidences stay raw)."""
    try:
        text = resources.files(DATA[0]).joinpath(DATA[1]).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    data = json.loads(text)
    return Table(
        {key: (int(a), int(b)) for key, (a, b) in data["counts"].items()},
        float(data.get("smoothing", SMOOTHING)),
        float(data.get("weight", 1.0)),
    )


def calibrate(
    utterances: Iterable[Utterance], quoted: bool, counts: Table | None = None
) -> tuple[Utterance, ...]:
    """Every utterance with its confidence replaced by the chance that it is right. The raw
    confidence is the prior of the last level, so a kind of line never counted keeps it."""
    counts = counts or table()
    if counts is None:
        return tuple(utterances)
    return tuple(
        replace(u, confidence=round(counts.share(levels(quoted, u), u.confidence), 3))
        for u in utterances
    )
