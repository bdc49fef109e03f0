from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audioscript.errors import InputError
from audioscript.models import Chapter, Cue, Directive
from audioscript.script import dump, looks_like_script, parse, speaker_hints

SAMPLE = """# title: Anora, in their own words
# show: Film Talk
# speaker: Mikey Madison | female
## The pitch
NARRATOR: Sean Baker never planned to make Anora.
Sean Baker: Red Rocket was a reaction to my other films not taking off.

[pause 800ms]
// a note to self
## The role
Mikey Madison: He's famous for sending voice memos: really.
[music bed.mp3 volume=-20dB]
"""


def test_parse_items_and_lines() -> None:
    script = parse(SAMPLE, "ep.txt")
    assert script.meta == {
        "title": "Anora, in their own words",
        "show": "Film Talk",
        "speaker": "Mikey Madison | female",
    }
    cues = script.cues
    assert [(c.speaker, c.line) for c in cues] == [
        ("NARRATOR", 5), ("Sean Baker", 6), ("Mikey Madison", 11),
    ]  # fmt: skip
    assert cues[2].text == "He's famous for sending voice memos: really."
    assert [i.title for i in script.items if isinstance(i, Chapter)] == ["The pitch", "The role"]
    directives = [i for i in script.items if isinstance(i, Directive)]
    assert [(d.name, d.args, d.line) for d in directives] == [
        ("pause", ("800ms",), 8),
        ("music", ("bed.mp3", "volume=-20dB"), 12),
    ]
    assert script.speakers == ["NARRATOR", "Sean Baker", "Mikey Madison"]
    assert speaker_hints(script) == {"Mikey Madison": "female"}


def test_dump_round_trips() -> None:
    assert dump(parse(SAMPLE)) == SAMPLE


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("NARRATOR: hi\n# title: late\n", "ep.txt:2: metadata (title) must come before"),
        ("just some prose without a speaker\n", "ep.txt:1: expected 'Speaker: text'"),
        ("NARRATOR: hi\n[jump 3]\n", "ep.txt:2: unknown directive [jump]"),
        ("NARRATOR: hi\n[pause soon]\n", "ep.txt:2: [pause] takes a duration"),
        ("NARRATOR: hi\n[pause 90s]\n", "ep.txt:2: a pause of 90 s is too long"),
        ("##\n", "ep.txt:1: a chapter needs a title"),
        ("# not metadata\n", "ep.txt:1: metadata lines look like"),
        ("NARRATOR: " + "word " * 2000 + "\n", "ep.txt:1: a line of 9,999 characters"),
    ],
)
def test_errors_name_file_and_line(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse(text, "ep.txt")
    assert str(caught.value).startswith(message)


def test_detection() -> None:
    assert looks_like_script(SAMPLE)
    assert not looks_like_script("Red Rocketwas a reaction, Baker says.\n\nIm from Jersey.\n")


names = st.text(st.characters(blacklist_characters=":[]#\n\r/", blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=20).map(str.strip).filter(bool)
texts = st.text(st.characters(blacklist_characters="\n\r", blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=80).map(str.strip).filter(bool)


@given(st.lists(st.tuples(names, texts), min_size=1, max_size=8))
def test_dump_parse_round_trip_property(lines: list[tuple[str, str]]) -> None:
    text = "".join(f"{speaker}: {spoken}\n" for speaker, spoken in lines)
    try:
        script = parse(text)
    except InputError:
        return  # some generated lines are not cues (e.g. a speaker name ending in a colon)
    assert dump(script) == text
    assert parse(dump(script)) == script


@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        script = parse(text)
    except InputError:
        return
    assert parse(dump(script)).items == parse(dump(parse(dump(script)))).items


def test_cue_model() -> None:
    assert parse("A: b\n").cues == [Cue("A", "b", 1)]
