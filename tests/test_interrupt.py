"""Interrupting a render loses nothing (issue 7).

A real ``python -m audioscript render`` (espeak) is stopped at three moments: during
start-up, during synthesis (clips are appearing in the cache) and during the encode (the
hidden temporary episode is being written). The moments are events rather than fixed
delays so the tests mean the same thing on a fast and on a loaded machine.

After SIGINT (Ctrl-C, sent to the whole process group as a terminal does) and SIGTERM
(``kill PID``), nothing may be left: no file at the output path, or the previous episode
byte for byte, no hidden temporary file, no process still running. SIGKILL cannot be
caught: the output path is still absent or intact (the rename never happened), but a
hidden ``.episode.mp3.*.tmp.mp3`` may remain beside it, and the ffmpeg child may finish
writing it; the next successful render does not depend on it.

A render run again after an interruption reuses the clips finished before it and gives
the same episode as an uninterrupted render.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from audioscript.cli import cli

pytestmark = pytest.mark.slow

SPEAKERS = ("NARRATOR", "Ana Lima", "Bruno Costa", "Carla Dias")
SUBJECTS = (
    "The river", "Our small town", "The old mill", "Every winter", "The committee",
    "A stranger", "The market",
)  # fmt: skip
VERBS = ("changed", "remembered", "carried", "surprised", "ignored", "rebuilt", "welcomed")
OBJECTS = (
    "the bridge", "a quiet morning", "the long road home", "our neighbours", "the first snow",
    "the harbour lights",
)  # fmt: skip
ENDINGS = (
    "before anyone noticed.", "and nobody complained.", "for the third time this year.",
    "as the bells rang.",
)  # fmt: skip
LINES = 60


def make_script(path: Path) -> Path:
    """About 60 varied lines by four speakers: a few seconds of espeak synthesis."""
    lines = ["# title: Interrupted", "## Part one"]
    for i in range(LINES):
        if i == LINES // 2:
            lines += ["[pause 900ms]", "## Part two"]
        speaker = SPEAKERS[(i * 7 // 3) % len(SPEAKERS)]
        sentence = (
            f"{SUBJECTS[i % 7]} {VERBS[(i * 3) % 7]} {OBJECTS[(i * 5) % 6]} "
            f"{ENDINGS[(i * 2) % 4]} That was number {i + 1}."
        )
        lines.append(f"{speaker}: {sentence}")
    path.write_text("\n".join(lines) + "\n")
    return path


def render_command(script: Path, out: Path) -> list[str]:
    return [
        sys.executable, "-m", "audioscript", "render", str(script), "-o", str(out),
        "--engine", "espeak",
    ]  # fmt: skip


def environment(cache: Path, home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "AUDIOSCRIPT_CACHE_DIR": str(cache),
        "AUDIOSCRIPT_VOICES_DIR": str(home / "no-voices"),
        "AUDIOSCRIPT_TEMPLATES_DIR": str(home / "no-templates"),
        "AUDIOSCRIPT_ENGINE": "espeak",
    }


class Render:
    """A render running in its own process group (so Ctrl-C reaches its workers and ffmpeg
    too, as in a terminal). Its output goes to files, not pipes: children left running
    after the main process dies would keep pipes open."""

    def __init__(self, script: Path, out: Path, cache: Path, logs: Path) -> None:
        self.stderr_path = logs / "stderr.txt"
        with open(self.stderr_path, "w") as err:
            self.proc = subprocess.Popen(
                render_command(script, out),
                env=environment(cache, script.parent),
                stdout=subprocess.DEVNULL,
                stderr=err,
                start_new_session=True,
            )
        self.pid = self.proc.pid

    def poll(self) -> int | None:
        return self.proc.poll()

    def wait(self, seconds: float = 20) -> tuple[int, str]:
        """The exit code of the main process and what it wrote to stderr."""
        try:
            code = self.proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the render hangs: still running {seconds:g} s after the signal")
        return code, self.stderr_path.read_text()

    def stop_leftovers(self) -> None:
        """Kill whatever the render left running (its own process group only)."""
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def clip_files(cache: Path) -> list[Path]:
    return [p for p in (cache / "clips").glob("*/*") if not p.name.startswith(".tmp-")]


def temp_files(out: Path) -> list[Path]:
    """Hidden temporary files of the episode and its sidecars (``.episode.json.*.tmp.json``)."""
    return sorted(out.parent.glob(f".{out.stem}.*.tmp*"))


def _writing(out: Path) -> bool:
    for temp in temp_files(out):
        try:
            if temp.stat().st_size > 0:
                return True
        except FileNotFoundError:
            pass
    return False


def wait_for(moment: str, render: Render, cache: Path, out: Path) -> None:
    started = time.monotonic()
    reached = {
        "startup": lambda: time.monotonic() - started >= 0.1,
        "synthesis": lambda: len(clip_files(cache)) >= 3,
        "encoding": lambda: _writing(out),
    }[moment]
    while render.poll() is None and time.monotonic() - started < 120:
        if reached():
            return
        time.sleep(0.005)
    code, err = render.wait()
    pytest.fail(f"the render ended (exit {code}) before {moment}: {err}")


def running_in_group(pgid: int) -> list[str]:
    """Live (not zombie) processes of process group ``pgid``, as 'pid command'."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(f"{stat.parent.name} {text[text.index('(') + 1 : text.rindex(')')]}")
    return found


def settle(render: Render, seconds: float = 3.0) -> list[str]:
    """Give the render's children a moment to exit; return those still running."""
    deadline = time.monotonic() + seconds
    while running_in_group(render.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return running_in_group(render.pid)


def summary_counts(stderr: str) -> tuple[int, int]:
    match = re.search(r"(\d+) synthesized, (\d+) cached", stderr)
    assert match, stderr
    return int(match.group(1)), int(match.group(2))


def segments(manifest: Path) -> list[dict[str, Any]]:
    segments: list[dict[str, Any]] = json.loads(manifest.read_text())["segments"]
    return segments


#: espeak-ng's output varies between calls for the same text (see FACTS.md and
#: test_espeak_jitter_is_small below): a few ms of speech, and with the breathy Klatt voices
#: up to tens of ms of tail noise around the silence trim; clips made in two runs differ by it
CLIP_JITTER_MS = 80


def assert_same_episode(manifest: Path, reference: list[dict[str, Any]]) -> None:
    """The same lines by the same speakers in the same voices, every line as long as in the
    reference up to espeak's own jitter, and the episode as long to within 0.5 %."""
    got = segments(manifest)
    said = [(s["speaker"], s["text"], s["voice"]) for s in got]
    assert said == [(s["speaker"], s["text"], s["voice"]) for s in reference]
    for mine, theirs in zip(got, reference):
        mine_ms, theirs_ms = mine["end_ms"] - mine["start_ms"], theirs["end_ms"] - theirs["start_ms"]
        assert abs(mine_ms - theirs_ms) <= CLIP_JITTER_MS, (mine, theirs)
    assert abs(got[-1]["end_ms"] - reference[-1]["end_ms"]) <= 0.005 * reference[-1]["end_ms"]


@dataclass(frozen=True)
class Reference:
    script: Path
    out: Path  # an uninterrupted render: episode.mp3 and its sidecars
    cache: Path  # every clip of the script
    segments: list[dict[str, Any]]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    home = tmp_path_factory.mktemp("interrupt")
    script = make_script(home / "script.txt")
    out = home / "reference" / "episode.mp3"
    done = subprocess.run(
        render_command(script, out),
        env=environment(home / "reference-cache", home),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert summary_counts(done.stderr) == (LINES, 0)
    return Reference(script, out, home / "reference-cache", segments(out.with_suffix(".json")))


SIDECARS = (".mp3", ".json", ".vtt", ".srt")

CASES = [
    (sig, moment)
    for sig in ("SIGINT", "SIGTERM", "SIGKILL")
    for moment in ("startup", "synthesis", "encoding")
]


@pytest.mark.parametrize(("sig", "moment"), CASES, ids=[f"{s}-{m}" for s, m in CASES])
def test_interrupted_render_leaves_nothing_behind(
    sig: str, moment: str, reference: Reference, tmp_path: Path
) -> None:
    out = tmp_path / "show" / "episode.mp3"
    cache = tmp_path / "cache"
    previous: dict[str, bytes] = {}
    if moment == "encoding":
        # the clips are ready, so the render gets to the encode at once; and a finished
        # episode from an earlier render is in the way and must survive
        shutil.copytree(reference.cache, cache)
        out.parent.mkdir()
        for suffix in SIDECARS:
            shutil.copy(reference.out.with_suffix(suffix), out.with_suffix(suffix))
            previous[suffix] = out.with_suffix(suffix).read_bytes()

    logs = tmp_path / "logs"
    logs.mkdir()
    render = Render(reference.script, out, cache, logs)
    try:
        wait_for(moment, render, cache, out)
        if sig == "SIGINT":
            os.killpg(render.pid, signal.SIGINT)  # Ctrl-C in a terminal
        else:
            os.kill(render.pid, getattr(signal, sig))  # kill PID
        code, err = render.wait()
        assert code != 0, err
        if sig == "SIGINT" and moment != "startup":  # Python may still be importing at start-up
            assert code == 130, err
            assert err == "Interrupted: nothing was written; finished clips stay cached.\n"

        for suffix in SIDECARS:
            path = out.with_suffix(suffix)
            if suffix in previous:
                assert path.read_bytes() == previous[suffix], f"the previous {path.name} changed"
            else:
                assert not path.exists(), f"{path.name} exists after {sig} at {moment}"
        if sig != "SIGKILL":
            assert settle(render) == [], f"still running after {sig}"
            assert [p.name for p in temp_files(out)] == [], f"temporary files left after {sig}"
        # after SIGKILL a hidden temporary file may remain (documented above)
    finally:
        render.stop_leftovers()


def test_render_after_interrupt_reuses_clips_and_matches_uninterrupted(
    reference: Reference, tmp_path: Path
) -> None:
    out = tmp_path / "episode.mp3"
    cache = tmp_path / "cache"
    logs = tmp_path / "logs"
    logs.mkdir()
    render = Render(reference.script, out, cache, logs)
    try:
        deadline = time.monotonic() + 120
        while len(clip_files(cache)) < 10 and render.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert render.poll() is None, "the render ended before it was interrupted"
        os.killpg(render.pid, signal.SIGINT)
        code, err = render.wait()
        assert code == 130, err
        settle(render)
    finally:
        render.stop_leftovers()
    kept = len(clip_files(cache))
    assert 10 <= kept < LINES
    assert not out.exists()

    again = subprocess.run(
        render_command(reference.script, out),
        env=environment(cache, reference.script.parent),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    assert summary_counts(again.stderr) == (LINES - kept, kept)
    assert_same_episode(out.with_suffix(".json"), reference.segments)
    assert temp_files(out) == []


def test_render_failing_after_the_manifest_keeps_the_previous_episode_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The four files of an episode belong together: a render stopped between writing the
    new manifest and renaming the new audio must not leave new sidecars beside old audio."""
    import audioscript.export

    script = tmp_path / "script.txt"
    script.write_text("NARRATOR: The first version.\nAna Lima: Of this episode.\n")
    out = tmp_path / "episode.mp3"
    args = ["render", str(script), "-o", str(out), "--engine", "silent", "-q"]
    runner = CliRunner(mix_stderr=False)
    assert runner.invoke(cli, args).exit_code == 0
    previous = {suffix: out.with_suffix(suffix).read_bytes() for suffix in SIDECARS}

    script.write_text("NARRATOR: The second version.\nAna Lima: Of this episode, but longer.\n")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(audioscript.export, "write_srt", interrupted)
    result = runner.invoke(cli, args)
    assert result.exit_code == 130
    assert result.stderr == "Interrupted: nothing was written; finished clips stay cached.\n"
    for suffix, data in previous.items():
        path = out.with_suffix(suffix)
        assert path.read_bytes() == data, f"{path.name} was replaced, the audio was not"
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["episode.json", "episode.mp3", "episode.srt", "episode.vtt", "script.txt"]


@pytest.mark.parametrize("variant", ["f5", "m3"])
def test_espeak_jitter_is_small_and_the_cache_makes_renders_repeatable(variant: str, tmp_path: Path) -> None:
    """espeak-ng is not bit-exact between calls (its state carries over; reseeding and even
    re-initialising do not change that), so clips are cached by key and a render from the
    cache is exactly repeatable; fresh clips differ by a few milliseconds at most."""
    from audioscript.cache import ClipCache
    from audioscript.engines.espeak import EspeakEngine
    from audioscript.models import Voice
    from audioscript.synth import make_job, synthesize

    engine = EspeakEngine()
    settings = {"voice": "en-us", "variant": variant, "rate": 160, "pitch": 50, "range": 60}
    text = "The river changed the bridge before anyone noticed."
    lengths = []
    for _ in range(5):
        lengths.append(len(engine.synthesize(text, settings).data) / 2 / 22050 * 1000)
        engine.synthesize("Something else entirely, to move the engine along.", settings)
    assert max(lengths) - min(lengths) <= 25
    cache = ClipCache(tmp_path / "cache")
    job = make_job(text, Voice("v", "espeak", settings), {}, "test")
    synthesize([job], cache, workers=1)
    assert cache.get(job.key) == cache.get(job.key)

@pytest.fixture
def stop_flag() -> Any:
    from audioscript import interrupt

    yield interrupt
    interrupt.reset()


def test_a_stop_whose_exception_python_dropped_still_stops_the_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop_flag: Any
) -> None:
    """The CI failure this guards against: SIGTERM landed while an import's weakref callback
    ran, Python printed "Exception ignored" and the render went on to write the episode.
    Here the signal handler's request is made and its exception lost, as then."""
    import audioscript.export

    script = tmp_path / "script.txt"
    script.write_text("NARRATOR: A line.\nAna Lima: Another line.\n")
    out = tmp_path / "episode.mp3"
    real_write_vtt = audioscript.export.write_vtt

    def signal_lost_while_writing(*args: Any, **kwargs: Any) -> None:
        stop_flag.request()  # what the handler does before its exception is dropped
        real_write_vtt(*args, **kwargs)

    monkeypatch.setattr(audioscript.export, "write_vtt", signal_lost_while_writing)
    result = CliRunner(mix_stderr=False).invoke(cli, ["render", str(script), "-o", str(out), "--engine", "silent", "-q"])
    assert result.exit_code == 130, result.stderr
    assert result.stderr == "Interrupted: nothing was written; finished clips stay cached.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["script.txt"]


def test_a_stop_requested_before_synthesis_makes_no_clip(tmp_path: Path, stop_flag: Any) -> None:
    from audioscript.cache import ClipCache
    from audioscript.models import Voice
    from audioscript.synth import make_job, synthesize

    cache = ClipCache(tmp_path / "cache")
    job = make_job("Never said.", Voice("v", "silent", {}), {}, "test")
    stop_flag.request()
    with pytest.raises(KeyboardInterrupt):
        synthesize([job], cache, workers=1)
    assert job.key not in cache
