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
    middle = sorted(u.confidence for u in reference.utterances)[len(reference.utterances) // 2]
    doubtful = review(reference, threshold=middle)
    assert doubtful and all(u.confidence < middle for u in doubtful)
    assert len(doubtful) == sum(u.confidence < middle for u in reference.utterances)
    assert doubtful == sorted(doubtful, key=lambda u: (u.confidence, u.line))
    assert review(reference, threshold=0.0) == []


def test_stage_notes_and_credits_keep_their_kind_and_are_not_read_aloud(tmp_path) -> None:
    from audioscript.pipeline import load

    article = tmp_path / "talk.txt"
    article.write_text(
        "Tom Reyes hosts the show. His guest is the welder Ana Lima.\n\n"
        "Photograph by Kit Moss\n\n"
        "Tom: Welcome back. Ana, how did it start?\n\n"
        "[Music]\n\n"
        "Ana Lima: With a notice on a Friday.\n\n"
        "Tom: And then?\n\n"
        "Lima: Then the canteen closed. (Laughter) That did it.\n",
        "utf-8",
    )
    kinds = {u.text: u.kind for u in extract(article.read_text("utf-8")).utterances}
    assert kinds["[Music]"] == "stage"
    assert kinds["Photograph by Kit Moss"] == "credit"
    loaded = load(article)
    spoken = [cue.text for cue in loaded.script.cues]
    assert not any("Music" in text or "Laughter" in text or "Kit Moss" in text for text in spoken)
    assert "Then the canteen closed. That did it." in " ".join(spoken) or any(
        "canteen closed" in text for text in spoken
    )


def test_an_utterance_covers_the_lines_its_sentence_goes_on_into() -> None:
    from audioscript.extract.results import lines_covered

    text = "His film Compartment No.\n\n6 by Juho Kuosmanen won.\n\nThen he left.\n"
    lines = text.split("\n")
    first, second = extract(text).utterances
    assert lines_covered(first, lines) == [1, 3]
    assert lines_covered(second, lines) == [5]
