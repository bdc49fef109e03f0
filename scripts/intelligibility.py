"""Rank offline voices by how well an offline recogniser understands them.

Run at development time, from the repository root (``pip install -e '.[dev]'`` brings
pocketsphinx; scipy is needed for resampling)::

    python scripts/intelligibility.py --json /tmp/intelligibility.json
    python scripts/intelligibility.py --quick

Every sentence goes through audioscript's own pipeline (``make_job`` + ``produce``), so a
voice is measured exactly as a render would play it, processing included. The clip is
resampled to 16 kHz and transcribed by pocketsphinx with its bundled US English model;
the word error rate (WER) against the sentence is the score, lower is better.

WER from a small recogniser ranks voices; it is not a human judgement (people follow
espeak far better than pocketsphinx does). It favours US accents, espeak's Klatt variants
(edward, klatt4) and its breathy ones (f5, f2). espeak-ng never says a sentence exactly the
same way twice in one process, so a score moves by a few points from run to run;
``--repeat N`` says every sentence N times and prints the range.

The full run screens a broad sweep of espeak accents x variants on a few sentences, then
measures the best of them, together with every voice audioscript ships (the built-in
casting pool, the profiles in voices/default.toml and examples/anora/voices.toml, flite
when installed) and espeak's default voice as the baseline, on every sentence.
``--quick`` skips the sweep and uses fewer sentences. On two cores the full run takes
about five minutes and ``--quick`` one or two. To check a proposal against the baseline
(the table ends with the mean WER of each group)::

    python scripts/intelligibility.py --only-voices --voices my-voices.toml --repeat 3

``--engine NAME`` measures every voice an engine lists instead (``audioscript voices
--engine NAME``), or those named by ``--only``, on the first 20 sentences, with each voice's
median pitch and the median WER of each accent. A neural engine keeps a core busy, so it
gets one worker process unless ``--jobs`` says otherwise: all 28 Kokoro voices on 20
sentences take 23 minutes of one core (32 on a busy machine)::

    python scripts/intelligibility.py --engine kokoro --json /tmp/kokoro-wer.json
    python scripts/intelligibility.py --engine kokoro --only af_heart,bm_george --sentences 5

``--episode`` measures a rendered episode from the outside: the MP3 beside the manifest is
decoded, cut into its segments by their times, and each is scored against what the engine
was given to say (the manifest's ``spoken``, else its ``text``); overall, the narrator's and
each speaker's WER::

    python scripts/intelligibility.py --episode output/anora.json

It prints two figures: as pocketsphinx comes, and knowing the words its dictionary lacks
(names, respellings; see ``recogniser_words.py``). ``--recogniser whisper`` measures the
episode with Whisper base instead, a far stronger recogniser that writes words it was never
told about (``whisper_recogniser.py``; from PyPI like the rest; about 3 minutes)::

    python scripts/intelligibility.py --episode output/anora.json --recogniser whisper
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path
from statistics import median
from typing import Any

SCRIPTS = Path(__file__).resolve().parent
REPO = SCRIPTS.parent
for folder in (REPO, SCRIPTS):  # run as a file from a checkout without installing
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import distinctness  # pitch and decoding, measured as the distinctness check does
import recogniser_words  # what the recogniser's dictionary lacks, and how it is said

from audioscript.models import Voice

#: Plain interview sentences: everyday words, no names, no digits, varied rhythm.
SENTENCES = (
    "I think the hardest part of the job is waiting for the phone to ring.",
    "Honestly, I was nervous on the first day, but the crew made it easy.",
    "I would rather make a small movie that I love than a big one that I hate.",
    "We spent three weeks in a small town, and nobody knew who we were.",
    "My mother always said that you should finish what you start.",
    "The money ran out before we had even finished the second half.",
    "You have to trust the people around you, or nothing works.",
    "We shot most of the film at night, so I slept through the summer.",
    "There is a scene near the end that still makes me cry.",
    "It took us almost a year to find the right place to live.",
    "The best advice I ever got was to listen more than I talk.",
    "We argued about the ending for months, and then we changed it again.",
    "When the lights went out, everyone just kept on playing.",
    "I never learned to drive, so I take the train everywhere.",
    "She told me the truth, even when it was hard to hear.",
    "Most of the time, the simple answer turns out to be the right one.",
    "My father built the table in our kitchen with his own hands.",
    "The rain came down so hard that we had to stop for the day.",
    "If you want to learn something, teach it to someone else.",
    "I still keep the letter she wrote to me before she left.",
    "We laughed so much that the people next door knocked on the wall.",
    "Nobody asked me what I wanted, so I stopped waiting to be asked.",
    "The old house was cold in the winter and far too hot in the summer.",
    "I wrote every morning before the rest of the family woke up.",
    "There was a moment when I almost gave up and went home.",
    "You cannot plan for everything, but you can be ready to change.",
    "He played the piano every evening after dinner.",
    "We drove for hours without saying a single word.",
    "I learned more from my mistakes than from anything I got right.",
    "The little things you do every day matter more than the big ones.",
)
SHIPPED_SENTENCES = 10  # the espeak sweep and shipped voices: the first ten, as always
ENGINE_SENTENCES = 20  # every voice of one engine (--engine)
SCREEN_SENTENCES = 2  # the sweep is screened on the first few sentences only
QUICK_SENTENCES = 5
ADVANCING = 8  # sweep voices of each gender measured on every sentence
NEUTRAL_ADVANCING = 3  # ... and of variants with no stated gender (klatt)
TUNINGS_ADVANCING = 4

RECOGNISER_RATE = 16000
PAD_SECONDS = 0.3  # silence around each clip, as a recogniser expects
#: pocketsphinx settings: batch CMN normalises each clip on its own, so a transcript never
#: depends on which clips a worker decoded before; no second (flat) pass and a cap on
#: active HMMs halve the time and barely change the ranking
DECODER_SETTINGS = {"cmn": "batch", "fwdflat": False, "maxhmmpf": 8000}
RECOGNISER = {"model": "pocketsphinx en-us (bundled)", "rate": RECOGNISER_RATE, **DECODER_SETTINGS}

ACCENTS = (
    "en-us", "en", "en-gb-scotland", "en-gb-x-rp", "en-us-nyc", "en-029",
    "en-gb-x-gbclan", "en-gb-x-gbcwmd",
)  # fmt: skip
NUMBERED_VARIANTS = tuple(f"f{i}" for i in range(1, 6)) + tuple(f"m{i}" for i in range(1, 9))
#: named espeak variants tried with the US accent, with their gender
NAMED_VARIANTS = {
    "Alicia": "female", "Annie": "female", "anika": "female", "belinda": "female",
    "linda": "female", "steph": "female", "aunty": "female", "grandma": "female",
    "Andrea": "female",
    "sandro": "male", "victor": "male", "Reed": "male", "Storm": "male", "Denis": "male",
    "michel": "male", "travis": "male", "david": "male", "ian": "male", "john": "male",
    "quincy": "male", "robert": "male", "Andy": "male", "Mike": "male", "edward": "male",
    "announcer": "male", "antonio": "male", "norbert": "male",
}  # fmt: skip
#: (accent, variant) pairs whose rate, pitch and range are varied too
TUNED = (("en-us", "f5"), ("en-us", "m6"), ("en-us", "f2"))
TUNINGS = (
    {"rate": 140}, {"rate": 180}, {"pitch": 30}, {"pitch": 70}, {"range": 30}, {"range": 85},
)  # fmt: skip


# --- scoring ------------------------------------------------------------------------


def normalise_words(text: str) -> list[str]:
    """Lowercase words without punctuation (apostrophes inside words kept)."""
    text = text.lower().replace("’", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)*", text)


def word_errors(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Substitutions + deletions + insertions turning ``reference`` into ``hypothesis``."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref_word in enumerate(reference, 1):
        current = [i]
        for j, hyp_word in enumerate(hypothesis, 1):
            current.append(
                min(
                    previous[j] + 1,  # deletion
                    current[j - 1] + 1,  # insertion
                    previous[j - 1] + (ref_word != hyp_word),  # substitution or match
                )
            )
        previous = current
    return previous[-1]


def word_error_rate(references: Iterable[str], hypotheses: Iterable[str]) -> float:
    """Total word errors over total reference words (0.0 is perfect; may exceed 1.0)."""
    errors = words = 0
    for reference, hypothesis in zip(references, hypotheses, strict=True):
        ref = normalise_words(reference)
        errors += word_errors(ref, normalise_words(hypothesis))
        words += len(ref)
    return errors / words if words else 0.0


# --- candidates -----------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A voice to measure and where it comes from (baseline, pool, a toml file, sweep)."""

    voice: Voice
    group: str
    label: str = ""
    #: (group, name) of other candidates that sound the same, measured once with this one
    aliases: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        return self.label or self.voice.name


def sound(voice: Voice) -> str:
    """What makes two candidates sound the same: engine, settings and processing."""
    return json.dumps([voice.engine, dict(voice.settings), voice.processing()], sort_keys=True)


def unique(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per distinct sound; the others become its aliases."""
    first: dict[str, Candidate] = {}
    for candidate in candidates:
        key = sound(candidate.voice)
        if key in first:
            kept = first[key]
            first[key] = replace(kept, aliases=(*kept.aliases, (candidate.group, candidate.name)))
        else:
            first[key] = candidate
    return list(first.values())


Take = tuple[int, int]  # (sentence index, repetition)


@dataclass
class Result:
    """What the recogniser heard for each take of a candidate (filled in by :func:`measure`)."""

    candidate: Candidate
    transcripts: dict[Take, str] = field(default_factory=dict)
    seconds: dict[Take, float] = field(default_factory=dict)  # clip durations
    pitches: dict[Take, float] = field(default_factory=dict)  # median F0 in Hz, if voiced
    error: str = ""

    def wer(self, repetition: int | None = None) -> float:
        """WER over every take, or over the takes of one repetition."""
        takes = sorted(t for t in self.transcripts if repetition in (None, t[1]))
        references = [SENTENCES[sentence] for sentence, _ in takes]
        return word_error_rate(references, [self.transcripts[take] for take in takes])

    def repetitions(self) -> list[int]:
        return sorted({repetition for _, repetition in self.transcripts})

    def pitch(self) -> float | None:
        """The median over takes of each take's median F0 (Hz); None if none was voiced."""
        return median(self.pitches.values()) if self.pitches else None


def espeak(
    accent: str, variant: str | None = None, gender: str | None = None, **tuning: int
) -> Voice:
    """An espeak voice; without tuning, espeak's own rate, pitch and range."""
    settings: dict[str, Any] = {"voice": accent}
    if variant:
        settings["variant"] = variant
    settings.update(tuning)
    parts = [accent + (f"+{variant}" if variant else "")]
    parts += [f"{key}={value}" for key, value in tuning.items()]
    return Voice(name=" ".join(parts), engine="espeak", settings=settings, gender=gender)


def variant_gender(variant: str) -> str | None:
    if variant in NAMED_VARIANTS:
        return NAMED_VARIANTS[variant]
    return {"f": "female", "m": "male"}.get(variant[:1]) if variant[1:].isdigit() else None


def profile_candidates(path: Path, group: str) -> list[Candidate]:
    """The offline profiles of a voices file (network engines such as gtts are skipped)."""
    from audioscript.engines import status
    from audioscript.voices import parse_file

    found = []
    for name, voice in parse_file(path).profiles.items():
        engine = status(voice.engine)
        if engine.available and not engine.needs_network:
            found.append(Candidate(voice, group, f"{group}:{name}"))
    return found


def file_group(path: Path) -> str:
    """The group of a ``--voices`` file's profiles (kept apart from the shipped groups)."""
    return f"file:{path.stem}"


def shipped_candidates(extra_files: Sequence[Path] = ()) -> list[Candidate]:
    """espeak's default voice, every voice audioscript ships, and ``extra_files``' profiles.

    Groups: ``baseline``, ``builtin`` (the built-in narrator and casting pool),
    ``default`` (voices/default.toml), ``example`` (examples/anora/voices.toml),
    ``flite``, and ``file:STEM`` for each extra file.
    """
    from audioscript.casting import builtin_narrator, casting_pool
    from audioscript.engines import get_engine, status

    found = [Candidate(espeak("en-us"), "baseline", "espeak en-us (default)")]
    found.append(Candidate(builtin_narrator("espeak"), "builtin"))
    found += [Candidate(voice, "builtin") for voice in casting_pool("espeak")]
    for path, group in (
        (REPO / "voices" / "default.toml", "default"),
        (REPO / "examples" / "anora" / "voices.toml", "example"),
    ):
        if path.is_file():
            found += profile_candidates(path, group)
    for path in extra_files:
        found += profile_candidates(path, file_group(path))
    if status("flite").available:
        for info in get_engine("flite").voices():
            voice = Voice(f"flite {info.id}", "flite", dict(info.settings), gender=info.gender)
            found.append(Candidate(voice, "flite"))
    return found


def sweep_candidates() -> list[Candidate]:
    """espeak accents x variants, named variants, and rate/pitch/range changes."""
    found = []
    for accent in ACCENTS:
        for variant in NUMBERED_VARIANTS + ("klatt2", "klatt4"):
            found.append(Candidate(espeak(accent, variant, variant_gender(variant)), "sweep"))
    for variant, gender in NAMED_VARIANTS.items():
        found.append(Candidate(espeak("en-us", variant, gender), "sweep"))
    for accent, variant in TUNED:
        for tuning in TUNINGS:
            voice = espeak(accent, variant, variant_gender(variant), **tuning)
            found.append(Candidate(voice, "tuning"))
    return found


def engine_candidates(engine: str, only: Sequence[str] = ()) -> list[Candidate]:
    """Every voice ``engine`` lists, or those named in ``only`` (in that order), grouped by
    accent (the voice's language tag). Raises ``distinctness.BadInput`` for unknown voices."""
    found = []
    for info in distinctness.engine_voices(engine, only):
        voice = Voice(info.id, engine, dict(info.settings), gender=info.gender,
                      description=info.description)  # fmt: skip
        found.append(Candidate(voice, info.language))
    return found


# --- measuring (in worker processes: espeak is one global synthesizer per process) -------

_DECODER: Any = None


def _start_worker(engines: Sequence[str] = (), words: Mapping[str, str] | None = None) -> None:
    """A recogniser for this process (knowing ``words`` too: word -> ARPAbet phones), and
    ``engines`` loaded with one CPU thread each."""
    global _DECODER
    from pocketsphinx import Decoder

    from audioscript import ffmpeg
    from audioscript.engines import get_engine
    from audioscript.errors import AudioscriptError

    ffmpeg.configure_pydub()
    _DECODER = Decoder(samprate=RECOGNISER_RATE, loglevel="FATAL", **DECODER_SETTINGS)
    for number, (word, phones) in enumerate((words or {}).items(), 1):
        _DECODER.add_word(word, phones, update=number == len(words or {}))  # one update in all
    for name in engines:
        try:
            get_engine(name).load(1)
        except AudioscriptError:
            pass  # each of its lines then fails with the reason, recorded as the voice's error


def run_tasks(
    function: Callable[[Any], Any],
    tasks: Sequence[Any],
    jobs: int,
    engines: Sequence[str] = (),
    words: Mapping[str, str] | None = None,
) -> Iterator[Any]:
    """``map(function, tasks)`` in ``jobs`` worker processes, each with a recogniser (that
    knows ``words`` too) and ``engines`` loaded; one job runs in this process."""
    if jobs <= 1:
        _start_worker(engines, words)
        yield from map(function, tasks)
        return
    context = get_context("spawn")  # never fork a process that already started espeak
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(tuple(engines), words)
    ) as pool:
        yield from pool.map(function, tasks, chunksize=4)


def to_recogniser_pcm(pcm: bytes, rate: int) -> bytes:
    """s16le mono at ``rate`` -> s16le mono at 16 kHz, padded with silence."""
    import numpy as np
    from scipy.signal import resample_poly

    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    if rate != RECOGNISER_RATE:
        divisor = np.gcd(rate, RECOGNISER_RATE)
        samples = resample_poly(samples, RECOGNISER_RATE // divisor, rate // divisor)
    pad = np.zeros(int(PAD_SECONDS * RECOGNISER_RATE))
    samples = np.concatenate([pad, samples, pad])
    return np.clip(np.round(samples), -32768, 32767).astype("<i2").tobytes()


def recognise(pcm16k: bytes) -> str:
    _DECODER.start_utt()
    _DECODER.process_raw(pcm16k, full_utt=True)
    _DECODER.end_utt()
    hypothesis = _DECODER.hyp()
    return hypothesis.hypstr if hypothesis is not None else ""


def median_pitch(pcm: bytes, rate: int) -> float:
    """Median F0 in Hz over a clip's voiced frames, as the distinctness check measures it
    (NaN when too little of it is voiced)."""
    vector = distinctness.segment_features(distinctness.pcm_samples(pcm, rate))
    if vector is None:
        return float("nan")
    return float(100 * 2 ** (vector[distinctness.FEATURES.index("f0_semitones")] / 12))


def _measure(task: tuple[int, Voice, Take]) -> tuple[int, Take, str, float, float, str]:
    """(candidate number, voice, take) -> (number, take, transcript, seconds, pitch, error)."""
    from audioscript.errors import AudioscriptError
    from audioscript.synth import make_job, produce

    number, voice, take = task
    try:
        clip = produce(make_job(SENTENCES[take[0]], voice, {}, voice.name))
    except AudioscriptError as exc:
        return number, take, "", 0.0, float("nan"), str(exc)
    seconds = len(clip.pcm) / 2 / clip.rate
    text = recognise(to_recogniser_pcm(clip.pcm, clip.rate))
    return number, take, text, seconds, median_pitch(clip.pcm, clip.rate), ""


def measure(
    results: list[Result],
    sentences: Iterable[int],
    repeats: int,
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Transcribe each of ``sentences``, ``repeats`` times, for every result not yet failed.

    espeak-ng does not say a sentence the same way twice in one process (its output
    depends on what it said before), so repetitions show how much a score moves.
    """
    takes = [(sentence, repetition) for repetition in range(repeats) for sentence in sentences]
    tasks = [
        (number, result.candidate.voice, take)
        for number, result in enumerate(results)
        if not result.error
        for take in takes
        if take not in result.transcripts
    ]
    engines = sorted({result.candidate.voice.engine for result in results})
    for done, (number, take, text, seconds, pitch, error) in enumerate(
        run_tasks(_measure, tasks, jobs, engines), 1
    ):
        if error:
            results[number].error = error
        else:
            results[number].transcripts[take] = text
            results[number].seconds[take] = seconds
            if not math.isnan(pitch):
                results[number].pitches[take] = pitch
        if progress:
            progress(done, len(tasks))


# --- the run -------------------------------------------------------------------------------


def advance(screened: list[Result], per_gender: int) -> list[Result]:
    """The screened voices measured on every sentence: the best of each gender (and of no
    stated gender) from the accent x variant sweep, and the best few tunings."""
    ranked = sorted((r for r in screened if not r.error), key=lambda r: (r.wer(), r.candidate.name))
    swept = [r for r in ranked if r.candidate.group == "sweep"]
    chosen = [r for r in ranked if r.candidate.group == "tuning"][:TUNINGS_ADVANCING]
    for gender, limit in (("female", per_gender), ("male", per_gender), (None, NEUTRAL_ADVANCING)):
        chosen += [r for r in swept if r.candidate.voice.gender == gender][:limit]
    return chosen


def run(
    *,
    quick: bool = False,
    sweep: bool = True,
    shipped: bool = True,
    extra_files: Sequence[Path] = (),
    repeats: int = 1,
    jobs: int = 2,
    per_gender: int = ADVANCING,
    sentences: int | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> dict[str, Any]:
    """Measure every candidate; return the report (see :func:`report`).

    Without ``shipped``, only the baseline and the profiles of ``extra_files`` are measured.
    """
    started = time.monotonic()
    count = sentences or (QUICK_SENTENCES if quick else SHIPPED_SENTENCES)
    candidates = shipped_candidates(extra_files)
    if not shipped:
        wanted = {"baseline", *(file_group(path) for path in extra_files)}
        candidates = [c for c in candidates if c.group in wanted]
    measured = unique(candidates)
    known = {sound(c.voice) for c in measured}
    finalists = [Result(c) for c in measured]
    screened: list[Result] = []
    if sweep and not quick:
        swept = [c for c in unique(sweep_candidates()) if sound(c.voice) not in known]
        screened = [Result(c) for c in swept]
        log(f"screening {len(screened)} sweep voices on {SCREEN_SENTENCES} sentences ...")
        measure(screened, range(SCREEN_SENTENCES), 1, jobs, _progress(log))
        finalists += advance(screened, per_gender)
    log(f"measuring {len(finalists)} voices on {count} sentences x {repeats} ...")
    measure(finalists, range(count), repeats, jobs, _progress(log))
    final_ids = {id(r) for r in finalists}
    eliminated = [r for r in screened if id(r) not in final_ids]
    return report(finalists, eliminated, count, repeats, time.monotonic() - started)


def run_engine(
    engine: str,
    only: Sequence[str] = (),
    sentences: int = ENGINE_SENTENCES,
    jobs: int = 1,
    log: Callable[[str], None] = lambda message: None,
) -> dict[str, Any]:
    """Measure every voice ``engine`` lists (or those of ``only``) on the first
    ``sentences``; return the report (see :func:`report`) with the engine's name."""
    started = time.monotonic()
    results = [Result(candidate) for candidate in engine_candidates(engine, only)]
    log(f"measuring {len(results)} {engine} voices on {sentences} sentences ...")
    measure(results, range(sentences), 1, jobs, _progress(log, every=sentences))
    data = report(results, [], sentences, 1, time.monotonic() - started)
    return {"engine": engine, **data}


def _progress(log: Callable[[str], None], every: int = 50) -> Callable[[int, int], None]:
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        if done == total or done % every == 0:
            left = (time.monotonic() - started) / done * (total - done)
            log(f"  {done}/{total}" + (f", about {left / 60:.0f} min left" if left >= 60 else ""))

    return show


def _entry(result: Result, stage: str) -> dict[str, Any]:
    voice = result.candidate.voice
    takes = sorted(result.transcripts)
    pitch = result.pitch()
    return {
        "name": result.candidate.name,
        "group": result.candidate.group,
        "aliases": [{"group": group, "name": name} for group, name in result.candidate.aliases],
        "stage": stage,
        "engine": voice.engine,
        "settings": dict(voice.settings),
        "processing": voice.processing(),
        "gender": voice.gender,
        "wer": None if result.error else round(result.wer(), 4),
        "wer_by_repetition": [] if result.error else [
            round(result.wer(repetition), 4) for repetition in result.repetitions()
        ],
        "sentences": len({sentence for sentence, _ in takes}),
        "takes": len(takes),
        "seconds": round(sum(result.seconds.values()), 2),
        "pitch_hz": None if pitch is None else round(pitch, 1),
        "description": voice.description,
        "transcripts": {f"{s}.{r}": result.transcripts[s, r] for s, r in takes},
        "error": result.error,
    }


def report(
    finalists: list[Result], eliminated: list[Result], count: int, repeats: int, elapsed: float
) -> dict[str, Any]:
    entries = [_entry(r, "final") for r in finalists]
    entries += [_entry(r, "screen") for r in eliminated]
    entries.sort(key=lambda e: (e["stage"] != "final", e["wer"] is None, e["wer"] or 0, e["name"]))
    return {
        "recogniser": RECOGNISER,
        "sentences": list(SENTENCES[:count]),
        "screen_sentences": SCREEN_SENTENCES,
        "repeats": repeats,
        "elapsed_seconds": round(elapsed, 1),
        "results": entries,
    }


def table(data: dict[str, Any], limit: int | None = None) -> str:
    """The results as aligned text, best first (screened-out voices last), then the mean
    WER of each group of fully measured voices next to the baseline's."""
    rows = [e for e in data["results"] if e["wer"] is not None]
    baseline = next((e for e in rows if e["group"] == "baseline"), None)
    lines = [f"{'WER':>6}  {'range':>11}  {'takes':>5}  {'group':<12} {'gender':<6}  voice"]
    shown = rows if limit is None else rows[:limit]
    if baseline is not None and baseline not in shown:
        shown = [*shown, baseline]
    for e in shown:
        runs = e["wer_by_repetition"]
        spread = f"{min(runs) * 100:.0f}-{max(runs) * 100:.0f}%" if len(runs) > 1 else ""
        marker = "  (screen only)" if e["stage"] == "screen" else ""
        marker += "".join(f" = {alias['name']}" for alias in e["aliases"])
        lines.append(
            f"{e['wer'] * 100:5.1f}%  {spread:>11}  {e['takes']:>5}  {e['group']:<12} "
            f"{e['gender'] or '-':<6}  {e['name']}{marker}"
        )
    failed = [e for e in data["results"] if e["wer"] is None]
    lines += [f"  failed: {e['name']}: {e['error']}" for e in failed]
    groups: dict[str, list[float]] = {}
    for e in rows:
        if e["stage"] == "final":
            for group in {e["group"], *(alias["group"] for alias in e["aliases"])}:
                groups.setdefault(group, []).append(e["wer"])
    lines.append("")
    lines.append("mean WER by group: " + ", ".join(
        f"{group} {100 * sum(wers) / len(wers):.1f}% ({len(wers)})"
        for group, wers in sorted(groups.items(), key=lambda item: sum(item[1]) / len(item[1]))
    ))  # fmt: skip
    return "\n".join(lines)


def engine_table(data: dict[str, Any]) -> str:
    """One engine's voices as aligned text, best first, then the median WER of each accent
    and of all."""
    rows = [e for e in data["results"] if e["wer"] is not None]
    width = max([len(e["name"]) for e in data["results"]] + [5]) + 2
    accent = max([len(e["group"]) for e in data["results"]] + [6]) + 2
    lines = [
        f"{'voice':<{width}}{'gender':<8}{'accent':<{accent}}{'WER':>6}  {'pitch':>6}  description"
    ]
    for e in rows:
        pitch = "-" if e["pitch_hz"] is None else f"{e['pitch_hz']:.0f} Hz"
        lines.append(
            f"{e['name']:<{width}}{e['gender'] or '-':<8}{e['group']:<{accent}}"
            f"{e['wer'] * 100:5.1f}%  {pitch:>6}  {e['description']}"
        )
    lines += [f"  failed: {e['name']}: {e['error']}" for e in data["results"] if e["wer"] is None]
    accents: dict[str, list[float]] = {}
    for e in rows:
        accents.setdefault(e["group"], []).append(e["wer"])
    medians = [f"{name} {100 * median(wers):.1f}% ({len(wers)})"
               for name, wers in sorted(accents.items())]  # fmt: skip
    if rows:
        medians.append(f"all {100 * median(e['wer'] for e in rows):.1f}% ({len(rows)})")
    lines += ["", "median WER by accent: " + ", ".join(medians)]
    return "\n".join(lines)


# --- a rendered episode --------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One spoken segment of a rendered episode and what it should say."""

    index: int
    speaker: str
    voice: str
    reference: str  # what the engine was given: the manifest's ``spoken``, else its ``text``
    source: str  # "spoken" or "text"
    start_ms: int
    end_ms: int
    display: str = ""  # the manifest's ``text``: what a reader sees


def episode_lines(manifest: Path) -> list[Line]:
    """The segments of a render manifest, in order (raises ``distinctness.BadInput``)."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        lines = []
        for number, segment in enumerate(data["segments"]):
            source = "spoken" if isinstance(segment.get("spoken"), str) else "text"
            lines.append(
                Line(int(segment.get("index", number)), str(segment["speaker"]),
                     str(segment.get("voice", "")), str(segment[source]), source,
                     int(segment["start_ms"]), int(segment["end_ms"]), str(segment["text"]))
            )  # fmt: skip
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise distinctness.BadInput(
            f"{manifest} is not a render manifest ({exc!r}); give the .json written beside "
            "the MP3 by `audioscript render`"
        ) from None
    return lines


def _recognise_task(task: tuple[int, bytes]) -> tuple[int, str]:
    number, pcm16k = task
    return number, recognise(pcm16k)


def speaker_rows(segments: list[dict[str, Any]], suffixes: list[str]) -> dict[str, dict[str, Any]]:
    """Each speaker's segments, words, voices, and errors and WER per recogniser pass
    (``suffixes``: "" for the one pass, "_with_words" for the second)."""
    speakers: dict[str, dict[str, Any]] = {}
    for segment in segments:
        row = speakers.setdefault(segment["speaker"], {
            "speaker": segment["speaker"], "voices": [], "segments": 0, "words": 0,
            **{"errors" + suffix: 0 for suffix in suffixes},
        })  # fmt: skip
        if segment["voice"] not in row["voices"]:
            row["voices"].append(segment["voice"])
        row["segments"] += 1
        row["words"] += segment["words"]
        for suffix in suffixes:
            row["errors" + suffix] += segment["errors" + suffix]
    for row in speakers.values():
        for suffix in suffixes:
            row["wer" + suffix] = round(row["errors" + suffix] / row["words"], 4)
    return speakers


def measure_episode(
    manifest: Path, jobs: int = 1, log: Callable[[str], None] = lambda message: None
) -> dict[str, Any]:
    """Recognise every segment of a rendered episode, cut from its MP3 by the manifest's
    times, and score it against its reference; return totals, speakers and segments."""
    import numpy as np

    from audioscript.models import NARRATOR

    started = time.monotonic()
    lines = episode_lines(manifest)
    samples = distinctness.decode(manifest.with_suffix(".mp3"), RECOGNISER_RATE)
    pcm = np.round(samples * 32768).clip(-32768, 32767).astype("<i2")
    measured = [
        line for line in lines if normalise_words(line.reference) and line.end_ms > line.start_ms
    ]
    tasks = [
        (number, to_recogniser_pcm(
            pcm[line.start_ms * RECOGNISER_RATE // 1000 : line.end_ms * RECOGNISER_RATE // 1000]
            .tobytes(), RECOGNISER_RATE))
        for number, line in enumerate(measured)
    ]  # fmt: skip
    references = [line.reference for line in measured]
    missing = recogniser_words.missing_words(
        references, recogniser_words.dictionary(recogniser_words.bundled_dictionary())
    )
    added = recogniser_words.pronunciations(missing)
    passes = {"": None, "_with_words": added}  # as the recogniser comes, then knowing them
    transcripts: dict[str, list[str]] = {}
    for suffix, words in passes.items():
        what = f", knowing the {len(added)} words it lacks" if words else ""
        log(f"recognising {len(tasks)} segments of {manifest}{what} ...")
        heard = transcripts[suffix] = [""] * len(tasks)
        progress = _progress(log)
        for done, (number, text) in enumerate(run_tasks(_recognise_task, tasks, jobs, (), words), 1):
            heard[number] = text
            progress(done, len(tasks))
    segments: list[dict[str, Any]] = []
    for number, line in enumerate(measured):
        reference = normalise_words(line.reference)
        segment = {
            "index": line.index, "speaker": line.speaker, "voice": line.voice,
            "start_ms": line.start_ms, "end_ms": line.end_ms, "source": line.source,
            "reference": line.reference, "words": len(reference),
        }  # fmt: skip
        for suffix in passes:
            transcript = transcripts[suffix][number]
            segment["transcript" + suffix] = transcript
            segment["errors" + suffix] = word_errors(reference, normalise_words(transcript))
        segments.append(segment)
    speakers = speaker_rows(segments, list(passes))
    words = sum(segment["words"] for segment in segments)
    totals: dict[str, Any] = {}
    for suffix in passes:
        errors = sum(segment["errors" + suffix] for segment in segments)
        totals["errors" + suffix] = errors
        totals["wer" + suffix] = round(errors / words, 4) if words else None
    return {
        "manifest": str(manifest),
        "recogniser": RECOGNISER,
        "segments_in_manifest": len(lines),
        "references": {
            source: sum(line.source == source for line in measured) for source in ("spoken", "text")
        },
        "words": words,
        **totals,
        "added_words": added,
        "narrator": speakers.get(NARRATOR),
        "speakers": sorted(speakers.values(), key=lambda row: (-row["words"], row["speaker"])),
        "segments": segments,
        "elapsed_seconds": round(time.monotonic() - started, 1),
    }


def measure_episode_whisper(
    manifest: Path, threads: int = 2, log: Callable[[str], None] = lambda message: None
) -> dict[str, Any]:
    """As :func:`measure_episode`, with Whisper base instead of pocketsphinx: one pass, each
    segment scored against its display text and its spoken text, whichever it matches
    better (Whisper writes "Anora" and "2021" where the engine read "Ah-nora" and "twenty
    twenty-one"). Raises ``whisper_recogniser.Missing`` when Whisper is not installed."""
    import whisper_recogniser

    from audioscript.models import NARRATOR

    started = time.monotonic()
    whisper_recogniser.model(threads)  # fails now, not after decoding, when it is missing
    lines = episode_lines(manifest)
    samples = distinctness.decode(manifest.with_suffix(".mp3"), whisper_recogniser.RATE)
    measured = [
        line for line in lines if normalise_words(line.reference) and line.end_ms > line.start_ms
    ]
    log(f"recognising {len(measured)} segments of {manifest} with Whisper base ...")
    progress = _progress(log)
    segments: list[dict[str, Any]] = []
    for done, line in enumerate(measured, 1):
        cut = samples[line.start_ms * 16 : line.end_ms * 16].astype("float32")
        heard = normalise_words(transcript := whisper_recogniser.transcribe(cut, threads))
        scored = []
        for reference in dict.fromkeys((line.reference, line.display or line.reference)):
            words = normalise_words(reference)
            if words:
                scored.append((word_errors(words, heard) / len(words), reference, words))
        _, reference, words = min(scored, key=lambda item: item[0])
        segments.append({
            "index": line.index, "speaker": line.speaker, "voice": line.voice,
            "start_ms": line.start_ms, "end_ms": line.end_ms, "reference": reference,
            "transcript": transcript, "words": len(words), "errors": word_errors(words, heard),
        })  # fmt: skip
        progress(done, len(measured))
    speakers = speaker_rows(segments, [""])
    words = sum(segment["words"] for segment in segments)
    errors = sum(segment["errors"] for segment in segments)
    return {
        "manifest": str(manifest),
        "recogniser": {"model": "Whisper base (faster-whisper, int8, greedy)", "rate": 16000},
        "segments_in_manifest": len(lines),
        "words": words,
        "errors": errors,
        "wer": round(errors / words, 4) if words else None,
        "narrator": speakers.get(NARRATOR),
        "speakers": sorted(speakers.values(), key=lambda row: (-row["words"], row["speaker"])),
        "segments": segments,
        "elapsed_seconds": round(time.monotonic() - started, 1),
    }


def _rate(row: dict[str, Any] | None, suffix: str = "") -> str:
    return "-" if row is None or row["wer" + suffix] is None else f"{100 * row['wer' + suffix]:.1f}%"


def _speakers_and_worst(
    data: dict[str, Any], columns: dict[str, str], worst: int, title: str
) -> list[str]:
    """Each speaker's row (one WER column per ``columns``: header -> suffix), then the worst
    segments by the last column's errors."""
    width = max([len(row["speaker"]) for row in data["speakers"]] + [7]) + 2
    heads = "".join(f"{head:>6}  " for head in columns)
    lines = [f"{'speaker':<{width}}{'segments':>8}  {'words':>6}  {heads}voice"]
    for row in data["speakers"]:
        rates = "".join(f"{_rate(row, suffix):>6}  " for suffix in columns.values())
        lines.append(
            f"{row['speaker']:<{width}}{row['segments']:>8}  {row['words']:>6}  "
            f"{rates}{', '.join(row['voices'])}"
        )
    suffix = list(columns.values())[-1]
    wrong = sorted((s for s in data["segments"] if s["errors" + suffix]),
                   key=lambda s: (-s["errors" + suffix] / s["words"], s["index"]))[:worst]  # fmt: skip
    if wrong:
        lines += ["", f"worst segments{title} (reference -> heard):"]
    for s in wrong:
        lines.append(
            f"  {100 * s['errors' + suffix] / s['words']:5.1f}%  #{s['index']} {s['speaker']}: "
            f"{s['reference']!r} -> {s['transcript' + suffix]!r}"
        )
    return lines


def whisper_table(data: dict[str, Any], worst: int = 5) -> str:
    """The Whisper measurement: overall, narrator, each speaker, the worst segments."""
    lines = [
        (
            f"{data['manifest']}: {len(data['segments'])} of {data['segments_in_manifest']} "
            f"segments measured by Whisper base, {data['words']} words"
        ),
        f"WER overall {_rate(data)}, narrator {_rate(data['narrator'])}",
        "",
    ]
    return "\n".join(lines + _speakers_and_worst(data, {"WER": ""}, worst, ""))


def episode_table(data: dict[str, Any], worst: int = 5) -> str:
    """An episode's WER overall, the narrator's and each speaker's, as the recogniser comes
    and knowing the words its dictionary lacks; then the worst segments (the latter)."""
    references = ", ".join(f"{count} {source}" for source, count in data["references"].items())
    added = data["added_words"]
    known = "_with_words"
    lines = [
        (
            f"{data['manifest']}: {len(data['segments'])} of {data['segments_in_manifest']} "
            f"segments measured, {data['words']} words (references: {references})"
        ),
        f"WER overall {_rate(data)}, narrator {_rate(data['narrator'])}",
        (
            f"knowing the {len(added)} words its dictionary lacks: overall "
            f"{_rate(data, known)}, narrator {_rate(data['narrator'], known)}"
            + (f" ({', '.join(list(added)[:8])}{', ...' if len(added) > 8 else ''})" if added else "")
        ),
        "",
    ]
    columns = {"WER": "", "known": known}
    return "\n".join(lines + _speakers_and_worst(data, columns, worst, ", knowing the words"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"shipped voices only, {QUICK_SENTENCES} sentences (a minute or two)")
    parser.add_argument("--no-sweep", action="store_true",
                        help="no espeak sweep: shipped voices and --voices files only")
    parser.add_argument("--voices", type=Path, action="append", default=[], metavar="FILE",
                        help="also measure the offline profiles of this voices TOML file")
    parser.add_argument("--only-voices", action="store_true",
                        help="measure only the --voices profiles and the baseline (no sweep)")
    parser.add_argument("--engine", metavar="NAME",
                        help="measure every voice this engine lists instead (e.g. kokoro)")
    parser.add_argument("--only", metavar="ID,ID",
                        help="with --engine: only these voices (ids as `audioscript voices` shows)")
    parser.add_argument("--episode", type=Path, metavar="MANIFEST",
                        help="measure a rendered episode: its .json manifest, the MP3 beside it")
    parser.add_argument("--recogniser", choices=("pocketsphinx", "whisper"), default="pocketsphinx",
                        help="with --episode: pocketsphinx (default; bare, then knowing the "
                             "words it lacks) or Whisper base (see scripts/whisper_recogniser.py)")
    parser.add_argument("--sentences", type=int, metavar="N",
                        help=f"sentences per voice (default {SHIPPED_SENTENCES}, "
                             f"{QUICK_SENTENCES} with --quick, {ENGINE_SENTENCES} with --engine; "
                             f"at most {len(SENTENCES)})")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="say every sentence N times (espeak varies; default 1)")
    parser.add_argument("--json", type=Path, help="write every result (with transcripts) here")
    parser.add_argument("--jobs", type=int, default=None,
                        help="worker processes (default 2; 1 for an engine that keeps a core "
                             "busy, such as kokoro, and for --episode)")
    parser.add_argument("--advance", type=int, default=ADVANCING,
                        help=f"sweep voices per gender measured on every sentence "
                             f"(default {ADVANCING})")
    parser.add_argument("--limit", type=int, default=None, help="rows to print (default all)")
    args = parser.parse_args(argv)  # fmt: skip
    if args.json and not args.json.parent.is_dir():  # fail now, not after the measurement
        parser.error(f"--json {args.json}: no folder {args.json.parent}; create it or write elsewhere.")
    try:
        import pocketsphinx  # noqa: F401
        import scipy  # noqa: F401
    except ImportError as exc:
        print(f"error: {exc.name} is missing: pip install pocketsphinx scipy", file=sys.stderr)
        return 1
    usage = _usage_problem(args)
    if usage:
        print(f"error: {usage}", file=sys.stderr)
        return 2

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.episode and args.recogniser == "whisper":
        import whisper_recogniser

        try:
            data = measure_episode_whisper(args.episode, max(1, args.jobs or 2), log)
        except distinctness.BadInput as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except whisper_recogniser.Missing as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(whisper_table(data))
    elif args.episode:
        try:
            data = measure_episode(args.episode, max(1, args.jobs or 1), log)
        except distinctness.BadInput as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(episode_table(data))
    elif args.engine:
        from audioscript.engines import get_engine, status

        engine = status(args.engine)
        if not engine.available:
            print(f"error: {engine.reason}", file=sys.stderr)
            return 1
        busy = get_engine(args.engine).cpu_bound
        only = [name.strip() for name in (args.only or "").split(",") if name.strip()]
        try:
            data = run_engine(
                args.engine,
                only,
                sentences=args.sentences or ENGINE_SENTENCES,
                jobs=max(1, args.jobs or (1 if busy else min(2, os.cpu_count() or 1))),
                log=log,
            )
        except distinctness.BadInput as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(engine_table(data))
    else:
        data = run(
            quick=args.quick,
            sweep=not (args.no_sweep or args.only_voices),
            shipped=not args.only_voices,
            extra_files=args.voices,
            repeats=max(1, args.repeat),
            jobs=max(1, args.jobs or min(2, os.cpu_count() or 1)),
            per_gender=args.advance,
            sentences=args.sentences,
            log=log,
        )
        print(table(data, args.limit))
    log(f"done in {data['elapsed_seconds']:.0f} s")
    if args.json:
        from audioscript.atomic import write_json_atomic

        write_json_atomic(args.json, data)
        log(f"wrote {args.json}")
    return 0


def _usage_problem(args: argparse.Namespace) -> str:
    """What is wrong with this combination of options ("" when nothing)."""
    for path in args.voices:
        if not path.is_file():
            return f"--voices {path}: no such file"
    if args.only_voices and not args.voices:
        return "--only-voices needs at least one --voices FILE"
    if args.only and not args.engine:
        return "--only picks voices of an engine: add --engine NAME (e.g. --engine kokoro)"
    if args.recogniser != "pocketsphinx" and not args.episode:
        return "--recogniser whisper measures a rendered episode: add --episode MANIFEST"
    if args.episode and (args.engine or args.voices or args.quick):
        return "--episode measures a rendered episode; drop --engine, --voices and --quick"
    if args.engine and (args.voices or args.quick):
        return "--engine measures one engine's voices; drop --voices and --quick"
    if args.sentences is not None and not 1 <= args.sentences <= len(SENTENCES):
        return f"--sentences must be from 1 to {len(SENTENCES)}"
    if args.episode and not (args.episode.is_file() and args.episode.with_suffix(".mp3").is_file()):
        return (
            f"need {args.episode} and {args.episode.with_suffix('.mp3').name} beside it "
            "(render with: audioscript render ARTICLE -o OUT.mp3)"
        )
    return ""


if __name__ == "__main__":
    sys.exit(main())
