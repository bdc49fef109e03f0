"""Synthesis: every spoken line through its engine into the clip cache, in parallel.

A clip in the cache is final speech: decoded to mono PCM at the working rate, pitch,
tempo and EQ applied, edge silence trimmed, and measured for mastering. Gain and pan are
applied later, at assembly, so changing them never re-synthesizes.

espeak-ng is a process-global singleton, so engines that are not thread safe run in
worker processes; network engines run in a small thread pool.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import ffmpeg, interrupt, loudness
from .cache import CachedClip, ClipCache, clip_key
from .engines import Engine, get_engine, require
from .errors import AudioError, AudioscriptError, EngineError
from .models import Voice
from .speakable import speakable
from .voices import apply_lexicon

WORK_RATE = 22050  # every clip is held at this rate until the final encode (espeak's own rate)
SILENCE_THRESHOLD = 10 ** (-50 / 20) * 32768
EDGE_KEEP_MS = 30
NETWORK_THREADS = 4
#: worker processes only pay off past this many missing clips (espeak: 1,000x real time)
MIN_PARALLEL = 24
#: a neural engine's line takes seconds: two lines already fill two cores
MIN_PARALLEL_CPU_BOUND = 2


@dataclass(frozen=True)
class Job:
    """One clip to make: what the cache key is computed from."""

    key: str
    engine: str
    text: str  # as the engine gets it: after the lexicon and speakable()
    settings: Mapping[str, Any]
    processing: Mapping[str, Any]
    label: str  # "script.txt:12 (Sean Baker)" for error messages


def make_job(text: str, voice: Voice, lexicon: Mapping[str, str], label: str) -> Job:
    """The clip job for one line: the text as the engine will get it (the lexicons'
    pronunciations, then abbreviations, numbers and money as words) and its cache key."""
    spoken = speakable(apply_lexicon(text, lexicon, voice.lexicon))
    engine = get_engine(voice.engine)
    processing = voice.processing()
    processing.pop("gain_db")  # applied at assembly
    key = clip_key(
        {
            "engine": voice.engine,
            "engine_version": engine.version,
            "settings": dict(voice.settings),
            "processing": processing,
            "text": spoken,
            "rate": WORK_RATE,
        }
    )
    return Job(key, voice.engine, spoken, dict(voice.settings), processing, label)


def processing_filters(processing: Mapping[str, Any]) -> str:
    """ffmpeg filters for pitch, tempo and EQ ("" when there is nothing to do)."""
    filters = []
    semitones = float(processing.get("pitch_semitones", 0.0))
    tempo = float(processing.get("tempo", 1.0))
    if semitones:
        ratio = 2 ** (semitones / 12)
        # resample to shift pitch, then restore the tempo the shift changed
        filters.append(f"aresample={WORK_RATE},asetrate={WORK_RATE * ratio:.3f},aresample={WORK_RATE}")
        tempo /= ratio
    if abs(tempo - 1.0) > 1e-6:
        filters.append(f"atempo={tempo:.5f}")
    eq = processing.get("eq") or {}
    if eq.get("low_db"):
        filters.append(f"bass=g={eq['low_db']}:f=200")
    if eq.get("mid_db"):
        filters.append(f"equalizer=f=1500:t=q:w=1:g={eq['mid_db']}")
    if eq.get("high_db"):
        filters.append(f"treble=g={eq['high_db']}:f=4000")
    return ",".join(filters)


RAW_FORMATS = {"s16le": "<i2", "f32le": "<f4"}


def resample(samples: np.ndarray, rate: int) -> np.ndarray:
    """Mono samples at ``rate`` -> WORK_RATE, through one proper resampler (soxr, high
    quality) for every engine, so no engine's audio goes through linear interpolation."""
    if rate == WORK_RATE:
        return samples
    import soxr

    return soxr.resample(samples, rate, WORK_RATE, quality="HQ")


def to_int16(samples: np.ndarray) -> bytes:
    if samples.dtype == np.int16:
        return samples.astype("<i2").tobytes()
    return np.clip(np.round(samples * 32767.0), -32768, 32767).astype("<i2").tobytes()


def to_work_pcm(data: bytes, fmt: str, rate: int, filters: str) -> bytes:
    """Engine output -> s16le mono at WORK_RATE with processing applied."""
    if fmt in RAW_FORMATS and not filters:
        if fmt == "s16le" and rate == WORK_RATE:
            return data
        samples = np.frombuffer(data, dtype=RAW_FORMATS[fmt]).astype(np.float32)
        if fmt == "s16le":
            samples /= 32768.0
        return to_int16(resample(samples, rate))
    if fmt in RAW_FORMATS:
        return ffmpeg.decode_to_pcm(data, fmt, WORK_RATE, filters, input_rate=rate)
    return ffmpeg.decode_to_pcm(data, fmt, WORK_RATE, filters)


def trim_silence(pcm: bytes) -> bytes:
    """Drop silence at both ends (engines pad differently), keeping a short margin."""
    samples = np.frombuffer(pcm, dtype="<i2")
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > SILENCE_THRESHOLD)
    if loud.size == 0:
        return pcm
    keep = WORK_RATE * EDGE_KEEP_MS // 1000
    start = max(0, int(loud[0]) - keep)
    end = min(samples.size, int(loud[-1]) + keep)
    return samples[start:end].tobytes()


def produce(job: Job) -> CachedClip:
    """Synthesize and process one clip (no cache involved)."""
    engine = get_engine(job.engine)
    try:
        clip = engine.synthesize(job.text, job.settings)
    except AudioscriptError as exc:
        raise EngineError(f"{job.label}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 (a plugin's unexpected failure still names the line)
        raise EngineError(f"{job.label}: engine {job.engine!r} failed: {exc}") from None
    rate = clip.sample_rate
    if clip.format in RAW_FORMATS and rate <= 0:
        raise EngineError(f"{job.label}: engine {job.engine!r} returned raw audio without a rate.")
    try:
        pcm = to_work_pcm(clip.data, clip.format, rate, processing_filters(job.processing))
    except AudioscriptError as exc:
        raise AudioError(f"{job.label}: {exc}") from None
    pcm = trim_silence(pcm)
    if not pcm:
        raise EngineError(f"{job.label}: engine {job.engine!r} returned no audio for this line.")
    return CachedClip(pcm, WORK_RATE, loudness.measure(pcm, WORK_RATE))


def _worker_init(prepare: Mapping[str, int]) -> None:
    """Worker processes leave Ctrl-C to the parent (which stops the pool) and die with it,
    even if it is killed outright; then each loads its engines once (``prepare``: engine
    name -> CPU threads this worker may use)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: just end
    try:
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: workers still end with the pool
        pass
    for name, threads in prepare.items():
        try:
            get_engine(name).load(threads)
        except AudioscriptError:
            pass  # the first job of that engine reports it, naming its line


def _worker(job: Job, cache_root: str) -> tuple[str, int, loudness.ClipLevels]:
    """In a worker: make the clip and store it; return its key, length and levels."""
    ffmpeg.configure_pydub()
    clip = produce(job)
    ClipCache(Path(cache_root)).put(job.key, clip)
    return job.key, len(clip.pcm) // 2, clip.levels


@dataclass(frozen=True)
class SynthStats:
    total: int
    hits: int
    made: int
    #: every clip's length in samples and its levels, by key (what assembly needs)
    lengths: Mapping[str, int] = field(default_factory=dict)
    levels: Mapping[str, loudness.ClipLevels] = field(default_factory=dict)


#: (lines done, lines, cache hits, share of the synthesis work done 0..1, by characters)
Progress = Callable[[int, int, int, float], None]


def cores() -> int:
    """CPU cores this process may use (its affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _stop_pool(pool: Executor) -> None:
    """End a pool now: queued clips are dropped, running ones killed (a neural line can take
    seconds). Clips already stored stay cached; a clip cut short was never stored."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # before shutdown clears it
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (OSError, AttributeError):
            pass
    for process in processes:
        process.join(timeout=1)


def synthesize(
    jobs: Iterable[Job],
    cache: ClipCache,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
) -> SynthStats:
    """Make sure every job's clip is in the cache. Finished clips stay cached on failure.

    Every cached clip is read once here, which checks it: a damaged entry counts as
    missing and is made again. CPU-bound engines (Kokoro) run in worker processes whose
    count times onnxruntime threads equals the cores; each worker loads the model once."""
    unique = list({job.key: job for job in jobs}.values())
    lengths: dict[str, int] = {}
    levels: dict[str, loudness.ClipLevels] = {}

    def keep(key: str, clip: CachedClip) -> None:
        lengths[key] = len(clip.pcm) // 2
        levels[key] = clip.levels

    missing = []
    for job in unique:
        cached = cache.get(job.key)
        if cached is None:
            missing.append(job)
        else:
            keep(job.key, cached)
    hits = len(unique) - len(missing)
    done = hits
    work = sum(_cost(job) for job in missing)
    work_done = 0.0
    running = 0.0  # the cost of the lines the workers are on now

    def report() -> None:
        # lines being made count half done: longest-first, the first of them are the longest
        share = (work_done + running / 2) / work if work else 1.0
        if progress:
            progress(done, len(unique), hits, min(1.0, share))

    report()
    for name in sorted({job.engine for job in missing}):
        require(name)
    available = cores()
    workers = min(workers or available, max(1, len(missing)))
    by_kind: dict[str, list[Job]] = {"process": [], "thread": [], "inline": []}
    for job in missing:
        engine = get_engine(job.engine)
        if engine.thread_safe and engine.needs_network:
            by_kind["thread"].append(job)
        elif workers > 1 and len(missing) >= _process_threshold(engine):
            by_kind["process"].append(job)
        else:
            by_kind["inline"].append(job)
    ffmpeg.configure_pydub()
    for name in sorted({job.engine for job in by_kind["inline"]}):
        get_engine(name).load(available)  # alone in this process: every core is its own
    for job in by_kind["inline"]:
        interrupt.check()
        clip = produce(job)
        cache.put(job.key, clip)
        keep(job.key, clip)
        done += 1
        work_done += _cost(job)
        report()
    pools: list[tuple[Executor, list[Job]]] = []
    if by_kind["process"]:
        batch = sorted(by_kind["process"], key=_cost, reverse=True)  # longest first: no long tail
        threads = max(1, available // workers)
        prepare = {
            name: threads for name in {job.engine for job in batch} if get_engine(name).cpu_bound
        }
        processes = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(prepare,))
        pools.append((processes, batch))
    if by_kind["thread"]:
        pools.append((ThreadPoolExecutor(max_workers=NETWORK_THREADS), by_kind["thread"]))
    for pool, batch in pools:
        cost = {job.key: _cost(job) for job in batch}
        at_once = workers if isinstance(pool, ProcessPoolExecutor) else NETWORK_THREADS
        order, finished, first_unfinished = [job.key for job in batch], set(), 0
        try:
            futures: list[Future[tuple[str, int, loudness.ClipLevels]]] = [
                pool.submit(_worker, job, str(cache.root)) for job in batch
            ]
            running = sum(cost[key] for key in order[:at_once])
            for future in _as_completed_interruptible(futures):
                key, length, clip_levels = future.result()
                lengths[key], levels[key] = length, clip_levels
                done += 1
                work_done += cost[key]
                finished.add(key)
                # the pool takes lines in order: the first unfinished ones are being made
                while first_unfinished < len(order) and order[first_unfinished] in finished:
                    first_unfinished += 1
                ahead = (k for k in order[first_unfinished:] if k not in finished)
                running = sum(cost[k] for _, k in zip(range(at_once), ahead))
                report()
        except BaseException:
            _stop_pool(pool)
            raise
        pool.shutdown(wait=True)
    return SynthStats(len(unique), hits, len(missing), lengths, levels)


def _process_threshold(engine: Engine) -> float:
    """How many missing clips make worker processes pay off for ``engine`` (inf: never)."""
    if engine.cpu_bound:
        return MIN_PARALLEL_CPU_BOUND
    return float("inf") if engine.thread_safe else MIN_PARALLEL


def _cost(job: Job) -> float:
    """How much synthesis a job takes, for the time left: its characters, plus a little for
    what every line pays (scripts/eta_check.py on 120 lines of the example: the time left
    shown is within 16 % of the real one from the first tenth on, median 6 %)."""
    return len(job.text) + 5.0


def _as_completed_interruptible(
    futures: list[Future[tuple[str, int, loudness.ClipLevels]]],
) -> Iterable[Future[tuple[str, int, loudness.ClipLevels]]]:
    """Futures as they finish, looking for a stop request at least every 0.2 s (a signal
    whose exception was swallowed elsewhere still stops the render within a second)."""
    from concurrent.futures import FIRST_COMPLETED, wait

    pending = set(futures)
    while pending:
        interrupt.check()
        finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for future in finished:
            interrupt.check()
            yield future
