"""Score speaker attribution on held-out articles the extractor was never tuned on.

Usage (from the repository root)::

    python scripts/eval_heldout.py             # table
    python scripts/eval_heldout.py -v          # table plus every wrong high-confidence line
    python scripts/eval_heldout.py --compare   # also the tuned-on sets, for reference
    python scripts/eval_heldout.py --only heldout2   # one set

Each set is a folder ``tests/fixtures/heldout*/``, scored as its own table: ``heldout`` (five
articles, first measured blind, then the kinds of error it showed were fixed) and
``heldout2`` (eight articles written later by someone who had read neither the extractor nor
the other sets). The articles are in the same format as the synthetic test
articles (``NAME.quoted.txt``, ``NAME.stripped.txt`` built by ``build.py`` there with the shared
recipe, and gold ``NAME.jsonl``). Scoring is not replicated: ``score_article`` and the table
helpers are imported from ``scripts/eval_attribution.py``, so the *speaker acc* and
*narr/quote* columns mean exactly what they mean there (high-confidence gold rows only; the
stripped form is scored line by line, the quoted form by letter alignment).

One extra column, *quote acc*, is speaker accuracy restricted to high-confidence rows whose
gold speaker is not NARRATOR (how often a real quote goes to the right person), computed from
the same per-row guesses (``article_guesses``).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"

_spec = importlib.util.spec_from_file_location("eval_attribution", REPO / "scripts" / "eval_attribution.py")
assert _spec and _spec.loader
ev = importlib.util.module_from_spec(_spec)
sys.modules["eval_attribution"] = ev
_spec.loader.exec_module(ev)


def quote_counts(base: Path, form: str) -> tuple[int, int]:
    """(right, total) over high-confidence gold rows whose speaker is a person."""
    gold = ev.read_gold(base)
    guesses = ev.article_guesses(base, form, gold)
    right = total = 0
    for row, guess in zip(gold, guesses):
        if row.get("confidence") != "high" or row["speaker"] == ev.NARRATOR:
            continue
        total += 1
        right += ev.norm_name(guess) == ev.norm_name(row["speaker"])
    return right, total


#: sets kept blind: scored, but their wrong lines are never printed (-v skips them), so
#: nobody tunes on them by reading them. dev4 is where scripts/calibrate_attribution.py
#: counts how often each rule is right, so it must stay untuned too.
BLIND = {"heldout3", "heldout4", "dev4"}  # dev4: where calibration counts (see below)


def table(title: str, bases: list[Path], verbose: bool) -> None:
    verbose = verbose and title not in BLIND
    print(f"-- {title}" + (" (blind: totals only)" if title in BLIND else ""))
    scores, quotes = [], {}
    for base in bases:
        for form in ("stripped", "quoted"):
            if not Path(f"{base}.{form}.txt").exists():
                continue  # the reference article exists only as it was scraped (stripped)
            if verbose:
                print(f"   errors in {base.name}.{form}:")
            s = ev.score_article(base, form, verbose)
            scores.append(s)
            quotes[(s.name, form)] = quote_counts(base, form)
    for s in scores:
        print(_line(s, *quotes[(s.name, s.form)]))
    for form in ("stripped", "quoted"):
        if not any(s.form == form for s in scores):
            continue
        total = ev._total(title.split(",")[0], form, scores)
        right = sum(r for (n, f), (r, t) in quotes.items() if f == form)
        count = sum(t for (n, f), (r, t) in quotes.items() if f == form)
        print(_line(total, right, count))


def _line(s: ev.Score, right: int, total: int) -> str:
    quote = f"{right / total:.1%} ({right}/{total})" if total else "-"
    clean = f"{s.clean_correct / s.clean_total:.1%}" if s.clean_total else "-"
    return (
        f"{s.name[:24]:24} {s.form:9} {s.total:5d} {s.accuracy:10.1%} "
        f"{s.role_accuracy:10.1%} {quote:>17} {clean:>7}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong line")
    parser.add_argument(
        "--compare",
        action="store_true",
        help="also score the tuned-on synthetic fixtures and ../shared/data/articles",
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--only", metavar="FOLDER", help="score only this set (e.g. heldout2)")
    args = parser.parse_args(argv)
    folders = sorted(FIXTURES.glob("heldout*")) if not args.only else [FIXTURES / args.only]
    if args.only and args.only.startswith("dev"):
        args.compare = False
    sets = [(folder, ev._article_bases(folder)) for folder in folders]
    if not any(bases for _, bases in sets):
        parser.error(f"no gold files in {', '.join(str(f) for f in folders)}")
    print(
        f"{'article':24} {'form':9} {'lines':>5} {'speaker acc':>10} {'narr/quote':>10} "
        f"{'quote acc':>17} {'clean':>7}"
    )
    for folder, bases in sets:
        table(folder.name, bases, args.verbose)
    reference = ev._article_bases(FIXTURES / "reference")
    if reference and not args.only:
        table("reference article (examples/anora, stripped only)", reference, args.verbose)
    if args.compare:
        shared = ev._article_bases(args.data / "articles")
        if shared:
            table("shared articles (tuned on)", shared, False)
        table("synthetic, tuned on", ev._article_bases(ev.SYNTHETIC), False)
        for folder in sorted(FIXTURES.glob("dev*")):
            note = "blind" if folder.name in BLIND else "tuned on"
            table(folder.name if folder.name in BLIND else f"{folder.name} ({note})", ev._article_bases(folder), args.verbose)
    print("lines: high-confidence gold rows. quote acc: the rows among them whose gold speaker is a person.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
