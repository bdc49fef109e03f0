"""Runs and continuation without quotation marks (``extract/runs.py``)."""

from __future__ import annotations

import pytest
from extract_helpers import article, at, said, speakers_by_line

from audioscript.extract import extract
from audioscript.extract.runs import pronoun_genders, speech_goes_on, spoken_fragment
from audioscript.models import NARRATOR


@pytest.mark.parametrize(
    ("sentence", "fragment"),
    [
        ("It is just green now.", True),
        ("A parent, at the bus stop.", True),  # no verb at all
        ("The council voted on Tuesday.", False),
    ],
)
def test_a_short_spoken_fragment(sentence: str, fragment: bool) -> None:
    assert spoken_fragment(sentence) is fragment


@pytest.mark.parametrize(
    ("sentence", "goes_on"),
    [
        ("But somebody had to say it.", True),
        ("That's the deal.", True),
        ("He's gone.", False),  # about somebody
        ("The rent is 300.", False),
    ],
)
def test_talk_going_on(sentence: str, goes_on: bool) -> None:
    assert speech_goes_on(sentence) is goes_on


def test_he_and_she_and_relatives_in_the_speakers_words_are_other_people() -> None:
    assert pronoun_genders("I thought he was a hard man. My mother agreed.") == {"male", "female"}


def test_first_person_continues_until_narration_resumes() -> None:
    text = (
        "The chef Ana Ruiz opened her first restaurant at 22.\n"
        "I had no idea what I was doing, Ruiz says.\n"
        "My mother lent me the money.\n"
        "Ruiz now runs four kitchens.\n"
        "I still cook every night.\n"
    )
    assert [u.speaker for u in extract(text).utterances] == [
        NARRATOR,
        "Ana Ruiz",
        "Ana Ruiz",
        NARRATOR,
        "Ana Ruiz",
    ]


def test_a_question_without_a_person_after_narration_is_the_journalists() -> None:
    text = (
        "Nia Cole has run the ferry for twenty years.\n\n"
        "I know every rock in this bay, Cole says.\n\n"
        "Yeah, it gets rough in winter.\n\n"
        "Still, the crossing has become harder to staff.\n\n"
        "Whatever comes next, how will the ferry survive?\n\n"
        "I think people will always need a boat, she says.\n"
    )
    assert speakers_by_line(extract(text)) == [
        (1, NARRATOR),
        (3, "Nia Cole"),
        (5, "Nia Cole"),
        (7, NARRATOR),
        (9, NARRATOR),
        (11, "Nia Cole"),
    ]


def test_a_question_inside_the_speakers_own_words_stays_theirs() -> None:
    text = (
        "Nia Cole has run the ferry for twenty years.\n\n"
        "I fought to keep the night crossing, Cole says.\n\n"
        "Who else would get the nurses home?\n\n"
        "I could not let that go.\n"
    )
    assert [u.speaker for u in extract(text).utterances] == [NARRATOR] + ["Nia Cole"] * 3


def test_a_question_about_the_speaker_in_the_third_person_is_narration() -> None:
    text = (
        "Nia Cole has run the ferry for twenty years.\n\n"
        "I know every rock in this bay, Cole says.\n\n"
        "But will her job get harder now that the harbour is closing?\n\n"
        "How did she learn the bay so well?\n"
    )
    assert [u.speaker for u in extract(text).utterances] == [NARRATOR, "Nia Cole"] + [NARRATOR] * 2


def test_a_sentence_about_the_speaker_in_the_third_person_ends_the_quote() -> None:
    text = (
        "Nia Cole has run the ferry for twenty years.\n\n"
        "I know every rock in this bay, Cole says.\n\n"
        "She still checks the tide tables every morning.\n\n"
        "Cole has never missed a crossing.\n"
    )
    assert [u.speaker for u in extract(text).utterances] == [NARRATOR, "Nia Cole"] + [NARRATOR] * 2


def test_he_in_the_speakers_own_story_is_someone_else() -> None:
    text = (
        "Walter Kessling climbs to the booth every night.\n\n"
        "I thought he was a hard man, Kessling recalls.\n\n"
        "He picked the reel up and said, Again.\n\n"
        "Nothing else.\n\n"
        "Kessling laughs at that.\n"
    )
    speakers = [u.speaker for u in extract(text).utterances]
    assert speakers == [NARRATOR] + ["Walter Kessling"] * 3 + [NARRATOR]


def test_sentences_before_a_tag_belong_to_its_speaker() -> None:
    coach = article("coach-profile", "stripped")
    assert [at(coach, line)[0].speaker for line in (43, 45, 47)] == ["Joel Baptiste"] * 3
    market = article("market-profile", "stripped")
    assert [u.speaker for u in at(market, 35)] == ["Samuel Okafor"]  # "Ask Maureen Tully."


def test_sentences_after_a_tag_go_on_with_the_quote() -> None:
    coach = article("coach-profile", "stripped")
    assert [at(coach, line)[0].speaker for line in (11, 13)] == ["Teresa Lindqvist"] * 2
    bus = article("bus-shelter-study", "stripped")
    assert at(bus, 35)[0].speaker == "Naomi Feld"  # "But riders sit on the bench, ..."
    assert [at(bus, line)[0].speaker for line in (45, 47)] == ["Carlos Medina"] * 2
    assert at(bus, 49)[0].speaker == NARRATOR


def test_a_run_that_opens_on_we_after_narration_about_her_is_hers() -> None:
    coach = article("coach-profile", "stripped")
    assert [at(coach, line)[0].speaker for line in (29, 31, 33)] == ["Teresa Lindqvist"] * 3


def test_the_narration_a_quote_gives_way_to_is_not_swallowed() -> None:
    market = article("market-profile", "stripped")
    assert at(market, 21)[0].speaker == "Samuel Okafor"  # "My father never did. He just ..."
    assert at(market, 47)[0].speaker == NARRATOR  # "The council says no decision ..."


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_short_spoken_sentences_after_a_tag_go_on_with_the_speaker(form: str) -> None:
    text = (
        "Rita Malone runs the exchange.\n"
        "“We started with six people,” she said. “So that's what the network does now. "
        "But somebody had to say it.”\n"
        "She laughs at this, then goes quiet.\n"
    )
    assert [s for s, _ in said(text, form)] == [NARRATOR] + ["Rita Malone"] * 3 + [NARRATOR]


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_a_short_run_opening_on_an_imperative_belongs_to_the_tag_that_closes_it(
    form: str,
) -> None:
    text = (
        "Paul Dunn runs the hall. Maureen Tully chairs the council.\n"
        "“Ask her. She called the meeting. It was her idea,” Dunn said.\n"
    )
    assert [s for s, _ in said(text, form)] == [NARRATOR, NARRATOR] + ["Paul Dunn"] * 3
