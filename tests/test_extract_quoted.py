"""Attribution with quotation marks (``extract/quoted.py``)."""

from __future__ import annotations

from extract_helpers import (
    BRANDT,
    ORTIZ,
    article,
    at,
    decisions,
    lines_of,
    quoted_fixture,
    said,
)

from audioscript.extract import extract
from audioscript.extract.quoted import attribute_quoted
from audioscript.models import NARRATOR


def test_marks_say_what_is_quoted_and_tags_who_says_it() -> None:
    text = "Ana Ruiz cooks.\n“It is hard,” Ruiz says. “Very.”\nShe calls it a “calling”.\n"
    assert decisions(text, attribute_quoted) == [
        ("narration", NARRATOR, "quoted: outside quotation marks"),
        ("quote", "Ana Ruiz", "tags: 'Ruiz says' after the quote"),
        ("quote", "Ana Ruiz", "quoted: untagged; the tag of a quote before it in its paragraph"),
        ("narration", NARRATOR, "quoted: mostly outside quotation marks"),
    ]


def test_quoted_fixture_line_by_line() -> None:
    quoted = quoted_fixture()
    assert lines_of(quoted) == [
        (1, NARRATOR, "By Nora Quill"),
        (2, NARRATOR, "Lena Ortiz and Tom Brandt at the premiere"),
        (3, NARRATOR, "Director Lena Ortiz never planned to make a horror film."),
        (4, ORTIZ, "I wanted to make a comedy."),
        (4, ORTIZ, "Then the money ran out."),
        (5, NARRATOR, "Her co-star, actor Tom Brandt, remembers the first day differently."),
        (5, BRANDT, "It was chaos, but good chaos."),
        (5, BRANDT, "Nobody slept."),
        (6, BRANDT, "We all believed in it."),
        (6, BRANDT, "Even the caterers."),
        (7, NARRATOR, "Brandt says that the script changed every night."),
        (7, NARRATOR, "The director calls the shoot a “beautiful disaster” and means it kindly."),
        (8, NARRATOR, "Asked about the budget, the director laughed:"),
        (8, ORTIZ, "What budget?"),
        (8, ORTIZ, "We had a van and a dream."),
        (9, ORTIZ, "The first week was the hardest."),
        (9, ORTIZ, "We lost the location."),
        (10, ORTIZ, "Then we lost the lead actor."),
        (10, ORTIZ, "Then we found Tom."),
        (11, NARRATOR, "The van belonged to Brandt."),
        (
            11,
            BRANDT,
            "My father told me, ‘Never lend your van to a director,’ and I didn’t listen.",
        ),
        (12, NARRATOR, "Lena smiles at that."),
        (12, ORTIZ, "He did not listen."),
        (12, ORTIZ, "Nobody on this film ever listened to anyone."),
        (13, NARRATOR, "Ortiz calls the film “the best mistake I ever made” and moves on."),
        (14, NARRATOR, "Photo by Sam Reyes"),
    ]


def test_untagged_paragraph_continues_the_last_speaker() -> None:
    quoted = quoted_fixture()
    assert [u.speaker for u in at(quoted, 6)] == [BRANDT, BRANDT]


def test_speaker_quoting_someone_else_stays_the_speaker() -> None:
    quoted = quoted_fixture()
    assert at(quoted, 11)[1].speaker == BRANDT


def test_scare_quotes_and_partial_quotes_stay_narration() -> None:
    quoted = quoted_fixture()
    assert [u.kind for u in at(quoted, 7)] == ["narration", "narration"]
    assert at(quoted, 13)[0].speaker == NARRATOR


def test_an_untagged_quote_after_narration_is_the_person_it_is_about() -> None:
    coach = article("coach-profile", "quoted")
    # "When I repeat Baptiste's remark to her, she rolls her eyes. “Joel worries ...”"
    assert [u.speaker for u in at(coach, 8)] == [NARRATOR] + ["Teresa Lindqvist"] * 2
    assert {u.speaker for u in at(coach, 7)} == {"Teresa Lindqvist"}


def test_a_paragraph_about_her_gives_her_the_next_untagged_quote() -> None:
    text = (
        "Paula Grant has run the residents' association for a decade. She is 71.\n"
        "“The lift has been broken since March,” said her neighbour, Victor Hale. "
        "“Nobody listens to us.”\n"
        "She grew up on the estate and still lives on the ninth floor. She walks up every day.\n"
        "“I counted the steps once. There are a hundred and sixty.”\n"
    )
    extraction = extract(text)
    assert [u.speaker for u in at(extraction, 2)] == ["Victor Hale"] * 2
    assert [u.speaker for u in at(extraction, 4)] == ["Paula Grant"] * 2


def test_a_person_pointed_at_inside_a_quote_is_not_its_speaker() -> None:
    text = (
        "Dana Kell sat at the back while Victor Hale spoke.\n"
        "“We wrote to the council four times,” Hale said.\n"
        "Hale sat down and pointed at Kell.\n"
        "“Ask Dana. She called the meeting.”\n"
    )
    assert [u.speaker for u in at(extract(text), 4)] == ["Victor Hale"] * 2


def test_a_paragraph_about_her_gives_her_the_long_quote_after_it() -> None:
    text = (
        "Hannah Price started the farm in 2001, when she was 24. "
        "Her partner, Joe Lind, joined later.\n"
        "“We nearly lost it in the floods,” Lind said. “The bank wanted the land.”\n"
        "Price's grandfather taught her to plough. She still uses his old tools.\n"
        "“He was strict. Every furrow had to be straight.\n"
        "“I never complained, though.”\n"
    )
    speakers = [s for s, _ in said(text, "quoted")]
    assert speakers[-3:] == ["Hannah Price"] * 3


def test_words_in_capitals_are_a_sign_not_speech() -> None:
    text = (
        "Ana Ruiz runs the base. “Every one of them,” she said.\n"
        "We talked under a sign that reads LEAVE A PLAN.\n“TAKE A MAP. COME HOME.”\n"
    )
    assert [speaker for speaker, _ in said(text, "quoted")][-2:] == [NARRATOR, NARRATOR]


def test_the_writers_own_words_are_the_narrators() -> None:
    text = (
        "Yerlan Mukash walked me to the jeep. He asked whether I would come back.\n"
        "“Tell him I’ll try,” I said.\n"
        "“Which one?” I asked.\n"
    )
    assert [speaker for speaker, _ in said(text, "quoted")][-3:] == [NARRATOR] * 3


def test_after_narration_about_her_father_the_quote_is_hers_not_the_last_speakers() -> None:
    """"what she describes as ...": the one who speaks in the narration (quoted before only
    through "she says") is the speaker of the untagged quote after it, not the man quoted
    last, nor the "he" of the narration."""
    text = (
        "Oona Kettering stopped touring in 2019.\n"
        "“This room is for starting things,” she says.\n"
        "Ravi Bhattacharya, who produced the record, remembers the first sessions.\n"
        "“The first week I thought we’d get maybe two songs,” he said.\n"
        "The album is about her father. The cassettes are his: radio broadcasts he taped off "
        "the air, and what she describes as “a frankly alarming amount of him whistling.”\n"
        "“He used to say, ‘A tune is just a walk you take with somebody.’ I didn’t understand "
        "that until he was gone.”\n"
    )
    assert [speaker for speaker, _ in said(text, "quoted")][-2:] == ["Oona Kettering"] * 2
