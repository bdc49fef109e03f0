"""The attribution-tags pass (``extract/tags.py``): "Baker says", "said the director"."""

from __future__ import annotations

import pytest
from extract_helpers import BRANDT, article, at, in_form, quoted_fixture, stripped_fixture

from audioscript.extract import extract
from audioscript.extract.reported import is_reported
from audioscript.extract.tags import find_tag, speaker_ok, tag_why, without_tag
from audioscript.models import NARRATOR


@pytest.mark.parametrize(
    ("text", "kind", "speaker", "said"),
    [
        ("It was chaos, he recalls.", "end", "he", "he recalls"),
        ("It was chaos, says Baker.", "inverted", "Baker", "says Baker"),
        ("It was chaos, he recalls, but good chaos.", "middle", "he", "he recalls"),
        ("Baker explained: It was chaos.", "lead", "Baker", "Baker explained"),
        ("It was fine, said junior Maya Lin.", "inverted", "Maya Lin", "said junior Maya Lin"),
        ("The plan is dead, Lopez, 54, said.", "end", "Lopez", "Lopez, 54, said"),
        # the role and its organisation before the name
        (
            "It is the present, Frostline chief executive Anselm Drury said.",
            "end",
            "Frostline chief executive Anselm Drury",
            "Frostline chief executive Anselm Drury said",
        ),
        (
            "It was mine, union president Odessa Kimbrough said.",
            "end",
            "union president Odessa Kimbrough",
            "union president Odessa Kimbrough said",
        ),
        # whoever is told is not the speaker: the speaker is the one before
        (
            "I came up with it, Julian, the older of the two brothers, told The Kestrel.",
            "end",
            "Julian",
            "Julian, the older of the two brothers, told The Kestrel",
        ),
    ],
)
def test_a_tag_after_inside_or_before_the_quote(
    text: str, kind: str, speaker: str, said: str
) -> None:
    tag = find_tag(text)
    assert tag is not None and (tag.kind, tag.speaker, tag.text) == (kind, speaker, said)


def test_the_quote_without_its_tag() -> None:
    text = "It was chaos, he recalls, but good chaos."
    tag = find_tag(text)
    assert tag is not None and without_tag(text, tag) == "It was chaos, but good chaos."
    assert tag_why(tag) == "pronouns: 'he recalls' inside the quote"


def test_the_writers_scene_is_no_tag() -> None:
    assert find_tag("Asked whether she would sleep, Nwosu grinned.") is None


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Borisov says that there are lots of stories.", True),
        ("According to Baker, it was over.", True),
        ("As Herbert notes, the bees are fine.", True),
        ("It was chaos, Baker says.", False),
    ],
)
def test_reported_speech(text: str, reported: bool) -> None:
    assert is_reported(text) is reported


def test_tag_after_the_quote_is_removed_and_kept_as_attribution() -> None:
    quoted = quoted_fixture()
    first = at(quoted, 4)[0]
    assert (first.kind, first.attribution, first.source) == (
        "quote",
        "Ortiz says",
        "“I wanted to make a comedy,” Ortiz says.",
    )


def test_tag_inside_the_quote_joins_both_parts() -> None:
    quoted = quoted_fixture()
    chaos = at(quoted, 5)[1]
    assert (chaos.speaker, chaos.text, chaos.attribution) == (
        BRANDT,
        "It was chaos, but good chaos.",
        "he recalls",
    )


def test_tag_inverted_says_name() -> None:
    quoted = quoted_fixture()
    assert at(quoted, 9)[0].attribution == "says Ortiz"


def test_stripped_tag_removed_from_spoken_text() -> None:
    stripped = stripped_fixture()
    assert [(u.text, u.attribution) for u in at(stripped, 13)] == [
        ("It was chaos, but good chaos.", "he recalls")
    ]
    assert [(u.text, u.attribution) for u in at(stripped, 37)] == [
        ("Sequels are for other people.", "Ortiz jokes")
    ]


NEWS_TAGS = [
    ("The plan is dead, said Sen. Maria Lopez, a Democrat from Ohio.", "Maria Lopez"),
    ("I had parked in the fire lane, Mr. Kim said, laughing.", "Gerald Kim"),
    ("The plan is dead, Lopez told The Associated Press.", "Maria Lopez"),
    ("The plan is dead, Lopez told the jury.", "Maria Lopez"),
    ("Loneliness is a health problem, Dr Obi told councillors.", "Nkechi Obi"),
    ("The plan is dead, Lopez, 54, said.", "Maria Lopez"),
    ("We will rebuild, Lopez said through an interpreter.", "Maria Lopez"),
    ("We will rebuild, Lopez testified.", "Maria Lopez"),
    ("We will rebuild, Lopez said afterward.", "Maria Lopez"),
    ("It was fine, said junior Maya Lin.", "Maya Lin"),
    ("As Lopez put it: We built this for a different world.", "Maria Lopez"),
]


@pytest.mark.parametrize(("sentence", "speaker"), NEWS_TAGS)
@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_news_style_tags(sentence: str, speaker: str, form: str) -> None:
    """Titles with a period, ages, whom they told, when and how they said it: the tag is
    found and taken off, and the quote goes to the person."""
    intro = (
        "Maria Lopez has represented the district since 2010, and she rarely gives interviews.\n"
        "Gerald Kim, the principal, and Dr Nkechi Obi, a local doctor, were also there.\n"
        "Maya Lin, a junior, rides the bus.\n"
    )
    line = sentence
    if form == "quoted":
        head, sep, tail = sentence.partition(": ")
        if sep:
            line = f"{head}: “{tail}”"
        else:
            quote = sentence.partition(", ")[0]
            line = f"“{quote},” {sentence[len(quote) + 2 :]}"
    found = extract(intro + line + "\n")
    quotes = [u for u in at(found, 4) if u.kind == "quote"]
    assert [u.speaker for u in quotes] == [speaker], line
    assert not any(w in quotes[0].text for w in ("said", "told", "testified", "put it")), quotes[
        0
    ].text


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_a_tag_with_a_place_and_a_relative_clause_after_it(form: str) -> None:
    quoted = (
        "Priya Natarajan was in the second car.\n"
        "“It just leaned,” she said in a phone interview from a clinic, where she was being "
        "treated for a sprained wrist.\n"
    )
    text = in_form(quoted, form)
    quote = [u for u in at(extract(text), 2) if u.kind == "quote"]
    assert [(u.speaker, u.text) for u in quote] == [("Priya Natarajan", "It just leaned.")]


def test_a_name_with_its_description_after_it_in_the_tag() -> None:
    text = (
        "The museum will close for a year.\n"
        "“We are sorry for the disruption,” Amanda Osei, the museum’s spokeswoman, said.\n"
    )
    assert [u.speaker for u in extract(text).utterances] == [NARRATOR, "Amanda Osei"]


@pytest.mark.parametrize(("form", "line"), [("quoted", 10), ("stripped", 39)])
def test_a_spokesperson_named_in_an_aside(form: str, line: int) -> None:
    bus = article("bus-shelter-study", form)
    assert at(bus, line)[-1].speaker == "Marisol Vega"
    vega = bus.speaker("Marisol Vega")
    assert vega is not None and vega.descriptor == "the spokesperson"


@pytest.mark.parametrize(
    "sentence",
    [
        "It was an accident, Deputy Chief Constable Harriet Mbeki said.",
        "It was an accident, Council Speaker Ana Ruiz said after the vote.",
    ],
)
def test_a_tag_whose_speaker_carries_a_long_title(sentence: str) -> None:
    tag = find_tag(sentence)
    assert tag is not None and tag.speaker.endswith(("Harriet Mbeki", "Ana Ruiz"))
    assert speaker_ok(tag.speaker)


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_an_inverted_tag_inside_one_clause_keeps_the_rest_of_it(form: str) -> None:
    """ "This system, says Locksley, helps the farmers.": the words after the tag go on with
    the sentence; they are no description of Locksley, and are not dropped."""
    tag = find_tag("This system, says Locksley, helps the farmers.")
    assert tag is not None and (tag.kind, tag.text) == ("paraphrase", "says Locksley")
    quoted = "Owen Locksley runs the co-op.\n“This system,” says Locksley, “helps the farmers.”\n"
    text = in_form(quoted, form)
    last = extract(text).utterances[-1]
    assert "helps the farmers" in last.text


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_a_possessive_description_beside_the_name(form: str) -> None:
    """ "Penfold’s chief executive, Delphine Marchetti, told analysts": the name set beside a
    description of whose role it is."""
    quoted = (
        "Penfold Markets agreed to buy a rival on Monday.\n"
        "“This is about scale,” Penfold’s chief executive, Delphine Marchetti, told analysts.\n"
        "“It is a target, not a plan,” said Fair Table’s director, Nkechi Arrowsmith.\n"
    )
    speakers = [u.speaker for u in extract(in_form(quoted, form)).utterances if u.kind == "quote"]
    assert speakers == ["Delphine Marchetti", "Nkechi Arrowsmith"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            (
                "He was my husband, Lena Horvath, 52, testified on the second day of her "
                "husband’s fraud trial in Delmont County Superior Court."
            ),
            "Lena Horvath",
        ),
        ("It was the taxpayers, said State Sen. Teresa Villalobos, a Democrat.", "Villalobos"),
    ],
)
def test_a_long_place_and_time_after_the_tag_and_a_title_in_it(sentence: str, speaker: str) -> None:
    tag = find_tag(sentence)
    assert tag is not None and tag.speaker.endswith(speaker) and speaker_ok(tag.speaker)


@pytest.mark.parametrize(
    "sentence",
    [
        "Last month, Madison revealed to Jimmy Fallon on his show that she drove the boat herself.",
        "After reading the findings, Vaughan began to wonder whether tuft cells might be involved.",
    ],
)
def test_a_that_or_whether_clause_after_the_verb_is_no_tag(sentence: str) -> None:
    tag = find_tag(sentence)
    assert tag is None or tag.kind not in {"end", "inverted"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Her son, Daniel Hart, said: Mum is a fighter.", "Daniel Hart"),
        ("Tran-Olsen, who was sitting two rows behind her, called out: You and me both.",
         "Tran-Olsen"),
    ],
)  # fmt: skip
def test_a_lead_in_tag_with_an_aside(text: str, speaker: str) -> None:
    tag = find_tag(text)
    assert tag is not None and (tag.kind, tag.speaker) == ("lead", speaker)


def test_with_quotation_marks_all_that_follows_the_tag_is_narration() -> None:
    text = (
        "“It made this sound like a chord,” Ms. Halvorsen, 61, said on a gray afternoon, "
        "standing on the plywood that now covers the hole where her kitchen floor used to be.\n"
        "“There’s a difference,” Ms. Dunmore, now a freshman at a college, said in an interview.\n"
    )
    found = extract(text).utterances
    assert [(u.kind, u.text) for u in found] == [
        ("quote", "It made this sound like a chord."),
        ("quote", "There’s a difference."),
    ]
    assert found[1].attribution == "Ms. Dunmore, now a freshman at a college, said in an interview"


def test_advice_tags_its_quote() -> None:
    tag = find_tag("Book early and bring earplugs, Fyfe advises.")
    assert tag is not None and tag.speaker == "Fyfe"
