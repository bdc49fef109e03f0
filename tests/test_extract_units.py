"""The units pass (``extract/units.py``): sentences cut at colon and dash lead-ins."""

from __future__ import annotations

import pytest
from extract_helpers import ARTICLES, at, quoted_fixture

from audioscript.extract import extract
from audioscript.extract.marks import DOUBLE, line_masks
from audioscript.extract.segmentation import sentences_of
from audioscript.extract.units import Unit, cut_units
from audioscript.models import NARRATOR


def units(text: str, quoted: bool) -> list[Unit]:
    marks = DOUBLE if quoted else None
    return cut_units(sentences_of([text], [text], line_masks([text], marks)), quoted)


def test_a_colon_lead_in_and_its_quote_are_two_units() -> None:
    lead, quote = units("She put it simply: “Everything I owned was under the water.”", True)
    assert (lead.text, lead.share) == ("She put it simply:", 0.0)
    assert (quote.text, quote.share, quote.lead_in) == (
        "“Everything I owned was under the water.”", 1.0, True,
    )  # fmt: skip


def test_a_tag_in_the_lead_in_attributes_the_quote() -> None:
    _, quote = units("Asked about the budget, the director laughed: “What budget?”", True)
    assert (quote.tag and quote.tag.text, quote.lead_in) == ("the director laughed", False)


@pytest.mark.parametrize(
    "text",
    [
        "Smith agreed: “It works.”",
        "Her son, Daniel Hart, said: “Mum is a fighter.”",  # the name beside a description
        "Tran-Olsen, who sat behind her, called out: “You and me both.”",
    ],
)
def test_a_tag_leading_into_the_quote_keeps_one_unit(text: str) -> None:
    assert [u.text for u in units(text, True)] == [text]


def test_without_marks_a_lead_in_needs_words_that_speak() -> None:
    assert [u.text for u in units("She put it simply: Everything I owned was lost.", False)] == [
        "She put it simply:", "Everything I owned was lost.",
    ]  # fmt: skip
    text = "Ferreira was more philosophical — Flour is cheap."
    assert [u.text for u in units(text, False)] == [
        "Ferreira was more philosophical —", "Flour is cheap.",
    ]  # fmt: skip
    assert len(units("The rule was simple: nobody left early.", False)) == 1


def test_tag_before_the_quote_and_colon_lead_in() -> None:
    quoted = quoted_fixture()
    lead, budget = at(quoted, 8)[:2]
    assert (lead.kind, budget.kind, budget.attribution) == (
        "narration",
        "quote",
        "the director laughed",
    )


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_colon_and_dash_lead_ins_and_partial_quotes(form: str) -> None:
    bakery = extract((ARTICLES / f"bakery-flood.{form}.txt").read_text("utf-8"))
    lead_ins = [u for u in bakery.utterances if u.text.endswith((":", "—"))]
    apostrophe = "’" if form == "quoted" else "'"
    assert [(u.text, u.speaker) for u in lead_ins[:3]] == [
        ("She put it simply:", NARRATOR),
        ("Her business partner, Luis Ferreira, was more philosophical —", NARRATOR),
        (f"Marchetti{apostrophe}s verdict on that morning is short:", NARRATOR),
    ]
    after = [bakery.utterances[bakery.utterances.index(u) + 1] for u in lead_ins[:3]]
    assert [u.speaker for u in after] == ["Sofia Marchetti", "Luis Ferreira", "Sofia Marchetti"]
    partial = [u for u in bakery.utterances if "recoverable" in u.text or "storm away" in u.text]
    assert [u.speaker for u in partial] == [NARRATOR, NARRATOR]


@pytest.mark.parametrize("quoted", [True, False])
def test_credits_captions_and_bylines_are_of_their_kind_from_the_start(quoted: bool) -> None:
    text = "The crash site on Saturday. Credit: Lindsey Carr/PA"
    assert [u.kind for u in units(text, quoted)] == ["narration", "credit"]
    assert [u.kind for u in units("Above: Emil Varga at his sewing frame.", quoted)] == ["caption"]
    assert [u.kind for u in units("By Fiona McAteer, Home Affairs Correspondent", quoted)] == [
        "byline"
    ]


def test_a_lead_in_with_words_in_quotation_marks_keeps_one_unit() -> None:
    """ "“It’s faster,” she says, and then, seeing her mother’s face: “But ...”": the quote
    goes on after the colon; "... like this” — she gestures — “you want ...": after the dash."""
    for text in (
        "“It’s faster,” she says, and then, seeing her mother’s face: “But it’s not the same.”",
        "“But when it is like this” — she gestures at the window — “you want to see it.”",
    ):
        (unit,) = units(text, True)
        assert unit.share >= 0.5


def test_a_pass_leaves_what_it_was_given_as_it_was() -> None:
    """Units are frozen, and an attribution pass hands on a copy of the people."""
    import dataclasses

    from audioscript.extract.quoted import attribute_quoted
    from audioscript.extract.run import prepare

    draft = prepare(
        "“We sold every ticket,” said Ana Ruiz, who runs the ferry.\n“Borislov?” she asked.\n"
    )
    before = {
        name: (sorted(p.aliases), p.female, p.male) for name, p in draft.people.by_name.items()
    }
    units, people = attribute_quoted(draft.units, draft.people)
    assert people is not draft.people
    after = {
        name: (sorted(p.aliases), p.female, p.male) for name, p in draft.people.by_name.items()
    }
    assert after == before
    assert units[0].speaker == "Ana Ruiz" and draft.units[0].speaker != "Ana Ruiz"
    with pytest.raises(dataclasses.FrozenInstanceError):
        units[0].speaker = "someone else"  # type: ignore[misc]
