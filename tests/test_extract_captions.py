"""Captions, headings, credits and editor's notes (``extract/captions.py``)."""

from __future__ import annotations

import pytest

from audioscript.extract import extract
from audioscript.extract.captions import EDITORIAL, is_caption
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
