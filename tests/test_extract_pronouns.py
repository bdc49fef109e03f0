"""Pronoun and descriptor resolution (``extract/pronouns.py``): who "he" and "she" are."""

from __future__ import annotations

import pytest
from extract_helpers import ORTIZ, article, at, in_form, quoted_fixture, said

from audioscript.clean import ArticleEvidence
from audioscript.extract import extract
from audioscript.extract.people import People
from audioscript.extract.pronouns import Context, clause_subject, resolve_pronoun
from audioscript.extract.run import prepare
from audioscript.models import NARRATOR


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("Once he'd got the part, Ruiz got to work.", ("name", "Ana Ruiz", 24)),
        ("And despite her fame, she was nervous.", ("she", None, 22)),
        ("Tovmasyan got to work.", ("name", "Tovmasyan", 0)),  # named only here: adopted
        ("The weather turned.", ("", None, 0)),
        ("Her business partner, Marco Bell, was calmer.", ("name", "Marco Bell", 0)),
    ],
)
def test_the_subject_of_the_main_clause(
    sentence: str, subject: tuple[str, str | None, int]
) -> None:
    text = "Ana Ruiz and Marco Bell run it."
    people = People(text, ArticleEvidence.from_text(text), ())
    assert clause_subject(sentence, people) == subject


def test_a_pronoun_goes_to_the_nearest_person_of_its_gender() -> None:
    draft = prepare(
        "The actress Ana Ruiz runs the kitchen.\nThe actor Marco Bell handles the wine.\n"
        "It was hard, she says.\n"
    )
    ctx = Context(draft.units, draft.people)
    assert resolve_pronoun("female", ctx, 2, None, "")[0] == "Ana Ruiz"
    assert resolve_pronoun("male", ctx, 2, None, "")[0] == "Marco Bell"


def test_pronoun_resolved_by_gender_and_first_name() -> None:
    quoted = quoted_fixture()
    assert at(quoted, 12)[1].speaker == ORTIZ  # "Lena smiles. “He did not listen,” she says."


def test_pronoun_picks_the_person_of_matching_gender() -> None:
    text = (
        "Ana Ruiz runs the kitchen.\n"
        "She opened it in 2019.\n"
        "Marco Bell handles the wine.\n"
        "He joined a year later.\n"
        "It was the worst job I ever had, she says.\n"
        "Bell disagrees.\n"
        "I loved that job, he says.\n"
    )
    extraction = extract(text)
    speakers = [u.speaker for u in extraction.utterances]
    assert speakers == [NARRATOR] * 4 + ["Ana Ruiz", NARRATOR, "Marco Bell"]
    assert [(s.name, s.gender) for s in extraction.speakers] == [
        ("Ana Ruiz", "female"),
        ("Marco Bell", "male"),
    ]


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_she_said_after_a_sentence_about_the_lead_author(form: str) -> None:
    bus = article("bus-shelter-study", form)
    quote = next(u for u in bus.utterances if u.text.replace("’", "'").startswith("She's right"))
    assert quote.speaker == "Naomi Feld"  # not Ingrid Solheim, the "She" inside the quote
    feld = bus.speaker("Naomi Feld")
    assert feld is not None and feld.gender == "female"


def test_he_said_is_not_a_womans_when_a_man_may_have_said_it() -> None:
    text = (
        "Marco Bell opened the wine bar on Quay Street in 2009.\n\n"
        "I never wanted a restaurant, Bell said.\n\n"
        "Ana Ruiz took over the kitchen two years later.\n\n"
        "She had trained in Lisbon.\n\n"
        "Her menu changes every week.\n\n"
        "Ruiz buys fish from the harbour at dawn.\n\n"
        "Nothing here is frozen, Ruiz said.\n\n"
        "Her sister Clara Ruiz runs the front of house.\n\n"
        "The two sisters share a flat above the bar.\n\n"
        "Ruiz says that the rent has tripled.\n\n"
        "The landlord wrote to Ruiz in May.\n\n"
        "We will fight for it, he said."
    )
    extraction = extract(text)
    assert extraction.utterances[-1].speaker == "Marco Bell"
    assert extraction.utterances[6].speaker == "Ana Ruiz"


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_he_said_after_narration_naming_her_coach_is_the_coachs(form: str) -> None:
    text = (
        "Anna Berg scored twice on Saturday.\n"
        "“I was tired by the end,” she said. “But we won.”\n"
        "Her coach, Gary Holm, shrugged it off.\n"
        "“It's one game,” he said. “We have ten more.”\n"
    )
    speakers = [s for s, _ in said(text, form)]
    assert speakers == [NARRATOR, "Anna Berg", "Anna Berg", NARRATOR, "Gary Holm", "Gary Holm"]


def test_a_marked_quote_whose_he_fits_no_speaker_goes_to_the_man_the_story_is_about() -> None:
    text = (
        "Three weeks ago the Gulls had lost eleven games, and Gary Hensley was fielding "
        "questions about his job.\n"
        "Hensley took over two seasons ago.\n"
        "Maya Delacroix scored 30 on Saturday. She is the team's point guard.\n"
        "“We remember,” Delacroix said. “They embarrassed us. It was loud in there. We "
        "heard every word. Nobody forgot it. Not one of us. We talked about it all week. "
        "Then we went out and played.”\n"
        "Her coach, predictably, tried to play it down.\n"
        "“It's one game,” he said.\n"
    )
    speakers = [u.speaker for u in extract(text).utterances if u.kind == "quote"]
    assert speakers == ["Maya Delacroix"] * 8 + ["Gary Hensley"]


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_an_organisation_that_speaks_is_the_one_named_before(form: str) -> None:
    """ "the service said in a statement" is the Ambulance Service named earlier, not a
    person and not a new speaker called "Service"."""
    quoted = (
        "Paramedics from the Northshire and District Ambulance Service treated eleven people.\n"
        "Rita Hale, a nurse, helped. “I just did what anyone would,” she said.\n"
        "“Our crews were on scene within six minutes,” the service said in a statement.\n"
    )
    speakers = [u.speaker for u in extract(in_form(quoted, form)).utterances]
    assert speakers[-1] == "Northshire and District Ambulance Service"


@pytest.mark.parametrize("form", ["quoted", "stripped"])
@pytest.mark.parametrize("heading", ["The coach", "* * *"])
def test_a_section_break_ends_the_speaker_before_it(form: str, heading: str) -> None:
    """A pronoun tag opening a new section is the person the section is about, even when
    the section names him only after the quote."""
    quoted = (
        "“We were a joke,” says Tom Hale, who rows at seven. “Every single one of us.”\n"
        f"{heading}\n"
        "“I went down to watch them out of curiosity,” he recalls. Bernard Fayemi coached the "
        "national squad in the 1990s.\n"
    )
    speakers = [u.speaker for u in extract(in_form(quoted, form)).utterances]
    assert speakers[-2:] == ["Bernard Fayemi", NARRATOR]


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_a_section_about_a_man_named_in_a_paraphrase(form: str) -> None:
    """ "Kwame Asante joined the crew because he wanted, he says, ..." is the writer's
    sentence about Asante: the "he recalls" after it is his, not a man of another section's."""
    quoted = (
        "Margaret Lowe is the skipper.\n"
        "“I never wanted any other job,” she says. “My uncle worked the chains. When they took "
        "on a girl there was a letter in the paper. A man wrote that it was the end of "
        "civilisation. I cut it out.”\n"
        "* * *\n"
        "Kwame Asante joined the crew in 2006 because he wanted, he says, a boat that came home "
        "every four minutes. He is the ferry’s engineer.\n"
        "“I’ve seen a swan attack a Range Rover on this deck,” he recalls.\n"
    )
    found = extract(in_form(quoted, form))
    assert found.utterances[-1].speaker == "Kwame Asante"
    assert "Man" not in {s.name for s in found.speakers}  # a letter-writer does not speak


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_she_said_is_the_woman_just_introduced_not_the_last_one_quoted(form: str) -> None:
    quoted = (
        "Jasmine Okoye, 34, who runs a cheese stall, saw it happen.\n"
        "“I just grabbed my son and ran,” she said. “My stall was gone.”\n"
        "The leader of the county council, Councillor Bernadette Shaw, visited the scene.\n"
        "“What I saw was a community that refused to be knocked down,” she said.\n"
    )
    speakers = [u.speaker for u in extract(in_form(quoted, form)).utterances]
    assert speakers[-2:] == [NARRATOR, "Bernadette Shaw"]


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_a_sentence_opening_on_her_is_still_about_her(form: str) -> None:
    """ "Her best-known project, the Marlow Reach terraces, ...": the place it names is not
    who "she told us" means."""
    quoted = (
        "The architect behind the floating terraces of Marlow Reach talks about water.\n"
        "Teodora Vance, 58, has spent three decades designing homes for places that flood. Her "
        "best-known project, the Marlow Reach terraces, rises and falls with the river. “People "
        "keep calling it a miracle,” she told us. “It’s buoyancy.”\n"
    )
    speakers = {u.speaker for u in extract(in_form(quoted, form)).utterances if u.kind == "quote"}
    assert speakers == {"Teodora Vance"}


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_he_is_the_man_the_sentence_names(form: str) -> None:
    """ "he is a broad, quiet man named Dwayne Okoro": "the therapist says" after it is Okoro."""
    quoted = (
        "The hospital has one respiratory therapist at night.\n"
        "On the nights I visit, he is a broad, quiet man in his fifties named Dwayne Okoro. The "
        "therapist moves through the building at a leisurely pace.\n"
        "“People think respiratory is just oxygen,” the therapist says. “It is the codes.”\n"
    )
    speakers = {u.speaker for u in extract(in_form(quoted, form)).utterances if u.kind == "quote"}
    assert speakers == {"Dwayne Okoro"}


@pytest.mark.parametrize(
    "before",
    [
        (
            "One of them was Eugene Sorokin-Bell, 58, who drove a forklift for 26 years. He "
            "applied to Frostline and was not hired."
        ),
        (
            "Afterwards, I asked Eugene Sorokin-Bell whether it was hard. He took a long time "
            "to answer."
        ),
    ],
)
def test_the_one_a_sentence_brings_in_says_the_he_said_in_a_third_sentence(before: str) -> None:
    """ "One of them was X", "I asked X whether ...": X is what the paragraph is about, and
    the quote's own untagged sentences before its tag do not push him out of reach."""
    text = (
        "Frostline chief executive Anselm Drury said the plant was the future.\n"
        f"{before}\n"
        "“They told me the jobs don’t exist. I said, ‘Then give me another one.’ They said they’d "
        "keep my résumé on file,” he says. “It’s on file.”\n"
    )
    assert {speaker for speaker, _ in said(text, "quoted")[-4:]} == {"Eugene Sorokin-Bell"}


def test_a_byline_is_about_nobody() -> None:
    text = (
        "The Long Middle of the Night\nBy Helena Marsh-Obuya\n"
        "At 3 a.m., the charge nurse is eating crackers and telling me about chickens.\n"
        "“Thirty-one of them. The mean one was Loretta,” she says.\n"
        "The charge nurse, Maribel Sato, has worked nights for 22 years.\n"
    )
    assert said(text, "quoted")[3:5] == [
        ("Maribel Sato", "Thirty-one of them."),
        ("Maribel Sato", "The mean one was Loretta."),
    ]


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_someone_who_gives_her_name_after_her_quote(form: str) -> None:
    text = (
        "Ines Varga, the cellist, played almost without vibrato. “I wanted it plain,” she said.\n"
        "I noticed the woman next to me had stopped moving entirely.\n"
        "“I forgot to breathe,” she told me at the interval. She introduced herself as Margit "
        "Sollberg, a retired music teacher.\n"
    )
    assert [s for s, w in said(text, form) if "breathe" in w] == ["Margit Sollberg"]


@pytest.mark.parametrize("form", ["quoted", "stripped"])
def test_the_one_a_sentence_calls_her_is_not_its_subject(form: str) -> None:
    text = (
        "Ines Varga was born in a small town. She left home at fourteen.\n"
        "Tobiah Lund wrote Salt Psalms for her after hearing her play at a festival.\n"
        "“He would send me a page, and I would say, this is impossible,” she said.\n"
    )
    assert said(text, form)[-1][0] == "Ines Varga"


def test_a_titled_name_opening_the_narration_is_its_subject() -> None:
    text = (
        "“It is an empty building,” Fiona Mallory said, and she left.\n"
        "Mayor Grace Wen-Abbott, who was briefed by Mallory at the corner, called it “a miracle.”\n"
        "“Two hours later that sidewalk is full of kids,” she told reporters.\n"
    )
    assert said(text, "quoted")[-1][0] == "Grace Wen-Abbott"


def test_the_one_asked_answers() -> None:
    text = (
        "Tom Greaves runs the ferry; Patrice Okonkwo-Hale sits on the council.\n\n"
        "“It was a hard year,” Greaves said.\n\n"
        "Councilmember Patrice Okonkwo-Hale asked Greaves whether the state could help.\n\n"
        "“We’ve asked,” he said. “We’ve asked twice.”\n"
    )
    assert [s for s, _ in said(text, "quoted")][-2:] == ["Tom Greaves", "Tom Greaves"]


def test_an_organisation_is_never_he_or_she() -> None:
    text = (
        "Terrence Boateng is the city manager.\n\n"
        "“We will see,” Boateng said.\n\n"
        "“Our members will be watching,” the Downtown Business Association said.\n\n"
        "“Then we will have a hard conversation,” he said.\n"
    )
    assert said(text, "quoted")[-1][0] == "Terrence Boateng"


def test_a_reporters_question_is_read_by_the_narrator_and_the_one_asked_answers() -> None:
    text = (
        "Terrence Boateng is the city manager.\n\n"
        "“We will see,” Boateng said.\n\n"
        "“What happens if ridership does not go up?” a Sentinel reporter asked Boateng after "
        "the meeting.\n\n"
        "“Then we will have a hard conversation,” he said.\n"
    )
    found = said(text, "quoted")
    assert found[-2][0] == NARRATOR
    assert found[-1][0] == "Terrence Boateng"


def test_a_description_with_a_name_in_it_is_the_one_named_beside_that_name() -> None:
    text = (
        "Head coach Renata Villasenor called the timeout.\n\n"
        "“That was her call, not mine,” Villasenor said.\n\n"
        "“They outworked us in the last ten minutes,” the Calloway coach said.\n\n"
        "Bernadette Liu-Harkness, in her first season at Calloway, took the blame.\n"
    )
    assert said(text, "quoted")[2][0] == "Bernadette Liu-Harkness"
