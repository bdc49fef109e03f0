"""Attribution without quotation marks (``extract/stripped.py``): the walk through the units."""

from __future__ import annotations

from extract_helpers import ARTICLES, BRANDT, ORTIZ, at, decisions, lines_of, said, stripped_fixture

from audioscript.extract import extract
from audioscript.extract.run import prepare
from audioscript.extract.stripped import attribute_stripped, model_input, paragraphs_known
from audioscript.models import NARRATOR


def test_a_tag_opens_a_run_and_the_third_person_ends_it() -> None:
    text = "Ana Ruiz cooks.\nIt is hard, Ruiz says. I work every night.\nRuiz has two sons.\n"
    found = [
        (kind, speaker, why.split(":")[0])
        for kind, speaker, why in decisions(text, attribute_stripped)
    ]
    assert found == [
        ("narration", NARRATOR, "continuation"),
        ("quote", "Ana Ruiz", "tags"),
        ("quote", "Ana Ruiz", "continuation"),
        ("narration", NARRATOR, "continuation"),
    ]


def test_the_writers_question_and_reported_speech_are_certain() -> None:
    text = (
        "Nia Cole has run the ferry for twenty years.\n\n"
        "I know every rock in this bay, Cole says.\n\n"
        "But will her job get harder now that the harbour is closing?\n\n"
        "She says that the crossing has become harder to staff.\n"
    )
    whys = [why for _, _, why in decisions(text, attribute_stripped)]
    assert whys[2] == "writer: the writer's question"
    assert whys[3] == "tags: reported speech ('says that', 'according to')"


def test_the_model_is_told_what_the_certain_decisions_know() -> None:
    text = (
        "Ana Ruiz cooks.\n\n"
        "I work every night, Ruiz says.\n\n"
        "Photograph by Ben Hale\n\n"
        "She still keeps the old menus.\n"
    )
    draft = prepare(text)
    sentences = model_input(draft.units, draft.people)
    assert [s.tag_speaker for s in sentences] == [None, "Ana Ruiz", None, None]
    assert [s.fixed for s in sentences] == [False, False, True, False]
    assert sentences[3].about_speaker  # "she" is Ana Ruiz, talked about by the writer
    assert all(s.paragraph_start is None for s in sentences)  # one sentence per paragraph


def test_paragraphs_are_known_when_paragraphs_hold_several_sentences() -> None:
    one_per_line = prepare("Ana Ruiz cooks. She bakes.\nI work, Ruiz says.\nIt is late.\n")
    assert paragraphs_known(one_per_line.units)
    lines = "\n".join(f"Sentence number {n} is here." for n in range(30))
    assert not paragraphs_known(prepare(lines + "\nOne more. And a cut.\n").units)


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


def test_reported_speech_opening_with_a_place_makes_its_subject_the_speaker_after_it() -> None:
    # "Back at St. Anselm, Vlasic explains what happens ...": the narration reports Vlasic,
    # and the untagged words after it are hers, not the department's quoted before
    text = (
        "Teodora Vlasic is an emergency doctor at St. Anselm.\n\n"
        "We see them every July, Vlasic says.\n\n"
        "In a written statement, the Tolliver County Health Department said: Heat is the "
        "leading weather-related cause of death in our region.\n\n"
        "The department urges residents to check on older neighbors.\n\n"
        "Back at St. Anselm, Vlasic explains what happens to a body that can't shed heat.\n\n"
        "Your heart is the first thing that complains.\n\n"
        "It has to pump harder to push blood out to the skin so you can sweat.\n\n"
        "So the heat stays in.\n\n"
        "By the time somebody's confused, we're already behind, she says.\n"
    )
    found = said(text, "stripped")
    assert found[4][0] == NARRATOR
    assert [speaker for speaker, _ in found[5:]] == ["Teodora Vlasic"] * 4
