"""Relatives who share a surname (``extract/relatives.py``): "his father", "her sister",
"the elder Batiste" are relative to someone."""

from __future__ import annotations

import pytest
from extract_helpers import said

from audioscript.extract.run import prepare

FAMILY = (
    "At the front stands Rhodri Talbot, 44, who took over the choir. Behind him stands his "
    "father.\n"
    "“Dad is not allowed to conduct,” Rhodri says.\n"
    "“I haven’t said a word,” says his father.\n"
    "Emrys Talbot, 78, conducted the choir for 36 years.\n"
)


def test_what_the_narration_says_one_is_to_the_other() -> None:
    draft = prepare(
        "Emrys Talbot, left, and his son Rhodri at the institute.\n"
        "Rhodri Talbot, 44, conducts.\n"
        "The one who watched closest is Glenys Talbot, Emrys’s wife of 51 years.\n"
        "Among the last was Marian Ekdahl’s son, Otis Ekdahl, 13, who rides the boat.\n"
    )
    assert draft.people.relations == {
        ("Emrys Talbot", "son"): "Rhodri Talbot",
        ("Emrys Talbot", "wife"): "Glenys Talbot",
        ("Marian Ekdahl", "son"): "Otis Ekdahl",
    }
    assert draft.people.by_name["Otis Ekdahl"].age == 13


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_his_father_is_the_father_of_the_one_who_spoke(form: str) -> None:
    speakers = [speaker for speaker, _ in said(FAMILY, form)]
    assert speakers[-3:-1] == ["Rhodri Talbot", "Emrys Talbot"]


def test_her_sister_in_the_narration_is_the_speakers_sister() -> None:
    text = (
        "Sisters Ruth and Marian Ekdahl run the island’s only store.\n"
        "“If there is no boat, there is no store,” said Ruth Ekdahl, the older of the two "
        "sisters.\n"
        "Her sister was more blunt.\n"
        "“You’re going to kill the island,” she said.\n"
    )
    assert said(text, "quoted")[-1] == ("Marian Ekdahl", "You’re going to kill the island.")


def test_the_elder_and_the_younger_of_a_surname_by_their_ages() -> None:
    text = (
        "On the picket line were Clarence Batiste, 61, and his son, Andre Batiste, 33.\n"
        "“I put my son through school on this job,” the elder Batiste said.\n"
        "The younger Batiste said he was not opposed to technology.\n"
        "“I run a computer all day,” he said.\n"
        "His father nodded. “What he said,” he said.\n"
    )
    assert [speaker for speaker, _ in said(text, "quoted")][1:] == [
        "Clarence Batiste", "NARRATOR", "Andre Batiste", "NARRATOR", "Clarence Batiste",
    ]  # fmt: skip


def test_a_man_of_the_family_tagged_by_his_honorific_is_a_speaker() -> None:
    draft = prepare(
        "Karin Halvorsen heard the piano go.\n“It tipped,” Ms. Halvorsen said.\n"
        "Her husband, Per Halvorsen, was in the yard.\n“It was a bang,” Mr. Halvorsen said.\n"
    )
    assert draft.people.by_name["Per Halvorsen"].tagged
