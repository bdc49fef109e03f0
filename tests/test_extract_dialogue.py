"""Dialogue (``extract/dialogue.py``): a quote that answers the one before it is the other
person's."""

from __future__ import annotations

import pytest
from extract_helpers import said


def speakers(text: str) -> list[str]:
    return [speaker for speaker, _ in said(text, "quoted")]


@pytest.mark.parametrize(
    ("answer", "how"),
    [
        ("“You discuss loudly,” she says.", "speaks to the one before"),
        ("“We do not discuss, we shout,” she says.", "takes up the words"),
    ],
)
def test_a_pronoun_tagged_answer_is_the_other_woman(answer: str, how: str) -> None:
    text = (
        "Aurelie Banks is the youngest nurse. “I came back because somebody has to,” she says.\n"
        "“We don’t argue,” Maribel Sato says. “We discuss.”\n"
        f"{answer}\n"
    )
    assert speakers(text)[-1] == "Aurelie Banks"


def test_the_one_spoken_of_answers_for_himself() -> None:
    text = (
        "“I sat in the car for an hour,” Cathal Moriarty said.\n"
        "“He didn’t come out of the house for two months,” Declan Moriarty said.\n"
        "“I came out,” he said.\n"
    )
    assert speakers(text)[-1] == "Cathal Moriarty"


def test_an_untagged_answer_and_a_quick_exchange() -> None:
    text = (
        "“He should throw it out,” Marcus Obi said.\n"
        "“He wrote it,” Theo Lindqvist said.\n"
        "“I know I wrote it.”\n"
        "“It wasn’t mine.”\n"
        "“It was.”\n"
    )
    assert speakers(text) == ["Marcus Obi", "Theo Lindqvist", "Marcus Obi", "Theo Lindqvist",
                              "Marcus Obi"]  # fmt: skip


def test_a_quote_going_on_into_the_next_paragraph_is_no_answer() -> None:
    text = (
        "“The first week was the hardest,” says Lena Ortiz. “We lost the location.\n"
        "“Then we lost the lead actor.”\n"
    )
    assert set(speakers(text)) == {"Lena Ortiz"}


@pytest.mark.parametrize(
    "going_on",
    [
        "“It cuts the libraries and the pools,” she said. “Nobody asked for that.”",
        # a longer quote before: no quick exchange, but a speaker going on
        "“You cannot run a city like that,” she said.",
    ],
)
def test_the_same_speaker_goes_on_in_a_news_story(going_on: str) -> None:
    text = (
        "“We will vote no,” said Councillor Ana Ruiz.\n"
        "“The budget is a disgrace, and it was written in a hurry by people who have never "
        "set foot in a branch library or a public pool,” said Councillor Maria Lopez.\n"
        f"{going_on}\n"
    )
    assert set(speakers(text)[-2:]) == {"Maria Lopez"}


def test_questions_and_answers_in_court() -> None:
    text = (
        "Under questioning by Priya Mandell, Lena Horvath described how the paperwork moved.\n"
        "“Who prepared the invoices?” Mandell asked.\n"
        "“Dmitri did. Or his office manager, Carla.”\n"
        "“Did you ever drive out to see any of the roads you were signing for?”\n"
        "“Why would I drive out to look at a road?” Horvath said.\n"
        "“You understand that if the jury believes you, you walk away from all of this,” "
        "Marcus Okafor said.\n"
        "“I understand I’m telling the truth.”\n"
    )
    assert speakers(text) == [
        "NARRATOR", "Priya Mandell", "Lena Horvath", "Lena Horvath", "Priya Mandell",
        "Lena Horvath", "Marcus Okafor", "Lena Horvath",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "after",
    [
        "“Print it, actually.”",  # takes up his last words
        "“Honestly, I am proud of my son. He’ll only tell you himself.”",  # the son as "he"
    ],
)
def test_a_quote_after_narration_about_someone_else_goes_back_to_the_last_speaker(
    after: str,
) -> None:
    text = (
        "Emrys Talbot, 78, and his son Rhodri Talbot, 44, run the choir.\n"
        "“Rhodri took the hymn too fast,” Emrys said. “Don’t print that.”\n"
        "Across the hall, Rhodri was being congratulated. He looked entirely at ease.\n"
        f"{after}\n"
    )
    assert speakers(text)[-1] == "Emrys Talbot"
