"""Real renders with the embedded espeak engine, checked by decoding the audio."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from helpers import decode, ebur128

from audioscript.cache import ClipCache
from audioscript.pipeline import load
from audioscript.render import RenderOptions, render
from audioscript.voices import load_config

SCRIPT = """# title: Test episode
# show: Demo show
# speaker: Mikey Madison | female
# speaker: Sean Baker | male
## Start
NARRATOR: Sean Baker never planned to make Anora.
Sean Baker: Red Rocket was a reaction to my other films not taking off.
Sean Baker: I actually thought Starlet would finally open doors.
[pause 900ms]
## The role
Mikey Madison: He is famous for sending voice memos.
NARRATOR: And that was how it began.
"""


@pytest.fixture()
def script_file(tmp_path: Path) -> Path:
    path = tmp_path / "episode.txt"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def test_render_script_with_espeak(script_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "ep.mp3"
    out.parent.mkdir()
    result = render(load(script_file), out, load_config(use_dir=False), RenderOptions())
    manifest = json.loads(out.with_suffix(".json").read_text())
    segments = manifest["segments"]
    assert [s["speaker"] for s in segments] == ["NARRATOR", "Sean Baker", "Sean Baker", "Mikey Madison", "NARRATOR"]
    assert {s["engine"] for s in segments} == {"espeak"}
    by_speaker = {s["speaker"]: s["voice"] for s in segments}
    assert len(set(by_speaker.values())) == 3  # a distinct voice per speaker
    # timing: in order, no overlap, pauses by context, the directive's pause honoured
    for a, b in zip(segments, segments[1:]):
        assert a["end_ms"] < b["start_ms"]
    assert segments[1]["start_ms"] - segments[0]["end_ms"] == 700  # change of speaker
    assert segments[2]["start_ms"] - segments[1]["end_ms"] == 350  # same speaker
    assert segments[3]["start_ms"] - segments[2]["end_ms"] == 900  # [pause 900ms]
    assert [c["title"] for c in manifest["chapters"]] == ["Start", "The role"]
    assert manifest["chapters"][1]["start_ms"] == segments[3]["start_ms"]
    # the audio decodes, runs as long as the manifest says, and speech is where cues say
    audio = decode(out)
    assert abs(len(audio) / 16000 * 1000 - manifest["duration_ms"]) < 80
    for seg in segments:
        start, end = seg["start_ms"] * 16, seg["end_ms"] * 16
        assert np.sqrt(np.mean(audio[start:end] ** 2)) > 0.02
    gap = audio[segments[2]["end_ms"] * 16 + 800 : segments[3]["start_ms"] * 16 - 800]
    assert np.abs(gap).max() < 0.01
    lufs, peak = ebur128(out)
    assert abs(lufs - -19) <= 0.5
    assert peak <= -1.0
    vtt = out.with_suffix(".vtt").read_text()
    assert "<v Sean Baker>Red Rocket was a reaction" in vtt
    assert result.stats.made == 5 and result.stats.hits == 0


def test_rerender_hits_cache_and_edit_resynthesizes_one_line(script_file: Path, tmp_path: Path) -> None:
    config = load_config(use_dir=False)
    first = render(load(script_file), tmp_path / "a.mp3", config, RenderOptions())
    again = render(load(script_file), tmp_path / "a.mp3", config, RenderOptions())
    assert (again.stats.made, again.stats.hits) == (0, first.stats.total)
    script_file.write_text(SCRIPT.replace("voice memos", "voice notes"), encoding="utf-8")
    edited = render(load(script_file), tmp_path / "a.mp3", config, RenderOptions())
    assert (edited.stats.made, edited.stats.hits) == (1, first.stats.total - 1)


def test_stereo_pan_and_loudness(script_file: Path, tmp_path: Path) -> None:
    voices = tmp_path / "v.toml"
    voices.write_text(
        '[profiles.left]\nengine = "espeak"\nsettings = { voice = "en-us", variant = "m6" }\npan = -0.8\n'
        '[cast]\n"Sean Baker" = "left"\n'
    )
    out = tmp_path / "s.mp3"
    render(load(script_file), out, load_config([voices], use_dir=False), RenderOptions(channels=2))
    lufs, peak = ebur128(out)
    assert abs(lufs - -16) <= 0.5 and peak <= -1.0


def test_engine_failure_names_line_and_keeps_finished_clips(script_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from audioscript.engines.espeak import EspeakEngine
    from audioscript.errors import EngineError

    real = EspeakEngine.synthesize

    def flaky(self, text, settings):  # type: ignore[no-untyped-def]
        if "voice memos" in text:
            raise EngineError("simulated failure")
        return real(self, text, settings)

    monkeypatch.setattr(EspeakEngine, "synthesize", flaky)
    out = tmp_path / "x.mp3"
    with pytest.raises(EngineError, match=r"episode.txt:11 \(Mikey Madison\): simulated failure"):
        render(load(script_file), out, load_config(use_dir=False), RenderOptions())
    assert not out.exists()
    assert not list(tmp_path.glob(".x.mp3*"))
    assert ClipCache().info().entries >= 3  # the lines before it stay cached


def test_changing_one_profile_resynthesizes_only_that_speaker(script_file: Path, tmp_path: Path) -> None:
    voices = tmp_path / "v.toml"
    profile = '[profiles.baker]\nengine = "espeak"\nsettings = {{ voice = "en-us", variant = "m6", pitch = {pitch} }}\n[cast]\nBaker = "baker"\n'
    voices.write_text(profile.format(pitch=40))
    first = render(load(script_file), tmp_path / "a.mp3", load_config([voices], use_dir=False), RenderOptions())
    voices.write_text(profile.format(pitch=60))
    second = render(load(script_file), tmp_path / "a.mp3", load_config([voices], use_dir=False), RenderOptions())
    assert (second.stats.made, second.stats.hits) == (2, first.stats.total - 2)  # Baker's two lines
    changed = {s.speaker for s, t in zip(first.episode.segments, second.episode.segments) if s.cache_key != t.cache_key}
    assert changed == {"Sean Baker"}


def test_chapters_read_back_and_cues_match_the_audio(script_file: Path, tmp_path: Path) -> None:
    from audioscript.export import read_chapters

    out = tmp_path / "c.mp3"
    result = render(
        load(script_file), out, load_config(use_dir=False),
        RenderOptions(meta={"artist": "Tester", "date": "2026-11-26"}),
    )  # fmt: skip
    chapters = read_chapters(out)
    assert [(c.title, c.start_ms) for c in chapters] == [(c.title, c.start_ms) for c in result.episode.chapters]
    from mutagen.id3 import ID3

    tags = ID3(out)
    assert str(tags["TIT2"]) == "Test episode" and str(tags["TALB"]) == "Demo show"
    assert str(tags["TPE1"]) == "Tester"
    # every WebVTT cue starts within 50 ms of the speech it labels
    audio = decode(out)
    loud = np.abs(audio) > 10 ** (-40 / 20)
    vtt = out.with_suffix(".vtt").read_text()
    starts = []
    for line in vtt.splitlines():
        if "-->" in line:
            h, m, s = line.split(" --> ")[0].split(":")
            starts.append(round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000))
    assert starts == [s.start_ms for s in result.episode.segments]
    for start in starts:
        base = max(0, start - 150)
        window = loud[base * 16 : (start + 150) * 16]
        onset_ms = base + int(np.argmax(window)) / 16
        assert abs(onset_ms - start) <= 50, (start, onset_ms)


def test_damaged_clip_is_made_again_and_counted(script_file: Path, tmp_path: Path) -> None:
    config = load_config(use_dir=False)
    first = render(load(script_file), tmp_path / "a.mp3", config, RenderOptions())
    entry = next((ClipCache().root / "clips").glob("*/*"))
    entry.write_bytes(entry.read_bytes()[:-10])  # truncated, as by a full disk
    again = render(load(script_file), tmp_path / "a.mp3", config, RenderOptions())
    assert (again.stats.made, again.stats.hits) == (1, first.stats.total - 1)


def test_long_episode_is_encoded_in_parallel_parts_with_exact_timings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past two minutes the encode is split at pauses across cores; the joined MP3 must
    decode to the manifest's length and every cue must still sit on its speech."""
    import audioscript.render as render_module
    from audioscript.export import read_chapters

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    calls = []
    real = render_module.encode_parallel
    monkeypatch.setattr(render_module, "encode_parallel", lambda *a, **k: calls.append(1) or real(*a, **k))
    lines = ["# title: Long", "## One"]
    for n in range(40):
        if n == 20:
            lines.append("## Two")
        lines.append(f"{'NARRATOR' if n % 2 else 'Ana Lima'}: Sentence number {n} is long enough to take a few seconds.")
    script = tmp_path / "long.txt"
    script.write_text("\n".join(lines) + "\n")
    out = tmp_path / "long.mp3"
    reported: list[tuple[float, float]] = []
    result = render(
        load(script), out, load_config(use_dir=False), RenderOptions(engine="silent", force_engine=True),
        encoding=lambda done, total: reported.append((done, total)),
    )  # fmt: skip
    assert calls and result.episode.duration_ms > 150_000
    # the encode's progress, summed over the parts' threads: up to the whole episode, once
    assert reported[-1][0] == reported[-1][1] == pytest.approx(result.episode.duration_ms / 1000, abs=0.5)
    assert [done for done, _ in reported] == sorted(done for done, _ in reported)
    assert sum(done == total for done, total in reported) == 1
    audio = decode(out)
    assert abs(len(audio) / 16 - result.episode.duration_ms) <= 5
    loud = np.abs(audio) > 10 ** (-40 / 20)
    for segment in result.episode.segments:
        base = max(0, segment.start_ms - 150)
        onset = base + int(np.argmax(loud[base * 16 : (segment.start_ms + 150) * 16])) / 16
        assert abs(onset - segment.start_ms) <= 50, segment
    assert [(c.title, c.start_ms) for c in read_chapters(out)] == [(c.title, c.start_ms) for c in result.episode.chapters]
    assert result.episode.chapters[0].start_ms == 0


def test_mp3_frames_counts_a_bare_stream() -> None:
    from audioscript.render import mp3_frames

    header = bytes([0xFF, 0xFB, 0x90, 0x00])  # MPEG-1 Layer III, 128 kbit/s, 44.1 kHz
    frame = header + bytes(417 - 4)
    assert mp3_frames(frame * 3) == 3
    assert mp3_frames(frame * 3 + b"x") == -1
    assert mp3_frames(b"ID3" + frame) == -1
