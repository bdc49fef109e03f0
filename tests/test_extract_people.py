"""The people pass (``extract/people.py``): every person, under one canonical name."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from extract_helpers import at, in_form, quoted_fixture, synthetic

from audioscript.clean import ArticleEvidence
from audioscript.extract import extract
from audioscript.extract.people import People
from audioscript.models import NARRATOR


def people_of(text: str, tag_names: Sequence[str] = ()) -> People:
    return People(text, ArticleEvidence.from_text(text), tag_names)


def test_surnames_first_names_titles_and_typos_resolve_to_the_full_name() -> None:
    people = people_of("Director Lena Ortiz met Tom Brandt.", ["Ortiz"])
    assert sorted(people.by_name) == ["Lena Ortiz", "Tom Brandt"]
    resolved = [people.resolve(n) for n in ("Ortiz", "Lena", "Mrs Ortiz", "Ortiz's", "Brandtt")]
    assert resolved == ["Lena Ortiz"] * 4 + ["Tom Brandt"]
    assert people.resolve("Nobody") is None


def test_mentions_are_the_people_a_text_names_with_their_offsets() -> None:
    people = people_of("Director Lena Ortiz met Tom Brandt.")
    assert people.mentions("Later, Ortiz met Brandt.") == [(7, "Lena Ortiz"), (17, "Tom Brandt")]


def test_newspapers_and_councils_are_not_people() -> None:
    people = people_of(
        "She wrote for The Glenmoor Courier. Kingsmere Borough Council met. Sean Baker came."
    )
    assert list(people.by_name) == ["Sean Baker"]


def test_someone_known_only_by_a_description_becomes_a_person() -> None:
    people = people_of("The road stayed shut.")
    assert people.anonymous("a police spokesperson", None) == "Police spokesperson"
    assert people.by_name["Police spokesperson"].descriptor == "a police spokesperson"


def test_typo_of_a_known_surname_resolves() -> None:
    quoted = quoted_fixture()
    assert at(quoted, 11)[1].attribution == "says Brandtt"
    assert "Brandtt" in quoted.speakers[1].aliases


def test_full_name_from_a_caption_canonicalises_surname_tags() -> None:
    text = "Photo: Ana Ruiz in her kitchen\n\nThe food came first, Ruiz says.\n"
    extraction = extract(text)
    assert [s.name for s in extraction.speakers] == ["Ana Ruiz"]
    assert extraction.utterances[0].speaker == NARRATOR


def test_anonymous_source_becomes_its_own_speaker() -> None:
    text = (
        "The road stayed shut.\n“Nobody could get through all night,” a police spokesperson said.\n"
    )
    extraction = extract(text)
    assert [u.speaker for u in extraction.utterances] == [NARRATOR, "Police spokesperson"]
    assert extraction.speakers[0].descriptor == "a police spokesperson"


def test_news_titles_descriptors_and_anonymous_sources() -> None:
    news = synthetic("bridge-closure-news")
    assert at(news, 5)[0].attribution == "said Transport Minister Alan Reeve"
    assert [u.speaker for u in at(news, 9)] == [NARRATOR] + ["Spokeswoman for the city council"] * 2
    assert [(u.speaker, u.attribution) for u in at(news, 10)[1:2]] == [("Devin Shaw", "he fumed")]
    assert at(news, 13)[1].speaker == "Ruth Okonkwo"  # "the engineer conceded"
    assert at(news, 15)[1].attribution == "he told reporters"


def test_ages_and_honorifics_name_the_speaker() -> None:
    shop = synthetic("village-shop-uk")
    pryce = shop.speaker("Mrs Pryce")
    assert pryce is not None and pryce.name == "Margaret Pryce" and pryce.gender == "female"
    assert [(u.speaker, u.attribution) for u in at(shop, 13)[1:2]] == [
        ("Margaret Pryce", "the 74-year-old said")
    ]
    assert at(shop, 10)[0].speaker == "Aisha Rahman"  # "Aisha Rahman, 19" is "the teenager"


def test_a_shared_surname_belongs_to_the_person_introduced_first() -> None:
    profile = synthetic("projectionist-profile")
    walter = profile.speaker("Kessling")
    assert walter is not None and walter.name == "Walter Kessling"


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_accented_names_are_whole_names(form: str) -> None:
    """Names with letters beyond A-Z ("Sofía", "Grünewald", "Øverby") are found whole, so
    the surname in a later tag resolves to the full name instead of standing alone."""
    quoted = (
        "The ferry service will stop in March, the operator confirmed.\n"
        "Captain Sofía Ibáñez has run the crossing for twenty years.\n"
        "“I know every rock in this channel,” Ibáñez said. “I will miss it.”\n"
        "The harbour master, Jörg Grünewald, was less sentimental.\n"
        "“The boat is forty years old,” Grünewald said. “It was time.”\n"
        "Øverby said he would keep fishing. “Somebody has to,” he said.\n"
        "Lars Øverby has fished these waters since 1990.\n"
    )
    text = in_form(quoted, form)
    found = extract(text)
    said = {(u.line, u.speaker) for u in found.utterances if u.kind == "quote"}
    assert (3, "Sofía Ibáñez") in said
    assert (5, "Jörg Grünewald") in said
    assert (6, "Lars Øverby") in said
    assert {s.name for s in found.speakers} >= {"Sofía Ibáñez", "Jörg Grünewald", "Lars Øverby"}


def test_newspapers_councils_and_places_are_not_people() -> None:
    """A capitalised pair after "The", or one ending in an organisation word, names a thing:
    it must not take a pronoun's quote from the person the paragraph is about."""
    text = (
        "Westfield Borough Council’s cabinet met on Tuesday to name the new school hall.\n"
        "Maria Lopez taught history there for thirty years and retired in June.\n"
        "In a 2001 interview with The Harbor Sentinel, she explained her approach. "
        "“Students want drama,” she said. “History has plenty.”\n"
        "The morning train from Delmont Junction was late, so Council President Omar Reyes "
        "arrived after the vote. “We should have waited,” Reyes said.\n"
    )
    found = extract(text)
    names = {s.name for s in found.speakers}
    assert not names & {"Harbor Sentinel", "Westfield Borough", "Delmont Junction"}
    assert [u.speaker for u in at(found, 3) if u.kind == "quote"] == ["Maria Lopez"] * 2
    assert [u.speaker for u in at(found, 4) if u.kind == "quote"] == ["Omar Reyes"]


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_a_birth_name_is_the_same_person(form: str) -> None:
    quoted = (
        "Harriet Okafor, who ran the Millbrook ferry for thirty years, died on Sunday.\n"
        "Harriet June Lindqvist was born in Duluth in 1941, the daughter of a ferry pilot.\n"
        "“I liked the river because it did not care who I was,” she said in 1990.\n"
    )
    found = extract(in_form(quoted, form))
    assert {u.speaker for u in found.utterances if u.kind == "quote"} == {"Harriet Okafor"}
    assert "Harriet June Lindqvist" not in {s.name for s in found.speakers}


def test_a_namesake_called_by_her_surname_stays_someone_else() -> None:
    text = (
        "Maria Lopez opened the bakery in 1998.\n"
        "Maria Castillo was born in Ponce and joined her in 2004.\n"
        "“She burns the first batch on purpose,” Castillo said.\n"
        "“I do not,” Lopez said.\n"
    )
    speakers = [u.speaker for u in extract(text).utterances if u.kind == "quote"]
    assert speakers == ["Maria Castillo", "Maria Lopez"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Deputy Chief Constable Harriet Mbeki spoke on Monday.", "Harriet Mbeki"),
        ("Council Speaker Ana Ruiz led the push.", "Ana Ruiz"),
        ("Arts Council Chair Winifred Osei-Bonsu agreed.", "Winifred Osei-Bonsu"),
        ("State Sen. Maria Okafor wrote to them.", "Maria Okafor"),
        ("Parks Commissioner Leah Tran came.", "Leah Tran"),
        ("Islander Maribeth Tran-Olsen spoke next.", "Maribeth Tran-Olsen"),
    ],
)
def test_a_title_before_a_name_is_not_part_of_it(text: str, name: str) -> None:
    """A title is a run of role words before the name, however long the run."""
    people = people_of(text)
    assert list(people.by_name) == [name]
    assert people.resolve(name.split()[-1]) == name


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_a_short_mention_after_a_titled_name_is_the_same_person(form: str) -> None:
    quoted = (
        "Arts Council Chair Winifred Osei-Bonsu called the mural a treasure.\n"
        "“We looked at every option,” said Osei-Bonsu. “I have never been so sorry.”\n"
        "“This is a budget for the libraries,” Council Speaker Ana Ruiz said after the vote.\n"
    )
    found = extract(in_form(quoted, form))
    assert [u.speaker for u in found.utterances if u.kind == "quote"] == [
        "Winifred Osei-Bonsu", "Winifred Osei-Bonsu", "Ana Ruiz"
    ]  # fmt: skip
    assert [s.name for s in found.speakers] == ["Winifred Osei-Bonsu", "Ana Ruiz"]


def test_an_organisation_is_named_by_what_the_article_called_it_before() -> None:
    people = people_of("The alliance met.")
    said = ["It said it was disappointed.", "The Riverton Hotel and Lodging Alliance met."]
    assert people.organisation("the alliance", said) == "Riverton Hotel and Lodging Alliance"
    assert people.by_name["Riverton Hotel and Lodging Alliance"].descriptor == "the alliance"
    assert people.organisation("the company", said) is None


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_mr_and_mrs_pick_the_namesake_of_that_gender(form: str) -> None:
    """A mother and son share a surname: "Mr Brackett" is the son, "Mrs Brackett" the mother,
    and "Cllr" is a title like any other."""
    quoted = (
        "Mrs Pauline Brackett, 68, has lived on Brook Lane for 41 years.\n"
        "Her son, Mr Gary Brackett, runs the under-11s football team.\n"
        "“Where are they supposed to go?” Mr Brackett asked.\n"
        "“I taught half the parents in this room to read,” Mrs Brackett said.\n"
        "“I would be upset too,” said Cllr Owen Tilley.\n"
    )
    speakers = [u.speaker for u in extract(in_form(quoted, form)).utterances if u.kind == "quote"]
    assert speakers == ["Gary Brackett", "Pauline Brackett", "Owen Tilley"]


def test_a_mention_starts_at_the_name_after_its_title() -> None:
    """ "Superior Court Judge Eleanor Baptiste": the title before the name is her role, so
    "the judge said" is hers."""
    people = people_of("Superior Court Judge Eleanor Baptiste presided.")
    assert people.mentions("Superior Court Judge Eleanor Baptiste presided.") == [
        (21, "Eleanor Baptiste")
    ]


def test_a_shared_surname_is_the_first_persons_even_when_another_is_named_more() -> None:
    text = (
        "Marguerite Ostrander died on Saturday. Her son, Paul Ostrander, confirmed it. "
        "Paul Ostrander said so again. Paul Ostrander was there."
    )
    people = people_of(text)
    assert people.resolve("Ostrander") == "Marguerite Ostrander"
    people.by_name["Marguerite Ostrander"].female = 3
    people.by_name["Paul Ostrander"].male = 3  # "her son"
    assert people.mentions("Mr. Ostrander left.") == [(4, "Paul Ostrander")]
    assert people.mentions("Mrs. Ostrander left.") == [(5, "Marguerite Ostrander")]


def test_ports_forts_gaps_and_firms_are_not_people() -> None:
    """ "Port Aldridge", "Pike Gap", "Meridian Press" are places and firms: a pronoun's quote
    after a sentence that names one goes to the person it is about."""
    text = (
        "Ines Hallo spoke at the Port Aldridge terminal and later at the Pike Gap base.\n"
        "She told Meridian Press that the gates would stay open. “We are not a party,” she "
        "said.\n"
    )
    names = {s.name for s in extract(text).speakers}
    assert names == {"Ines Hallo"}


def test_the_makers_of_a_guild_are_no_person() -> None:
    text = "In 2009 the Guild of Northern Instrument Makers gave Marguerite Ostrander its medal.\n"
    names = set(People(text, ArticleEvidence.from_text(text), ()).by_name)
    assert names == {"Marguerite Ostrander"}


def test_a_surname_that_is_also_a_place_word_stays_a_name() -> None:
    text = "Andy Grove ran the company for years. Grove said little about it."
    assert "Andy Grove" in People(text, ArticleEvidence.from_text(text), ("Grove",)).by_name


def test_venues_and_trusts_are_not_people() -> None:
    """A ballroom, a trust or a terrace named before a quote must not take its "she"."""
    text = (
        "On Saturday, in front of a sold-out Kellerman Ballroom, the sisters played for two hours.\n"
        "“We wrote that one in our nan’s kitchen,” she told the crowd.\n"
        "Maeve Wrenfield plays the fiddle; the Kellerman Ballroom Trust runs the hall.\n"
    )
    found = extract(text)
    assert not {s.name for s in found.speakers} & {"Kellerman Ballroom", "Ballroom Trust"}
