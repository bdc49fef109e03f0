"""Render: plan a script into clips and pauses, synthesize, assemble, master, encode.

Assembly is linear in the number of lines: clips are streamed from the cache straight
into one ffmpeg encode, so Python never holds the whole episode. Loudness is computed
before the encode from per-clip measurements (see :mod:`audioscript.loudness`): every
voice is matched to the same speech level, the episode is set to the podcast target
(-16 LUFS stereo, -19 LUFS mono), and a limiter keeps the true peak under -1 dBTP.
"""

from __future__ import annotations

import itertools
import math
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from . import ffmpeg, loudness
from .cache import ClipCache, clip_key
from .casting import cast
from .names import gender_of_name
from .engines import get_engine
from .errors import AudioError, EngineError, InputError, UsageError
from .models import (
    NARRATOR,
    Chapter,
    ChapterMark,
    Cue,
    Directive,
    Episode,
    Script,
    Segment,
    Speaker,
    Voice,
)
from .pipeline import Loaded
from .script import pause_ms
from .synth import WORK_RATE, Job, Progress, SynthStats, make_job, synthesize
from .voices import VoiceConfig

#: pauses by context, in milliseconds
PAUSE_SENTENCE = 350
PAUSE_SPEAKER = 700
PAUSE_CHAPTER = 1300
FADE_MS = 6
SPEECH_REFERENCE_LUFS = -20.0  # every voice is levelled to this before the master gain
TRUE_PEAK_LIMIT_DBFS = -2.0
MUSIC_VOLUME_DB = -20.0
MUSIC_DUCK_DB = -14.0
MUSIC_RAMP_MS = 250
SILENCE_BLOCK = 10 * WORK_RATE  # long pauses stream in blocks, never one huge array


@dataclass(frozen=True)
class RenderOptions:
    engine: str = "espeak"
    force_engine: bool = False
    fallback: str | None = None
    sample_rate: int = 44100
    channels: int = 1
    bitrate: str = "96k"
    workers: int | None = None
    target_lufs: float | None = None  # None: -16 stereo, -19 mono
    allow_outside: bool = False  # directive paths may leave the script's folder
    intro: str = ""
    outro: str = ""
    music: str = ""
    meta: Mapping[str, str] = field(default_factory=dict)

    @property
    def target(self) -> float:
        if self.target_lufs is not None:
            return self.target_lufs
        return -16.0 if self.channels == 2 else -19.0


@dataclass(frozen=True)
class Line:
    """A cue of the script with its voice and clip job."""

    index: int
    cue: Cue
    voice: Voice
    job: Job
    chapter: str


@dataclass(frozen=True)
class Plan:
    script: Script
    lines: tuple[Line, ...]
    voices: Mapping[str, Voice]
    items: tuple[Any, ...]  # Lines, Chapters and Directives in script order


def check_options(options: RenderOptions) -> None:
    if options.channels not in (1, 2):
        raise UsageError("--channels must be 1 (mono) or 2 (stereo).")
    if not 8000 <= options.sample_rate <= 48000:
        raise UsageError("--sample-rate must be between 8000 and 48000 Hz (44100 is standard).")
    rate = options.bitrate.lower().rstrip("k")
    if not rate.isdigit() or not 32 <= int(rate) <= 320:
        raise UsageError("--bitrate must be like 64k, 96k or 128k (32k to 320k).")
    if options.target_lufs is not None and not -40 <= options.target_lufs <= -5:
        raise UsageError("--loudness must be between -40 and -5 LUFS (podcasts use -16).")


def plan(loaded: Loaded, config: VoiceConfig, options: RenderOptions) -> Plan:
    """Give every cue a voice and a clip job."""
    script = loaded.script
    speakers = [
        Speaker(
            name,
            loaded.genders.get(name) or gender_of_name(name),  # the text first, names last
            aliases=tuple(loaded.aliases.get(name, ())),
        )
        for name in script.speakers
        if name != NARRATOR
    ]
    voices = cast(speakers, config, options.engine, options.force_engine)
    for name, voice in voices.items():
        get_engine(voice.engine).validate(voice.settings, voice.where or f"voice {voice.name!r} for {name}")
    lines: list[Line] = []
    items: list[Any] = []
    chapter = ""
    for item in script.items:
        if isinstance(item, Chapter):
            chapter = item.title
            items.append(item)
        elif isinstance(item, Directive):
            items.append(item)
        elif isinstance(item, Cue):
            voice = voices.get(item.speaker) or voices[NARRATOR]
            label = f"{script.path}:{item.line} ({item.speaker})"
            job = make_job(item.text, voice, config.lexicon, label)
            line = Line(len(lines), item, voice, job, chapter)
            lines.append(line)
            items.append(line)
    return Plan(script, tuple(lines), voices, tuple(items))


def resolve_media(path_text: str, script: Script, allow_outside: bool, where: str) -> Path:
    """A directive's file, relative to the script's folder and confined to it."""
    base = Path(script.path).parent.resolve() if script.path else Path.cwd().resolve()
    target = (base / path_text).resolve()
    if not allow_outside and base != target and base not in target.parents:
        raise InputError(
            f"{where}: {path_text} is outside the script's folder {base}; move it there "
            "or pass --allow-outside."
        )
    if not target.is_file():
        raise InputError(f"{where}: {path_text} not found (looked in {base}).")
    return target


# --- timeline -------------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """Something on the timeline: a clip (by key), silence, or decoded media."""

    start: int  # samples at WORK_RATE
    length: int
    line: Line | None = None
    media: Path | None = None
    gain: float = 1.0


@dataclass(frozen=True)
class Bed:
    """A music bed from ``start`` to ``end`` samples."""

    media: Path
    start: int
    end: int
    volume_db: float = MUSIC_VOLUME_DB
    duck_db: float = MUSIC_DUCK_DB


def _ms(samples: int) -> int:
    return round(samples * 1000 / WORK_RATE)


def _samples(ms: float) -> int:
    return round(ms * WORK_RATE / 1000)


def _media_pcm(path: Path) -> np.ndarray:
    data = ffmpeg.run(
        ["-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(WORK_RATE), "pipe:1"],
        what=f"decoding {path.name}",
    )
    return np.frombuffer(data, dtype="<i2")


def _options_of(args: Sequence[str], where: str) -> dict[str, float]:
    found = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        if not sep or key not in ("volume", "duck"):
            raise InputError(f"{where}: unknown option {arg!r}; use volume=-20dB or duck=-14dB.")
        try:
            decibels = float(value.lower().removesuffix("db"))
        except ValueError:
            raise InputError(f"{where}: {key} takes decibels, e.g. {key}=-20dB.") from None
        if not -60 <= decibels <= 0:
            raise InputError(f"{where}: {key}={value} must be between -60dB and 0dB.")
        found[f"{key}_db"] = decibels
    return found


def layout(
    plan_: Plan, lengths: Mapping[str, int], options: RenderOptions
) -> tuple[list[Placed], list[Bed], list[ChapterMark]]:
    """Place clips, pauses and media; pauses depend on context unless a directive sets one."""
    placed: list[Placed] = []
    beds: list[Bed] = []
    open_bed: tuple[Path, int, dict[str, float]] | None = None
    chapters: list[tuple[str, int]] = []
    cursor = 0
    previous: Line | None = None
    pending_pause: int | None = None  # set by [pause]
    chapter_break = False
    script = plan_.script

    def insert_media(path: Path) -> None:
        nonlocal cursor
        length = len(_media_pcm(path))
        placed.append(Placed(cursor, length, media=path))
        cursor += length

    if options.music:
        open_bed = (_media_file(options.music, "--music"), 0, {})
    if options.intro:
        insert_media(_media_file(options.intro, "--intro"))
        pending_pause = PAUSE_SPEAKER
    for item in plan_.items:
        if isinstance(item, Chapter):
            chapter_break = True
            chapters.append((item.title, -1))  # start fixed at the next line
            continue
        if isinstance(item, Directive):
            where = f"{script.path}:{item.line}"
            if item.name == "pause":
                pending_pause = (pending_pause or 0) + pause_ms(item, where)
            elif item.name == "sfx":
                _options_of(item.args[1:], where)
                cursor += _samples(pending_pause if pending_pause is not None else 200)
                pending_pause = 200
                insert_media(resolve_media(item.args[0], script, options.allow_outside, where))
            elif item.name == "music":
                if pending_pause:  # a pause written before the directive plays under it
                    cursor += _samples(pending_pause)
                    pending_pause = 0
                if open_bed:
                    beds.append(Bed(open_bed[0], open_bed[1], cursor, **open_bed[2]))
                    open_bed = None
                if item.args[0].lower() not in ("stop", "off"):
                    path = resolve_media(item.args[0], script, options.allow_outside, where)
                    open_bed = (path, cursor, _options_of(item.args[1:], where))
            continue
        line: Line = item
        if previous is not None or placed:
            if pending_pause is not None:
                gap = pending_pause
            elif chapter_break:
                gap = PAUSE_CHAPTER
            elif previous is not None and previous.cue.speaker != line.cue.speaker:
                gap = PAUSE_SPEAKER
            else:
                gap = PAUSE_SENTENCE
            cursor += _samples(gap)
        if chapters and chapters[-1][1] < 0:
            chapters[-1] = (chapters[-1][0], cursor)
        length = lengths[line.job.key]
        placed.append(Placed(cursor, length, line=line))
        cursor += length
        previous, pending_pause, chapter_break = line, None, False
    if options.outro:
        cursor += _samples(PAUSE_CHAPTER)
        insert_media(_media_file(options.outro, "--outro"))
    cursor += _samples(500)  # a breath of room at the end
    if open_bed:
        beds.append(Bed(open_bed[0], open_bed[1], cursor, **open_bed[2]))
    marks = []
    starts = [(title, start) for title, start in chapters if start >= 0]
    for i, (title, start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else cursor
        marks.append(ChapterMark(title, _ms(start), _ms(end)))
    placed.append(Placed(cursor, 0))  # end marker: total length
    return placed, beds, marks


def _media_file(path_text: str, flag: str) -> Path:
    path = Path(path_text)
    if not path.is_file():
        raise UsageError(f"{flag} {path_text}: no such file.")
    return path


# --- levels -----------------------------------------------------------------------------


def gains(
    placed: list[Placed], levels: Mapping[str, loudness.ClipLevels], target: float, channels: int = 1
) -> tuple[dict[str, float], float]:
    """Per-clip linear gains (voices levelled, episode at ``target``) and the predicted
    integrated loudness of the result.

    Stereo output carries each (constant-power panned) voice in both channels, whose
    energies BS.1770 adds: 3 dB louder than the same voice in mono.
    """
    by_speaker: dict[str, list[float]] = {}
    for item in placed:
        if item.line:
            by_speaker.setdefault(item.line.cue.speaker, []).extend(levels[item.line.job.key].steps)
    speaker_db = {}
    for speaker, steps in by_speaker.items():
        measured = loudness.integrated(np.array(steps))
        speaker_db[speaker] = 0.0 if math.isinf(measured) else SPEECH_REFERENCE_LUFS - measured
    clip_db: dict[str, float] = {}
    for item in placed:
        if item.line:
            clip_db[item.line.job.key] = speaker_db[item.line.cue.speaker] + item.line.voice.gain_db
    total = placed[-1].start if placed else 0
    step = int(WORK_RATE * loudness.STEP_SECONDS)
    ceiling = loudness.db_to_gain(TRUE_PEAK_LIMIT_DBFS)

    # what each placed clip contributes, worked out once for every trial master gain
    clips = [
        (item.start // step, np.array(levels[item.line.job.key].steps), levels[item.line.job.key],
         clip_db[item.line.job.key], _pan_peak(item.line.voice.pan, channels))
        for item in placed
        if item.line
    ]  # fmt: skip

    def loudness_at(master_db: float) -> float:
        """Integrated loudness of the episode with this master gain, limiter included."""
        timeline = np.zeros(total // step + 2)
        for first, steps, level, db, pan_peak in clips:
            gain = loudness.db_to_gain(db + master_db)
            peak = level.peak * gain * pan_peak
            drive = 20 * math.log10(peak / ceiling) if peak > 0 else 0.0
            energies = steps * (gain**2 * level.kept_at(drive))
            timeline[first : first + len(energies)] += energies[: len(timeline) - first]
        return loudness.integrated(timeline * channels)

    master = 0.0
    for _ in range(8):  # the limiter makes loudness sub-linear in gain: converge on it
        measured = loudness_at(master)
        if math.isinf(measured):
            return {key: loudness.db_to_gain(db) for key, db in clip_db.items()}, measured
        if abs(target - measured) < 0.05:
            break
        master += target - measured
    result = {key: loudness.db_to_gain(db + master) for key, db in clip_db.items()}
    return result, measured


def _pan_gains(pan: float) -> tuple[float, float]:
    """Constant-power pan law, scaled so the centre is unity in each channel."""
    angle = (pan + 1) * math.pi / 4
    return math.cos(angle) * math.sqrt(2), math.sin(angle) * math.sqrt(2)


def _pan_peak(pan: float, channels: int) -> float:
    return max(_pan_gains(pan)) if channels == 2 else 1.0


# --- streaming assembly ---------------------------------------------------------------


def _fade(samples: np.ndarray) -> np.ndarray:
    n = min(_samples(FADE_MS), samples.size // 2)
    if n:
        ramp = np.linspace(0.0, 1.0, n, dtype=np.float32)
        samples[:n] *= ramp
        samples[-n:] *= ramp[::-1]
    return samples


def _pan(mono: np.ndarray, pan: float) -> np.ndarray:
    """Constant-power pan of a mono block into interleaved stereo."""
    left, right = _pan_gains(pan)
    stereo = np.empty((mono.size, 2), dtype=np.float32)
    stereo[:, 0] = mono * left
    stereo[:, 1] = mono * right
    return stereo.reshape(-1)


def blocks(
    placed: list[Placed],
    beds: list[Bed],
    clip_gain: Mapping[str, float],
    cache: ClipCache,
    channels: int,
) -> Iterator[bytes]:
    """The episode as float32 blocks at WORK_RATE (full scale 1.0), in order.

    Float keeps peaks above full scale intact for the limiter in the encode, instead of
    clipping them here. Memory is one clip at a time.
    """
    bed_pcm: dict[Path, np.ndarray] = {}
    last_music_gain = 0.0
    cursor = 0
    for item in placed:
        pieces: list[tuple[int, np.ndarray | None, float, bool]] = []
        if item.start > cursor:
            pieces.append((cursor, None, 0.0, False))  # silence up to the item
        if item.length:
            if item.line:
                clip = cache.get(item.line.job.key, verify=False)  # synthesize() checked it
                if clip is None:
                    raise AudioError(
                        f"{item.line.job.label}: its clip vanished from the cache during the "
                        "render; run again."
                    )
                audio = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float32) * (1 / 32768)
                pan = item.line.voice.pan
                ceiling = loudness.db_to_gain(TRUE_PEAK_LIMIT_DBFS) / _pan_peak(pan, channels)
                audio = loudness.limit(audio * clip_gain[item.line.job.key], ceiling, WORK_RATE)
                pieces.append((item.start, _fade(audio.astype(np.float32)), pan, True))
            else:
                audio = _media_pcm(item.media).astype(np.float32) * (1 / 32768)  # type: ignore[arg-type]
                pieces.append((item.start, _fade(audio), 0.0, False))
        for start, sound, pan, speech in pieces:
            length = item.start - start if sound is None else sound.size
            if length <= 0:
                continue
            for offset in range(0, length, SILENCE_BLOCK if sound is None else length):
                size = min(length - offset, SILENCE_BLOCK) if sound is None else length
                block = np.zeros(size, dtype=np.float32) if sound is None else sound
                block, last_music_gain = _mix_beds(
                    block, start + offset, beds, bed_pcm, speech, last_music_gain
                )
                out = _pan(block, pan) if channels == 2 else block
                yield out.astype("<f4").tobytes()
            cursor = start + length


def _mix_beds(
    block: np.ndarray,
    start: int,
    beds: list[Bed],
    cache: dict[Path, np.ndarray],
    speech: bool,
    last_gain: float,
) -> tuple[np.ndarray, float]:
    for bed in beds:
        lo, hi = max(start, bed.start), min(start + block.size, bed.end)
        if lo >= hi:
            continue
        if bed.media not in cache:
            cache[bed.media] = _media_pcm(bed.media).astype(np.float32) * (1 / 32768)
        music = cache[bed.media]
        if music.size == 0:
            continue
        index = (np.arange(lo, hi) - bed.start) % music.size  # loop the bed
        gain = loudness.db_to_gain(bed.volume_db + (bed.duck_db if speech else 0.0))
        envelope = np.full(hi - lo, gain, dtype=np.float32)
        ramp = min(hi - lo, _samples(MUSIC_RAMP_MS))
        if ramp and last_gain != gain:
            envelope[:ramp] = np.linspace(last_gain or gain, gain, ramp)
        block = block.copy()
        block[lo - start : hi - start] += music[index] * envelope
        last_gain = gain
    return block, last_gain


def _encoder_args(options: RenderOptions, fmt: str, guard: bool = True) -> list[str]:
    """ffmpeg options from float PCM on stdin to the output format (before the target).

    ``fmt`` "mp3-part" is a bare MP3 stream (no Xing/LAME header, no ID3) for joining."""
    args = ["-y", "-f", "f32le", "-ar", str(WORK_RATE), "-ac", str(options.channels), "-i", "pipe:0"]
    if guard:  # intro, outro, effects and music are not limited by us: ffmpeg guards them
        ceiling = loudness.db_to_gain(TRUE_PEAK_LIMIT_DBFS + 0.5)
        args += ["-af", f"alimiter=limit={ceiling:.4f}:level=false:latency=true:attack=2:release=60"]
    args += ["-ar", str(options.sample_rate), "-ac", str(options.channels)]
    if fmt == "mp3":
        return args + ["-c:a", "libmp3lame", "-b:a", options.bitrate, "-f", "mp3"]
    if fmt == "mp3-part":
        return args + [
            "-c:a", "libmp3lame", "-b:a", options.bitrate, "-write_xing", "0",
            "-id3v2_version", "0", "-write_id3v1", "0", "-f", "mp3",
        ]  # fmt: skip
    return args + ["-c:a", "pcm_s16le", "-f", "wav"]


EXCERPT_SECONDS = 12


def codec_loss_db(
    placed: list[Placed], clip_gain: Mapping[str, float], cache: ClipCache, options: RenderOptions
) -> float:
    """Loudness the MP3 encoder removes (CBR LAME trims about 0.4 LU from speech),
    measured by encoding and decoding a short excerpt from the middle of the episode."""
    lines = [item for item in placed if item.line]
    if not lines:
        return 0.0
    middle = len(lines) // 2
    excerpt: list[Placed] = []
    cursor = 0
    for item in lines[middle:] + lines[:middle]:
        excerpt.append(replace(item, start=cursor))
        cursor += item.length + _samples(PAUSE_SENTENCE)
        if cursor >= EXCERPT_SECONDS * WORK_RATE:
            break
    excerpt.append(Placed(cursor, 0))
    args = _encoder_args(options, "mp3", guard=False)
    note = cache.root / "codec" / clip_key(
        {"excerpt": [(i.line.job.key, round(clip_gain[i.line.job.key], 4)) for i in excerpt if i.line], "encoder": args}
    )
    try:  # the same excerpt, levels and encoder as a previous render: its loss is known
        return float(note.read_text())
    except (OSError, ValueError):
        pass
    pcm = b"".join(blocks(excerpt, [], clip_gain, cache, options.channels))
    before = loudness.integrated_float(np.frombuffer(pcm, dtype="<f4"), WORK_RATE, options.channels)
    mp3 = ffmpeg.run(args + ["pipe:1"], input=pcm, what="encoding a test excerpt")
    decoded = ffmpeg.run(
        ["-f", "mp3", "-i", "pipe:0", "-f", "f32le", "-ac", str(options.channels), "-ar", str(WORK_RATE), "pipe:1"],
        input=mp3, what="decoding a test excerpt",
    )  # fmt: skip
    after = loudness.integrated_float(np.frombuffer(decoded, dtype="<f4"), WORK_RATE, options.channels)
    loss = 0.0 if math.isinf(before) or math.isinf(after) else max(0.0, min(2.0, before - after))
    from .atomic import write_text_atomic

    note.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(note, f"{loss:.4f}\n")
    return loss


def encode(
    chunks: Iterator[bytes],
    target: Path,
    options: RenderOptions,
    fmt: str = "mp3",
    shown: Path | None = None,
    guard: bool = True,
    meter: EncodeMeter | None = None,
) -> None:
    """Stream float PCM into one ffmpeg encode writing ``target`` (a temp path; errors
    name ``shown``, the path the user asked for). ``meter`` counts what was sent."""
    args = ffmpeg.command(*_encoder_args(options, fmt, guard), str(target))
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(args, stdin=subprocess.PIPE, stderr=errors)
        except OSError as exc:
            raise AudioError(f"could not start ffmpeg ({exc}): reinstall imageio-ffmpeg.") from exc
        assert proc.stdin is not None
        try:
            for chunk in chunks:
                proc.stdin.write(chunk)
                if meter is not None:
                    meter.add(len(chunk) // (4 * options.channels))
            proc.stdin.close()
        except BrokenPipeError:
            pass
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        code = proc.wait()
        if code != 0:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise AudioError(
                f"ffmpeg failed writing {shown or target}: "
                f"{detail[-1] if detail else f'exit {code}'}; check the disk has room, or point "
                "AUDIOSCRIPT_FFMPEG at a working ffmpeg."
            )


EncodeProgress = Callable[[float, float], None]  # (seconds encoded, seconds in all)


class EncodeMeter:
    """Counts the work samples sent to the encoder (from every part's thread) and reports
    seconds done at most ten times a second, and once at the end."""

    def __init__(self, total_samples: int, report: EncodeProgress) -> None:
        self.total = total_samples
        self.report = report
        self.samples = 0
        self.last = 0.0
        self.lock = threading.Lock()

    def add(self, samples: int) -> None:
        with self.lock:
            self.samples += samples
            now = time.monotonic()
            if now - self.last < 0.1 and self.samples < self.total:
                return
            self.last = now
            done = min(self.total, self.samples)
            self.report(done / WORK_RATE, self.total / WORK_RATE)  # under the lock: in order


# --- parallel encoding --------------------------------------------------------------------

#: samples a LAME stream is delayed by when decoded without its LAME header (measured)
LAME_DELAY = 1104
MP3_FRAME = 1152  # samples per MPEG-1 Layer III frame (32, 44.1 and 48 kHz)
MIN_CHUNK_SECONDS = 60
_BITRATES = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_RATES = (44100, 48000, 32000)


def mp3_frames(data: bytes) -> int:
    """Frames in a bare MPEG-1 Layer III stream, or -1 if it is not one."""
    count = position = 0
    while position + 4 <= len(data):
        b1, b2 = data[position + 1], data[position + 2]
        if data[position] != 0xFF or (b1 & 0xFE) != 0xFA or (b2 >> 4) in (0, 15) or (b2 >> 2) & 3 == 3:
            return -1
        size = 144 * _BITRATES[b2 >> 4] * 1000 // _RATES[(b2 >> 2) & 3] + ((b2 >> 1) & 1)
        position += size
        count += 1
    return count if position == len(data) else -1


def split_points(placed: list[Placed], beds: list[Bed], parts: int) -> list[int]:
    """Where to cut the episode for parallel encoding: in the middle of pauses near equal
    shares, never under a music bed. Returns the starts of parts 2..n (work samples)."""
    total = placed[-1].start
    gaps = []
    for before, after in itertools.pairwise(placed):
        end = before.start + before.length
        if after.start - end >= _samples(250):
            middle = (end + after.start) // 2
            if not any(bed.start <= middle < bed.end for bed in beds):
                gaps.append(middle)
    cuts: list[int] = []
    for k in range(1, parts):
        target = total * k // parts
        candidates = [g for g in gaps if (not cuts or g > cuts[-1] + MIN_CHUNK_SECONDS * WORK_RATE)]
        if not candidates:
            break
        cuts.append(min(candidates, key=lambda g: abs(g - target)))
    return [c for c in cuts if total - c >= MIN_CHUNK_SECONDS * WORK_RATE]


def encode_parallel(
    placed: list[Placed],
    beds: list[Bed],
    clip_gain: Mapping[str, float],
    cache: ClipCache,
    options: RenderOptions,
    target: Path,
    shown: Path,
    meter: EncodeMeter | None = None,
) -> list[tuple[int, float]] | None:
    """Encode the episode in parts on every core and join their MP3 frames into ``target``.

    Each part is cut in a pause; joined bare streams decode with LAME's delay at each
    part's start (a few ms of extra silence inside the pause). Returns, per part, its start
    (work samples) and how far its audio moves in the output (ms), or ``None`` when the
    episode is encoded in one piece (short, one core, or a rate without MPEG-1 frames).
    """
    from concurrent.futures import ThreadPoolExecutor

    parts = min(os.cpu_count() or 1, 4)
    if parts < 2 or options.sample_rate not in _RATES:
        return None
    cuts = split_points(placed, beds, parts)
    if not cuts:
        return None
    bounds = [0, *cuts, placed[-1].start]
    pieces = []
    for low, high in itertools.pairwise(bounds):
        inside = [replace(p, start=p.start - low) for p in placed[:-1] if low <= p.start < high]
        pieces.append([*inside, Placed(high - low, 0)])
    paths = [target.with_name(f"{target.name}.part{i}") for i in range(len(pieces))]
    try:
        with ThreadPoolExecutor(max_workers=len(pieces)) as pool:
            jobs = [
                pool.submit(encode, blocks(piece, beds, clip_gain, cache, options.channels), path, options, "mp3-part", shown, _has_media(placed, beds), meter)
                for piece, path in zip(pieces, paths)
            ]  # fmt: skip
            for job in jobs:
                job.result()
        frames_before = 0
        moves = []
        with open(target, "wb") as joined:
            for low, path in zip(bounds, paths):
                data = path.read_bytes()
                frames = mp3_frames(data)
                if frames < 0:
                    raise AudioError(f"ffmpeg wrote an unexpected MP3 stream for {shown}; run again.")
                placed_at = (frames_before * MP3_FRAME + LAME_DELAY) * 1000 / options.sample_rate
                moves.append((low, placed_at - low * 1000 / WORK_RATE))
                frames_before += frames
                joined.write(data)
        moves.append((placed[-1].start, frames_before * MP3_FRAME * 1000 / options.sample_rate))
        return moves
    finally:
        for path in paths:
            path.unlink(missing_ok=True)


def _has_media(placed: list[Placed], beds: list[Bed]) -> bool:
    """Whether anything but our own (already limited) speech is in the episode."""
    return bool(beds) or any(item.media for item in placed)


def shift_episode(episode: Episode, moves: list[tuple[int, float]]) -> Episode:
    """Move every cue and chapter by its part's offset; the duration becomes the stream's."""

    def moved(ms: int) -> int:
        offset = moves[0][1]
        for start, move in moves[:-1]:
            if ms * WORK_RATE // 1000 >= start:
                offset = move
        return round(ms + offset)

    duration = round(moves[-1][1])
    segments = tuple(
        replace(s, start_ms=moved(s.start_ms), end_ms=moved(s.end_ms)) for s in episode.segments
    )
    starts = [moved(c.start_ms) if c.start_ms else 0 for c in episode.chapters]
    chapters = tuple(
        replace(c, start_ms=start, end_ms=starts[i + 1] if i + 1 < len(starts) else duration)
        for i, (c, start) in enumerate(zip(episode.chapters, starts))
    )
    return replace(episode, segments=segments, chapters=chapters, duration_ms=duration)


# --- the whole render ---------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    episode: Episode
    stats: SynthStats
    seconds: float
    outputs: tuple[Path, ...]


def plan_and_synthesize(
    loaded: Loaded,
    config: VoiceConfig,
    options: RenderOptions,
    cache: ClipCache,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
) -> tuple[Plan, SynthStats]:
    """Cast and synthesize. With ``options.fallback``, a network engine that fails
    (offline, blocked, rate limited) hands the whole episode to the fallback engine;
    the clips it finished stay cached for the next online run."""
    plan_ = plan(loaded, config, options)
    try:
        stats = synthesize([l.job for l in plan_.lines], cache, workers=options.workers, progress=progress)
    except EngineError as exc:
        online = any(get_engine(v.engine).needs_network for v in plan_.voices.values())
        if not options.fallback or not online:
            raise
        if notify:
            notify(f"{exc} Falling back to --fallback {options.fallback} for every voice.")
        options = replace(options, engine=options.fallback, force_engine=True, fallback=None)
        plan_ = plan(loaded, config, options)
        stats = synthesize([l.job for l in plan_.lines], cache, workers=options.workers, progress=progress)
    return plan_, stats


def build_episode(
    plan_: Plan,
    stats: SynthStats,
    options: RenderOptions,
    cache: ClipCache,
) -> tuple[Episode, list[Placed], list[Bed], dict[str, float]]:
    """Lay the synthesized episode out and compute its levels (no encoding yet)."""
    lengths, levels = stats.lengths, stats.levels
    placed, beds, chapters = layout(plan_, lengths, options)
    clip_gain, predicted = gains(placed, levels, options.target, options.channels)
    loss = codec_loss_db(placed, clip_gain, cache, options)
    if loss > 0.05:  # aim above the target by what the encoder will take away
        clip_gain, predicted = gains(placed, levels, options.target + loss, options.channels)
        predicted -= loss
    segments = tuple(
        Segment(
            index=item.line.index,
            speaker=item.line.cue.speaker,
            text=item.line.cue.text,
            start_ms=_ms(item.start),
            end_ms=_ms(item.start + item.length),
            voice=item.line.voice.name,
            engine=item.line.voice.engine,
            cache_key=item.line.job.key,
            line=item.line.cue.line,
            chapter=item.line.chapter,
            spoken=item.line.job.text,
        )
        for item in placed
        if item.line
    )
    meta = {**plan_.script.meta, **{k: v for k, v in options.meta.items() if v}}
    episode = Episode(
        title=meta.get("title", "Untitled episode"),
        duration_ms=_ms(placed[-1].start),
        segments=segments,
        chapters=tuple(chapters),
        show=meta.get("show", ""),
        artist=meta.get("artist", ""),
        date=meta.get("date", ""),
        description=meta.get("description", ""),
        cover=meta.get("cover", ""),
        sample_rate=options.sample_rate,
        channels=options.channels,
        bitrate=options.bitrate,
        loudness_lufs=None if math.isinf(predicted) else round(predicted, 1),
    )
    return episode, placed, beds, clip_gain


def render(
    loaded: Loaded,
    output: Path,
    config: VoiceConfig,
    options: RenderOptions,
    *,
    cache: ClipCache | None = None,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
    encoding: EncodeProgress | None = None,
) -> Result:
    """Render ``loaded`` to ``output`` (MP3) plus ``.json`` manifest, ``.vtt`` and ``.srt``.

    ``progress`` reports synthesis (lines done, lines, cache hits), ``encoding`` the encode
    (seconds of audio done, seconds in all)."""
    from .atomic import atomic_paths
    from .export import tag_mp3, write_manifest, write_srt, write_vtt

    started = time.perf_counter()
    check_options(options)
    cache = cache or ClipCache()
    plan_, stats = plan_and_synthesize(loaded, config, options, cache, progress, notify)
    episode, placed, beds, clip_gain = build_episode(plan_, stats, options, cache)
    output = Path(output)
    manifest, vtt, srt = (output.with_suffix(s) for s in (".json", ".vtt", ".srt"))
    # every file is finished under a temporary name first; the renames come last, together
    with atomic_paths(output, manifest, vtt, srt) as (tmp_audio, tmp_manifest, tmp_vtt, tmp_srt):
        meter = EncodeMeter(placed[-1].start, encoding) if encoding else None
        moves = encode_parallel(placed, beds, clip_gain, cache, options, tmp_audio, output, meter)
        if moves is None:
            encode(
                blocks(placed, beds, clip_gain, cache, options.channels), tmp_audio, options,
                shown=output, guard=_has_media(placed, beds), meter=meter,
            )  # fmt: skip
        else:
            episode = shift_episode(episode, moves)
        tag_mp3(tmp_audio, episode)
        write_manifest(episode, tmp_manifest, {"source": loaded.script.path, "input": loaded.kind})
        write_vtt(episode, tmp_vtt)
        write_srt(episode, tmp_srt)
    return Result(episode, stats, time.perf_counter() - started, (output, manifest, vtt, srt))


# --- preview --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """Which lines to preview: exactly one of the fields is set."""

    line: int | None = None
    speaker: str | None = None
    match: str | None = None
    range: tuple[int, int] | None = None

    def describe(self) -> str:
        if self.line is not None:
            return f"--line {self.line}"
        if self.range is not None:
            return f"--range {self.range[0]}-{self.range[1]}"
        if self.speaker is not None:
            return f"--speaker {self.speaker!r}"
        return f"--match {self.match!r}"


def select(plan_: Plan, loaded: Loaded, selection: Selection) -> list[Line]:
    """The plan's lines chosen by ``selection``; line numbers are lines of the INPUT file."""
    lines = list(plan_.lines)
    if selection.speaker is not None:
        wanted = selection.speaker.casefold()
        chosen = [l for l in lines if l.cue.speaker.casefold() == wanted]
        if not chosen:
            chosen = [l for l in lines if wanted in l.cue.speaker.casefold()]
    elif selection.match is not None:
        wanted = selection.match.casefold()
        chosen = [l for l in lines if wanted in l.cue.text.casefold()]
    else:
        line = selection.line or 0
        low, high = selection.range or (line, line)
        if loaded.kind == "script":
            chosen = [l for l in lines if low <= l.cue.line <= high]
        else:  # an article or quotes file: its lines map to utterances, then to cues
            texts = {(u.speaker, u.text) for u in loaded.utterances if low <= u.line <= high}
            chosen = [l for l in lines if (l.cue.speaker, l.cue.text) in texts]
    if not chosen:
        speakers = ", ".join(s for s in plan_.script.speakers)
        raise UsageError(
            f"{selection.describe()}: nothing to preview in "
            f"{loaded.source or loaded.script.path or 'the input'}"
            + (f"; speakers are: {speakers}." if selection.speaker is not None else
               "; check the line numbers (they are lines of INPUT) or the text.")
        )
    return chosen


def preview(
    loaded: Loaded,
    selection: Selection,
    output: Path,
    config: VoiceConfig,
    options: RenderOptions,
    *,
    cache: ClipCache | None = None,
) -> tuple[list[Line], SynthStats]:
    """Render only the selected lines, with the voices, processing and levels of the full
    render (levels come from every clip already cached, as in the full render)."""
    from .atomic import atomic_path

    check_options(options)
    cache = cache or ClipCache()
    plan_ = plan(loaded, config, options)
    chosen = select(plan_, loaded, selection)
    stats = synthesize([line.job for line in chosen], cache, workers=options.workers)
    known = [line for line in plan_.lines if line.job.key in cache]
    lengths, levels = dict(stats.lengths), dict(stats.levels)
    for line in known:  # the levels of the other cached lines set the gains, as in render
        found = cache.peek(line.job.key) if line.job.key not in lengths else None
        if found is not None:  # their headers are enough: their audio is not played
            lengths[line.job.key], levels[line.job.key] = found
    known = [line for line in known if line.job.key in lengths]
    full, _, _ = layout(replace(plan_, items=tuple(known)), lengths, replace(options, intro="", outro="", music=""))
    clip_gain, _ = gains(full, levels, options.target, options.channels)
    placed: list[Placed] = []
    cursor = 0
    for line in chosen:
        if placed:
            cursor += _samples(PAUSE_SENTENCE)
        placed.append(Placed(cursor, lengths[line.job.key], line=line))
        cursor += lengths[line.job.key]
    placed.append(Placed(cursor + _samples(200), 0))
    fmt = "wav" if output.suffix.lower() == ".wav" else "mp3"
    with atomic_path(output) as tmp:
        encode(blocks(placed, [], clip_gain, cache, options.channels), tmp, options, fmt, shown=output)
    return chosen, stats
