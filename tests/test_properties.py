"""Property tests: arbitrary input never crashes a stage (issue 7).

Whatever text or bytes a user feeds in, each stage either works or raises one of
audioscript's own errors (which the CLI prints as one ``Error: ...`` line); anything else
would reach the user as a traceback. The script format also round-trips: writing a parsed
script and parsing it again gives the same script.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audioscript import script as script_format
from audioscript.clean import clean_text
from audioscript.errors import AudioscriptError, InputError
from audioscript.extract import extract
from audioscript.inputs import read_quotes
from audioscript.models import Comment, Script

#: the hermetic autouse fixture is function scoped; nothing in it changes between examples
SETTINGS = dict(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- strategies ---------------------------------------------------------------------------------

#: any text, surrogates excluded (they cannot come from a UTF-8 file)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
FRAGMENT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
NAMES = st.sampled_from(["NARRATOR", "Ana Lima", "Baker", "Dr. Bruno Costa", "she", "the director"])
VERBS = st.sampled_from(["says", "said", "tells me", "recalls", "adds", "laughs", ""])

#: article-like text: sentences, quotes with and without marks, tags, paragraphs
ARTICLE_PIECE = st.one_of(
    FRAGMENT,
    st.builds(lambda q, n, v: f'"{q}," {n} {v}.', FRAGMENT, NAMES, VERBS),
    st.builds(lambda q, n, v: f"{q}, {n} {v}.", FRAGMENT, NAMES, VERBS),
    st.builds(lambda n, q: f"{n}: \u201c{q}\u201d", NAMES, FRAGMENT),
    st.builds(lambda n, q: f"{n} {q}", NAMES, FRAGMENT),
    st.sampled_from(["\n", "\n\n", "\u201c", "\u201d", '"', "'", " Im", " dont", "Madisons"]),
)
ARTICLES = st.lists(ARTICLE_PIECE, max_size=25).map(" ".join)

KEYS = st.from_regex(r"[A-Za-z][\w-]{0,8}", fullmatch=True)  # \w: any Unicode letter

#: script-like text: every kind of script line, plus some junk
SCRIPT_LINE = st.one_of(
    st.builds(lambda k, v: f"# {k}: {v}", KEYS, FRAGMENT),
    st.builds(lambda t: f"## {t}", FRAGMENT),
    st.builds(lambda s, t: f"{s}: {t}", NAMES | FRAGMENT, FRAGMENT),
    st.sampled_from(
        ["[pause 800ms]", "[pause 1.5s]", "[pause 60s]", "[ pause 250 ]", "[sfx sting.wav]",
         "[music bed.mp3 volume=-20dB duck=-14dB]", "[music stop]", "[PAUSE 2s]",
         "[pause -5ms]", "[jump 3]"]
    ),  # fmt: skip
    st.builds(lambda t: f"// {t}", FRAGMENT),
    st.sampled_from(["", "   ", "\t"]),
    FRAGMENT,
)
SCRIPTS = st.lists(SCRIPT_LINE, max_size=15).map("\n".join)

#: JSON values of every type, nested a little
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
RECORD = st.fixed_dictionaries(
    {},
    optional={
        "speaker": st.text(max_size=12) | JSON,
        "text": st.text(max_size=30) | JSON,
        "line": st.integers() | JSON,
        "kind": JSON,
        "confidence": st.floats() | JSON,
        "source": JSON,
        "gender": JSON,
    },
)
JSONL = st.lists(st.one_of(RECORD.map(json.dumps), JSON.map(json.dumps), FRAGMENT), max_size=6).map(
    lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
)


# --- clean and extract --------------------------------------------------------------------------


@settings(max_examples=500, **SETTINGS)
@given(st.one_of(TEXT, ARTICLES))
def test_clean_text_never_crashes_and_keeps_the_line_count(text: str) -> None:
    cleaned = clean_text(text)
    assert isinstance(cleaned, str)
    original = text.replace("\r\n", "\n").replace("\r", "\n")
    assert cleaned.count("\n") == original.count("\n")


@settings(max_examples=500, **SETTINGS)
@given(st.one_of(TEXT, ARTICLES))
def test_extract_works_or_raises_an_audioscript_error(text: str) -> None:
    try:
        extraction = extract(text)
    except AudioscriptError:
        return
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for utterance in extraction.utterances:
        assert utterance.speaker and utterance.text.strip()
        assert 1 <= utterance.line <= lines


# --- the script format ----------------------------------------------------------------------------


def parsed_or_none(text: str) -> Script | None:
    try:
        return script_format.parse(text, "s.txt")
    except InputError:
        return None


@settings(max_examples=800, **SETTINGS)
@given(st.one_of(TEXT, SCRIPTS))
def test_parse_works_or_raises_input_error(text: str) -> None:
    try:
        script_format.parse(text, "s.txt")
    except InputError as exc:
        assert exc.message.startswith("s.txt:"), exc.message


def content(script: Script) -> tuple[object, ...]:
    """What a script says, without the line numbers its items came from."""
    items = [item for item in script.items if not (isinstance(item, Comment) and not item.text)]
    return script.metadata, tuple(
        tuple(getattr(item, f) for f in item.__dataclass_fields__ if f != "line") for item in items
    )


def assert_round_trip(text: str) -> None:
    """parse(dump(parse(x))) == parse(x), line numbers included (errors quote them)."""
    first = parsed_or_none(text)
    if first is not None:
        assert script_format.parse(script_format.dump(first), "s.txt") == first


def assert_same_content(text: str) -> None:
    """Weaker: the same metadata and items in the same order, and a script dump wrote
    comes back unchanged."""
    first = parsed_or_none(text)
    if first is None:
        return
    written = script_format.dump(first)
    again = script_format.parse(written, "s.txt")
    assert content(again) == content(first)
    assert script_format.dump(again) == written


@settings(max_examples=800, **SETTINGS)
@given(SCRIPTS)
def test_script_round_trip(text: str) -> None:
    assert_round_trip(text)


@settings(max_examples=800, **SETTINGS)
@given(SCRIPTS)
def test_script_round_trip_keeps_what_the_script_says(text: str) -> None:
    assert_same_content(text)


ROUND_TRIP_CASES = {
    # dump writes metadata first, so a comment above it moves down a line
    "comment-before-metadata": "// a comment first\n# title: Episode\nNARRATOR: Hello.",
    # keys are lower-cased; 'İ'.lower() is 'i' + U+0307, which the key pattern refuses
    "key-with-dotted-capital-i": "# Title\u0130: value\nNARRATOR: Hello.",
}


@pytest.mark.parametrize("text", ROUND_TRIP_CASES.values(), ids=ROUND_TRIP_CASES.keys())
def test_script_round_trip_cases(text: str) -> None:
    assert_round_trip(text)
    assert_same_content(text)


# --- quotes.jsonl ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def quotes_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("quotes") / "quotes.jsonl"


def assert_reads_or_input_error(data: bytes, quotes_file: Path) -> None:
    quotes_file.write_bytes(data)
    try:
        utterances = read_quotes(quotes_file)
    except InputError as exc:
        assert exc.message.startswith(str(quotes_file)), exc.message
        return
    for utterance in utterances:
        assert utterance.speaker and isinstance(utterance.text, str)
        assert isinstance(utterance.line, int) and utterance.line >= 1


@settings(max_examples=400, **SETTINGS)
@given(data=st.one_of(st.binary(max_size=200), JSONL))
def test_read_quotes_works_or_raises_input_error(data: bytes, quotes_file: Path) -> None:
    assert_reads_or_input_error(data, quotes_file)


HOSTILE_QUOTES = {
    "deep-nesting": b"[" * 2000,  # deeper than Python's JSON reader recurses: RecursionError
    # longer than Python converts to an int: ValueError
    "huge-integer": b'{"speaker": "Ana Lima", "text": "Hi.", "line": ' + b"9" * 4400 + b"}",
    "nan-confidence": b'{"speaker": "Ana Lima", "text": "Hi.", "confidence": NaN}',
    "infinite-line": b'{"speaker": "Ana Lima", "text": "Hi.", "line": Infinity}',
}


@pytest.mark.parametrize("data", HOSTILE_QUOTES.values(), ids=HOSTILE_QUOTES.keys())
def test_read_quotes_hostile_cases(data: bytes, quotes_file: Path) -> None:
    assert_reads_or_input_error(data, quotes_file)
