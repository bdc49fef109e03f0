"""Score speaker attribution (audioscript.extract) against gold labels.

Usage (from the repository root; the shared data sits next to the checkout)::

    python scripts/eval_attribution.py                 # data in ../shared/data
    python scripts/eval_attribution.py --data PATH -v  # another data folder, list errors

Data sets and how each is scored:

* **Articles** (``articles/NAME.{stripped,quoted}.txt`` with gold ``NAME.jsonl``). The gold
  has one row per sentence of the stripped file (``line`` is its line there). Only rows with
  ``confidence == "high"`` are scored.

  - *stripped* (one sentence per line): a gold row's prediction is the speaker of the
    utterances extracted from that line; when a line yields several utterances (a narration
    lead-in and a quote), the one covering most of its characters wins.
  - *quoted* (one paragraph per line, original quotation marks): gold rows do not have a
    line of their own, so both sides are aligned on the letters and digits of the text
    (lowercased; spaces, punctuation, quote marks and apostrophes ignored, because the
    gold restores apostrophes and the quoted file keeps curly ones). Every utterance's
    ``source`` is located in the article in reading order; each gold sentence is located the
    same way, and its prediction is the speaker covering most of its characters. So a
    paragraph split differently from the gold still scores sentence by sentence.

  Names are compared after dropping apostrophes and case ("DeBroski Herbert" matches
  "De'Broski Herbert": the stripped input has lost the apostrophe, so no tool could spell it).
  The *clean* column compares ``clean_text`` on the stripped file with the gold ``clean``
  text, line by line (exact match).

* **Synthetic articles** (``tests/fixtures/extract/articles/``): small articles written for the
  tests, in styles the shared articles lack (a Q&A transcript, a round-table with name
  prefixes, a news story with many sources, UK single quotation marks, a profile with quotes
  running over paragraphs, colon and dash lead-ins with partial quotes). Same files and same
  scoring as the shared articles; ``build.py`` there makes the stripped form from the quoted one.

* **LitBank** (``litbank/litbank_sentences.jsonl``): one tokenised sentence per row. Each
  document becomes an input text with one sentence per line, detokenised as the LitBank
  README describes; rows labelled ``MULTIPLE`` are skipped. Two conditions: *quoted* (marks
  kept) and *stripped* (quote tokens deleted and apostrophes inside words dropped, as in
  the README's recipe). LitBank names speakers by its own entity ids ("Mrs Bennet",
  "a_girl"), not by our canonical names, so it is scored two ways:

  - *narrator/quote*: is the sentence narration or a quote (speaker ignored);
  - *lenient speaker*: narration must be narration, and a quote must go to a speaker who
    shares at least one name word with the gold speaker (case-insensitive, honorifics and
    articles ignored), so "Elizabeth" matches "Elizabeth Bennet" and "Mr. Darcy" "Darcy".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SYNTHETIC = REPO / "tests" / "fixtures" / "extract" / "articles"
sys.path.insert(0, str(REPO))

from audioscript.clean import clean_text
from audioscript.extract import extract
from audioscript.extract.results import lines_covered
from audioscript.models import NARRATOR, Utterance


@dataclass
class Score:
    """Counts for one row of the table."""

    name: str
    form: str
    total: int = 0
    correct: int = 0
    role_correct: int = 0  # narrator-vs-quote agreement
    seconds: float = 0.0
    clean_total: int = 0  # stripped articles: lines whose cleaned text is compared with gold
    clean_correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def role_accuracy(self) -> float:
        return self.role_correct / self.total if self.total else 0.0


def norm_name(name: str) -> str:
    """A name as compared: case, apostrophes and middle initials ("Harlan D. Voight" is the
    gold's "Harlan Voight") do not count."""
    name = re.sub(r"(?<=\w) [A-Z]\.(?= \w)", "", name)
    return re.sub(r"\s+", " ", name.replace("'", "").replace("’", "")).strip().lower()


def letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


# --- articles ------------------------------------------------------------------------------


def speakers_by_line(text: str) -> dict[int, str]:
    """Stripped form: the majority speaker (by characters) of the utterances on each line.
    An utterance that goes on into the next lines (a sentence a scraper cut after "No.")
    counts on each line it covers."""
    lines = text.split("\n")
    weights: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for utterance in extract(text).utterances:
        for line in lines_covered(utterance, lines):
            weights[line][utterance.speaker] += len(letters(utterance.source or utterance.text)) or 1
    return {line: max(w.items(), key=lambda kv: kv[1])[0] for line, w in weights.items()}


def spans(flat: str, utterances: Sequence[Utterance]) -> Iterator[tuple[int, int, int]]:
    """(utterance index, start, end) of each utterance found in the article's letters, in
    reading order (an utterance is looked for after the one before it)."""
    position = 0
    for index, utterance in enumerate(utterances):
        needle = letters(utterance.source or utterance.text)
        if not needle:
            continue
        found = flat.find(needle, position)
        if found < 0:
            found = flat.find(needle[:40], position)
            if found < 0:
                continue
        yield index, found, min(len(flat), found + len(needle))
        position = found + len(needle)


def speaker_per_char(text: str) -> tuple[str, list[str]]:
    """Quoted form: the article's letters and, for each, the speaker of the utterance it lies in."""
    flat = letters(text)
    owner = [NARRATOR] * len(flat)
    utterances = extract(text).utterances
    for index, start, end in spans(flat, utterances):
        owner[start:end] = [utterances[index].speaker] * (end - start)
    return flat, owner


def gold_text(row: dict[str, Any]) -> str:
    """A gold row's text with apostrophes restored (``clean``), else as written."""
    return row.get("clean") or row["text"]


def read_gold(path_base: Path) -> list[dict[str, Any]]:
    """The gold rows of an article (``NAME.jsonl`` beside ``NAME.quoted.txt``)."""
    return [
        json.loads(row)
        for row in path_base.with_suffix(".jsonl").read_text("utf-8").splitlines()
        if row.strip()
    ]


#: the guess for a gold row with no letters or digits ("* * *"), which is not scored
SILENT = "(silent)"


def article_guesses(path_base: Path, form: str, gold: list[dict[str, Any]]) -> list[str]:
    """The predicted speaker of every gold row, for the ``stripped`` or ``quoted`` form."""
    text = Path(f"{path_base}.{form}.txt").read_text("utf-8")
    if form == "stripped":
        predicted = speakers_by_line(text)
        return [predicted.get(row["line"], "(none)") for row in gold]
    flat, owner = speaker_per_char(text)
    guesses = []
    position = 0
    for row in gold:
        needle = letters(gold_text(row))
        if not needle:  # "* * *": nothing to say, so nobody to say it (not scored)
            guesses.append(SILENT)
            continue
        found = flat.find(needle, position)
        if found < 0:
            guesses.append("(not found)")
            continue
        counts: dict[str, int] = defaultdict(int)
        for speaker in owner[found : found + len(needle)]:
            counts[speaker] += 1
        guesses.append(max(counts.items(), key=lambda kv: kv[1])[0])
        position = found + len(needle)
    return guesses


def score_article(path_base: Path, form: str, verbose: bool) -> Score:
    gold = read_gold(path_base)
    text = Path(f"{path_base}.{form}.txt").read_text("utf-8")
    score = Score(path_base.name, form)
    started = time.perf_counter()
    guesses = article_guesses(path_base, form, gold)
    score.seconds = time.perf_counter() - started
    if form == "stripped":
        cleaned = clean_text(text).split("\n")
        for row in gold:
            if "clean" not in row:
                continue  # no repaired text to compare (the reference article's gold)
            score.clean_total += 1
            score.clean_correct += cleaned[row["line"] - 1].replace("’", "'") == row[
                "clean"
            ].replace("’", "'")
    for row, guess in zip(gold, guesses):
        if row.get("confidence") != "high" or not letters(gold_text(row)):
            continue
        score.total += 1
        ok = norm_name(guess) == norm_name(row["speaker"])
        score.correct += ok
        score.role_correct += (guess == NARRATOR) == (row["speaker"] == NARRATOR)
        if verbose and not ok:
            print(
                f"  {path_base.name}.{form} line {row['line']}: "
                f"gold {row['speaker']!r}, got {guess!r}: {gold_text(row)[:90]}"
            )
    return score


# --- LitBank -------------------------------------------------------------------------------

_QUOTE_TOKENS = {"“", "”", '"', "‘", "’", "'", "``", "''"}
_HONORIFICS = {
    "mr",
    "mrs",
    "miss",
    "ms",
    "dr",
    "sir",
    "lady",
    "lord",
    "the",
    "a",
    "an",
    "of",
    "madame",
    "monsieur",
    "mme",
    "m",
    "captain",
    "colonel",
    "aunt",
    "uncle",
}


def detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:?!”)\]])", r"\1", text)
    text = re.sub(r"([“(\[]) ", r"\1", text)
    text = re.sub(r" (n[’']t|[’']s|[’']re|[’']ve|[’']ll|[’']d|[’']m)\b", r"\1", text)
    return text


def strip_quotes(tokens: list[str]) -> list[str]:
    kept = [t for t in tokens if t not in _QUOTE_TOKENS]
    return [t.replace("’", "").replace("'", "") if len(t) > 1 else t for t in kept]


def name_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", name.lower()) if w not in _HONORIFICS}


def score_litbank(path: Path, form: str, verbose: bool) -> Score:
    docs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for raw in path.read_text("utf-8").splitlines():
        if raw.strip():
            item = json.loads(raw)
            docs[str(item["doc"])].append(item)
    score = Score("litbank", form)
    started = time.perf_counter()
    for doc, rows in sorted(docs.items()):
        rows.sort(key=lambda r: int(r["sent_id"]))
        lines = []
        for row in rows:
            tokens = str(row["text"]).split(" ")
            lines.append(detokenize(strip_quotes(tokens) if form == "stripped" else tokens))
        predicted = speakers_by_line("\n".join(lines))
        for number, row in enumerate(rows, start=1):
            label = str(row["label"])
            if label == "MULTIPLE":
                continue
            guess = predicted.get(number, NARRATOR)
            score.total += 1
            gold_narrator, guess_narrator = label == NARRATOR, guess == NARRATOR
            score.role_correct += gold_narrator == guess_narrator
            if gold_narrator or guess_narrator:
                ok = gold_narrator == guess_narrator
            else:
                ok = bool(name_words(label) & name_words(guess))
            score.correct += ok
            if verbose and not ok:
                print(f"  {doc} {number}: gold {label!r}, got {guess!r}: {lines[number - 1][:90]}")
    score.seconds = time.perf_counter() - started
    return score


# --- main ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("../shared/data"),
        help="folder holding articles/ and litbank/ (default: ../shared/data)",
    )
    parser.add_argument("--no-litbank", action="store_true", help="score the articles only")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong line")
    args = parser.parse_args(argv)
    data: Path = args.data if args.data.is_absolute() else (Path.cwd() / args.data)
    articles = _article_bases(data / "articles")
    if not articles:
        parser.error(
            f"no gold files in {data / 'articles'}; "
            "pass --data with the folder that holds articles/"
        )
    groups: list[tuple[str, list[Score]]] = [
        ("shared articles", _score_articles(articles, args.verbose)),
        ("synthetic, written for tests", _score_articles(_article_bases(SYNTHETIC), args.verbose)),
    ]
    litbank = data / "litbank" / "litbank_sentences.jsonl"
    if litbank.exists() and not args.no_litbank:
        groups.append(
            (
                "LitBank",
                [score_litbank(litbank, form, args.verbose) for form in ("quoted", "stripped")],
            )
        )
    header = f"{'data set':22} {'form':9} {'lines':>6} {'speaker acc':>12} {'narr/quote':>10}"
    print(f"{header} {'clean':>7} {'time':>7}")
    for title, scores in groups:
        print(f"-- {title}")
        for s in scores:
            print(_row(s))
        if len(scores) > 2 and title != "LitBank":
            for form in ("stripped", "quoted"):
                print(_row(_total(title.split(",")[0], form, scores)))
    print("* LitBank speaker accuracy is lenient: any shared name word counts (see the docstring).")
    print("clean: stripped lines whose cleaned text equals the gold 'clean' text exactly.")
    return 0


def _article_bases(folder: Path) -> list[Path]:
    return [
        folder / name for name in sorted({p.name.split(".")[0] for p in folder.glob("*.jsonl")})
    ]


def _score_articles(bases: list[Path], verbose: bool) -> list[Score]:
    return [score_article(base, form, verbose) for base in bases for form in ("stripped", "quoted")]


def _total(name: str, form: str, scores: list[Score]) -> Score:
    """All articles of one form together (every scored line counts once)."""
    total = Score(f"all {name}", form)
    for s in scores:
        if s.form == form:
            total.total += s.total
            total.correct += s.correct
            total.role_correct += s.role_correct
            total.seconds += s.seconds
            total.clean_total += s.clean_total
            total.clean_correct += s.clean_correct
    return total


def _row(s: Score) -> str:
    lenient = "*" if s.name == "litbank" else " "
    clean = f"{s.clean_correct / s.clean_total:.1%}" if s.clean_total else "-"
    return (
        f"{s.name:22} {s.form:9} {s.total:6d} {s.accuracy:11.1%}{lenient} "
        f"{s.role_accuracy:10.1%} {clean:>7} {s.seconds:6.2f}s"
    )


if __name__ == "__main__":
    raise SystemExit(main())
