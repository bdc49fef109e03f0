"""Attribution without quotation marks (``extract/stripped.py``): the walk through the units."""

from __future__ import annotations

from extract_helpers import ARTICLES, BRANDT, ORTIZ, at, decisions, lines_of, stripped_fixture

from audioscript.extract import extract
from audioscript.extract.stripped import attribute_stripped
from audioscript.models import NARRATOR


def test_a_tag_opens_a_run_and_the_third_person_ends_it() -> None:
    text = "Ana Ruiz cooks.\nIt is hard, Ruiz says. I work every night.\nRuiz has two sons.\n"
    assert decisions(text, attribute_stripped) == [
        ("narration", NARRATOR, "stripped: no tag, and not in a speaker's voice"),
        ("quote", "Ana Ruiz", "tags: 'Ruiz says' after the quote"),
        ("quote", "Ana Ruiz", "runs: first person, going on with Ana Ruiz's words"),
        ("narration", NARRATOR, "runs: Ana Ruiz's words end; the sentence reads as narration"),
    ]


def test_stripped_fixture_line_by_line() -> None:
    stripped = stripped_fixture()
    assert [(line, speaker) for line, speaker, _ in lines_of(stripped)] == [
        (1, NARRATOR),
        (3, NARRATOR),
        (5, NARRATOR),
        (7, ORTIZ),
        (9, ORTIZ),  # first person continues the speaker
        (11, NARRATOR),
        (13, BRANDT),  # "he recalls" after a narration about Tom Brandt
        (15, BRANDT),  # a short fragment inside the quote
        (17, BRANDT),
        (19, NARRATOR),  # "Brandt says that ...": reported speech
        (21, NARRATOR),
        (23, NARRATOR),  # the narration lead-in ...
        (23, ORTIZ),  # ... and the quote after the colon, "the director" resolved
        (25, ORTIZ),
        (27, NARRATOR),
        (29, BRANDT),  # typo "Brandtt"
        (31, NARRATOR),  # "She adds that ..."
        (33, NARRATOR),  # "This scene, Ortiz says, was shot ...": a paraphrase
        (35, ORTIZ),  # untagged first person, with its tag on the next line
        (37, ORTIZ),
        (39, NARRATOR),  # photo credit
    ]


def test_a_tag_in_the_middle_of_the_speakers_own_quote_without_marks() -> None:
    news = extract((ARTICLES / "bridge-closure-news.stripped.txt").read_text("utf-8"))
    plan = at(news, 23)[0]
    assert (plan.speaker, plan.attribution) == ("Grace Mwangi", "she added")


def test_a_short_sentence_after_a_colon_lead_in_goes_on_with_the_quote() -> None:
    """Without marks, "She added: ..." opens the quote like a tag after it does: a short
    voiceless sentence right after it is still hers."""
    text = (
        "Council leader Judith Ashworth defended the plan.\n\n"
        "She added: The books are not going anywhere.\n\n"
        "The staff are staying too.\n\n"
        "The council will vote again in March.\n"
    )
    found = extract(text)
    assert [u.speaker for u in found.utterances if u.line in (3, 5, 7)] == [
        "Judith Ashworth", "Judith Ashworth", NARRATOR,
    ]  # fmt: skip
