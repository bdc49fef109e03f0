"""Speakable text: each rule on its own (what it rewrites, what it must leave alone), then
the whole chain on realistic sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audioscript.speakable import (
    STEPS,
    expand_abbreviations,
    expand_titles,
    read_numbers,
    read_years,
    speakable,
    spell_initialisms,
    spell_plus_signs,
)


def check(cases: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pytest parameters named after their input, so a failure names the case."""
    return [pytest.param(text, expected, id=text) for text, expected in cases]


# --- titles and abbreviations ----------------------------------------------------------

TITLES = [
    ("Sen. Warren spoke.", "Senator Warren spoke."),
    ("Rep. Ocasio-Cortez voted.", "Representative Ocasio-Cortez voted."),
    ("Gov. Newsom signed it.", "Governor Newsom signed it."),
    ("Dr. Jones is here.", "Doctor Jones is here."),
    ("Mr. Smith left.", "Mister Smith left."),
    ("Mrs. Smith left.", "Missus Smith left."),
    ("Ms. Jones left.", "Miz Jones left."),
    ("Prof. Lee teaches.", "Professor Lee teaches."),
    ("Gen. Milley retired.", "General Milley retired."),
    ("Lt. Dan came.", "Lieutenant Dan came."),
    ("Col. Sanders cooked.", "Colonel Sanders cooked."),
    ("Capt. Kirk flew.", "Captain Kirk flew."),
    ("Sgt. Pepper played.", "Sergeant Pepper played."),
    ("Rev. Al Sharpton spoke.", "Reverend Al Sharpton spoke."),
    ("Mr. and Mrs. Smith", "Mister and Missus Smith"),
    ("Mr Smith and Dr Jones", "Mister Smith and Doctor Jones"),  # British style, no stop
    ("Cllr Bernadette Shaw said", "Councillor Bernadette Shaw said"),  # UK councillors
    ("Martin Luther King Jr. said so.", "Martin Luther King Junior said so."),
    ("Martin Luther King, Jr. said so.", "Martin Luther King, Junior said so."),
    ("George Bush Sr. said so.", "George Bush Senior said so."),
    ("It was King Jr. He left.", "It was King Junior. He left."),
    ("Visit St. Louis today.", "Visit Saint Louis today."),
    ("St Paul's is old.", "Saint Paul's is old."),
    ("He lives on Main St. in town.", "He lives on Main Street in town."),
    ("He lives on Main St. He likes it.", "He lives on Main Street. He likes it."),
    ("They climbed Mt. Everest.", "They climbed Mount Everest."),
    ("They drove to Ft. Worth.", "They drove to Fort Worth."),
]

ABBREVIATIONS = [
    ("She is No. 5 in the world.", "She is number five in the world."),
    ("No. 10 Downing Street", "Number ten Downing Street"),
    ("see Nos. 3 and 4", "see numbers three and four"),
    ("a #1 hit", "a number one hit"),
    ("Arsenal vs. Chelsea", "Arsenal versus Chelsea"),
    ("Arsenal vs Chelsea", "Arsenal versus Chelsea"),
    ("Roe v. Wade", "Roe versus Wade"),
    ("apples, pears, etc. and more", "apples, pears, et cetera and more"),
    ("apples, pears, etc. The end.", "apples, pears, et cetera. The end."),
    ("fruit, e.g., apples", "fruit, for example, apples"),
    ("fruit, i.e. apples", "fruit, that is apples"),
    ("approx. 5 people", "approximately five people"),
    ("Bob, a.k.a. Robert", "Bob, also known as Robert"),
]

MONTHS = [
    ("Jan. 5", "January fifth"),
    ("Feb. 2", "February second"),
    ("Aug. 1", "August first"),
    ("Sept. 30", "September thirtieth"),
    ("Oct. 12", "October twelfth"),
    ("Nov. 3", "November third"),
    ("Dec. 25", "December twenty-fifth"),
    ("Sept 11", "September eleventh"),
    ("It ends in Dec. The next year", "It ends in December. The next year"),
]

SENTENCE_ENDS = [
    ("He moved to Washington, D.C. He stayed.", "He moved to Washington, DC. He stayed."),
    ("It ended at 5 p.m. The next day", "It ended at five PM. The next day"),
    ("It ended at 5 p.m. on Friday", "It ended at five PM on Friday"),
    ("He lives in the U.S.", "He lives in the US."),
    ('He lives in the U.S. "It is fine," he said.', 'He lives in the US. "It is fine," he said.'),
    ("In the U.S., people vote.", "In the US, people vote."),
]


@pytest.mark.parametrize(("text", "expected"), check(TITLES))
def test_titles(text: str, expected: str) -> None:
    assert speakable(text) == expected


@pytest.mark.parametrize(("text", "expected"), check(ABBREVIATIONS))
def test_abbreviations(text: str, expected: str) -> None:
    assert speakable(text) == expected


@pytest.mark.parametrize(("text", "expected"), check(MONTHS))
def test_months(text: str, expected: str) -> None:
    assert speakable(text) == expected


@pytest.mark.parametrize(("text", "expected"), check(SENTENCE_ENDS))
def test_a_sentence_end_after_an_abbreviation_keeps_its_full_stop(text: str, expected: str) -> None:
    assert speakable(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The senate met.",  # no title without its stop and a name
        "Sen is a word.",
        "Gen Z voters",  # "Gen" without a stop is not "General"
        "Dr. is a title.",  # no name follows
        "No. That is wrong.",  # "No." before a word, not a number
        "No matter what.",
        "St. is short.",
        "Rev up the engine.",
        "Sr. Mary Joseph",  # "Sr." before a name is "Sister": left alone
    ],
)
def test_titles_and_abbreviations_leave_other_words(text: str) -> None:
    assert expand_titles(expand_abbreviations(text)) == text


# --- initialisms -----------------------------------------------------------------------

INITIALISMS = [
    ("the U.S. Army", "the US Army"),
    ("in L.A. today", "in LA today"),
    ("the U.K. and the E.U.", "the UK and the EU."),  # a line end keeps its stop
    ("in D.C. today", "in DC today"),
    ("the U.S.A. team", "the USA team"),
    ("It was O.K. then", "It was okay then"),
    ("It was OK then", "It was okay then"),
    ("J.K. Rowling wrote it", "JK Rowling wrote it"),
    ("A. J. Smith wrote it", "AJ Smith wrote it"),
    ("John F. Kennedy spoke", "John F Kennedy spoke"),
    ("U.S.-China talks", "US-China talks"),
]


@pytest.mark.parametrize(("text", "expected"), check(INITIALISMS))
def test_initialisms(text: str, expected: str) -> None:
    assert speakable(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "US actor Charles Melton",  # already letters: left alone
        "The US is big.",
        "He told us so.",
        "the UK and the EU",
        "AT&T and Q&A",  # engines spell these as letters; "AT and T" would read "at"
        "Plan B. Smith said no.",  # a letter after a label, not an initial
        "Gen Z. Millennials differ.",
        "World War I. After that",
        "vitamin B. Smith said.",
    ],
)
def test_initialisms_leave_other_capitals(text: str) -> None:
    assert speakable(text) == text


# --- money -----------------------------------------------------------------------------

MONEY = [
    ("$40 million", "forty million dollars"),
    ("$4.5 million", "four point five million dollars"),
    ("$1.2bn", "one point two billion dollars"),
    ("$1.2 billion", "one point two billion dollars"),
    ("£2.5bn", "two point five billion pounds"),
    ("€3m", "three million euros"),
    ("$500k", "five hundred thousand dollars"),
    ("$12.50", "twelve dollars and fifty cents"),
    ("$1.01", "one dollar and one cent"),
    ("$0.50", "fifty cents"),
    ("$5", "five dollars"),
    ("$1", "one dollar"),
    ("$1.00", "one dollar"),
    ("$1,200", "one thousand two hundred dollars"),
    ("£12.50", "twelve pounds and fifty pence"),
    ("£1", "one pound"),
    ("¥100", "one hundred yen"),
    ("US$5", "five US dollars"),
    ("$5-10 million", "five to ten million dollars"),
    ("a $5 bill", "a five dollar bill"),  # a measure before a noun is singular
    ("a $40 million deal", "a forty million dollar deal"),
    ("It cost $5.", "It cost five dollars."),
]


@pytest.mark.parametrize(("text", "expected"), check(MONEY))
def test_money(text: str, expected: str) -> None:
    assert speakable(text) == expected


# --- percentages -----------------------------------------------------------------------

PERCENTAGES = [
    ("12%", "twelve percent"),
    ("12 percent", "twelve percent"),
    ("4.5%", "four point five percent"),
    ("100%.", "one hundred percent."),
    ("5-10%", "five to ten percent"),
    ("fell -5%", "fell minus five percent"),
]


@pytest.mark.parametrize(("text", "expected"), check(PERCENTAGES))
def test_percentages(text: str, expected: str) -> None:
    assert speakable(text) == expected


# --- years and decades -----------------------------------------------------------------

YEARS = [
    ("In 1999 they met.", "In nineteen ninety-nine they met."),
    ("Since 2008 it grew.", "Since two thousand eight it grew."),
    ("By 2024, it was done.", "By twenty twenty-four, it was done."),
    ("It was built in 1905.", "It was built in nineteen oh five."),
    ("1999", "nineteen ninety-nine"),
    ("from 1990 until 2010", "from nineteen ninety until twenty ten"),
    ("the year 2000", "the year two thousand"),
    ("the 2024 election", "the twenty twenty-four election"),
    ("1999's best film", "nineteen ninety-nine's best film"),
    ("in mid-2021", "in mid-twenty twenty-one"),
    ("on January 7, 2024 we met", "on January seventh, twenty twenty-four we met"),
    ("March 2024", "March twenty twenty-four"),
    ("Q3 2024 results", "Q3 twenty twenty-four results"),
    ("1100", "eleven hundred"),
    ("2099", "twenty ninety-nine"),
]

CARDINALS_NOT_YEARS = [
    ("2,500 people", "two thousand five hundred people"),
    ("1,000 people", "one thousand people"),
    ("1500 people came", "one thousand five hundred people came"),
    ("3000 in total", "three thousand in total"),  # outside 1100-2099
    ("in 1050", "in one thousand fifty"),
]

DESIGNATORS = [  # a three-digit number naming something, inside a sentence
    ("was Female Prisoner 701: Scorpion", "was Female Prisoner seven oh one: Scorpion"),
    ("a Boeing 737 crashed", "a Boeing seven thirty-seven crashed"),
    ("took Route 405, then", "took Route four oh five, then"),
    ("in Room 101.", "in Room one oh one."),
    ("the Fortune 500 list", "the Fortune five hundred list"),
    # quantities, not names: a sentence's first word, a month, a lower-case word
    ("Nearly 370 people came", "Nearly three hundred seventy people came"),
    ("he scored 701 points", "he scored seven hundred one points"),
    ("since May 205 flights", "since May two hundred five flights"),
    ("the ratio 3:1 held", "the ratio 3:1 held"),
]

DECADES = [
    ("the 1990s", "the nineteen nineties"),
    ("the '90s", "the nineties"),
    ("the ’90s", "the nineties"),
    ("the 90s", "the nineties"),
    ("the 2000s", "the two thousands"),
    ("the 1800s", "the eighteen hundreds"),
    ("the 2010s", "the twenty tens"),
    ("in her 20s", "in her twenties"),
    ("the mid-1960s", "the mid-nineteen sixties"),
]


@pytest.mark.parametrize(("text", "expected"), check(YEARS))
def test_years(text: str, expected: str) -> None:
    assert speakable(text) == expected


@pytest.mark.parametrize(("text", "expected"), check(DESIGNATORS))
def test_designators(text: str, expected: str) -> None:
    assert speakable(text) == expected


@pytest.mark.parametrize(("text", "expected"), check(CARDINALS_NOT_YEARS))
def test_other_big_numbers_are_cardinals(text: str, expected: str) -> None:
    assert speakable(text) == expected


@pytest.mark.parametrize(("text", "expected"), check(DECADES))
def test_decades(text: str, expected: str) -> None:
    assert speakable(text) == expected


# --- ordinals and dates ----------------------------------------------------------------

ORDINALS = [
    ("1st", "first"),
    ("2nd", "second"),
    ("3rd", "third"),
    ("11th", "eleventh"),
    ("22nd", "twenty-second"),
    ("101st", "one hundred first"),
    ("the 21st century", "the twenty-first century"),
    ("the 81st annual awards", "the eighty-first annual awards"),
    ("May 5", "May fifth"),
    ("January 7th", "January seventh"),
]


@pytest.mark.parametrize(("text", "expected"), check(ORDINALS))
def test_ordinals(text: str, expected: str) -> None:
    assert speakable(text) == expected


# --- scores and ranges -----------------------------------------------------------------

RANGES = [
    ("They won 5-2.", "They won five to two."),
    ("a 3-1 win", "a three to one win"),
    ("They lost 24-17", "They lost twenty-four to seventeen"),
    ("It takes 10-15 minutes", "It takes ten to fifteen minutes"),
    ("10–15 minutes", "ten to fifteen minutes"),  # en dash
    ("1990-95", "nineteen ninety to ninety-five"),
    ("2019-2020", "twenty nineteen to twenty twenty"),
    ("the 2019-20 season", "the twenty nineteen to twenty season"),
    ("2008-09", "two thousand eight to oh nine"),
    ("1999-2000", "nineteen ninety-nine to two thousand"),
    ("5-10 km", "five to ten kilometers"),
]

NOT_SCORES = [
    ("Call 555-1234.", "Call five five five, one two three four."),
    ("Call (555) 123-4567", "Call five five five, one two three, four five six seven"),
    ("Call 555-123-4567", "Call five five five, one two three, four five six seven"),
    ("+44 20 7946 0958", "plus four four, two zero, seven nine four six, zero nine five eight"),
    ("ISBN 978-3-16", "ISBN nine seven eight, three, one six"),
    ("On 2024-01-07 we met", "On January seventh, twenty twenty-four we met"),
    ("a 3-year-old", "a three-year-old"),
    ("COVID-19", "COVID-nineteen"),
    ("F-35 jets", "F-thirty-five jets"),
]


@pytest.mark.parametrize(("text", "expected"), check(RANGES))
def test_scores_and_ranges(text: str, expected: str) -> None:
    assert speakable(text) == expected


@pytest.mark.parametrize(("text", "expected"), check(NOT_SCORES))
def test_phone_numbers_ids_and_dates_are_not_scores(text: str, expected: str) -> None:
    assert speakable(text) == expected


# --- times -----------------------------------------------------------------------------

TIMES = [
    ("at 7:30 p.m.,", "at seven thirty PM,"),
    ("at 7:30pm", "at seven thirty PM"),
    ("at 7:30 PM", "at seven thirty PM"),
    ("at 10am", "at ten AM"),
    ("at 10 a.m. on Monday", "at ten AM on Monday"),
    ("at 9:05", "at nine oh five"),
    ("at 12:00", "at twelve o'clock"),
    ("at 7:00 pm", "at seven PM"),
    ("at 14:00", "at fourteen hundred"),
    ("at 23:45", "at twenty-three forty-five"),
    ("at 9.30pm", "at nine thirty PM"),
    ("from 9am-5pm", "from nine AM to five PM"),
    ("10:30-11:30", "ten thirty to eleven thirty"),
    ("at noon", "at noon"),
]


@pytest.mark.parametrize(("text", "expected"), check(TIMES))
def test_times(text: str, expected: str) -> None:
    assert speakable(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    check(
        [
            ("5 amps", "five amps"),  # "am" only as a whole word
            ("at 13pm", "at 13pm"),  # not a time: left alone
            ("at 10:75", "at 10:75"),
            ("it ran 10:30:15", "it ran 10:30:15"),  # race times are left to the engine
        ]
    ),
)
def test_times_leave_what_is_not_a_time(text: str, expected: str) -> None:
    assert speakable(text) == expected


# --- units -----------------------------------------------------------------------------

UNITS = [
    ("5 km", "five kilometers"),
    ("1 km", "one kilometer"),
    ("5 kilometres", "five kilometres"),
    ("26.2 mi", "twenty-six point two miles"),
    ("60 mph", "sixty miles per hour"),
    ("100 km/h", "one hundred kilometers per hour"),
    ("5 kg", "five kilograms"),
    ("200 lbs", "two hundred pounds"),
    ("1 lb", "one pound"),
    ("6ft", "six feet"),
    ("5 ft tall", "five feet tall"),
    ("He is 6 ft. He left.", "He is six feet. He left."),
    ("6ft 2in", "six feet two inches"),
    ("5'10\"", "five foot ten"),
    ("10 cm", "ten centimeters"),
    ("5 mm", "five millimeters"),
    ("the 100m sprint", "the one hundred meter sprint"),
    ("Everest is 8,848 m high", "Everest is eight thousand eight hundred forty-eight meters high"),
    ("Everest is 8,848 m.", "Everest is eight thousand eight hundred forty-eight meters."),
    ("20°C", "twenty degrees Celsius"),
    ("68 °F", "sixty-eight degrees Fahrenheit"),
    ("-5°C", "minus five degrees Celsius"),
    ("1°C", "one degree Celsius"),
    ("a 45° angle", "a forty-five degree angle"),
    ("500 MB", "five hundred megabytes"),
    ("2 GB", "two gigabytes"),
    ("1 TB", "one terabyte"),
    ("100 kWh", "one hundred kilowatt hours"),
    ("50 MW", "fifty megawatts"),
    ("2,000 sq ft", "two thousand square feet"),
    ("It was 20°C. Then it rained.", "It was twenty degrees Celsius. Then it rained."),
]


@pytest.mark.parametrize(("text", "expected"), check(UNITS))
def test_units(text: str, expected: str) -> None:
    assert speakable(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    check(
        [
            ("5 in the box", "five in the box"),  # "in" is a unit only when glued or after feet
            ("He has 3m followers", "He has 3m followers"),  # "m" may be millions: left alone
            ("earned 5m.", "earned 5m."),
            ("a 4K TV, an A380, MP3 files, 5G", "a 4K TV, an A380, MP3 files, 5G"),
        ]
    ),
)
def test_units_leave_ambiguous_letters(text: str, expected: str) -> None:
    assert speakable(text) == expected


# --- plain numbers, fractions, signs ---------------------------------------------------

NUMBERS = [
    ("3 people", "three people"),
    ("3.5 points", "three point five points"),
    ("1,200 cars", "one thousand two hundred cars"),
    ("10,000,000", "ten million"),
    ("0.5", "zero point five"),
    ("007", "zero zero seven"),
    ("fell to -5", "fell to minus five"),
    ("temperatures of −5", "temperatures of minus five"),  # the minus sign U+2212
    ("version 2.0", "version two point zero"),
    ("1/2", "one half"),
    ("3/4", "three quarters"),
    ("1/3", "one third"),
    ("2/3", "two thirds"),
    ("5/8", "five eighths"),
    ("2 1/2 hours", "two and a half hours"),
    ("2 3/4 inches", "two and three quarters inches"),
    ("½ cup", "one half cup"),
    ("2½ hours", "two and a half hours"),
    ("24/7", "twenty-four seven"),
    ("9/11", "nine eleven"),
    ("#1", "Number one"),  # a sentence start keeps its capital
    ("No. 1 seed", "Number one seed"),
]


@pytest.mark.parametrize(("text", "expected"), check(NUMBERS))
def test_numbers_and_fractions(text: str, expected: str) -> None:
    assert speakable(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    check(
        [
            ("10 - 5 things", "ten to five things"),  # a spaced dash between numbers: a range
            ("- 5 things", "- five things"),  # a dash, not a minus
            ("pages 10 -15", "pages ten -fifteen"),  # after a number: not a minus
            ("Python 3.11.2", "Python 3.11.2"),  # dotted chains are left to the engine
            ("IP 192.168.0.1", "IP 192.168.0.1"),
            ("1,2,3", "1,2,3"),
            ("7/4/2024", "7/4/2024"),
            ("#MeToo", "#MeToo"),
        ]
    ),
)
def test_numbers_leave_what_they_cannot_read(text: str, expected: str) -> None:
    assert speakable(text) == expected


# --- ampersands and plus signs ---------------------------------------------------------

SYMBOLS = [
    ("Johnson & Johnson", "Johnson and Johnson"),
    ("rock&roll", "rock and roll"),
    ("Tom &amp; Jerry", "Tom and Jerry"),
    ("2+2", "two plus two"),
    ("1 + 1", "one plus one"),
    ("2+2=4", "two plus two equals four"),
    ("Disney+", "Disney plus"),
    ("18+ only", "eighteen plus only"),
    ("an A+ grade", "an A plus grade"),
    ("+5% growth", "plus five percent growth"),
    ("12% + 3%", "twelve percent plus three percent"),
    ("E=mc2", "E equals mc2"),
]


@pytest.mark.parametrize(("text", "expected"), check(SYMBOLS))
def test_ampersands_and_plus_signs(text: str, expected: str) -> None:
    assert speakable(text) == expected


@pytest.mark.parametrize("text", ["AT&T", "Q&A", "R&B", "C++ code", "x == y"])
def test_symbols_left_alone(text: str) -> None:
    assert speakable(text) == text


# --- the chain -------------------------------------------------------------------------

SENTENCES = [
    "Sen. Warren said the U.S. spent $4.5 million in 1999, up 12% on the 1990s.",
    "The meeting ended at 5 p.m. The next day, Dr. Jones flew to Washington, D.C.",
    "They won 5-2 after a 3-1 win in the 2019-20 season; 2,500 people watched.",
    "US actor Charles Melton arrives for the 81st annual Golden Globe Awards on January 7, 2024",
    "On Jan. 5 she ran 5 km in 10-15 minutes at 20°C, e.g., a 6 ft. wall, etc.",
    'He said, "Mr. and Mrs. Smith, O.K.? It costs £2.5bn, i.e. No. 1 on the list."',
    "Martin Luther King Jr. lived on Main St. in the '60s, 24/7, with 1/2 the team.",
]


def test_the_chain_reads_a_sentence_as_a_newsreader_would() -> None:
    assert speakable(SENTENCES[0]) == (
        "Senator Warren said the US spent four point five million dollars in nineteen"
        " ninety-nine, up twelve percent on the nineteen nineties."
    )
    assert speakable(SENTENCES[1]) == (
        "The meeting ended at five PM. The next day, Doctor Jones flew to Washington, DC."
    )


@pytest.mark.parametrize("text", SENTENCES)
def test_speakable_is_idempotent(text: str) -> None:
    once = speakable(text)
    assert speakable(once) == once


def test_steps_are_named_documented_functions_in_order() -> None:
    assert [step.__name__ for step in STEPS][:2] == ["spell_ampersands", "expand_abbreviations"]
    assert STEPS[-3:] == (read_years, read_numbers, spell_plus_signs)
    for step in STEPS:
        assert step.__doc__ and "\n" not in step.__doc__.strip().splitlines()[0]


def test_steps_can_be_chosen() -> None:
    assert speakable("Sen. Smith, 5 km", steps=[expand_titles]) == "Senator Smith, 5 km"
    assert speakable("the U.S. in 1999", steps=[spell_initialisms]) == "the US in 1999"


def test_lines_stay_lines() -> None:
    text = "Sen.\nWarren said 5\n-5 km\n\nU.S.\nThe end & more\n"
    assert speakable(text).count("\n") == text.count("\n")


def test_text_without_anything_to_rewrite_is_unchanged() -> None:
    text = "The city, and the very nature of its artistic industry, has always been about it."
    assert speakable(text) == text


PHRASES = st.sampled_from(
    [
        "Sen. Warren", "Martin Luther King Jr.", "on Main St.", "in St. Louis", "the U.S.",
        "Washington, D.C.", "$4.5 million", "£3m", "12%", "in 1999", "the 1990s", "the '90s",
        "the 21st century", "won 5-2", "10-15 minutes", "at 7:30 p.m.", "at 10am", "5 km",
        "6ft", "1/2", "24/7", "fell to -5", "Johnson & Johnson", "2+2", "No. 5", "#1", "etc.",
        "e.g.", "Jan. 5", "2,500 people", "3.5", "555-1234", "2019-20", "20°C", "OK",
        "John F. Kennedy", "approx. 10", "Arsenal vs. Chelsea", "the 100m sprint", "Dr. Jones",
        "He", "The", "she said", "and", "it", ",", ".", "?", '"', "\n",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(PHRASES, max_size=12))
def test_any_mix_of_phrases_keeps_lines_and_is_stable(phrases: list[str]) -> None:
    text = " ".join(phrases)
    once = speakable(text)
    assert once.count("\n") == text.count("\n")
    assert speakable(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60))
def test_any_text_keeps_its_lines(text: str) -> None:
    assert speakable(text).count("\n") == text.count("\n")


def test_other_steps_do_not_need_each_other() -> None:
    assert read_numbers("3 and 4") == "three and four"
    assert read_years("in 1999") == "in nineteen ninety-nine"


def test_every_title_extraction_knows_is_spoken_in_full() -> None:
    from audioscript.extract.vocabulary import TITLE_ABBREVIATIONS
    from audioscript.speakable.words import _TITLES

    assert set(TITLE_ABBREVIATIONS) <= set(_TITLES)
    assert speakable("Det. Ana Ruiz said so.") == "Detective Ana Ruiz said so."


def test_an_absurdly_long_number_is_read_digit_by_digit_not_a_crash() -> None:
    said = speakable("Code " + "9" * 400 + " then.")
    assert said.startswith("Code nine nine nine") and said.endswith(" then.")
