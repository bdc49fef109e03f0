"""The descriptors pass (``extract/descriptors.py``): roles and genders from the narration."""

from __future__ import annotations

import pytest
from extract_helpers import BRANDT, ORTIZ, at, in_form, quoted_fixture

from audioscript.clean import ArticleEvidence
from audioscript.extract import extract
from audioscript.extract.descriptors import learn
from audioscript.extract.people import People
from audioscript.extract.run import prepare


def learned(*sentences: str) -> People:
    text = " ".join(sentences)
    people = People(text, ArticleEvidence.from_text(text), ())
    learn(people, sentences)
    return people


def test_a_role_beside_a_name_is_the_persons_descriptor() -> None:
    people = learned("The actress Mikey Madison arrived.", "Sean Baker, the director, followed.")
    assert [(p.name, p.descriptor, p.gender) for p in people.by_name.values()] == [
        ("Mikey Madison", "the actress", "female"), ("Sean Baker", "the director", None),
    ]  # fmt: skip
    assert people.by_descriptor("the director") == "Sean Baker"


def test_an_age_is_a_descriptor_and_a_pronoun_after_one_person_a_gender() -> None:
    people = learned("Sean Baker arrived late.", "He apologised.", "Margaret Pryce, 74, said so.")
    assert [(p.name, p.descriptor, p.gender) for p in people.by_name.values()] == [
        ("Sean Baker", "", "male"), ("Margaret Pryce", "the 74-year-old", None),
    ]  # fmt: skip


def test_speakers_carry_canonical_names_gender_descriptors() -> None:
    quoted = quoted_fixture()
    assert [(s.name, s.gender, s.descriptor, s.first_line, s.count) for s in quoted.speakers] == [
        (ORTIZ, "female", "the director", 4, 10),
        (BRANDT, "male", "the actor", 5, 5),
    ]
    assert quoted.speakers[0].aliases == ("Lena", "Ortiz")


def test_descriptor_resolves_to_the_person_it_describes() -> None:
    text = (
        "The restaurant belongs to Ana Ruiz, a chef from Porto, and her partner Marco Bell.\n"
        "Nothing here is frozen, the chef says.\n"
    )
    assert extract(text).utterances[1].speaker == "Ana Ruiz"


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_her_son_said_points_to_the_son_named_before(form: str) -> None:
    quoted = (
        "Ruth Abney taught piano in Dover for fifty years.\n"
        "Her son, Paul Abney, said she practised every morning.\n"
        "A former pupil, Tom Reed, called her strict. “She made me cry twice,” Reed said.\n"
        "Her son said the piano will stay in the family. "
        "“Nobody plays it now,” he said. “We dust it.”\n"
    )
    text = in_form(quoted, form)
    found = extract(text)
    assert [u.speaker for u in at(found, 4) if u.kind == "quote"] == ["Paul Abney"] * 2


def test_a_kin_word_after_a_possessive_name_is_a_descriptor_and_a_gender() -> None:
    people = learned("Bertil Osei fixed the engines.", "Osei’s granddaughter, Adaeze Osei, 26, runs it.")
    adaeze = people.by_name["Adaeze Osei"]
    assert (adaeze.descriptor, adaeze.gender) == ("the granddaughter", "female")


def test_pronouns_in_what_someone_said_are_not_their_gender() -> None:
    """"Dr. Aalto said the museum had approached her twice before she agreed": the "she"
    of the reported words is the luthier, not Dr. Aalto; "Ortega said she ..." is Ortega."""
    draft = prepare(
        "Marguerite Ostrander made violins.\n"
        "Its curator is Dr. Benedikt Aalto. Dr. Aalto said the museum had approached her "
        "twice before she agreed.\n"
        "Renata Ortega said she would stay.\n"
    )
    assert draft.people.by_name["Benedikt Aalto"].gender is None
    assert draft.people.by_name["Renata Ortega"].gender == "female"


def test_an_object_after_a_name_is_no_descriptor() -> None:
    # "sending Madison a voice memo": nothing sets "a voice memo" off as Madison's role
    text = (
        "Mikey Madison plays Ani.\n"
        "Baker responded by personally sending Madison a voice memo.\n"
        "He is famous for sending voice memos, says Madison.\n"
    )
    speakers = {s.name: s.descriptor for s in extract(text).speakers}
    assert speakers["Mikey Madison"] == ""
