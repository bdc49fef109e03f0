"""The transcript pass (``extract/transcript.py``): interviews printed as labelled turns."""

from __future__ import annotations

import pytest
from extract_helpers import article, at, speakers_by_line, spoken, synthetic

from audioscript.extract import extract
from audioscript.extract.run import prepare
from audioscript.extract.transcript import attribute_transcript, label_of
from audioscript.models import NARRATOR


def test_labelled_turns_are_fixed_for_the_passes_after() -> None:
    draft = prepare(
        "Omar Haddad makes chairs.\nQ: When did you start?\nA: At fourteen.\nQ: And now?\n"
        "A: Now I teach.\n"
    )
    assert [label_of(u) for u in draft.units] == ["", "Q", "A", "Q", "A"]
    attribute_transcript(draft.units, draft.people)
    assert [(u.fixed, u.speaker, u.text) for u in draft.units] == [
        (False, NARRATOR, "Omar Haddad makes chairs."),
        (True, NARRATOR, "When did you start?"),
        (True, "Omar Haddad", "At fourteen."),
        (True, NARRATOR, "And now?"),
        (True, "Omar Haddad", "Now I teach."),
    ]


def test_fewer_than_three_labels_are_no_transcript() -> None:
    draft = prepare("Note: prices have risen.\nThe food came first, Ruiz says.\n")
    attribute_transcript(draft.units, draft.people)
    assert not any(u.fixed for u in draft.units)


def test_transcript_labels_are_speakers_and_questions_are_the_narrators() -> None:
    qa = synthetic("beekeeper-qa")
    assert [(u.speaker, u.text, u.attribution) for u in at(qa, 5) + at(qa, 6)[:1]] == [
        (NARRATOR, "How many colonies did you lose?", ""),
        ("Ines Albrecht", "Forty-two out of ninety.", "A:"),
    ]
    assert [u.text for u in at(qa, 12)][-2] == "I’m sorry."  # "[Laughs]" is not read out
    assert [u.speaker for u in at(qa, 13)] == [NARRATOR, NARRATOR]  # the narration is back


def test_a_named_interviewer_who_asks_the_questions_is_the_narrator() -> None:
    roundtable = synthetic("restaurant-roundtable")
    assert [u.speaker for u in at(roundtable, 6)] == [NARRATOR, NARRATOR]
    assert [(u.speaker, u.attribution) for u in at(roundtable, 7)[:1]] == [("Marcus Obi", "Obi:")]


def test_capitalised_and_bold_transcript_labels() -> None:
    text = (
        "The furniture maker Omar Haddad has worked in the same workshop for forty years.\n"
        "INTERVIEWER: When did you start?\n"
        "HADDAD: When I was fourteen. My uncle needed someone to sweep.\n"
        "INTERVIEWER: And you never left.\n"
        "**Haddad:** I left once, for a year.\n"
        "Haddad laughs and wipes his hands on his apron.\n"
    )
    assert speakers_by_line(extract(text)) == [
        (1, NARRATOR),
        (2, NARRATOR),
        (3, "Omar Haddad"),
        (3, "Omar Haddad"),
        (4, NARRATOR),
        (5, "Omar Haddad"),
        (6, NARRATOR),
    ]


def test_a_label_like_caption_is_not_a_transcript() -> None:
    text = "Photo: Ana Ruiz in her kitchen\n\nNote: prices have risen.\n\nThe food came first, Ruiz says.\n"
    assert [u.speaker for u in extract(text).utterances] == [NARRATOR, NARRATOR, "Ana Ruiz"]


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_a_publication_label_asks_and_a_surname_label_is_the_full_name(form: str) -> None:
    qa = article("potter-qa", form)
    assert set(spoken(qa, "THE LANTERN:")) == {NARRATOR}
    first = next(u for u in qa.utterances if u.source.startswith("**QUINTERO:**"))
    assert (first.speaker, first.text, first.attribution) == (
        "Rosa Quintero",
        "Because I like not being in control.",
        "**QUINTERO:**",
    )
    assert spoken(qa, "The ash lands") == ["Rosa Quintero"]  # an answer going on
    assert spoken(qa, "But it paid for a new roof") == ["Rosa Quintero"]
    assert spoken(qa, "Quintero pours") == [NARRATOR]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            (
                "Nadia Brennan has spent a decade building weather balloons.\n"
                "**WIRED:** Why balloons?\n"
                "**BRENNAN:** Because they are cheap. Anyone can launch one.\n"
                "I launched my first from a school field.\n"  # the answer goes on
                "**WIRED:** What went wrong?\n"
                "**BRENNAN:** Everything. It came down in a lake.\n"
            ),
            "Nadia Brennan",
        ),
        (
            (
                "The novelist Ilse Varga has a new book out.\n"
                "THE GUARDIAN: Where did the idea come from?\n"
                "VARGA: From a bus timetable.\n"
                "THE GUARDIAN: Seriously?\n"
                "VARGA: Seriously. I collect them.\n"
            ),
            "Ilse Varga",
        ),
        (
            (
                "Tomasz Wrobel repairs church organs across the north of England.\n"
                "Interviewer: How did you start?\n"
                "WROBEL: My uncle needed a pair of hands. I was twelve.\n"
                "Interviewer: And now?\n"
                "WROBEL: Now he needs mine.\n"
            ),
            "Tomasz Wrobel",
        ),
    ],
)
def test_the_interviewer_label_is_the_narrator_and_answers_are_the_guests(
    text: str, speaker: str
) -> None:
    extraction = extract(text)
    by_line = {u.line: u.speaker for u in extraction.utterances}
    lines = text.splitlines()
    asked = {n for n, line in enumerate(lines, start=1) if line.rstrip().endswith("?")}
    assert by_line == {
        n: NARRATOR if n == 1 or n in asked else speaker for n in range(1, len(lines) + 1)
    }
    assert [s.name for s in extraction.speakers] == [speaker]


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_q_dot_and_a_dot_labels(form: str) -> None:
    qa = article("lighthouse-qa", form)
    assert spoken(qa, "Q. What do you remember") + spoken(qa, "What do you remember") == [NARRATOR]
    assert spoken(qa, "A. The noise.") + spoken(qa, "The noise.") == ["Brigid Feeney"]
    assert spoken(qa, "He was strict about that lens.") == ["Brigid Feeney"]  # her father
    assert spoken(qa, "Feeney stops") == [NARRATOR]
    assert all(u.text.strip(" .") not in {"Q", "A"} for u in qa.utterances)  # no bare labels
