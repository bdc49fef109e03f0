"""Statements (``extract/statements.py``): who speaks when "the statement said" or "the
company said"."""

from __future__ import annotations

from extract_helpers import said

from audioscript.clean import ArticleEvidence
from audioscript.extract.people import People
from audioscript.extract.statements import statement_author


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
