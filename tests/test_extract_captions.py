"""Captions, headings, credits and editor's notes (``extract/captions.py``)."""

from __future__ import annotations

import pytest
from extract_helpers import in_form

from audioscript.extract import extract
from audioscript.extract.captions import EDITORIAL, caption_kind, is_caption, without_credits
from audioscript.models import NARRATOR


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Photo by Sam Reyes", True),
        ("Lena Ortiz and Tom Brandt at the premiere", True),
        ("It was late.", False),
        (" ".join(["word"] * 15), False),  # too long for a heading
    ],
)
def test_a_caption_has_no_stop_and_few_words(line: str, caption: bool) -> None:
    assert is_caption(line) is caption


def test_an_editors_note() -> None:
    assert EDITORIAL.search("This interview has been edited and condensed.")
    assert EDITORIAL.search("It was edited for length and clarity.")
    assert not EDITORIAL.search("The film was edited in May.")


def test_a_caption_ends_the_speakers_words() -> None:
    text = (
        "Ana Ruiz cooks.\n\nIt is hard, Ruiz says.\n\nPhoto by Sam Reyes\n\n"
        "It has been a long year.\n"
    )
    speakers = [u.speaker for u in extract(text).utterances]
    assert speakers == [NARRATOR, "Ana Ruiz", NARRATOR, NARRATOR]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Photograph by A. N. Other", "credit"),
        ("Credit: Lindsey Carr/PA", "credit"),
        ("Photo: Getty Images", "credit"),
        ("Photographs by Jonah Feld.", "credit"),
        ("Above: Emil Varga at his sewing frame in the back room of the shop.", "caption"),
        ("Caption: The cannery mural, painted in 1993, on Quay Street.", "caption"),
        ("*Samira Kadri is a contributing writer.", "note"),  # a closing note in italics
        ("The Ice Road is out now from Northwoods Press.*", "note"),
        ("By Fiona McAteer, Home Affairs Correspondent", "byline"),
        ("Photo: Ana Ruiz in her kitchen", "caption"),  # the person pictured, not a credit
        ("The crew", "heading"),  # a subhead
        ("Above all, he wanted to stay.", ""),
        ("The photo was taken by his sister.", ""),
    ],
)
def test_captions_and_credits_are_told_apart(line: str, kind: str) -> None:
    assert caption_kind(line) == kind


def test_a_credit_names_nobody_the_article_quotes() -> None:
    text = "At the scene. Credit: Lindsey Carr/PA\nPhotograph by Ines Albrecht\nPhoto: Ana Ruiz at home"
    assert without_credits(text) == text.replace("Lindsey Carr", " " * 12).replace(
        "Ines Albrecht", " " * 13
    )


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_a_photographer_never_speaks(form: str) -> None:
    """"Credit: Lindsey Carr/PA" before the first quote: the "she said" after it is the
    woman the story named, not the photographer."""
    quoted = (
        "Emergency services at the scene on Saturday. Credit: Lindsey Carr/PA\n"
        "Deputy Chief Constable Harriet Mbeki told a press conference that the crash was an "
        "accident.\n"
        "“I want to be absolutely clear,” she said. “This was not a terror incident.”\n"
    )
    found = extract(in_form(quoted, form))
    assert {u.speaker for u in found.utterances if u.kind == "quote"} == {"Harriet Mbeki"}
    assert [s.name for s in found.speakers] == ["Harriet Mbeki"]


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_credits_captions_and_bylines_are_narration_nobody_reads_aloud(form: str) -> None:
    quoted = (
        "By Clara Ventimiglia\nPhotograph by Ines Albrecht\n"
        "Above: Emil Varga at his sewing frame in the back room.\n"
        "The shop has been closed since the flood. Credit: Lindsey Carr/PA\n"
        "Emil Varga was at the back. “I fell off the ladder,” he said.\n"
    )
    found = extract(in_form(quoted, form))
    kinds = [(u.kind, u.speaker) for u in found.utterances if u.kind != "narration"]
    assert kinds == [
        ("byline", NARRATOR), ("credit", NARRATOR), ("caption", NARRATOR), ("credit", NARRATOR),
        ("quote", "Emil Varga"),
    ]  # fmt: skip
    assert [s.name for s in found.speakers] == ["Emil Varga"]
