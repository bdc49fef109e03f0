"""The extractor as a whole (``audioscript.extract``): the reference article, the synthetic
articles against their gold labels, robustness, and ``extract --explain``.

Each pass has its own file, ``test_extract_<pass>.py``, with the behaviour it decides.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner
from extract_helpers import (
    ARTICLES,
    FIXTURES,
    REFERENCE,
    at,
    reference_article,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from audioscript.cli import cli
from audioscript.extract import extract
from audioscript.models import NARRATOR


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_extract_never_crashes(text: str) -> None:
    extraction = extract(text)
    assert all(u.line >= 1 and 0.0 <= u.confidence <= 1.0 for u in extraction.utterances)


_PIECES = [
    "“",
    "”",
    '"',
    "‘",
    "’",
    "Baker",
    " says",
    " she said",
    ", ",
    ". ",
    "\n",
    "I ",
    "Ortiz",
    "—",
    ":",
    "he recalls",
    "the director",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_extract_survives_quote_and_tag_soup(pieces: list[str]) -> None:
    text = "".join(pieces)
    extraction = extract(text)
    names = {s.name for s in extraction.speakers}
    assert {u.speaker for u in extraction.utterances} <= names | {NARRATOR}


SIX = ["Sean Baker", "Mikey Madison", "Eydelshteyn", "Karren Karagulian", "Tovmasyan", "Borisov"]


def test_reference_article_has_the_six_speakers_under_canonical_names() -> None:
    reference = reference_article()
    assert sorted(s.name for s in reference.speakers) == sorted(SIX)
    assert {u.speaker for u in reference.utterances} == {NARRATOR, *SIX}


def test_reference_article_resolves_typos_and_genders() -> None:
    reference = reference_article()
    borisov = reference.speaker("Borisov")
    assert borisov is not None and "Borislov" in borisov.aliases and borisov.gender == "male"
    madison = reference.speaker("Madison")
    assert madison is not None and madison.name == "Mikey Madison" and madison.gender == "female"


def test_reference_article_quotes_lose_their_tags() -> None:
    reference = reference_article()
    first = at(reference, 11)[0]
    assert (first.speaker, first.text, first.attribution) == (
        "Sean Baker",
        "Red Rocket was a reaction to my other films not taking off.",
        "Baker says",
    )


# Lines that are the journalist's beyond doubt: captions, scene-setting, paraphrase, reported
# speech, and questions about the speaker in the third person ("How did he channel ...?").
NARRATION = [1, 3, 5, 7, 9, 27, 65, 67, 69, 71, 81, 83, 85, 87, 89, 93, 107, 123, 135, 137, 151]


NARRATION += [165, 173, 213, 225, 233, 235, 245, 257, 281, 285, 287, 293, 295, 331, 343]
NARRATION += [357, 391, 405, 409, 417, 429, 431, 439, 441, 443, 449, 455, 457, 479, 481, 495]


# Without marks the continuation model gives these to the speaker before them: paraphrase
# about a person, or the speaker talked about in the third person, after a run of their words.
MODEL_MISSES = {449}


def _model_misses(values: list, misses: set) -> list:
    """``values`` as test parameters, those in ``misses`` expected to fail for now."""
    xfail = pytest.mark.xfail(reason="the continuation model decides otherwise", strict=False)
    return [pytest.param(v, marks=xfail) if v in misses else v for v in values]


def test_reference_article_sentence_cut_after_no_is_one_line() -> None:
    # the scraper broke "his film Compartment No." | "6by Finnish director ..." in two
    # paragraphs: it is read as one sentence, from its first line
    reference = reference_article()
    (utterance,) = at(reference, 281)
    assert utterance.speaker == NARRATOR
    assert utterance.text.endswith("Compartment No. 6 by Finnish director Juho Kuosmanen.")
    assert at(reference, 283) == []


@pytest.mark.parametrize("line", _model_misses(NARRATION, MODEL_MISSES))
def test_reference_article_narration_stays_with_the_narrator(line: int) -> None:
    reference = reference_article()
    assert [u.speaker for u in at(reference, line)] == [NARRATOR]


def test_reference_article_covers_every_non_empty_line() -> None:
    reference = reference_article()
    text_lines = REFERENCE.read_text("utf-8").split("\n")
    covered = {u.line for u in reference.utterances}
    # but line 283, which goes on with the sentence of line 281 (a scraper's cut after "No.")
    said = {n for n, line in enumerate(text_lines, start=1) if line.strip()} - {283}
    assert covered == said


SYNTHETIC = sorted(path.name.split(".")[0] for path in ARTICLES.glob("*.jsonl"))


EXACT_WITHOUT_MARKS = {
    "beekeeper-qa",
    "bridge-closure-news",
    "bus-shelter-study",
    "lighthouse-qa",
    "potter-qa",
    "projectionist-profile",
    "restaurant-roundtable",
}


def _eval_script() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "scripts" / "eval_attribution.py"
    spec = importlib.util.spec_from_file_location("scripts_eval_attribution", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaluation() -> ModuleType:
    return _eval_script()


def _wrong(evaluation: ModuleType, name: str, form: str) -> tuple[int, list[tuple[int, str, str]]]:
    """How many gold rows are scored, and (line, gold, got) for every wrong one."""
    gold = [row for row in evaluation.read_gold(ARTICLES / name)]
    guesses = evaluation.article_guesses(ARTICLES / name, form, gold)
    scored = [(row, guess) for row, guess in zip(gold, guesses) if row["confidence"] == "high"]
    wrong = [
        (row["line"], row["speaker"], guess)
        for row, guess in scored
        if evaluation.norm_name(guess) != evaluation.norm_name(row["speaker"])
    ]
    return len(scored), wrong


def test_the_synthetic_articles_are_all_there() -> None:
    assert SYNTHETIC == [
        "bakery-flood",
        "beekeeper-qa",
        "bridge-closure-news",
        "bus-shelter-study",
        "coach-profile",
        "lighthouse-qa",
        "market-profile",
        "potter-qa",
        "projectionist-profile",
        "restaurant-roundtable",
        "village-shop-uk",
    ]


@pytest.mark.parametrize("name", SYNTHETIC)
def test_synthetic_article_with_quotation_marks_is_right_sentence_by_sentence(
    evaluation: ModuleType, name: str
) -> None:
    _, wrong = _wrong(evaluation, name, "quoted")
    assert wrong == []


# Short runs the continuation model decides otherwise than the rules these were written for.
STRIPPED_MODEL_MISSES = {"bridge-closure-news", "coach-profile", "market-profile"}


@pytest.mark.parametrize("name", _model_misses(SYNTHETIC, STRIPPED_MODEL_MISSES))
def test_synthetic_article_without_quotation_marks(evaluation: ModuleType, name: str) -> None:
    total, wrong = _wrong(evaluation, name, "stripped")
    if name in EXACT_WITHOUT_MARKS:
        assert wrong == []
    else:
        assert 1 - len(wrong) / total >= 0.9, wrong


SPEAKERS = {
    "bakery-flood": ["Sofia Marchetti", "Luis Ferreira"],
    "beekeeper-qa": ["Ines Albrecht"],
    "bus-shelter-study": ["Naomi Feld", "Carlos Medina", "Ingrid Solheim", "Marisol Vega"],
    "coach-profile": ["Teresa Lindqvist", "Joel Baptiste"],
    "lighthouse-qa": ["Brigid Feeney"],
    "market-profile": ["Dolores Pike", "Samuel Okafor", "Maureen Tully", "Peter Lindell"],
    "potter-qa": ["Rosa Quintero"],
    "bridge-closure-news": [
        "Alan Reeve",
        "Grace Mwangi",
        "Spokeswoman for the city council",
        "Devin Shaw",
        "Department spokesman",
        "Ruth Okonkwo",
        "Leon Baptiste",
    ],
    "projectionist-profile": ["Walter Kessling", "Nina Kessling"],
    "restaurant-roundtable": ["Marcus Obi", "Helen Carrow"],
    "village-shop-uk": ["Margaret Pryce", "Gareth Lloyd", "Aisha Rahman", "Brian Hale"],
}


@pytest.mark.parametrize("form", ["quoted", "stripped"])
@pytest.mark.parametrize("name", SYNTHETIC)
def test_synthetic_article_speakers(name: str, form: str) -> None:
    extraction = extract((ARTICLES / f"{name}.{form}.txt").read_text("utf-8"))
    assert [s.name for s in extraction.speakers] == SPEAKERS[name]


def test_explain_says_which_pass_decided_each_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "The film opened on Friday.\n\n"
        "“It was a long road,” Sean Baker said. “I never gave up.”\n",
        "utf-8",
    )
    result = CliRunner(mix_stderr=False).invoke(cli, ["extract", str(article), "--explain"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["speaker"] for r in records] == [NARRATOR, "Sean Baker", "Sean Baker"]
    assert {key for r in records for key in r} == {
        "speaker", "text", "line", "kind", "source", "attribution", "confidence",
    }  # fmt: skip (no "why": quotes.jsonl keeps its keys)
    first = "quoted: outside quotation marks: The film opened on Friday."
    second = "tags: 'Sean Baker said' after the quote: It was a long road."
    third = "quoted: untagged; the tag of a quote before it in its paragraph: I never gave up."
    confidence = re.compile(r" \((?:0\.\d\d|1\.00)\) <- ")  # calibrated: the chance it is right
    assert [confidence.sub(" (p) <- ", line) for line in result.stderr.splitlines()] == [
        "Who says each line, and why:",
        f"  {article}:1: NARRATOR (p) <- {first}",
        f"  {article}:3: Sean Baker (p) <- {second}",
        f"  {article}:3: Sean Baker (p) <- {third}",
    ]


def test_every_utterance_says_why() -> None:
    for text in (FIXTURES / "quoted.txt", FIXTURES / "stripped.txt", REFERENCE):
        extraction = extract(text.read_text("utf-8"))
        assert all(u.why.split(": ")[0] in PASSES for u in extraction.utterances)


PASSES = {"captions", "continuation", "descriptors", "pronouns", "quoted", "runs", "stripped",
          "tags", "transcript", "writer"}  # fmt: skip
