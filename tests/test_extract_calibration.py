"""The calibration pass: a line's confidence is the share of right lines its rule had."""

from __future__ import annotations

from pathlib import Path

import pytest

from audioscript.extract import extract
from audioscript.extract.calibration import Table, calibrate, count, levels, pass_of, table
from audioscript.models import NARRATOR, Utterance

REFERENCE = Path(__file__).resolve().parent.parent / "examples" / "anora" / "article.txt"


@pytest.mark.parametrize(
    ("why", "stage"),
    [
        ("runs: first person, going on with Sean Baker's words", "runs"),
        ("tags: 'Baker says' after the quote", "tags"),
        ("transcript: the interviewer labelled 'Q:'", "transcript"),
        ("", "other"),
        ("Baker says", "other"),
    ],
)
def test_the_pass_is_named_before_the_colon(why: str, stage: str) -> None:
    assert pass_of(why) == stage


def test_a_line_has_three_keys_from_its_rule_to_its_kind() -> None:
    quote = Utterance("Sean Baker", "Hi.", 3, "quote", confidence=0.55, why="runs: no voice")
    assert levels(False, quote) == (
        "stripped|quote|runs|0.55",
        "stripped|quote|runs",
        "stripped|quote",
    )
    narration = Utterance(NARRATOR, "He left.", 4, "narration", confidence=0.9, why="quoted: outside")
    assert levels(True, narration)[0] == "quoted|narration|quoted|0.90"


def test_a_well_counted_rule_speaks_for_itself_and_a_rare_one_leans_on_its_pass() -> None:
    rule, stage, kind = "stripped|quote|runs|0.55", "stripped|quote|runs", "stripped|quote"
    busy = count([((rule, stage, kind), True)] * 300 + [((rule, stage, kind), False)] * 100)
    assert busy.share((rule, stage, kind), 0.55) == pytest.approx(0.75, abs=0.01)
    # a rule never counted: the pass's share, which leans on the kind's
    assert busy.share(("stripped|quote|runs|0.60", stage, kind), 0.6) == pytest.approx(0.75, abs=0.01)
    rare = Table({rule: (2, 2), stage: (50, 100), kind: (500, 1000)}, smoothing=8)
    # two right lines prove little: (2 + 8 x 0.5) / (2 + 8)
    assert rare.share((rule, stage, kind), 0.9) == pytest.approx(0.6, abs=0.01)
    assert Table({}).share((rule, stage, kind), 0.42) == pytest.approx(0.42)  # nothing counted


def test_calibrate_replaces_only_the_confidence() -> None:
    line = Utterance("Sean Baker", "Hi.", 3, "quote", "Hi, Baker said.", "Baker said", 0.55, "runs: x")
    counts = count([(levels(False, line), True)] * 90 + [(levels(False, line), False)] * 10)
    (after,) = calibrate([line], quoted=False, counts=counts)
    assert after.confidence == pytest.approx(0.9, abs=0.01)
    assert (after.speaker, after.text, after.source, after.why) == (line.speaker, line.text, line.source, line.why)


def test_the_shipped_table_counts_every_pass_the_reference_article_uses() -> None:
    shipped = table()
    assert shipped is not None, "run scripts/calibrate_attribution.py"
    raw = extract(REFERENCE.read_text("utf-8"), calibrated=False).utterances
    for u in raw:
        keys = levels(False, u)
        assert keys[1] in shipped.counts, f"no counts for {keys[1]} ({u.why}): rerun scripts/calibrate_attribution.py"
    calibrated = extract(REFERENCE.read_text("utf-8")).utterances
    assert [u.confidence for u in calibrated] != [u.confidence for u in raw]
    assert all(0.0 <= u.confidence <= 1.0 for u in calibrated)
    assert [(u.speaker, u.text) for u in calibrated] == [(u.speaker, u.text) for u in raw]


# --- review: worst first, grouped by what decided ---------------------------------------


def test_review_lists_the_likeliest_wrong_first_with_the_reason(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from audioscript.cli import cli

    result = CliRunner(mix_stderr=False).invoke(cli, ["extract", str(REFERENCE), "--review"])
    assert result.exit_code == 0, result.output
    listed = [line for line in result.stderr.splitlines() if line.startswith(f"  {REFERENCE}:")]
    confidences = [float(line.split(" (")[1].split(")")[0]) for line in listed]
    # shown to two places: a line at 0.797 (under the threshold) shows as 0.80
    assert listed and confidences == sorted(confidences) and max(confidences) <= 0.8
    assert "      because " in result.stderr  # the deciding pass and its reason


def test_check_groups_the_lines_to_review_by_what_decided_them() -> None:
    from audioscript.check import review_warnings

    def line(number: int, kind: str, why: str, confidence: float = 0.6) -> Utterance:
        speaker = "Ana Ruiz" if kind == "quote" else NARRATOR
        return Utterance(speaker, "x", number, kind, confidence=confidence, why=why)

    lines = [
        line(9, "quote", "runs: first person"),
        line(3, "quote", "runs: no voice"),
        line(5, "narration", "runs: the words end"),
        line(7, "quote", "pronouns: 'she said'"),
        line(8, "quote", "tags: 'Ruiz said'", confidence=0.95),  # sure: not listed
    ]
    (warning,) = review_warnings(lines)
    assert warning.startswith("4 line(s) may have the wrong speaker (under 80% sure): ")
    assert "2 sentences carried on from a quote without a tag (lines 3, 9); " in warning
    assert "1 sentences read as narration after a quote (line 5)" in warning
    assert "'he said', 'she said' or a description resolved to a person (line 7)" in warning
    assert warning.index("(lines 3, 9)") < warning.index("(line 5)")  # largest group first
    assert review_warnings([lines[-1]]) == []


def test_a_models_probability_is_counted_in_steps_of_a_twentieth() -> None:
    a = Utterance(NARRATOR, "x", 1, "narration", confidence=0.8312, why="continuation: P=0.83")
    b = Utterance(NARRATOR, "y", 2, "narration", confidence=0.8451, why="continuation: P=0.85")
    assert levels(False, a)[0] == levels(False, b)[0] == "stripped|narration|continuation|0.85"


def test_a_weight_under_one_keeps_part_of_the_raw_confidence() -> None:
    keys = ("stripped|quote|runs|0.55", "stripped|quote|runs", "stripped|quote")
    full = count([(keys, True)] * 1000, smoothing=8, weight=1.0)
    half = count([(keys, True)] * 1000, smoothing=8, weight=0.5)
    assert full.share(keys, 0.5) == pytest.approx(1.0, abs=0.01)
    assert half.share(keys, 0.5) == pytest.approx(0.75, abs=0.01)
    assert half.to_json()["weight"] == 0.5
