"""The quotation-marks pass (``extract/marks.py``): which marks, and what lies inside them."""

from __future__ import annotations

from extract_helpers import ORTIZ, at, quoted_fixture, speakers_by_line, synthetic

from audioscript.extract import extract
from audioscript.extract.marks import DOUBLE, SINGLE, line_masks, quote_marks, spoken_text
from audioscript.models import NARRATOR


def shown(mask: tuple[bool, ...]) -> str:
    return "".join("x" if inside else "." for inside in mask)


def test_double_marks_unless_single_ones_open_more_quotes() -> None:
    assert quote_marks("“Yes,” she said. “No.”") is DOUBLE
    assert quote_marks('"Yes," she said.') is DOUBLE
    assert quote_marks("‘Yes,’ she said. ‘He said “no”.’") is SINGLE
    assert quote_marks("It’s Baker’s film.") is None  # apostrophes are no quotation marks
    assert quote_marks("Yes, she said.") is None


def test_a_mask_flags_what_lies_inside_the_marks() -> None:
    assert [shown(m) for m in line_masks(["He said “no” twice.", ""], DOUBLE)] == [
        "........xxxx.......", "",
    ]  # fmt: skip
    assert line_masks(["No marks.", ""], None) == [(False,) * 9, ()]


def test_a_quote_left_open_runs_on_into_the_paragraph_that_reopens_it() -> None:
    lines = ["“I was tired.", "", "“Then I slept,” she said.", "After that, silence."]
    assert [shown(m) for m in line_masks(lines, DOUBLE)] == [
        "x" * 13, "", "x" * 15 + "." * 10, "." * 20,
    ]  # fmt: skip


def test_spoken_text_loses_the_marks_and_the_stage_directions() -> None:
    assert spoken_text("“I’m sorry [Laughs] about that,”") == "I’m sorry about that."
    assert spoken_text("‘never again,’", SINGLE) == "Never again."
    assert spoken_text("‘never again,’", DOUBLE) == "‘never again.’"  # a quote in a quote


def test_multi_paragraph_quote_that_reopens() -> None:
    quoted = quoted_fixture()
    assert [u.speaker for u in at(quoted, 10)] == [ORTIZ, ORTIZ]


def test_single_quotation_marks_and_a_quote_running_over_lines() -> None:
    text = (
        "‘I must be getting near the centre of the earth,’ said Alice.\n"
        "‘Perhaps I shall see it written up somewhere.\n"
        "I wonder what it says.’\n"
        "She went on falling.\n"
    )
    extraction = extract(text)
    assert speakers_by_line(extraction) == [
        (1, "Alice"),
        (2, "Alice"),
        (3, "Alice"),
        (4, NARRATOR),
    ]


def test_british_single_quotation_marks_with_double_ones_inside() -> None:
    shop = synthetic("village-shop-uk")
    assert [(u.speaker, u.text) for u in at(shop, 4)] == [
        ("Margaret Pryce", "I thought, well, we can’t have that."),
        (
            "Margaret Pryce",
            "My husband said, “Margaret, you are not buying a shop,” and I said, “Watch me.”",
        ),
    ]
    assert at(shop, 1)[0].speaker == NARRATOR  # a scare quote in the headline
    assert [u.speaker for u in at(shop, 11)] == [NARRATOR, NARRATOR]  # "‘optimistic’"


def test_quotes_running_over_paragraphs_and_a_quote_inside_a_quote() -> None:
    profile = synthetic("projectionist-profile")
    assert {u.speaker for line in (5, 6, 7) for u in at(profile, line)} == {"Walter Kessling"}
    assert at(profile, 7)[1].text == "He picked it up and said, ‘Again.’"
    assert [u.speaker for u in at(profile, 11)] == ["Nina Kessling"] * 2


def test_single_marks_inside_double_ones_inside_single_ones_close_only_themselves() -> None:
    line = "‘He said: “Walk out to ‘Boots of Clay’.” So I’m walking out.’ Then he left."
    (mask,) = line_masks([line], SINGLE)
    end = line.index(" Then")
    assert shown(mask) == "x" * end + "." * (len(line) - end)  # one quote, up to its last mark
