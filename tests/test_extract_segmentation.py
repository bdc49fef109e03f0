"""The segmentation pass (``extract/segmentation.py``): lines into sentences."""

from __future__ import annotations

from extract_helpers import at, stripped_fixture

from audioscript.clean import clean_text
from audioscript.extract.marks import line_masks
from audioscript.extract.segmentation import Sentence, sentences_of


def sentences(text: str) -> list[Sentence]:
    lines = text.split("\n")
    return sentences_of(lines, lines, line_masks(lines, None))


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in sentences(text)]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    assert texts("Dr. Ana Ruiz spoke. Then she left.") == ["Dr. Ana Ruiz spoke.", "Then she left."]
    assert texts("Michael J. Fox said so. Then he left.") == [
        "Michael J. Fox said so.", "Then he left.",
    ]  # fmt: skip
    assert texts("The U.S. Army Corps came. They left.") == [
        "The U.S. Army Corps came.", "They left.",
    ]  # fmt: skip
    assert texts("He wore No. 6 all season.") == ["He wore No. 6 all season."]
    assert texts("My knees say no. The bees say yes.") == ["My knees say no.", "The bees say yes."]


def test_a_paragraph_cut_after_no_or_a_title_goes_on_in_the_next_one() -> None:
    # a scraper's paragraph break after "No." or "Dr.": one sentence, on the first line
    found = sentences("His film Compartment No.\n\n6 by Juho Kuosmanen won. Then he left.")
    assert [(s.text, s.line, s.paragraph) for s in found] == [
        ("His film Compartment No. 6 by Juho Kuosmanen won.", 1, 0),
        ("Then he left.", 3, 1),
    ]
    assert len(found[0].mask) == len(found[0].text)
    assert [(s.first_in_paragraph, s.last_in_paragraph) for s in found] == [
        (True, True), (True, True),
    ]  # fmt: skip
    assert texts("She thanked Dr.\nAna Ruiz for it.") == ["She thanked Dr. Ana Ruiz for it."]
    # a sentence that can end there does
    assert texts("My knees say no.\n6 bees say yes.") == ["My knees say no.", "6 bees say yes."]
    assert texts("He wore No.\nThe rest is history.") == ["He wore No.", "The rest is history."]


def test_initials_before_a_name_do_not_end_a_sentence_but_before_an_opener_do() -> None:
    assert texts("The U.S. Army said no. The U.K. Navy agreed.") == [
        "The U.S. Army said no.", "The U.K. Navy agreed.",
    ]  # fmt: skip
    assert texts("He moved to the U.S. In 1990 he came back.") == [
        "He moved to the U.S.", "In 1990 he came back.",
    ]  # fmt: skip


def test_a_question_and_its_tag_stay_one_sentence() -> None:
    assert texts("Why now? Pluznick recalled.") == ["Why now? Pluznick recalled."]


def test_a_quote_closed_on_a_full_stop_and_what_he_does_are_two_sentences() -> None:
    assert texts("“She got tired of waiting for the boat.” He laughs. “So did I.”") == [
        "“She got tired of waiting for the boat.”", "He laughs.", "“So did I.”",
    ]  # fmt: skip
    assert texts("“Is it?” she asks.") == ["“Is it?” she asks."]


def test_sentences_know_their_line_and_paragraph() -> None:
    found = sentences("First one. Second one.\n\nThird one.")
    assert [(s.line, s.paragraph, s.first_in_paragraph, s.last_in_paragraph) for s in found] == [
        (1, 0, True, False), (1, 0, False, True), (3, 1, True, True),
    ]  # fmt: skip


def test_the_source_is_the_raw_sentence_the_text_the_cleaned_one() -> None:
    raw = "I dont know. Really."
    clean = clean_text(raw)
    found = sentences_of([raw], [clean], line_masks([clean], None))
    assert [(s.text, s.source) for s in found] == [
        ("I don't know.", "I dont know."), ("Really.", "Really."),
    ]  # fmt: skip


def test_stripped_text_is_cleaned() -> None:
    stripped = stripped_fixture()
    assert (
        at(stripped, 29)[0].text
        == "My father told me, Never lend your van to a director, and I didn't listen."
    )
    assert (
        at(stripped, 29)[0].source
        == "My father told me, Never lend your van to a director, and I didnt listen, says Brandtt."
    )
