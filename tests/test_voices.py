from __future__ import annotations

from pathlib import Path

import pytest

from audioscript.casting import cast
from audioscript.errors import InputError
from audioscript.models import NARRATOR, Speaker
from audioscript.voices import apply_lexicon, load_config, parse_text

GOOD = """
[profiles.narrator]
engine = "espeak"
settings = { voice = "en-us", variant = "f5" }

[profiles.baker]
engine = "espeak"
settings = { voice = "en-us", variant = "m6", pitch = 40 }
gain_db = -2
lexicon = { Anora = "Ah-nora" }

[cast]
NARRATOR = "narrator"
Baker = "baker"

[lexicon]
Eydelshteyn = "Ay-del-shtine"
"""


def test_parse_profiles_cast_lexicon() -> None:
    config = parse_text(GOOD, "v.toml")
    assert config.profiles["baker"].settings == {"voice": "en-us", "variant": "m6", "pitch": 40}
    assert config.profiles["baker"].gain_db == -2.0
    assert config.cast == {"NARRATOR": "narrator", "Baker": "baker"}
    assert config.lexicon == {"Eydelshteyn": "Ay-del-shtine"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[profiles.x]\nsettings = {}\n", "v.toml [profiles.x]: missing engine"),
        ('[profiles.x]\nengine = "espeak"\ntempo = 9\n', "v.toml [profiles.x]: tempo = 9 is out of range"),
        ('[profiles.x]\nengine = "espeak"\ncolour = 1\n', "v.toml [profiles.x]: unknown key(s) colour"),
        ('[profiles.x]\nengine = "espeak"\ngender = "robot"\n', "v.toml [profiles.x]: gender must be"),
        ("[voices]\n", "v.toml: unknown table(s) voices"),
        ("[cast]\nBaker = 3\n", 'v.toml [cast] "Baker": give a profile name'),
        ("[lexicon]\nX = ''\n", 'v.toml [lexicon] "X"'),
        ("[profiles\n", "v.toml: invalid TOML"),
    ],
)
def test_validation_names_file_and_key(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_text(text, "v.toml")
    assert str(caught.value).startswith(message)


def test_cast_uses_profiles_by_surname_and_autocasts_the_rest() -> None:
    config = parse_text(GOOD, "v.toml")
    people = [Speaker("Sean Baker", "male"), Speaker("Mikey Madison", "female"), Speaker("Yura Borisov", "male")]
    voices = cast(people, config)
    assert voices[NARRATOR].name == "narrator"
    assert voices["Sean Baker"].name == "baker"
    assert voices["Mikey Madison"].gender == "female"
    assert voices["Yura Borisov"].gender == "male"
    signatures = {(v.settings["voice"], v.settings.get("variant"), v.settings.get("pitch")) for v in voices.values()}
    assert len(signatures) == 4  # everyone distinct


def test_autocast_is_deterministic_and_stable_when_a_speaker_is_added() -> None:
    config = parse_text("", "empty.toml")
    people = [Speaker(f"Person {i}", "male" if i % 2 else "female") for i in range(4)]
    first = cast(people, config)
    again = cast(list(reversed(people)), config)
    assert first == again
    more = cast(people + [Speaker("Newcomer Z", None)], config)
    moved = [p.name for p in people if more[p.name] != first[p.name]]
    assert len(moved) <= 1


def test_unknown_profile_in_cast() -> None:
    config = parse_text('[cast]\nBaker = "nobody"\n', "v.toml")
    with pytest.raises(InputError, match="no profile named 'nobody'"):
        cast([Speaker("Sean Baker")], config)


def test_force_engine_recasts_everyone() -> None:
    config = parse_text(GOOD, "v.toml")
    voices = cast([Speaker("Sean Baker", "male")], config, engine="silent", force_engine=True)
    assert {v.engine for v in voices.values()} == {"silent"}


def test_lexicon_whole_words_case_insensitive() -> None:
    assert apply_lexicon("Eydelshteyn met eydelshteyns.", {"Eydelshteyn": "Ay-del-shtine"}) == "Ay-del-shtine met eydelshteyns."
    assert apply_lexicon("x", {}) == "x"


def test_load_config_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--voices .*nope.toml: no such file"):
        load_config([tmp_path / "nope.toml"])


def test_repo_voice_files_are_valid() -> None:
    from audioscript.engines import get_engine

    repo = Path(__file__).resolve().parent.parent
    for path in [*sorted((repo / "voices").glob("*.toml")), repo / "examples/anora/voices.toml"]:
        config = load_config([path], use_dir=False)
        for name, voice in config.profiles.items():
            if voice.engine == "espeak":
                get_engine("espeak").validate(voice.settings, f"{path} [profiles.{name}]")


def test_gtts_speakers_are_told_apart_by_accent_and_pitch_processing() -> None:
    """gTTS has one voice per accent: automatic casting combines accents with pitch
    shifts (processing), so even more speakers than accents all sound different."""
    config = parse_text("", "empty.toml")
    people = [Speaker(f"Person {i}") for i in range(10)]
    voices = cast(people, config, engine="gtts", force_engine=True)
    assert {v.engine for v in voices.values()} == {"gtts"}
    combos = {(v.settings.get("tld"), v.pitch_semitones) for v in voices.values()}
    assert len(combos) == len(voices) == 11
    assert any(v.pitch_semitones for v in voices.values())
