"""Encoding: one ffmpeg encode per episode (MP3 in parts on every core), the codec's loudness loss measured."""

from __future__ import annotations

import itertools
import math
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from .. import ffmpeg, loudness
from ..cache import ClipCache, clip_key
from ..errors import AudioError
from ..models import (
    Episode,
)
from ..synth import WORK_RATE
from .assemble import blocks
from .plan import (
    PAUSE_SENTENCE,
    TRUE_PEAK_LIMIT_DBFS,
    RenderOptions,
)
from .timeline import Bed, Placed, _samples

# --- encoding -------------------------------------------------------------------------


def _encoder_args(
    options: RenderOptions, fmt: str, guard: bool = True, inputs: Sequence[str] = ()
) -> list[str]:
    """ffmpeg options from float PCM on stdin to the output format (before the target).

    ``fmt`` is an extension of :data:`~audioscript.outputs.FORMATS` without its dot;
    "mp3-part" is a bare MP3 stream (no Xing/LAME header, no ID3) for joining, and "adts"
    bare AAC (to measure the codec on a pipe). ``inputs`` are more ffmpeg inputs (an
    ffmetadata file of chapters), mapped after the audio."""
    from ..outputs import FORMATS

    args = ["-y", "-f", "f32le", "-ar", str(WORK_RATE), "-ac", str(options.channels), "-i", "pipe:0"]
    for extra in inputs:
        args += ["-i", extra]
    if inputs:
        args += ["-map", "0:a", "-map_metadata", "-1", "-map_chapters", "1"]
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
    if fmt == "adts":
        return args + ["-c:a", "aac", "-b:a", options.bitrate, "-f", "adts"]
    chosen = FORMATS[f".{fmt}"]
    args += [*chosen.codec, "-f", chosen.muxer]
    if chosen.bitrate:
        args += ["-b:a", options.bitrate]
    if fmt == "wav":
        args = ["-fflags", "+bitexact", *args]  # no encoder INFO: we write our own
    if chosen.muxer == "ipod":
        args += ["-movflags", "+faststart"]
    return args


EXCERPT_SECONDS = 12


def codec_loss_db(
    placed: list[Placed], clip_gain: Mapping[str, float], cache: ClipCache, options: RenderOptions
) -> float:
    """Loudness the MP3 encoder removes (CBR LAME trims about 0.4 LU from speech),
    measured by encoding and decoding a short excerpt from the middle of the episode."""
    fmt = options.format.lstrip(".")
    lines = [item for item in placed if item.line]
    if not lines or fmt == "wav":  # nothing lost in WAV
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
    args = _encoder_args(options, "adts" if fmt == "m4a" else fmt, guard=False)
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
        ["-i", "pipe:0", "-f", "f32le", "-ac", str(options.channels), "-ar", str(WORK_RATE), "pipe:1"],
        input=mp3, what="decoding a test excerpt",
    )  # fmt: skip
    after = loudness.integrated_float(np.frombuffer(decoded, dtype="<f4"), WORK_RATE, options.channels)
    loss = 0.0 if math.isinf(before) or math.isinf(after) else max(0.0, min(2.0, before - after))
    from ..atomic import write_text_atomic

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
    inputs: Sequence[str] = (),
) -> None:
    """Stream float PCM into one ffmpeg encode writing ``target`` (a temp path; errors
    name ``shown``, the path the user asked for). ``meter`` counts what was sent."""
    args = ffmpeg.command(*_encoder_args(options, fmt, guard, inputs), str(target))
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
    if parts < 2 or options.sample_rate not in _RATES or options.format != ".mp3":
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


