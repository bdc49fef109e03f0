"""Check that every speaker of a rendered episode sounds different from every other.

Run on a render's manifest (the MP3 of the same name must sit beside it)::

    python scripts/distinctness.py output/anora.json

Each spoken segment is described by a few numbers a listener also hears: its median
pitch and pitch spread (a YIN pitch tracker), the spectral centroid (brightness) and an
MFCC-like summary of its long-term average spectrum (timbre). Features are scaled by the
pooled within-speaker spread, so a feature counts only as much as it is stable within a
voice.

Then every pair of speakers is tested with a leave-one-out nearest-centroid classifier:
each segment of the two is attributed to the nearer speaker mean, its own segment left
out of its mean. Two speakers are distinct when at least ``THRESHOLD`` (90 %) of their
segments are attributed correctly (balanced over the two, so a narrator with many
segments does not dominate). Two names sharing one voice score about 50 % or less; a
pair of speakers with one segment each cannot be judged and is reported as such. The
separation d' (distance between the means in pooled within-speaker standard deviations,
along the best direction) is printed as the margin.

Exit status: 0 when every speaker is distinct, 1 when some pair is not, 2 for bad input.

To choose a casting pool, ``--voices-of ENGINE`` measures an engine's voices instead of an
episode: every voice (or those of ``--only``) says the same ``--sentences`` plain lines
(default 6) through audioscript's own pipeline, and the same features, test and separation
are computed over all of them. It prints each voice's nearest other voice with the
separation, and the closest pairs; ``--json`` writes every pair. Kokoro keeps a core busy,
so one worker process is the default: its 28 voices take six minutes of one core::

    python scripts/distinctness.py --voices-of kokoro --json /tmp/kokoro-distinct.json
    python scripts/distinctness.py --voices-of kokoro --only af_heart,af_nova,am_onyx

This mode exits 0 once measured (pairs below the threshold are information, not failure).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import combinations
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a file from a checkout without installing
    sys.path.insert(0, str(REPO))

RATE = 16000  # analysis rate: speech carries what we measure below 8 kHz
FRAME = 512  # 32 ms analysis window
HOP = 160  # 10 ms
F0_MIN, F0_MAX = 60.0, 420.0
YIN_THRESHOLD = 0.15
ACTIVE_DB = -35.0  # frames quieter than this below the segment's loudest are ignored
MEL_BANDS = 26
MFCCS = 8  # c1..c8; c0 is overall level, which the render normalises anyway
MIN_ACTIVE_SECONDS = 0.4
MIN_VOICED_FRAMES = 10
THRESHOLD = 0.90
SHRINKAGE = 0.1  # pull the pooled covariance towards its diagonal, for few segments

FEATURES = (
    "f0_semitones", "f0_spread", "centroid_khz",
    *(f"mfcc{i}" for i in range(1, MFCCS + 1)),
)  # fmt: skip

#: What every voice says with --voices-of: plain sentences, the same for each voice, so
#: only the voice differs between them
LINES = (
    "The train was late again, so we walked the rest of the way.",
    "I had never seen so many people in one small room.",
    "She opened the window and listened to the rain for a while.",
    "Nobody told us how long the work would really take.",
    "We were young, we had no money, and we did not care.",
    "He said the answer was simple, but it took me years to see it.",
    "The kitchen smelled of bread when I came home from school.",
    "If I could do it all again, I would start much earlier.",
    "They stayed up talking until the sun came up over the hills.",
    "There is nothing quite like the quiet of a winter morning.",
)
VOICE_LINES = 6
CLOSEST = 10


# --- per-segment features ---------------------------------------------------------------


def frames(samples: np.ndarray, length: int) -> np.ndarray:
    """Overlapping frames of ``length`` samples every ``HOP`` (a view; empty if too short)."""
    if samples.size < length:
        return np.empty((0, length), dtype=samples.dtype)
    return np.lib.stride_tricks.sliding_window_view(samples, length)[::HOP]


def pitch_track(samples: np.ndarray, rate: int = RATE) -> np.ndarray:
    """F0 in Hz for every frame (NaN where unvoiced), by YIN's normalised difference.

    d(tau) = sum_j (x_j - x_{j+tau})^2 over a window, divided by its running mean; the
    period is the first dip below ``YIN_THRESHOLD``, refined by a parabola.
    """
    tau_min = int(rate / F0_MAX)
    tau_max = int(np.ceil(rate / F0_MIN))
    blocks = frames(samples.astype(np.float64), FRAME + tau_max)
    result = np.full(len(blocks), np.nan)
    size = 1 << int(np.ceil(np.log2(FRAME + tau_max)))
    for start in range(0, len(blocks), 2048):  # batches bound the memory used
        block = np.asarray(blocks[start : start + 2048])
        head = block[:, :FRAME]
        cross = np.fft.irfft(
            np.conj(np.fft.rfft(head, size)) * np.fft.rfft(block, size), size
        )[:, : tau_max + 1]
        energy = np.concatenate(
            [np.zeros((len(block), 1)), np.cumsum(block**2, axis=1)], axis=1
        )
        shifted = energy[:, FRAME : FRAME + tau_max + 1] - energy[:, : tau_max + 1]
        diff = np.maximum(energy[:, FRAME : FRAME + 1] + shifted - 2 * cross, 0.0)
        running = np.cumsum(diff[:, 1:], axis=1) / np.arange(1, tau_max + 1)
        cmnd = np.ones_like(diff)
        cmnd[:, 1:] = diff[:, 1:] / np.maximum(running, 1e-12)
        inner = cmnd[:, tau_min:tau_max]
        dip = (inner < YIN_THRESHOLD) & (inner <= cmnd[:, tau_min + 1 : tau_max + 1])
        found = dip.any(axis=1)
        tau = np.argmax(dip, axis=1) + tau_min
        rows = np.flatnonzero(found)
        tau = tau[rows]
        left, mid, right = (cmnd[rows, tau + k] for k in (-1, 0, 1))
        bend = left - 2 * mid + right
        offset = np.where(bend > 0, 0.5 * (left - right) / np.where(bend > 0, bend, 1), 0.0)
        result[start + rows] = rate / (tau + np.clip(offset, -0.5, 0.5))
    return result


def mel_filterbank(rate: int = RATE, size: int = FRAME, bands: int = MEL_BANDS) -> np.ndarray:
    """Triangular filters evenly spaced on the mel scale from 80 Hz to 7.6 kHz."""

    def mel(hz: np.ndarray) -> np.ndarray:
        return 2595 * np.log10(1 + hz / 700)

    def hz(m: np.ndarray) -> np.ndarray:
        return 700 * (10 ** (m / 2595) - 1)

    edges = hz(np.linspace(mel(np.array(80.0)), mel(np.array(7600.0)), bands + 2))
    freqs = np.fft.rfftfreq(size, 1 / rate)
    bank = np.zeros((bands, freqs.size))
    for i in range(bands):
        low, centre, high = edges[i : i + 3]
        rising = (freqs - low) / (centre - low)
        falling = (high - freqs) / (high - centre)
        bank[i] = np.clip(np.minimum(rising, falling), 0, None)
    return bank


def pcm_samples(pcm: bytes, rate: int) -> np.ndarray:
    """s16le mono PCM (a clip, as audioscript makes them) as float samples at ``RATE``."""
    from scipy.signal import resample_poly

    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768
    divisor = int(np.gcd(rate, RATE))
    return resample_poly(samples, RATE // divisor, rate // divisor) if rate != RATE else samples


def segment_features(samples: np.ndarray, rate: int = RATE) -> np.ndarray | None:
    """The feature vector (see ``FEATURES``) of one segment at ``RATE``, None when too short."""
    from scipy.fft import dct

    windows = np.asarray(frames(samples.astype(np.float64), FRAME))
    if len(windows) == 0:
        return None
    power = np.abs(np.fft.rfft(windows * np.hanning(FRAME), axis=1)) ** 2
    level = 10 * np.log10(power.sum(axis=1) + 1e-12)
    active = level > level.max() + ACTIVE_DB
    if active.sum() * HOP / rate < MIN_ACTIVE_SECONDS:
        return None
    f0 = pitch_track(samples, rate)[: len(windows)]
    voiced = f0[active[: len(f0)] & ~np.isnan(f0)]
    if voiced.size < MIN_VOICED_FRAMES:
        return None
    semitones = 12 * np.log2(voiced / 100.0)
    spread = np.subtract(*np.percentile(semitones, [90, 10]))
    spectrum = power[active].mean(axis=0)  # long-term average spectrum
    freqs = np.fft.rfftfreq(FRAME, 1 / rate)
    band = (freqs >= 80) & (freqs <= 7600)
    centroid = (freqs[band] * spectrum[band]).sum() / max(spectrum[band].sum(), 1e-12)
    log_mel = np.log(mel_filterbank(rate) @ spectrum + 1e-9)
    cepstrum = dct(log_mel, type=2, norm="ortho")[1 : MFCCS + 1]
    return np.concatenate([[np.median(semitones), spread, centroid / 1000], cepstrum])


# --- comparing speakers --------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """How well two speakers are told apart."""

    first: str
    second: str
    segments: tuple[int, int]
    accuracy: float  # balanced leave-one-out nearest-centroid accuracy, 0..1
    separation: float  # d': distance of the means in within-speaker standard deviations

    @property
    def judged(self) -> bool:
        """False when both speakers have a single segment: nothing to leave one out of."""
        return not np.isnan(self.accuracy)

    @property
    def distinct(self) -> bool:
        return self.judged and self.accuracy >= THRESHOLD


def pooled_spread(features: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Pooled within-speaker standard deviations and (shrunk) covariance of the features."""
    groups = [f for f in features.values() if len(f) >= 2]
    if not groups:
        raise ValueError("every speaker has fewer than two usable segments")
    centred = np.concatenate([f - f.mean(axis=0) for f in groups])
    dof = max(len(centred) - len(groups), 1)
    covariance = centred.T @ centred / dof
    scale = np.sqrt(np.maximum(np.diag(covariance), 1e-12))
    correlation = covariance / np.outer(scale, scale)
    shrunk = (1 - SHRINKAGE) * correlation + SHRINKAGE * np.eye(len(scale))
    return scale, shrunk


def compare_pair(a: np.ndarray, b: np.ndarray) -> float:
    """Balanced leave-one-out nearest-centroid accuracy of two standardised feature sets."""
    rates = []
    for own, other in ((a, b), (b, a)):
        if len(own) < 2:
            continue  # no mean is left without its only segment
        other_mean = other.mean(axis=0)
        total = own.sum(axis=0)
        correct = 0
        for row in own:
            own_mean = (total - row) / (len(own) - 1)
            correct += np.linalg.norm(row - own_mean) < np.linalg.norm(row - other_mean)
        rates.append(correct / len(own))
    return float(np.mean(rates)) if rates else float("nan")


def compare(features: Mapping[str, np.ndarray]) -> list[Pair]:
    """Every pair of speakers, least distinct first."""
    scale, correlation = pooled_spread(features)
    inverse = np.linalg.inv(correlation)
    scaled = {name: f / scale for name, f in features.items()}
    pairs = []
    for first, second in combinations(sorted(scaled), 2):
        a, b = scaled[first], scaled[second]
        gap = a.mean(axis=0) - b.mean(axis=0)
        pairs.append(
            Pair(
                first,
                second,
                (len(a), len(b)),
                compare_pair(a, b),
                float(np.sqrt(gap @ inverse @ gap)),
            )
        )
    return sorted(pairs, key=lambda p: (np.nan_to_num(p.accuracy, nan=-1), p.separation))


# --- an episode ---------------------------------------------------------------------------


def decode(path: Path, rate: int = RATE) -> np.ndarray:
    """Any audio file as mono float samples at ``rate``, decoded by audioscript's ffmpeg."""
    from audioscript.ffmpeg import ffmpeg_path

    done = subprocess.run(
        [ffmpeg_path(), "-v", "error", "-nostdin", "-i", str(path),
         "-f", "s16le", "-ac", "1", "-ar", str(rate), "pipe:1"],
        capture_output=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else "ffmpeg failed"
        raise BadInput(f"cannot decode {path}: {reason}")
    return np.frombuffer(done.stdout, dtype="<i2").astype(np.float32) / 32768


class BadInput(Exception):
    """The manifest or its MP3 cannot be used; the message says which and why."""


def episode_features(manifest: Path) -> dict[str, np.ndarray]:
    """Feature vectors of every usable segment of an episode, by speaker."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        segments = [
            (str(s["speaker"]), int(s["start_ms"]), int(s["end_ms"])) for s in data["segments"]
        ]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise BadInput(
            f"{manifest} is not a render manifest ({exc!r}); give the .json written beside "
            "the MP3 by `audioscript render`"
        ) from None
    samples = decode(manifest.with_suffix(".mp3"))
    found: dict[str, list[np.ndarray]] = {}
    for speaker, start_ms, end_ms in segments:
        vector = segment_features(samples[start_ms * RATE // 1000 : end_ms * RATE // 1000])
        if vector is not None:
            found.setdefault(speaker, []).append(vector)
    return {speaker: np.array(vectors) for speaker, vectors in found.items()}


def describe(f: np.ndarray) -> tuple[float, float, float]:
    """A speaker's median F0 (Hz), pitch spread (semitones) and spectral centroid (Hz)."""
    return (
        float(100 * 2 ** (np.median(f[:, 0]) / 12)),
        float(np.median(f[:, 1])),
        float(1000 * np.median(f[:, 2])),
    )


def report(features: Mapping[str, np.ndarray], pairs: Sequence[Pair]) -> str:
    width = max(len(name) for name in features) + 2
    lines = [
        f"{'speaker':<{width}}{'segments':>8}  {'F0 Hz':>6}  {'spread st':>9}  {'centroid Hz':>11}"
    ]
    for name in sorted(features):
        f0, spread, centroid = describe(features[name])
        lines.append(
            f"{name:<{width}}{len(features[name]):>8}  {f0:>6.0f}  {spread:>9.1f}  {centroid:>11.0f}"
        )
    lines.append("")
    lines.append(f"{'pair':<{2 * width + 3}}{'segments':>9}  {'accuracy':>8}  {'sep':>5}  distinct")
    for p in pairs:
        accuracy = "n/a" if np.isnan(p.accuracy) else f"{100 * p.accuracy:.0f}%"
        lines.append(
            f"{p.first + ' / ' + p.second:<{2 * width + 3}}"
            f"{f'{p.segments[0]}+{p.segments[1]}':>9}  {accuracy:>8}  {p.separation:>5.1f}  "
            f"{'yes' if p.distinct else 'NO' if p.judged else 'too few segments'}"
        )
    return "\n".join(lines)


def summary(
    features: Mapping[str, np.ndarray],
    pairs: Sequence[Pair],
    details: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Speakers (with ``details`` such as gender and accent), their nearest other speaker,
    every pair closest first, and the matrices of separation and accuracy, as plain data."""
    names = sorted(features)
    nearest = nearest_speakers(pairs)
    speakers = []
    for name in names:
        f0, spread, centroid = describe(features[name])
        near = nearest.get(name)
        speakers.append({
            "name": name, **(details or {}).get(name, {}), "segments": len(features[name]),
            "f0_hz": round(f0, 1), "f0_spread_semitones": round(spread, 2),
            "centroid_hz": round(centroid), "nearest": near and _other(near, name),
            "nearest_separation": near and round(near.separation, 3),
        })  # fmt: skip
    order = {name: i for i, name in enumerate(names)}
    separation = [[0.0 if a == b else None for b in names] for a in names]
    accuracy: list[list[float | None]] = [[None] * len(names) for _ in names]
    for p in pairs:
        i, j = order[p.first], order[p.second]
        separation[i][j] = separation[j][i] = round(p.separation, 3)
        accuracy[i][j] = accuracy[j][i] = None if not p.judged else round(p.accuracy, 3)
    return {
        "features": list(FEATURES),
        "threshold": THRESHOLD,
        "speakers": speakers,
        "pairs": [
            {
                "first": p.first,
                "second": p.second,
                "segments": list(p.segments),
                "accuracy": None if not p.judged else round(p.accuracy, 3),
                "separation": round(p.separation, 3),
                "distinct": p.distinct,
            }
            for p in sorted(pairs, key=lambda p: p.separation)
        ],
        "matrix": {"names": names, "separation": separation, "accuracy": accuracy},
    }


def nearest_speakers(pairs: Sequence[Pair]) -> dict[str, Pair]:
    """Each speaker's pair with the smallest separation."""
    nearest: dict[str, Pair] = {}
    for p in sorted(pairs, key=lambda p: p.separation):
        nearest.setdefault(p.first, p)
        nearest.setdefault(p.second, p)
    return nearest


def _other(pair: Pair, name: str) -> str:
    return pair.second if pair.first == name else pair.first


# --- an engine's voices ---------------------------------------------------------------------

Task = tuple[str, str, dict[str, Any], int]  # (voice id, engine, settings, line number)


def engine_voices(engine: str, only: Sequence[str] = ()) -> list[Any]:
    """The :class:`VoiceInfo` of every voice ``engine`` lists, or of ``only`` in that order."""
    from audioscript.engines import get_engine

    listed = {info.id: info for info in get_engine(engine).voices()}
    unknown = [name for name in only if name not in listed]
    if unknown:
        raise BadInput(
            f"--only: {engine} has no voice {', '.join(unknown)}; "
            f"`audioscript voices --engine {engine}` lists them"
        )
    return [listed[name] for name in only] if only else list(listed.values())


def _start_worker(engine: str) -> None:
    """Load ``engine`` once for this process, with one CPU thread."""
    from audioscript import ffmpeg
    from audioscript.engines import get_engine

    ffmpeg.configure_pydub()
    get_engine(engine).load(1)


def _line_features(task: Task) -> tuple[str, np.ndarray | str | None]:
    """One voice says one line through audioscript's pipeline -> (voice id, its features),
    or (voice id, the error) when that voice cannot speak: one broken voice leaves the
    others to be measured."""
    from audioscript.errors import AudioscriptError
    from audioscript.models import Voice
    from audioscript.synth import make_job, produce

    voice_id, engine, settings, line = task
    try:
        clip = produce(make_job(LINES[line], Voice(voice_id, engine, settings), {}, voice_id))
    except AudioscriptError as exc:
        return voice_id, str(exc)
    return voice_id, segment_features(pcm_samples(clip.pcm, clip.rate))


def _say(tasks: Sequence[Task], engine: str, jobs: int) -> Iterator[tuple[str, np.ndarray | str | None]]:
    """:func:`_line_features` of every task, in ``jobs`` worker processes (one: this one)."""
    if jobs <= 1:
        _start_worker(engine)
        yield from map(_line_features, tasks)
        return
    context = get_context("spawn")  # never fork a process that already started espeak
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(engine,)
    ) as pool:
        yield from pool.map(_line_features, tasks)


def voice_features(
    engine: str,
    voices: Sequence[Any],
    count: int = VOICE_LINES,
    jobs: int = 1,
    log: Callable[[str], None] = lambda message: None,
) -> dict[str, np.ndarray]:
    """Feature vectors of the first ``count`` of :data:`LINES` said by each voice, by id."""
    tasks = [
        (info.id, engine, dict(info.settings), line) for info in voices for line in range(count)
    ]
    found: dict[str, list[np.ndarray]] = {}
    failed: set[str] = set()
    started = time.monotonic()
    for done, (voice_id, vector) in enumerate(_say(tasks, engine, jobs), 1):
        if isinstance(vector, str):
            if voice_id not in failed:
                log(f"  {voice_id}: cannot speak ({vector}); left out")
            failed.add(voice_id)
        elif vector is not None:
            found.setdefault(voice_id, []).append(vector)
        if done % count == 0:
            left = (time.monotonic() - started) / done * (len(tasks) - done)
            estimate = f", about {left / 60:.0f} min left" if left >= 60 else ""
            log(f"  {done // count}/{len(voices)} voices{estimate}")
    return {voice: np.array(vectors) for voice, vectors in found.items()}


def voices_report(
    features: Mapping[str, np.ndarray],
    pairs: Sequence[Pair],
    details: Mapping[str, Mapping[str, Any]],
    closest: int = CLOSEST,
) -> str:
    """Each voice with its nearest other voice, then the closest pairs."""
    width = max(len(name) for name in features) + 2
    accent_width = max([len(str(d.get("accent") or "-")) for d in details.values()] + [6]) + 2
    nearest = nearest_speakers(pairs)
    lines = [
        (
            f"{'voice':<{width}}{'gender':<8}{'accent':<{accent_width}}{'F0 Hz':>6}  "
            f"{'spread st':>9}  {'centroid Hz':>11}  {'nearest':<{width}}{'sep':>5}  {'accuracy':>8}"
        )
    ]
    for name in sorted(features, key=lambda n: (nearest[n].separation, n)):
        f0, spread, centroid = describe(features[name])
        near = nearest[name]
        accuracy = "n/a" if not near.judged else f"{100 * near.accuracy:.0f}%"
        lines.append(
            f"{name:<{width}}{details[name].get('gender') or '-':<8}"
            f"{details[name].get('accent') or '-':<{accent_width}}{f0:>6.0f}  {spread:>9.1f}  "
            f"{centroid:>11.0f}  {_other(near, name):<{width}}{near.separation:>5.1f}  {accuracy:>8}"
        )
    lines += ["", f"closest {min(closest, len(pairs))} of {len(pairs)} pairs:"]
    for p in sorted(pairs, key=lambda p: p.separation)[:closest]:
        accuracy = "n/a" if not p.judged else f"{100 * p.accuracy:.0f}%"
        pair = f"{p.first} / {p.second}"
        lines.append(f"  {pair:<{2 * width + 3}}{p.separation:>5.1f}  {accuracy:>8}")
    failing = sum(p.judged and not p.distinct for p in pairs)
    lines.append("")
    lines.append("(sep: d', the distance of two voices' means in within-voice standard deviations;")
    lines.append(f" accuracy: leave-one-out nearest-centroid; {failing} pairs below {THRESHOLD:.0%})")
    return "\n".join(lines)


def _voices_main(args: argparse.Namespace) -> int:
    from audioscript.engines import status
    from audioscript.errors import AudioscriptError

    if not 2 <= args.sentences <= len(LINES):
        print(f"error: --sentences must be from 2 to {len(LINES)} (the test leaves one out)",
              file=sys.stderr)  # fmt: skip
        return 2
    engine = status(args.voices_of)
    if not engine.available:
        print(f"error: {engine.reason}", file=sys.stderr)
        return 1
    only = [name.strip() for name in (args.only or "").split(",") if name.strip()]
    try:
        voices = engine_voices(args.voices_of, only)
    except BadInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if len(voices) < 2:
        print("error: --only needs at least two voices to compare", file=sys.stderr)
        return 2

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.monotonic()
    log(f"{len(voices)} {args.voices_of} voices say {args.sentences} lines each ...")
    try:
        features = voice_features(args.voices_of, voices, args.sentences, max(1, args.jobs), log)
    except AudioscriptError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    usable = {name: f for name, f in features.items() if len(f) >= 2}
    for info in voices:
        if info.id not in usable:
            log(f"  {info.id}: fewer than two usable lines, left out")
    if len(usable) < 2:
        print("error: fewer than two voices with two usable lines to compare", file=sys.stderr)
        return 1
    pairs = compare(usable)
    details = {
        info.id: {"gender": info.gender, "accent": info.language, "description": info.description}
        for info in voices
    }
    print(voices_report(usable, pairs, details, args.closest))
    elapsed = time.monotonic() - started
    log(f"done in {elapsed:.0f} s")
    if args.json:
        from audioscript.atomic import write_json_atomic

        data = {
            "engine": args.voices_of,
            "lines": list(LINES[: args.sentences]),
            "elapsed_seconds": round(elapsed, 1),
            **summary(usable, pairs, details),
        }
        write_json_atomic(args.json, data)
        log(f"wrote {args.json}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifest", type=Path, nargs="?",
                        help="the .json manifest written by a render")
    parser.add_argument("--voices-of", metavar="ENGINE",
                        help="compare an engine's voices instead of an episode's speakers")
    parser.add_argument("--only", metavar="ID,ID", help="with --voices-of: only these voices")
    parser.add_argument("--sentences", type=int, default=VOICE_LINES, metavar="K",
                        help=f"with --voices-of: lines per voice (default {VOICE_LINES})")
    parser.add_argument("--closest", type=int, default=CLOSEST, metavar="N",
                        help=f"with --voices-of: closest pairs to print (default {CLOSEST})")
    parser.add_argument("--jobs", type=int, default=1,
                        help="with --voices-of: worker processes (default 1)")
    parser.add_argument("--json", type=Path, help="write every speaker and pair here")
    args = parser.parse_args(argv)  # fmt: skip
    if args.json and not args.json.parent.is_dir():  # fail now, not after the measurement
        parser.error(f"--json {args.json}: no folder {args.json.parent}; create it or write elsewhere.")
    if args.voices_of:
        if args.manifest:
            print("error: give a manifest or --voices-of ENGINE, not both", file=sys.stderr)
            return 2
        return _voices_main(args)
    if args.manifest is None:
        print("error: give the .json manifest of a render, or --voices-of ENGINE",
              file=sys.stderr)  # fmt: skip
        return 2
    if args.only:
        print("error: --only picks voices of --voices-of ENGINE", file=sys.stderr)
        return 2
    manifest: Path = args.manifest
    if not manifest.is_file() or not manifest.with_suffix(".mp3").is_file():
        print(
            f"error: need {manifest} and {manifest.with_suffix('.mp3').name} beside it "
            "(render with: audioscript render ARTICLE -o OUT.mp3)",
            file=sys.stderr,
        )
        return 2
    try:
        features = episode_features(manifest)
    except BadInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if len(features) < 2 or all(len(f) < 2 for f in features.values()):
        print("error: too few speakers or segments (of 0.4 s or more) to compare", file=sys.stderr)
        return 2
    pairs = compare(features)
    print(report(features, pairs))
    if args.json:
        from audioscript.atomic import write_json_atomic

        write_json_atomic(args.json, {"manifest": str(manifest), **summary(features, pairs)})
    failing = [p for p in pairs if p.judged and not p.distinct]
    verdict = "yes" if not failing else f"no ({len(failing)} pair(s) below the threshold)"
    print(f"\n(distinct: leave-one-out accuracy >= {THRESHOLD:.0%}; sep: d', the distance of the")
    print(" two speakers' means in within-speaker standard deviations)")
    print(f"every speaker distinct: {verdict}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
