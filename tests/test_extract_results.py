"""The results pass (``extract/results.py``): units into utterances, people into speakers."""

from __future__ import annotations

from extract_helpers import reference_article

from audioscript.extract import extract, review
from audioscript.models import NARRATOR


def test_speakers_in_order_of_appearance_found_by_any_alias() -> None:
    extraction = extract(
        "Ana Ruiz cooks.\n“It is hard,” Ruiz says.\n"
        "Marco Bell pours.\n“It is fine,” Bell says.\n"
        "“Not for me,” Ruiz says.\n"
    )
    assert [(s.name, s.first_line, s.count) for s in extraction.speakers] == [
        ("Ana Ruiz", 2, 2), ("Marco Bell", 4, 1),
    ]  # fmt: skip
    assert extraction.speaker("Bell") == extraction.speakers[1]
    assert extraction.speaker("Nobody") is None


def test_a_quote_with_nothing_left_once_its_tag_is_gone_is_not_an_utterance() -> None:
    extraction = extract("Ana Ruiz cooks.\nIt is hard, Ruiz says.\n..., Ruiz says.\n")
    assert [(u.line, u.speaker) for u in extraction.utterances] == [(1, NARRATOR), (2, "Ana Ruiz")]


def test_review_lists_only_low_confidence_decisions_worst_first() -> None:
    reference = reference_article()
    doubtful = review(reference, threshold=0.8)
    assert doubtful and all(u.confidence < 0.8 for u in doubtful)
    assert doubtful == sorted(doubtful, key=lambda u: (u.confidence, u.line))
    assert review(reference, threshold=0.0) == []
