"""Count how often each attribution rule is right, and check that confidence means that.

Usage (from the repository root)::

    python scripts/calibrate_attribution.py            # count, write the table, report
    python scripts/calibrate_attribution.py --check    # report with the shipped table only

The extractor's passes give every line a raw confidence (a rule of thumb). This script runs
the extractor, uncalibrated, on labelled articles that no rule was ever tuned on (dev set 4,
written for this, and the validation set 2), and counts for every rule (form, kind, pass,
raw confidence) how many of the lines it decided are right. Counting on tuned-on articles
would make every rule look surer than it is. The counts go to
``audioscript/data/attribution/calibration.json``, which :mod:`audioscript.extract.calibration`
turns into each line's confidence: the chance that it is right.

Then it measures what that confidence is worth, on the articles it counted (in sample) and
on the blind sets 3 and 4 (never counted, never tuned on: out of sample). For each band of
confidence it prints how many scored lines fall in it, their mean confidence and how many
are right, for the raw and the calibrated confidence, and the expected calibration error
(the gap between confidence and accuracy, weighted by lines). A line is a high-confidence
gold row; its confidence and speaker are those of the utterance covering most of its letters
(the scoring of ``scripts/eval_attribution.py``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from audioscript.extract.calibration import DATA, SMOOTHING, Table, count, levels, table
from audioscript.extract.run import extract, prepare
from audioscript.models import Utterance

_spec = importlib.util.spec_from_file_location("eval_attribution", REPO / "scripts" / "eval_attribution.py")
assert _spec and _spec.loader
ev = importlib.util.module_from_spec(_spec)
sys.modules["eval_attribution"] = ev
_spec.loader.exec_module(ev)

FIXTURES = REPO / "tests" / "fixtures"
#: where rules are counted: articles no rule was tuned on (dev4, written for this, and the
#: validation set 2); the tuned-on sets would make every rule look surer than it is
COUNTED = ("heldout2", "dev4")
BLIND = ("heldout3", "heldout4")
BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001)


def covering(base: Path, form: str, gold: Sequence[dict]) -> tuple[bool, list[Utterance | None]]:
    """Whether the extractor saw quotation marks, and for every gold row the (uncalibrated)
    utterance covering most of its letters (None: nothing covers it)."""
    text = Path(f"{base}.{form}.txt").read_text("utf-8")
    utterances = extract(text, calibrated=False).utterances
    quoted = prepare(text).quoted
    if form == "stripped":
        best: dict[int, tuple[int, Utterance]] = {}
        for u in utterances:
            size = len(ev.letters(u.source or u.text)) or 1
            if u.line not in best or size > best[u.line][0]:
                best[u.line] = (size, u)
        return quoted, [best[row["line"]][1] if row["line"] in best else None for row in gold]
    flat = ev.letters(text)
    owner: list[int | None] = [None] * len(flat)
    for index, start, end in ev.spans(flat, utterances):
        owner[start:end] = [index] * (end - start)
    chosen: list[Utterance | None] = []
    position = 0
    for row in gold:
        needle = ev.letters(ev.gold_text(row))
        found = flat.find(needle, position) if needle else -1
        if found < 0:
            chosen.append(None)
            continue
        votes: dict[int, int] = defaultdict(int)
        for index in owner[found : found + len(needle)]:
            if index is not None:
                votes[index] += 1
        chosen.append(utterances[max(votes, key=votes.__getitem__)] if votes else None)
        position = found + len(needle)
    return quoted, chosen


Sample = tuple[tuple[str, ...], bool, float]  # a line's keys, whether it is right, raw confidence


def samples(bases: Sequence[Path]) -> list[Sample]:
    """(keys, right, raw confidence) of every scored line of these articles, both forms."""
    return [line for base in bases for line in article_samples(base)]


def article_samples(base: Path) -> list[Sample]:
    """The scored lines of one article, both forms."""
    found = []
    gold = ev.read_gold(base)
    for form in ("stripped", "quoted"):
        quoted, chosen = covering(base, form, gold)
        for row, u in zip(gold, chosen):
            if u is None or row.get("confidence") != "high" or not ev.letters(ev.gold_text(row)):
                continue
            right = ev.norm_name(u.speaker) == ev.norm_name(row["speaker"])
            found.append((levels(quoted, u), right, u.confidence))
    return found


def reliability(title: str, pairs: Sequence[tuple[float, bool]]) -> str:
    """Bands of confidence with their lines, mean confidence and accuracy; then the ECE."""
    lines = [f"{title}: {len(pairs)} lines", f"  {'confidence':<12}{'lines':>6}{'mean':>8}{'right':>8}"]
    error = 0.0
    for low, high in pairwise(BANDS):
        band = [(c, r) for c, r in pairs if low <= c < high]
        if not band:
            continue
        mean = sum(c for c, _ in band) / len(band)
        right = sum(r for _, r in band) / len(band)
        error += len(band) * abs(mean - right)
        lines.append(f"  {low:.2f}-{min(high, 1):.2f}  {len(band):>6}{mean:>8.2f}{right:>8.2f}")
    accuracy = sum(r for _, r in pairs) / len(pairs) if pairs else 0.0
    lines.append(
        f"  accuracy {accuracy:.3f}, expected calibration error {error / max(1, len(pairs)):.3f}, "
        f"Brier score {brier(pairs):.4f}"
    )
    return "\n".join(lines)


def report(title: str, found: Sequence[tuple[tuple[str, ...], bool, float]], counts: Table) -> None:
    raw = [(conf, right) for _, right, conf in found]
    calibrated = [(counts.share(keys, conf), right) for keys, right, conf in found]
    print(reliability(f"{title}, raw confidence", raw))
    print(reliability(f"{title}, calibrated", calibrated))


def cross_validated(articles: Sequence[list[Sample]], smoothing: float, weight: float) -> list[tuple[float, bool]]:
    """Each article's lines with the confidence a table counted without it gives them: how
    the table does on an article it has not seen."""
    pairs = []
    for index, held in enumerate(articles):
        rest = (line for i, lines in enumerate(articles) if i != index for line in lines)
        table_ = count(((keys, right) for keys, right, _ in rest), smoothing, weight)
        pairs += [(table_.share(keys, conf), right) for keys, right, conf in held]
    return pairs


def brier(pairs: Sequence[tuple[float, bool]]) -> float:
    return sum((c - r) ** 2 for c, r in pairs) / max(1, len(pairs))


def choose(articles: Sequence[list[Sample]]) -> tuple[float, float]:
    """The smoothing and weight with the lowest cross-validated Brier score (leave one
    article out), printed with the raw confidence's score for comparison."""
    raw = [(conf, right) for lines in articles for _, right, conf in lines]
    print(f"leave one article out: Brier score of the raw confidence {brier(raw):.4f}")
    best = (float("inf"), SMOOTHING, 1.0)
    for smoothing in (2.0, 8.0, 32.0, 128.0):
        for weight in (0.25, 0.5, 0.75, 1.0):
            score = brier(cross_validated(articles, smoothing, weight))
            print(f"  smoothing {smoothing:>5g}, weight {weight:.2f}: {score:.4f}")
            best = min(best, (score, smoothing, weight))
    print(f"chosen: smoothing {best[1]:g}, weight {best[2]:.2f}")
    return best[1], best[2]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report, with the shipped table")
    args = parser.parse_args(argv)
    counted = [base for folder in COUNTED for base in ev._article_bases(FIXTURES / folder)]
    articles = [article_samples(base) for base in counted]
    found = [line for lines in articles for line in lines]
    if args.check:
        counts = table()
        if counts is None:
            parser.error("no calibration table shipped; run without --check first")
    else:
        smoothing, weight = choose(articles)
        counts = count(((keys, right) for keys, right, _ in found), smoothing, weight)
        target = REPO / DATA[0] / DATA[1]
        target.parent.mkdir(parents=True, exist_ok=True)
        data = {"trained_on": sorted(str(b.relative_to(b.parents[1])) for b in counted), **counts.to_json()}
        target.write_text(json.dumps(data, indent=1) + "\n", "utf-8")
        print(f"wrote {target.relative_to(REPO)}: {len(counts.counts)} keys from {len(found)} lines")
    report("counted articles (in sample)", found, counts)
    blind = [base for folder in BLIND for base in ev._article_bases(FIXTURES / folder)]
    if blind:
        report("blind sets 3 and 4 (out of sample)", samples(blind), counts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
