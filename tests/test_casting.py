"""Automatic casting with Kokoro voices: gender, spread, determinism and stability."""

from __future__ import annotations

from audioscript.casting import KOKORO_POOL, KOKORO_TIERS, cast
from audioscript.models import NARRATOR, Speaker
from audioscript.voices import VoiceConfig, parse_text

MEN = [Speaker(f"Man {chr(65 + i)}", "male") for i in range(6)]
WOMEN = [Speaker(f"Woman {chr(65 + i)}", "female") for i in range(3)]


def voice_ids(voices: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {name: voice.settings["voice"] for name, voice in voices.items()}


def test_narrator_and_speakers_get_distinct_voices_of_their_gender() -> None:
    ids = voice_ids(cast(MEN + WOMEN, VoiceConfig(), engine="kokoro"))
    assert ids[NARRATOR] == "af_heart"
    assert len(set(ids.values())) == len(ids)
    assert all(ids[s.name] in KOKORO_POOL["male"] for s in MEN)
    assert all(ids[s.name] in KOKORO_POOL["female"] for s in WOMEN)
    # the first four men take the four voices farthest apart, before any other
    first = set(KOKORO_POOL["male"][: KOKORO_TIERS[0]])
    assert len(first & {ids[s.name] for s in MEN}) == 4


def test_casting_is_deterministic_and_adding_a_speaker_rarely_moves_anyone() -> None:
    people = MEN[:3] + WOMEN
    before = voice_ids(cast(people, VoiceConfig(), engine="kokoro"))
    again = voice_ids(cast(list(reversed(people)), VoiceConfig(), engine="kokoro"))
    assert again == before
    moves = []
    for i in range(40):
        newcomer = Speaker(f"Newcomer {i}", "female" if i % 2 else "male")
        after = voice_ids(cast([*people, newcomer], VoiceConfig(), engine="kokoro"))
        moves.append(sum(after[name] != before[name] for name in before))
    # a newcomer moves someone only by taking the voice that person had: at most a couple
    assert max(moves) <= 2
    assert moves.count(0) >= len(moves) / 2


def test_casting_one_speaker_by_hand_moves_nobody_else() -> None:
    people = MEN[:3] + WOMEN
    before = voice_ids(cast(people, VoiceConfig(), engine="kokoro"))
    config = parse_text(
        '[profiles.mine]\nengine = "kokoro"\nsettings = { voice = "am_santa" }\n'
        '[cast]\n"Man A" = "mine"\n',
        "v.toml",
    )
    after = voice_ids(cast(people, config, engine="kokoro"))
    assert after["Man A"] == "am_santa"
    assert {k: v for k, v in after.items() if k != "Man A"} == {
        k: v for k, v in before.items() if k != "Man A"
    }


def test_more_people_than_voices_are_told_apart_by_blends() -> None:
    many = [Speaker(f"Person {i}", "female") for i in range(20)]
    ids = voice_ids(cast(many, VoiceConfig(), engine="kokoro"))
    assert len(set(ids.values())) == len(ids)
    assert any(":50," in voice for voice in ids.values())


def test_a_speaker_the_text_gives_no_gender_takes_one_from_a_clear_first_name() -> None:
    from click.testing import CliRunner

    from audioscript.cli import cli

    with CliRunner().isolated_filesystem():
        with open("s.txt", "w") as f:
            f.write("NARRATOR: Hello.\nLinda Park: Hi there.\nRobert Stone: Good evening.\n")
        result = CliRunner().invoke(cli, ["check", "s.txt", "--engine", "kokoro"])
    assert result.exit_code == 0, result.output
    ids = voice_ids(
        cast(
            [Speaker("Linda Park", "female"), Speaker("Robert Stone", "male")],
            VoiceConfig(),
            engine="kokoro",
        )
    )
    assert ids["Linda Park"] in KOKORO_POOL["female"] and ids["Robert Stone"] in KOKORO_POOL["male"]


def _remembered(voices: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {name.casefold(): v.name for name, v in voices.items() if name != NARRATOR}


def test_with_the_cast_remembered_adding_a_speaker_moves_nobody() -> None:
    people = MEN[:3] + WOMEN
    first = cast(people, VoiceConfig(), engine="kokoro")
    before = voice_ids(first)
    moved_without_memory = 0
    for i in range(60):
        newcomer = Speaker(f"Newcomer {i}", "female" if i % 2 else "male")
        after = voice_ids(
            cast([*people, newcomer], VoiceConfig(), "kokoro", remembered=_remembered(first))
        )
        assert {name: after[name] for name in before} == before
        assert len(set(after.values())) == len(after)  # the newcomer still has a voice of its own
        plain = voice_ids(cast([*people, newcomer], VoiceConfig(), engine="kokoro"))
        moved_without_memory += any(plain[name] != before[name] for name in before)
    assert moved_without_memory > 0  # what the memory is for


def test_with_the_cast_remembered_a_long_run_of_newcomers_moves_nobody() -> None:
    people = list(MEN[:2] + WOMEN[:2])
    voices = cast(people, VoiceConfig(), engine="kokoro")
    for i in range(12):  # one more speaker each time, remembering the last run's cast
        people.append(Speaker(f"Guest {i}", "male" if i % 3 else "female"))
        later = cast(people, VoiceConfig(), "kokoro", remembered=_remembered(voices))
        assert all(later[name] == voices[name] for name in voices if name != NARRATOR)
        assert len({v.settings["voice"] for v in later.values()}) == len(later)
        voices = later


def test_a_remembered_voice_cast_by_hand_to_someone_else_moves_only_its_owner() -> None:
    people = MEN[:3] + WOMEN
    first = cast(people, VoiceConfig(), engine="kokoro")
    taken = first["Man B"].settings["voice"]
    config = parse_text(
        f'[profiles.mine]\nengine = "kokoro"\nsettings = {{ voice = "{taken}" }}\n'
        '[cast]\n"Man A" = "mine"\n',
        "v.toml",
    )
    after = voice_ids(cast(people, config, "kokoro", remembered=_remembered(first)))
    assert after["Man A"] == taken and after["Man B"] != taken
    before = voice_ids(first)
    assert all(after[n] == before[n] for n in before if n not in ("Man A", "Man B"))


def test_a_remembered_voice_of_the_wrong_gender_or_unknown_name_is_not_kept() -> None:
    first = cast(MEN[:1], VoiceConfig(), engine="kokoro")
    remembered = {
        "man a": first["Man A"].name,
        "woman a": first["Man A"].name,
        "man b": "auto-kokoro-nobody",
    }
    after = cast(
        [Speaker("Woman A", "female"), Speaker("Man B", "male")],
        VoiceConfig(),
        "kokoro",
        remembered=remembered,
    )
    assert after["Woman A"].settings["voice"] in KOKORO_POOL["female"]
    assert after["Man B"].settings["voice"] in KOKORO_POOL["male"]
