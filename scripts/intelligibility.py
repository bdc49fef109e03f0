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
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a file from a checkout without installing
    sys.path.insert(0, str(REPO))

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
)
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
    error: str = ""

    def wer(self, repetition: int | None = None) -> float:
        """WER over every take, or over the takes of one repetition."""
        takes = sorted(t for t in self.transcripts if repetition in (None, t[1]))
        references = [SENTENCES[sentence] for sentence, _ in takes]
        return word_error_rate(references, [self.transcripts[take] for take in takes])

    def repetitions(self) -> list[int]:
        return sorted({repetition for _, repetition in self.transcripts})


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
    from audioscript.engines import get_engine, status
    from audioscript.casting import builtin_narrator, casting_pool

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


# --- measuring (in worker processes: espeak is one global synthesizer per process) -------

_DECODER: Any = None


def _start_worker() -> None:
    global _DECODER
    from pocketsphinx import Decoder

    from audioscript import ffmpeg

    ffmpeg.configure_pydub()
    _DECODER = Decoder(samprate=RECOGNISER_RATE, loglevel="FATAL", **DECODER_SETTINGS)


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


def _measure(task: tuple[int, Voice, Take]) -> tuple[int, Take, str, float, str]:
    """(candidate number, voice, take) -> (number, take, transcript, seconds, error)."""
    from audioscript.errors import AudioscriptError
    from audioscript.synth import make_job, produce

    number, voice, take = task
    try:
        clip = produce(make_job(SENTENCES[take[0]], voice, {}, voice.name))
    except AudioscriptError as exc:
        return number, take, "", 0.0, str(exc)
    seconds = len(clip.pcm) / 2 / clip.rate
    return number, take, recognise(to_recogniser_pcm(clip.pcm, clip.rate)), seconds, ""


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
    context = get_context("spawn")  # never fork a process that already started espeak
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker) as pool:
        for done, (number, take, text, seconds, error) in enumerate(
            pool.map(_measure, tasks, chunksize=4), 1
        ):
            if error:
                results[number].error = error
            else:
                results[number].transcripts[take] = text
                results[number].seconds[take] = seconds
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
    log: Callable[[str], None] = lambda message: None,
) -> dict[str, Any]:
    """Measure every candidate; return the report (see :func:`report`).

    Without ``shipped``, only the baseline and the profiles of ``extra_files`` are measured.
    """
    started = time.monotonic()
    count = QUICK_SENTENCES if quick else len(SENTENCES)
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


def _progress(log: Callable[[str], None]) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        if done == total or done % 50 == 0:
            log(f"  {done}/{total}")

    return show


def _entry(result: Result, stage: str) -> dict[str, Any]:
    voice = result.candidate.voice
    takes = sorted(result.transcripts)
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
        "recogniser": {"model": "pocketsphinx en-us (bundled)", "rate": RECOGNISER_RATE,
                       **DECODER_SETTINGS},  # fmt: skip
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
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="say every sentence N times (espeak varies; default 1)")
    parser.add_argument("--json", type=Path, help="write every result (with transcripts) here")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="worker processes (default 2)")
    parser.add_argument("--advance", type=int, default=ADVANCING,
                        help=f"sweep voices per gender measured on every sentence "
                             f"(default {ADVANCING})")
    parser.add_argument("--limit", type=int, default=None, help="rows to print (default all)")
    args = parser.parse_args(argv)  # fmt: skip
    try:
        import pocketsphinx  # noqa: F401
        import scipy  # noqa: F401
    except ImportError as exc:
        print(f"error: {exc.name} is missing: pip install pocketsphinx scipy", file=sys.stderr)
        return 1
    for path in args.voices:
        if not path.is_file():
            print(f"error: --voices {path}: no such file", file=sys.stderr)
            return 2
    if args.only_voices and not args.voices:
        print("error: --only-voices needs at least one --voices FILE", file=sys.stderr)
        return 2

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    data = run(
        quick=args.quick,
        sweep=not (args.no_sweep or args.only_voices),
        shipped=not args.only_voices,
        extra_files=args.voices,
        repeats=max(1, args.repeat),
        jobs=max(1, args.jobs),
        per_gender=args.advance,
        log=log,
    )
    print(table(data, args.limit))
    log(f"done in {data['elapsed_seconds']:.0f} s")
    if args.json:
        from audioscript.atomic import write_json_atomic

        write_json_atomic(args.json, data)
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
