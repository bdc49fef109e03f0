"""Statements (``extract/statements.py``): who speaks when "the statement said" or "the
company said"."""

from __future__ import annotations

import pytest
from extract_helpers import said

from audioscript.clean import ArticleEvidence
from audioscript.extract.people import People
from audioscript.extract.statements import statement_author
from audioscript.models import NARRATOR


def test_the_statement_is_whoever_the_narration_says_issued_it() -> None:
    text = (
        "In a statement, the Tolland Valley Conservancy, a nonprofit that would manage the "
        "land, said it was “committed to honoring the history of the lower town.” “This land "
        "will be a place people visit, not a place people flee,” the statement said.\n"
    )
    assert said(text, "quoted")[-1] == (
        "Tolland Valley Conservancy",
        "This land will be a place people visit, not a place people flee.",
    )


def test_the_federation_is_the_federation_of_the_article() -> None:
    text = (
        "According to the Federation of Valley Choirs, membership fell by a third.\n"
        "Dr Angharad Bevan-Lloyd, a historian, puts it bluntly. “That world has gone,” she said.\n"
        "In a statement, the federation said it was ‘delighted’. ‘Our choirs can have a "
        "future as proud as their past,’ the statement said.\n"
    )
    assert said(text, "quoted")[-1][0] == "Federation of Valley Choirs"


def test_the_company_is_the_one_named_before_under_its_first_name() -> None:
    text = (
        "Harrowgate Foods agreed to buy Penfold Markets for $1.9 billion.\n"
        "Penfold, which is based in Alder Grove, said in a statement that its board had voted "
        "for the deal.\n"
        "“The board concluded that this transaction delivers value to our shareholders,” the "
        "company said in the statement.\n"
    )
    assert said(text, "quoted")[-1][0] == "Penfold Markets"


def test_a_company_named_only_after_a_preposition() -> None:
    text = "Vantor bought the app in 2022. Its product, Vantor Weather, is popular."
    people = People(text, ArticleEvidence.from_text(text), ())
    texts = ["This story includes a response from Vantor received after publication."]
    assert statement_author(people, "company", texts, organisation=True) == "Vantor"


ORGANISATIONS = (
    "Celia Brandvold runs the shelter.\n\n"
    "“No family should face the morning after a fire alone,” the Willamette Valley Relief "
    "Alliance said in a statement, adding that it had given the family gift cards.\n\n"
    "The Tillery County Board of Commissioners said in a statement: “The board has "
    "strengthened its controls. We thank the investigators.”\n\n"
    "In an emailed statement, Tallis Property Group, which manages Larchmont Terrace, said: "
    "“We are grateful that everyone is safe. We are working with the fire marshal.”\n\n"
    "“Stay away from Canal Street,” the Harlow Fire Department wrote on social media.\n"
)


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_organisations_named_in_their_tags_speak_in_both_forms(form: str) -> None:
    found = said(ORGANISATIONS, form)
    quotes = [speaker for speaker, _ in found if speaker != NARRATOR]
    assert quotes == [
        "Willamette Valley Relief Alliance",
        "Tillery County Board of Commissioners",
        "Tillery County Board of Commissioners",
        "Tallis Property Group",
        "Tallis Property Group",
        "Harlow Fire Department",
    ]
