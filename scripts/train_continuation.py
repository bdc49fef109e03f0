"""Learn the weights of audioscript.extract.continuation from labelled articles, and report on them.

Usage (from the repository root)::

    python scripts/train_continuation.py                # train, evaluate, write the weights
    python scripts/train_continuation.py --no-write     # evaluate only
    python scripts/train_continuation.py --experiments  # also compare training-data choices

What it does:

1. **Data.** Every article folder holds ``NAME.quoted.txt`` (one paragraph per line, with
   quotation marks), ``NAME.stripped.txt`` (one sentence per line, marks removed) and the
   gold ``NAME.jsonl`` (one row per sentence, its speaker or NARRATOR). The stripped file is
   run through the extractor of this checkout (``audioscript.extract``) to learn what the
   model is given at run time: each sentence's accepted attribution tag and its speaker,
   the sentences it has fixed already (headlines, captions, transcript turns) and the
   paraphrases it reports. Paragraph starts come from the quoted file. Every article is
   used twice, once with its paragraph starts and once without (the one-sentence-per-line
   form), so the model works with either input.
   LitBank (fiction; ``litbank_sentences.jsonl``) gives labels for free: a sentence is
   speech when it lay inside quotation marks. It is used at a lower weight
   (``--litbank-weight``). ``--free-labels`` replaces the hand labels of the training
   articles by labels read off their own quotation marks (the extractor on the quoted
   file), to measure what unlabelled quoted articles would be worth.
2. **Labels.** NARRATION; TAGGED (a tagged sentence that is its speaker's speech); SAME
   (untagged speech of the current speaker: the speaker of the latest tag, fixed turn or
   paraphrase before it); NEW (untagged speech of anybody else). Low-confidence gold rows
   are left open: the likelihood sums over every label there.
3. **Training.** A linear-chain CRF: the log-likelihood of the gold labels minus an L2
   penalty, maximised with L-BFGS from zero weights (deterministic: no sampling, a fixed
   article order).
4. **Report.** One table: cross-validated on the training articles (by article) and on the
   validation set (``tests/fixtures/heldout2``, never trained on), next to the current
   extractor's numbers on the same lines; a calibration table of the posteriors.
5. **Weights.** ``audioscript/data/continuation/weights.json``, trained on all the training
   data.

The model is given what the stripped pass gives it: the adapter calls the pass's own
:func:`audioscript.extract.stripped.model_input`, so training and use cannot drift.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from audioscript.extract.continuation import LABELS, Decision, Model, Sentence, decode
from audioscript.extract.continuation.features import FEATURES, sentence_features
from audioscript.extract.continuation.model import (
    allowed_labels,
    forward_backward,
    paragraph_marks,
)
from audioscript.extract.run import extract
from audioscript.extract.run import prepare as prepare_article
from audioscript.extract.stripped import model_input
from audioscript.extract.transcript import attribute_transcript
from audioscript.models import NARRATOR

FIXTURES = REPO / "tests" / "fixtures"
TRAIN_DIRS = [
    FIXTURES / "extract" / "articles",
    FIXTURES / "heldout",
    REPO.parent / "shared" / "data" / "articles",
    FIXTURES / "dev",
]
VALIDATION_DIR = FIXTURES / "heldout2"
LITBANK = REPO.parent / "shared" / "data" / "litbank" / "litbank_sentences.jsonl"
WEIGHTS = REPO / "audioscript" / "data" / "continuation" / "weights.json"
BLIND = {"heldout3", "heldout4"}  # never read: blind test sets

_N, _T, _S, _W = range(4)


# --- the extractor adapter ---------------------------------------------------------------------


@dataclass
class Unit:
    """One unit of the extractor (a sentence, or a part of one), with what it knew."""

    line: int
    sentence: Sentence
    chars: int


def extractor_units(text: str) -> tuple[list[Unit], dict[int, str]]:
    """The units of stripped ``text`` as the stripped pass gives them to the model (the same
    code: :func:`audioscript.extract.stripped.model_input`), and the speaker of each line
    as ``extract`` outputs it (the majority by letters)."""
    draft = prepare_article(text)
    decided, people = attribute_transcript(draft.units, draft.people)
    try:
        sentences = model_input(decided, people)
    except ValueError:  # the shipped weights are of other features: the first round only
        draft = prepare_article(text)
        decided, people = attribute_transcript(draft.units, draft.people)
        sentences = model_input(decided, people, rounds=1)
    units = [
        Unit(unit.sentence.line, sentence, len(unit.text))
        for unit, sentence in zip(decided, sentences)
    ]
    weights: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    try:
        utterances = extract(text).utterances
    except ValueError:  # the shipped weights are of other features: no baseline until rewritten
        utterances = ()
    for utterance in utterances:
        size = len(re.sub(r"[^a-z0-9]", "", (utterance.source or utterance.text).lower())) or 1
        weights[utterance.line][utterance.speaker] += size
    by_line = {line: max(w.items(), key=lambda kv: kv[1])[0] for line, w in weights.items()}
    return units, by_line


# --- articles and their labels -----------------------------------------------------------------


@dataclass
class Article:
    """One article as the model sees it, with its gold labels."""

    name: str
    units: list[Unit]
    gold: np.ndarray  # (n, 4) bool: the labels the gold allows at each unit
    lines: list[int]  # the scored lines, in order
    line_gold: dict[int, str]  # line -> gold speaker (high-confidence rows)
    line_tagged: dict[int, bool]  # line -> carries a tag or a fixed decision
    extractor: dict[int, str]  # line -> the extractor's speaker
    weight: float = 1.0
    paragraphs: bool = True

    @property
    def sentences(self) -> list[Sentence]:
        return [u.sentence for u in self.units]

    def without_paragraphs(self) -> Article:
        units = [replace(u, sentence=replace(u.sentence, paragraph_start=None)) for u in self.units]
        return replace(self, units=units, paragraphs=False)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def paragraph_starts(quoted: str, rows: Sequence[str]) -> list[bool]:
    """Which rows (sentences, in order) open a paragraph of the quoted text, found by
    aligning their letters with the paragraphs' letters."""
    flat, starts_at = "", []
    for paragraph in quoted.splitlines():
        if paragraph.strip():
            starts_at.append(len(flat))
            flat += _letters(paragraph)
    out, position, seen = [], 0, set()
    for row in rows:
        needle = _letters(row)
        found = flat.find(needle, position) if needle else -1
        if found < 0:
            out.append(False)
            continue
        paragraph = int(np.searchsorted(starts_at, found, side="right")) - 1
        out.append(paragraph not in seen)
        seen.add(paragraph)
        position = found + len(needle)
    return out


def _name_words(name: str) -> set[str]:
    words = re.findall(r"[a-z]+", name.lower().replace("'", "").replace("’", ""))
    return {w for w in words if w not in {"mr", "mrs", "ms", "miss", "dr", "the", "a", "of"}}


def same_person(a: str | None, b: str | None) -> bool:
    if a is None or b is None or NARRATOR in (a, b):
        return False
    return bool(_name_words(a) & _name_words(b))


def gold_labels(units: Sequence[Unit], gold: Sequence[str | None]) -> np.ndarray:
    """The labels the gold speakers allow (None: unknown). SAME means the current speaker,
    taken as the gold speaker of the sentence that made them current."""
    sentences = [u.sentence for u in units]
    allowed = allowed_labels(sentences)
    out = np.zeros_like(allowed)
    anchor: str | None = None  # the gold identity of the current speaker
    for i, (sentence, speaker) in enumerate(zip(sentences, gold)):
        if speaker is None:
            out[i] = allowed[i]
        elif sentence.fixed or sentence.tag_speaker is not None:
            out[i, _N if speaker == NARRATOR else _T] = True
        elif speaker == NARRATOR:
            out[i, _N] = True
        elif allowed[i, _S] and (speaker == anchor or same_person(speaker, anchor)):
            out[i, _S] = True
        else:
            out[i, _W] = True
        out[i] &= allowed[i]
        if not out[i].any():
            out[i] = allowed[i]
        if sentence.fixed:
            if sentence.fixed_speaker is not None:
                anchor = speaker if speaker not in (None, NARRATOR) else sentence.fixed_speaker
        elif sentence.tag_speaker is not None:
            anchor = speaker if speaker not in (None, NARRATOR) else sentence.tag_speaker
        elif sentence.reported_speaker is not None:
            anchor = sentence.reported_speaker
    return out


def load_article(base: Path, free_labels: bool = False) -> Article:
    """An article folder entry (``base`` = folder/NAME), labelled by its gold, or by its own
    quotation marks with ``free_labels``."""
    rows = [
        json.loads(r)
        for r in base.with_suffix(".jsonl").read_text("utf-8").splitlines()
        if r.strip()
    ]
    quoted = Path(f"{base}.quoted.txt").read_text("utf-8")
    stripped = Path(f"{base}.stripped.txt").read_text("utf-8")
    if free_labels:
        rows = _labels_from_marks(quoted, rows)
    units, by_line = extractor_units(stripped)
    starts = dict(
        zip((r["line"] for r in rows), paragraph_starts(quoted, [r["clean"] for r in rows]))
    )
    row_of = {r["line"]: r for r in rows}
    units = [replace(u, sentence=replace(u.sentence, paragraph_start=False)) for u in units]
    seen: set[int] = set()
    for k, unit in enumerate(units):
        if unit.line not in seen:  # a line's first unit opens its paragraph, if any
            units[k] = replace(
                unit, sentence=replace(unit.sentence, paragraph_start=starts.get(unit.line, False))
            )
        seen.add(unit.line)
    gold: list[str | None] = []
    for k, unit in enumerate(units):
        row = row_of.get(unit.line)
        if row is None:
            gold.append(None)
            continue
        speaker = row["speaker"] if row.get("confidence", "high") == "high" else None
        head = k + 1 < len(units) and units[k + 1].line == unit.line
        if head and speaker not in (None, NARRATOR) and unit.sentence.tag_speaker is None:
            speaker = NARRATOR  # a narration lead-in before its colon quote
        gold.append(speaker)
    lines = [r["line"] for r in rows if r.get("confidence", "high") == "high"]
    tagged = defaultdict(bool)
    for unit in units:
        tagged[unit.line] |= unit.sentence.tag_speaker is not None or unit.sentence.fixed
    return Article(
        base.name,
        units,
        gold_labels(units, gold),
        lines,
        {r["line"]: r["speaker"] for r in rows},
        dict(tagged),
        by_line,
    )


def _labels_from_marks(quoted: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Gold rows relabelled by the quoted text: each sentence's speaker is the one the
    extractor gives most of its letters when it reads the quotation marks."""
    flat = _letters(quoted)
    owner = [NARRATOR] * len(flat)
    position = 0
    for utterance in extract(quoted).utterances:
        needle = _letters(utterance.source or utterance.text)
        found = flat.find(needle, position) if needle else -1
        if found < 0:
            continue
        owner[found : found + len(needle)] = [utterance.speaker] * len(needle)
        position = found + len(needle)
    out, position = [], 0
    for row in rows:
        needle = _letters(row["clean"])
        found = flat.find(needle, position) if needle else -1
        speaker = NARRATOR
        if found >= 0:
            counts: dict[str, int] = defaultdict(int)
            for who in owner[found : found + len(needle)]:
                counts[who] += 1
            speaker = max(counts.items(), key=lambda kv: kv[1])[0]
            position = found + len(needle)
        out.append({**row, "speaker": speaker, "confidence": "high"})
    return out


def article_bases(folder: Path) -> list[Path]:
    if folder.name in BLIND:
        raise SystemExit(f"{folder} is a blind test set: never trained or tuned on")
    return [folder / p.name[: -len(".jsonl")] for p in sorted(folder.glob("*.jsonl"))
            if Path(f"{folder / p.name[: -len('.jsonl')]}.quoted.txt").exists()]  # fmt: skip


FIRST_PERSON_NARRATION = 0.15
"""A novel whose narration says "I" in more of its sentences than this is told by a
first-person narrator: news and profiles never are, so it teaches the wrong lesson."""
_FIRST_PERSON = re.compile(r"(?<![\w'])(?:I|me|my|Me|My|myself)(?![\w'])")


def first_person_narrator(rows: Sequence[dict[str, Any]]) -> bool:
    """LitBank rows of one document whose narration is in the first person."""
    narration = [str(r["text"]) for r in rows if r["label"] == NARRATOR]
    said = sum(1 for text in narration if _FIRST_PERSON.search(text))
    return said > FIRST_PERSON_NARRATION * max(1, len(narration))


def load_litbank(path: Path, weight: float, limit: int | None = None) -> list[Article]:
    """LitBank documents as stripped text (quote tokens deleted), labelled by the quotes;
    not those told by a first-person narrator."""
    spec = importlib.util.spec_from_file_location(
        "eval_attribution", REPO / "scripts" / "eval_attribution.py"
    )
    assert spec and spec.loader
    ev = sys.modules.setdefault("eval_attribution", importlib.util.module_from_spec(spec))
    spec.loader.exec_module(ev)
    docs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for raw in path.read_text("utf-8").splitlines():
        if raw.strip():
            item = json.loads(raw)
            docs[str(item["doc"])].append(item)
    articles = []
    for doc in sorted(docs)[:limit]:
        rows = sorted(docs[doc], key=lambda r: int(r["sent_id"]))
        if all(r["label"] == NARRATOR for r in rows) or first_person_narrator(rows):
            continue
        lines = [ev.detokenize(ev.strip_quotes(str(r["text"]).split(" "))) for r in rows]
        units, by_line = extractor_units("\n".join(lines))
        per_line = defaultdict(int)
        for unit in units:
            per_line[unit.line] += 1
        gold: list[str | None] = []
        for unit in units:
            label = str(rows[unit.line - 1]["label"])
            gold.append(None if label == "MULTIPLE" or per_line[unit.line] > 1 else label)
        articles.append(
            Article(
                f"litbank/{doc}",
                units,
                gold_labels(units, gold),
                [],
                {},
                {},
                by_line,
                weight=weight,
                paragraphs=False,
            )
        )
    return articles


# --- training -----------------------------------------------------------------------------------


@dataclass
class Prepared:
    """An article's arrays, computed once."""

    x: np.ndarray
    allowed: np.ndarray
    gold: np.ndarray
    paragraph: np.ndarray
    weight: float


def prepare(article: Article) -> Prepared:
    sentences = article.sentences
    return Prepared(
        sentence_features(sentences).astype(np.float64),
        allowed_labels(sentences),
        article.gold & allowed_labels(sentences),
        paragraph_marks(sentences),
        article.weight,
    )


def objective(vector: np.ndarray, data: Sequence[Prepared], l2: float) -> tuple[float, np.ndarray]:
    """Mean negative log-likelihood per sentence plus the L2 penalty, and its gradient."""
    model = Model.from_vector(vector)
    k = len(LABELS)
    g_emission = np.zeros_like(model.emission)
    g_transition = np.zeros((k, k))
    g_paragraph = np.zeros((k, k))
    g_start = np.zeros(k)
    loss, total = 0.0, 0.0
    for item in data:
        unary, pair = model.scores(item.x, item.allowed, item.paragraph)
        free_m, free_p, free_z = forward_backward(model.start, unary, pair)
        clamped = np.where(item.gold, unary, -1e4)
        gold_m, gold_p, gold_z = forward_backward(model.start, clamped, pair)
        w = item.weight
        loss += w * (free_z - gold_z)
        total += w * len(item.x)
        diff_m, diff_p = free_m - gold_m, free_p - gold_p
        g_emission += w * item.x.T @ diff_m
        g_transition += w * diff_p.sum(axis=0)
        g_paragraph += w * np.tensordot(item.paragraph, diff_p, axes=1)
        g_start += w * diff_m[0]
    gradient = np.concatenate(
        [g_emission.ravel(), g_transition.ravel(), g_paragraph.ravel(), g_start]
    ) / max(total, 1.0)
    return loss / max(total, 1.0) + 0.5 * l2 * float(vector @ vector), gradient + l2 * vector


def lbfgs(
    f: Callable[[np.ndarray], tuple[float, np.ndarray]],
    x: np.ndarray,
    iterations: int = 200,
    memory: int = 10,
    tolerance: float = 1e-9,
) -> np.ndarray:
    """Minimise ``f`` (value and gradient) by L-BFGS with a backtracking line search."""
    fx, g = f(x)
    steps: list[tuple[np.ndarray, np.ndarray, float]] = []
    for _ in range(iterations):
        q = g.copy()
        alphas = []
        for s, y, rho in reversed(steps):
            a = rho * float(s @ q)
            q -= a * y
            alphas.append(a)
        if steps:
            s, y, _ = steps[-1]
            q *= float(s @ y) / float(y @ y)
        else:
            q /= max(1.0, float(np.linalg.norm(g)))
        for (s, y, rho), a in zip(steps, reversed(alphas)):
            q += s * (a - rho * float(y @ q))
        direction = -q
        slope = float(g @ direction)
        if slope >= 0:
            direction, slope, steps = -g, -float(g @ g), []
        step = 1.0
        while True:
            candidate = x + step * direction
            fc, gc = f(candidate)
            if fc <= fx + 1e-4 * step * slope:
                break
            step *= 0.5
            if step < 1e-10:
                return x
        s, y = candidate - x, gc - g
        if float(s @ y) > 1e-12:
            steps = [*steps, (s, y, 1.0 / float(s @ y))][-memory:]
        done = fx - fc < tolerance * max(1.0, abs(fx))
        x, fx, g = candidate, fc, gc
        if done:
            break
    return x


def train(articles: Iterable[Article], l2: float = 0.01, iterations: int = 200) -> Model:
    data = [prepare(a) for a in articles]
    start = Model.zeros().to_vector()
    return Model.from_vector(lbfgs(lambda v: objective(v, data, l2), start, iterations))


# --- evaluation ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts for one row of the report."""

    speech: list[int] = field(default_factory=lambda: [0, 0])  # untagged speech kept as speech
    speaker: list[int] = field(default_factory=lambda: [0, 0])  # ... and given to the right person
    narration: list[int] = field(default_factory=lambda: [0, 0])  # untagged narration kept
    lines: list[int] = field(default_factory=lambda: [0, 0])  # speech/narration right, every line
    who: list[int] = field(default_factory=lambda: [0, 0])  # speaker right, every line

    def add(self, other: Tally) -> None:
        for name in ("speech", "speaker", "narration", "lines", "who"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine[0] += theirs[0]
            mine[1] += theirs[1]


def _norm(name: str | None) -> str:
    return re.sub(r"\s+", " ", (name or "").replace("'", "").replace("’", "")).strip().lower()


def model_lines(article: Article, decisions: Sequence[Decision]) -> dict[int, str]:
    """Each line's speaker by the model: the largest unit of the line decides. A NEW
    speaker that no closing tag names is the extractor's pick when it made the line a quote
    too (as an integration would ask it), else "(someone)"."""
    best: dict[int, tuple[int, str]] = {}
    for unit, decision in zip(article.units, decisions):
        if decision.label == "NARRATION":
            speaker = NARRATOR
        else:
            fallback = article.extractor.get(unit.line, NARRATOR)
            speaker = decision.speaker or (fallback if fallback != NARRATOR else "(someone)")
        if unit.line not in best or unit.chars > best[unit.line][0]:
            best[unit.line] = (unit.chars, speaker)
    return {line: speaker for line, (_, speaker) in best.items()}


def score(article: Article, predicted: dict[int, str]) -> Tally:
    tally = Tally()
    for line in article.lines:
        gold = article.line_gold[line]
        guess = predicted.get(line, NARRATOR)
        is_speech, said = gold != NARRATOR, guess != NARRATOR
        tally.lines[0] += is_speech == said
        tally.lines[1] += 1
        tally.who[0] += _norm(gold) == _norm(guess)
        tally.who[1] += 1
        if article.line_tagged.get(line, False):
            continue  # the extractor's tags and fixed lines decide: not the model's choice
        if not is_speech:
            tally.narration[0] += not said
            tally.narration[1] += 1
        else:
            tally.speech[0] += said
            tally.speech[1] += 1
            tally.speaker[0] += _norm(gold) == _norm(guess)
            tally.speaker[1] += 1
    return tally


@dataclass
class Outcome:
    model: Tally = field(default_factory=Tally)
    extractor: Tally = field(default_factory=Tally)
    calibration: list[tuple[float, bool]] = field(default_factory=list)  # label posterior
    speech_calibration: list[tuple[float, bool]] = field(default_factory=list)  # speech or not


DECODING = ["posterior"]  # the decoding method of every evaluation (--decoding)


def evaluate(model: Model, articles: Sequence[Article], outcome: Outcome | None = None) -> Outcome:
    outcome = outcome or Outcome()
    for article in articles:
        decisions = decode(article.sentences, model, DECODING[0])
        outcome.model.add(score(article, model_lines(article, decisions)))
        outcome.extractor.add(score(article, article.extractor))
        for unit, decision, gold in zip(article.units, decisions, article.gold):
            if unit.sentence.fixed or gold.sum() != 1:
                continue
            outcome.calibration.append(
                (decision.probability, bool(gold[LABELS.index(decision.label)]))
            )
            said = decision.label != "NARRATION"
            outcome.speech_calibration.append(
                (max(decision.speech, 1 - decision.speech), said == (not gold[_N]))
            )
    return outcome


def cross_validate(
    articles: Sequence[Article], extra: Sequence[Article], folds: int, l2: float
) -> list[tuple[Model, list[Article]]]:
    """k-fold cross-validation by article: each fold's model (trained on the other folds
    plus ``extra``) and the articles it did not see."""
    out = []
    for fold in range(folds):
        held = [a for n, a in enumerate(articles) if n % folds == fold]
        kept = [a for n, a in enumerate(articles) if n % folds != fold]
        out.append((train(training_set(kept) + list(extra), l2), held))
    return out


def evaluate_folds(
    folds: Sequence[tuple[Model, list[Article]]], bias: float = 0.0, paragraphs: bool = True
) -> Outcome:
    outcome = Outcome()
    for model, held in folds:
        data = held if paragraphs else [a.without_paragraphs() for a in held]
        evaluate(with_bias(model, bias), data, outcome)
    return outcome


def with_bias(model: Model, bias: float) -> Model:
    """The model with ``bias`` added to the narration score of every sentence."""
    emission = model.emission.copy()
    emission[FEATURES.index("bias"), _N] += bias
    return replace(model, emission=emission)


BIASES = (-0.25, 0.0, 0.25, 0.5, 0.75, 1.0, 1.5)
NARRATION_COST = 3.0  # giving narration to a speaker is the worse error


def choose_bias(folds: Sequence[tuple[Model, list[Article]]]) -> tuple[float, list[str]]:
    """The narration bias with the lowest cross-validated cost, both input forms counted:
    NARRATION_COST per narration line given to a speaker, 1 per untagged speech line given
    to the narrator."""
    rows, best = [], (float("inf"), 0.0)
    for bias in BIASES:
        cost, parts = 0.0, []
        for paragraphs in (True, False):
            tally = evaluate_folds(folds, bias, paragraphs).model
            wrong_narration = tally.narration[1] - tally.narration[0]
            lost_speech = tally.speech[1] - tally.speech[0]
            cost += NARRATION_COST * wrong_narration + lost_speech
            parts.append(f"{wrong_narration:3d} narration given, {lost_speech:3d} speech lost")
        rows.append(f"  bias {bias:+.2f}: cost {cost:6.1f}  ({'; '.join(parts)})")
        best = min(best, (cost, bias))
    return best[1], rows


def training_set(articles: Sequence[Article], both_forms: bool = True) -> list[Article]:
    """Each article with its paragraph starts and (``both_forms``) without them, each copy at
    half weight."""
    if not both_forms:
        return list(articles)
    out = []
    for article in articles:
        out.append(replace(article, weight=article.weight * 0.5))
        out.append(replace(article.without_paragraphs(), weight=article.weight * 0.5))
    return out


def _rate(pair: Sequence[int]) -> str:
    return f"{pair[0] / pair[1]:6.1%} ({pair[0]:3d}/{pair[1]:3d})" if pair[1] else "-"


def report(title: str, outcome: Outcome, baseline: bool = True) -> list[str]:
    rows = []
    for who, tally in (("model", outcome.model), ("extractor", outcome.extractor)):
        if who == "extractor" and not baseline:
            continue
        rows.append(
            f"{title[:30]:30} {who:9} {_rate(tally.speech):>17} {_rate(tally.speaker):>17} "
            f"{_rate(tally.narration):>17} {_rate(tally.lines):>17} {_rate(tally.who):>17}"
        )
    if baseline:
        m, e = outcome.model, outcome.extractor
        deltas = []
        for name in ("speech", "speaker", "narration", "lines", "who"):
            a, b = getattr(m, name), getattr(e, name)
            ratio = a[0] / max(b[0], 1)
            delta = (a[0] / a[1] - b[0] / b[1]) if a[1] and b[1] else 0.0
            deltas.append(f"{delta * 100:+6.1f} pt x{ratio:4.2f}")
        rows.append(f"{'':30} {'delta':9} " + " ".join(f"{d:>17}" for d in deltas))
    return rows


HEADER = (
    f"{'set':30} {'who':9} {'untagged speech':>17} {'... right person':>17} "
    f"{'untagged narr.':>17} {'speech/narr line':>17} {'speaker line':>17}"
)


def calibration(outcome: Outcome) -> list[str]:
    """Posterior buckets against how often the decision was right: the chosen label's
    posterior, and the probability of the speech/narration decision."""
    rows = [f"{'posterior':>12} {'label: n':>9} {'right':>7} {'speech/narr: n':>15} {'right':>7}"]
    edges = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001]
    for low, high in pairwise(edges):
        cells = []
        for pairs in (outcome.calibration, outcome.speech_calibration):
            inside = [ok for p, ok in pairs if low <= p < high]
            cells.append(
                f"{len(inside):>9} {np.mean(inside):7.1%}" if inside else f"{0:>9} {'-':>7}"
            )
        label = f"{low:.1f}-{min(high, 1.0):.1f}" if low else "<0.5"
        rows.append(f"{label:>12} {cells[0]} {'':5}{cells[1]}")
    return rows


# --- main ---------------------------------------------------------------------------------------


def load_folder(folder: Path, free_labels: bool = False) -> list[Article]:
    return [load_article(base, free_labels) for base in article_bases(folder)]


def existing(folders: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    out = []
    for folder in folders:
        resolved = folder.resolve()
        if folder.is_dir() and resolved not in seen and any(folder.glob("*.jsonl")):
            seen.add(resolved)
            out.append(folder)
    return out


def _data_name(folder: Path) -> str:
    """A folder as the project names it: from its "tests" or "shared" part on."""
    parts = folder.resolve().parts
    for anchor in ("tests", "shared"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) :])
    return folder.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, nargs="*", help="article folders to train on")
    parser.add_argument("--validation", type=Path, default=VALIDATION_DIR)
    parser.add_argument("--litbank", type=Path, help="litbank_sentences.jsonl (default: shared)")
    parser.add_argument("--no-litbank", action="store_true")
    parser.add_argument("--litbank-weight", type=float, default=0.1)
    parser.add_argument("--litbank-docs", type=int, default=None, help="use only the first N")
    parser.add_argument("--free-labels", action="store_true", help="train on labels from marks")
    parser.add_argument("--l2", type=float, default=0.0003)
    parser.add_argument("--bias", type=float, help="narration bias (default: cross-validated)")
    parser.add_argument("--folds", type=int, default=5, help="0: no cross-validation")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--experiments", action="store_true", help="compare training choices")
    parser.add_argument("--decoding", choices=["posterior", "viterbi"], default="posterior")
    parser.add_argument("--per-article", action="store_true", help="validation article by article")
    args = parser.parse_args(argv)
    DECODING[0] = args.decoding
    started = time.perf_counter()

    folders = existing(args.train if args.train is not None else TRAIN_DIRS)
    articles = [a for folder in folders for a in load_folder(folder, args.free_labels)]
    if not articles:
        parser.error("no training articles found")
    litbank: list[Article] = []
    if not args.no_litbank:
        path = args.litbank or LITBANK
        if path.exists():
            litbank = load_litbank(path, args.litbank_weight, args.litbank_docs)
    validation = (
        load_folder(args.validation) if args.validation and args.validation.is_dir() else []
    )
    print(
        f"training: {len(articles)} articles ({sum(len(a.units) for a in articles)} units) from "
        + ", ".join(str(f) for f in folders)
        + (f"; LitBank {len(litbank)} documents at weight {args.litbank_weight}" if litbank else "")
        + (f"; validation {len(validation)} articles" if validation else "")
        + f"  [{time.perf_counter() - started:.1f}s]"
    )

    bias, bias_rows = 0.0, []
    folds = []
    if args.folds > 1 and len(articles) >= args.folds:
        folds = cross_validate(articles, litbank, args.folds, args.l2)
        bias, bias_rows = choose_bias(folds)
    if args.bias is not None:
        bias = args.bias
    final = with_bias(train(training_set(articles) + litbank, args.l2), bias)
    if bias_rows:
        print("narration bias, cross-validated (paragraphs known; one sentence per line):")
        print("\n".join(bias_rows) + f"\n  chosen: {bias:+.2f}")
    print(HEADER)
    if validation:
        for form, data in (("one sentence per line", [a.without_paragraphs() for a in validation]),
                           ("with paragraphs", validation)):  # fmt: skip
            print("\n".join(report(f"validation, {form}", evaluate(final, data))))
        if args.per_article:
            for article in validation:
                rows = report(f"  {article.name}", evaluate(final, [article.without_paragraphs()]))
                print("\n".join(rows[:2]))
    if folds:
        gold_folds = folds
        if args.free_labels:  # score the folds on the hand labels all the same
            gold = {a.name: a for folder in folders for a in load_folder(folder)}
            gold_folds = [(m, [gold[a.name] for a in held]) for m, held in folds]
        print(
            "\n".join(
                report("cross-val, one sentence/line", evaluate_folds(gold_folds, bias, False))
            )
        )
        print(
            "\n".join(report("cross-val, with paragraphs", evaluate_folds(gold_folds, bias, True)))
        )
    if validation:
        print("calibration on the validation set (one sentence per line, untagged sentences):")
        print("\n".join(calibration(evaluate(final, [a.without_paragraphs() for a in validation]))))
    if args.experiments and validation:
        experiments(articles, litbank, validation, args)
    print(f"[{time.perf_counter() - started:.1f}s]")
    if not args.no_write:
        meta = {
            "trained_by": "scripts/train_continuation.py",
            "articles": len(articles),
            "units": sum(len(a.units) for a in articles),
            "litbank_documents": len(litbank),
            "litbank_weight": args.litbank_weight if litbank else 0,
            "free_labels": args.free_labels,
            "l2": args.l2,
            "narration_bias": bias,
            "data": [_data_name(f) for f in folders] + (["shared/data/litbank"] if litbank else []),
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(final.to_json(meta), "utf-8")
        print(f"wrote {args.out}")
    return 0


def experiments(
    articles: list[Article], litbank: list[Article], validation: list[Article], args: Any
) -> None:
    """Other training choices, each cross-validated (the cost that picks the narration
    bias, at bias 0) and scored on the validation set (one sentence per line)."""
    folders = existing(args.train if args.train is not None else TRAIN_DIRS)
    free = [a for folder in folders for a in load_folder(folder, free_labels=True)]
    lit = {w: [replace(a, weight=w) for a in litbank] for w in (0.03, 0.1, 0.3, 1.0)}
    chosen = [replace(a, weight=args.litbank_weight) for a in litbank]
    variants: list[tuple[str, list[Article], list[Article], float, bool]] = [
        ("articles only", articles, [], args.l2, True),
        ("articles, one form only", articles, chosen, args.l2, False),
        *((f"articles + LitBank x{w}", articles, lit[w], args.l2, True) for w in lit if litbank),
        ("LitBank only", articles[:0], lit[1.0], args.l2, True),
        ("free labels (marks), no gold", free, chosen, args.l2, True),
        *((f"l2 {l2}", articles, chosen, l2, True) for l2 in (0.001, 0.003, 0.03)),
    ]
    print("experiments: cross-validated cost (lower is better) and validation, one sentence/line")
    for name, data, extra, l2, both in variants:
        folds = []
        for fold in range(args.folds):
            held = [a for n, a in enumerate(articles) if n % args.folds == fold]
            names = {a.name for a in held}
            kept = [a for a in data if a.name not in names]
            kept = training_set(kept) if both else [a.without_paragraphs() for a in kept]
            folds.append((train(kept + extra, l2), held))
        cost = 0.0
        for paragraphs in (True, False):
            tally = evaluate_folds(folds, 0.0, paragraphs).model
            cost += NARRATION_COST * (tally.narration[1] - tally.narration[0])
            cost += tally.speech[1] - tally.speech[0]
        final = train(
            (training_set(data) if both else [a.without_paragraphs() for a in data]) + extra, l2
        )
        outcome = evaluate(final, [a.without_paragraphs() for a in validation])
        print(f"{name:30} cv cost {cost:6.1f}")
        print("\n".join(report("  validation", outcome, baseline=False)))


if __name__ == "__main__":
    raise SystemExit(main())
