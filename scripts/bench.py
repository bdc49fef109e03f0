"""Benchmark audioscript against the naive pydub loop and the bare MP3 encode (issue 6).

    python scripts/bench.py                      # 1x and 4x article, median of 3 runs
    python scripts/bench.py --quick              # 1x only, one run of each
    python scripts/bench.py --json output/bench.json --keep output/bench
    python scripts/bench.py --engine kokoro      # the neural voices (1x; about an hour)
    python scripts/bench.py --engine kokoro --quick --lines 6   # smoke run: 1-4 minutes

For the example article and for one four times longer (``make_long_article.py``), it
times, each in a fresh Python process started the way a user starts it:

ours
    cold render     ``python -m audioscript render ARTICLE -q`` with an empty cache;
    cold, script    the same from the article's script (``audioscript script``), the naive
                    loop's own input: no extraction or template, everything else the same;
    re-render       one quote of the script (from ``audioscript script``) edited, then
                    ``render SCRIPT -q`` with the cache warm: one clip to make;
    preview         ``audioscript preview SCRIPT --line N -o x.wav`` of a cached line.
naive
    The loop people write first: for every line of the same script, the same espeak
    engine and voices (taken from audioscript's plan), each clip wrapped in a pydub
    ``AudioSegment`` and joined with ``episode += pause; episode += clip``, then
    ``episode.export(..., format="mp3")`` at the same bitrate, rate and channels. It has
    no cache, so its re-render after an edit is the whole run again: one measurement
    serves both rows. It runs on the script (no extraction), a little in its favour. Its
    preview synthesizes the one line and writes a WAV.
floor
    ``ffmpeg -i episode.wav -c:a libmp3lame ...``: the bare encode of the same audio (our
    MP3 decoded to WAV once, untimed). For the preview, ffmpeg copying the preview WAV.

The cold renders and the naive loop take turns (ours from the article, ours from the
script, naive; then again), so that a slow spell of a shared machine falls on both sides.

Every render is forced to espeak (``--engine espeak``) so both sides use one engine:
without it, speakers cast automatically go to the best installed engine (kokoro now).

``--engine kokoro`` measures the neural engine instead: renders without ``--engine``,
so every speaker gets the Kokoro voice examples/anora/voices.toml casts them to (the
manifest must say kokoro for every line, or the benchmark stops), and the naive loop
speaks each line with the same voice, the model loaded once with every core, the clip
turned from float to 16-bit for pydub. Kokoro is CPU-bound, so the yardstick is the
CPU the synthesis itself needs: a third process synthesizes every line of the plan with
one thread and nothing else, and the CPU seconds of that loop are S. With ``cores`` the
CPUs this process may use and E the bare encode (the floor), a render that only
parallelised synthesis and then encoded would take S / cores + E; the target is
``ours cold <= 1.2 x (S / cores + E)``. Our synthesis wall time is estimated as the cold
render of the script minus a render of it with every clip cached. Targets: naive / ours
at least 1.4, tree memory under 1.5 GB. Without ``--size`` only the 1x article runs:
each render synthesizes the whole episode (~0.6 CPU s per second of audio).
``--lines N`` cuts the script to its first N spoken lines for a quick smoke run (the
naive loop and the synthesis run take the same cut); the article itself cannot be cut,
so its row then repeats the script's runs.

Memory: "MB" is the peak, over the run, of the proportional set size (PSS) summed over
the whole process tree (python, synthesis workers, ffmpeg), sampled from
/proc/PID/smaps_rollup every ``--poll-ms``. PSS splits pages shared by forked workers
between them, so the sum is what the tree really holds. The JSON also has
``rss_sum_mb`` (plain RSS summed: shared pages counted once per process, an upper
bound) and ``max_process_mb``, the kernel's exact peak RSS of the largest single
process in the tree (``ru_maxrss`` from ``wait4``, which covers every reaped
descendant); a sample can miss a short spike, so neither sum is reported below it.

The machine may be shared: each run records the share of the CPUs other processes used
meanwhile, and its CPU seconds (user + system over the tree), which other load changes
far less than wall time. A run during which others took over 10 % is measured again
(``--retry-noisy``, once by default) and the quietest kept; a warning remains if none
was quiet. ``--wait-quiet 60`` also waits up to a minute before each run.

All caches live in a temporary folder (``AUDIOSCRIPT_CACHE_DIR``); the user's cache is
never touched. Run from anywhere: commands run in the repository root, with this
checkout's package first on PYTHONPATH. ``--size 4x`` runs one size only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "examples" / "anora" / "article.txt"
VOICES = REPO / "examples" / "anora" / "voices.toml"
MB = 1024 * 1024

#: the issue's targets
COLD_SPEEDUP = {"espeak": 2.0, "kokoro": 1.4}  # naive / ours, at least
EDIT_OVER_FLOOR = 1.5  # re-render / bare encode, at most
PEAK_MB = {"espeak": 300.0, "kokoro": 1536.0}  # 1.5 GB for the neural model
PREVIEW_S = 2.0
CPU_BOUND_SLACK = 1.2  # kokoro: ours cold <= this x (S / cores + bare encode)
LINEAR_SLACK = 1.15  # 4x cost per audio minute within 15 % of 1x counts as linear
NOISY = 0.1  # share of the CPUs used by other processes above which a run is suspect


# --- measuring one process tree -----------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_mb: float  # sampled sum of PSS over the tree (shared pages split between sharers)
    rss_sum_mb: float  # sampled sum of RSS over the tree (shared pages counted per process)
    max_process_mb: float  # exact peak RSS of the largest single process in the tree
    cpu_s: float  # user + system time of the whole tree (other load barely changes it)
    others: float  # share of the machine's CPUs busy with other processes during the run
    stdout: str = ""
    stderr: str = ""


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: split after it
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(name))
    return children


def _tree_memory(root: int) -> tuple[int, int]:
    """(PSS sum, RSS sum) in bytes over ``root`` and all its descendants, right now."""
    children = _children_map()
    pss = rss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                for row in handle:
                    if row.startswith(b"Rss:"):
                        rss += int(row.split()[1]) * 1024
                    elif row.startswith(b"Pss:"):
                        pss += int(row.split()[1]) * 1024
                        break
        except (OSError, IndexError, ValueError):
            continue
    return pss, rss


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (from /proc/stat)."""
    with open("/proc/stat", "rb") as handle:
        fields = [int(x) for x in handle.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_quiet(limit_s: float, threshold: float = 0.15) -> float:
    """Wait up to ``limit_s`` until other processes use under ``threshold`` of the CPUs
    over one second; return that share (the machine may be shared with other work)."""
    deadline = time.monotonic() + limit_s
    cpus = os.cpu_count() or 1
    while True:
        busy, own, started = _busy_seconds(), sum(os.times()[:2]), time.monotonic()
        time.sleep(1.0)
        elapsed = time.monotonic() - started
        share = (_busy_seconds() - busy - (sum(os.times()[:2]) - own)) / (elapsed * cpus)
        if share < threshold or time.monotonic() >= deadline:
            return max(0.0, share)


def measure(
    cmd: list[str], env: dict[str, str], poll_ms: float, workdir: Path, quiet_s: float = 0
) -> Run:
    """Run ``cmd`` (cwd: the repository) and return its wall time and memory."""
    if quiet_s > 0:
        wait_quiet(quiet_s)
    out_path, err_path = workdir / "last.stdout", workdir / "last.stderr"
    busy, own = _busy_seconds(), sum(os.times()[:2])
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=REPO, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
        peak_pss = peak_rss = 0
        done = threading.Event()

        def poll() -> None:
            nonlocal peak_pss, peak_rss
            while not done.is_set():
                pss, rss = _tree_memory(proc.pid)
                peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
                done.wait(poll_ms / 1000)

        poller = threading.Thread(target=poll, daemon=True)
        if poll_ms > 0:
            poller.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        if poll_ms > 0:
            poller.join()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4 ourselves
    stdout = out_path.read_text("utf-8", "replace")
    stderr = err_path.read_text("utf-8", "replace")
    if proc.returncode != 0:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise SystemExit(f"command failed (exit {proc.returncode}): {' '.join(cmd)}\n{tail}")
    largest = usage.ru_maxrss * 1024  # kilobytes on Linux
    cpu = usage.ru_utime + usage.ru_stime
    other = _busy_seconds() - busy - cpu - (sum(os.times()[:2]) - own)
    others = max(0.0, other) / (seconds * (os.cpu_count() or 1))
    # a sample can miss a short spike; the largest process's exact peak is a lower bound
    return Run(
        seconds, max(peak_pss, largest) / MB, max(peak_rss, largest) / MB, largest / MB,
        cpu, others, stdout, stderr,
    )  # fmt: skip


@dataclass
class Timing:
    """The median of several runs of one task, plus every run."""

    seconds: float
    peak_mb: float
    rss_sum_mb: float
    max_process_mb: float
    cpu_s: float
    runs: list[float] = field(default_factory=list)
    others: list[float] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def summarize(runs: list[Run], extra: dict[str, Any] | None = None) -> Timing:
    return Timing(
        seconds=statistics.median(r.seconds for r in runs),
        peak_mb=max(r.peak_mb for r in runs),
        rss_sum_mb=max(r.rss_sum_mb for r in runs),
        max_process_mb=max(r.max_process_mb for r in runs),
        cpu_s=statistics.median(r.cpu_s for r in runs),
        runs=[round(r.seconds, 3) for r in runs],
        others=[round(r.others, 2) for r in runs],
        extra=extra or {},
    )


# --- the naive loop and the synthesis alone (each in its own process) --------------------


def _plan(args: argparse.Namespace) -> Any:
    """audioscript's own plan of the script: espeak forced, or (kokoro) the profiles'
    voices; every line must use ``args.engine``."""
    from audioscript.pipeline import load
    from audioscript.render import RenderOptions, plan
    from audioscript.voices import load_config

    options = RenderOptions(
        engine=args.engine, force_engine=args.engine == "espeak", bitrate=args.bitrate,
        sample_rate=args.sample_rate, channels=args.channels,
    )  # fmt: skip
    script = Path(args.naive or args.synth_only)
    plan_ = plan(load(script, input_type="script"), load_config(map(Path, args.voices)), options)
    _require_engine([(line.cue.line, line.job.engine) for line in plan_.lines], args.engine, script)
    return plan_


def _require_engine(lines: list[tuple[int, str]], engine: str, where: Path) -> None:
    """Stop unless every (script line, engine) pair is ``engine``: a benchmark of kokoro
    that quietly spoke some lines with another engine would flatter it."""
    others = [(number, name) for number, name in lines if name != engine]
    if not lines or others:
        shown = ", ".join(f"line {number}: {name}" for number, name in others[:5])
        raise SystemExit(
            f"{where}: {len(others)} of {len(lines)} lines are not spoken by {engine} "
            f"({shown or 'no lines at all'}). Cast every speaker to a {engine} profile in "
            f"{VOICES} and check `audioscript engines` lists {engine} as available."
        )


def _pcm16(clip: Any) -> bytes:
    """A clip as 16-bit PCM for pydub: espeak's is already, Kokoro's is float (-1..1)."""
    if clip.format == "s16le":
        return clip.data
    if clip.format == "f32le":
        import numpy as np

        audio = np.frombuffer(clip.data, dtype="<f4")
        return (np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes()
    raise SystemExit(f"the naive loop reads raw clips only, not {clip.format!r}")


def naive_main(args: argparse.Namespace) -> int:
    """Synthesize, += join and pydub-export every line; print phase times as JSON."""
    started = time.perf_counter()
    from audioscript.engines import get_engine
    from audioscript.ffmpeg import ffmpeg_path
    from audioscript.models import Chapter, Directive
    from audioscript.render import PAUSE_CHAPTER, PAUSE_SENTENCE, PAUSE_SPEAKER
    from audioscript.script import pause_ms

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # pydub warns when ffmpeg is not on PATH
        from pydub import AudioSegment
    AudioSegment.converter = ffmpeg_path()

    plan_ = _plan(args)
    if args.engine == "kokoro":  # a lone process: the model gets every core, as audioscript
        get_engine("kokoro").load(os.cpu_count() or 1)
    setup = time.perf_counter() - started

    synth_s = join_s = 0.0
    episode = AudioSegment.empty()
    pending_pause: int | None = None  # ms set by [pause] directives, as in render.layout
    chapter_break = False
    previous_speaker: str | None = None
    count = 0
    for item in plan_.items:
        if isinstance(item, Chapter):
            chapter_break = True
            continue
        if isinstance(item, Directive):
            if item.name == "pause":
                pending_pause = (pending_pause or 0) + pause_ms(item, "naive")
            continue
        line = item
        if args.only_line and line.cue.line != args.only_line:
            continue
        t = time.perf_counter()
        clip = get_engine(line.job.engine).synthesize(line.job.text, line.job.settings)
        segment = AudioSegment(
            data=_pcm16(clip), sample_width=2, frame_rate=clip.sample_rate, channels=1
        )
        synth_s += time.perf_counter() - t
        t = time.perf_counter()
        if count:
            if pending_pause is not None:
                gap = pending_pause
            elif chapter_break:
                gap = PAUSE_CHAPTER
            elif line.cue.speaker != previous_speaker:
                gap = PAUSE_SPEAKER
            else:
                gap = PAUSE_SENTENCE
            pause = AudioSegment.silent(duration=gap, frame_rate=clip.sample_rate)
            episode += pause
        episode += segment
        join_s += time.perf_counter() - t
        count += 1
        previous_speaker, pending_pause, chapter_break = line.cue.speaker, None, False

    t = time.perf_counter()
    if args.only_line:  # a preview: a WAV at the output rate, no encoder
        episode = episode.set_frame_rate(args.sample_rate).set_channels(args.channels)
        episode.export(args.out, format="wav").close()
    else:
        episode.export(
            args.out, format="mp3", bitrate=args.bitrate,
            parameters=["-ar", str(args.sample_rate), "-ac", str(args.channels)],
        ).close()  # fmt: skip
    export_s = time.perf_counter() - t
    print(json.dumps({
        "lines": count, "duration_ms": len(episode), "setup_s": round(setup, 3),
        "synth_s": round(synth_s, 3), "join_s": round(join_s, 3), "export_s": round(export_s, 3),
    }))  # fmt: skip
    return 0


def synth_main(args: argparse.Namespace) -> int:
    """Only synthesize every line of the plan, one process, one model thread; print the
    CPU seconds of that loop (S, the work any render must do) and more, as JSON."""
    from audioscript.engines import get_engine

    plan_ = _plan(args)
    cpu = time.process_time()
    get_engine(args.engine).load(1)
    load_cpu_s = time.process_time() - cpu
    cpu, wall = time.process_time(), time.perf_counter()  # every thread of the process
    samples = 0.0
    for line in plan_.lines:
        clip = get_engine(line.job.engine).synthesize(line.job.text, line.job.settings)
        width = {"s16le": 2, "f32le": 4}.get(clip.format)
        if width is None:
            raise SystemExit(f"the synthesis run reads raw clips only, not {clip.format!r}")
        samples += len(clip.data) / width / clip.sample_rate
    print(json.dumps({
        "lines": len(plan_.lines), "audio_s": round(samples, 3),
        "load_cpu_s": round(load_cpu_s, 3), "synth_cpu_s": round(time.process_time() - cpu, 3),
        "synth_wall_s": round(time.perf_counter() - wall, 3),
    }))  # fmt: skip
    return 0


# --- one article size ---------------------------------------------------------------------


NAIVE_PHASES = ("setup_s", "synth_s", "join_s", "export_s")


def _brief(run: Run) -> str:
    return f"{run.seconds:.2f}s, {run.cpu_s:.2f} CPU s, {run.peak_mb:.0f} MB"


def _cache_count(cache: Path) -> int:
    return sum(1 for p in (cache / "clips").glob("*/*") if not p.name.startswith(".tmp-"))


def _edit_target(script: Path) -> tuple[int, int]:
    """(line to edit, line to preview): two quotes (not narration) from the middle, or two
    spoken lines of a script cut too short to hold two quotes (``--lines``)."""
    spoken = [
        (number, text)
        for number, text in enumerate(script.read_text("utf-8").splitlines(), start=1)
        if re.match(r"^[^#\[/][^:\[\]]{0,79}:\s\S", text)
    ]
    quotes = [number for number, text in spoken if not text.startswith("NARRATOR:")]
    if len(quotes) < 2:
        quotes = [number for number, _ in spoken]
    if len(quotes) < 2:
        raise SystemExit(f"{script}: fewer than two spoken lines to edit and preview.")
    middle = len(quotes) // 2
    return quotes[middle], quotes[middle + 1]


def _edit(script: Path, target: Path, line: int, take: int) -> None:
    """Copy ``script`` to ``target`` with quote ``line`` changed (differently per take)."""
    lines = script.read_text("utf-8").splitlines()
    speaker, _, text = lines[line - 1].partition(": ")
    words = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    lines[line - 1] = f"{speaker}: {text.rstrip('.')}, take {words[take % 10]}."
    target.write_text("\n".join(lines) + "\n", "utf-8")


def cut_script(script: Path, lines: int) -> Path:
    """The script up to its ``lines``-th spoken line, header, chapters and pauses kept
    (``--lines``): a copy beside it, or the script itself when it is no longer."""
    from audioscript.models import Cue
    from audioscript.script import parse

    text = script.read_text("utf-8")
    cues = [item.line for item in parse(text, str(script)).items if isinstance(item, Cue)]
    if lines >= len(cues):
        return script
    cut = script.with_name(f"{script.name.removesuffix('.txt')}.first-{lines}.txt")
    cut.write_text("\n".join(text.splitlines()[: cues[lines - 1]]) + "\n", "utf-8")
    return cut


def _checked_manifest(mp3: Path, engine: str) -> dict[str, Any]:
    """The render's manifest, after checking that ``engine`` spoke every line."""
    path = mp3.with_suffix(".json")
    manifest: dict[str, Any] = json.loads(path.read_text("utf-8"))
    _require_engine([(s["line"], s["engine"]) for s in manifest["segments"]], engine, path)
    return manifest


@dataclass
class Context:
    """One article size: where its files go and how to run a measured command."""

    label: str
    work: Path
    args: argparse.Namespace

    def env(self, cache: Path) -> dict[str, str]:
        env = dict(os.environ, AUDIOSCRIPT_CACHE_DIR=str(cache))
        # this checkout's package, also for the naive loop (whose sys.path[0] is scripts/)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        return env

    def run(self, cmd: list[str], cache: Path) -> Run:
        """Measure ``cmd``; again (up to --retry-noisy times) while other processes took
        more than NOISY of the CPUs, keeping the quietest run. Commands are repeatable."""
        a = self.args
        tries = [measure(cmd, self.env(cache), a.poll_ms, self.work, a.wait_quiet)]
        while tries[-1].others > NOISY and len(tries) <= a.retry_noisy:
            self.say(f"other processes took {tries[-1].others:.0%} of the CPUs: measuring again")
            tries.append(measure(cmd, self.env(cache), a.poll_ms, self.work, a.wait_quiet))
        return min(tries, key=lambda run: run.others)

    def say(self, text: str) -> None:
        print(f"[{self.label}] {text}", file=sys.stderr, flush=True)

    def audioscript(self, *args: str, render: bool = True) -> list[str]:
        """``python -m audioscript ...`` with the example's voices: espeak forced, or for
        kokoro no ``--engine``, so each speaker gets the engine of its profile."""
        cmd = [sys.executable, "-m", "audioscript", *args, "--voices", str(VOICES)]
        if self.args.engine == "espeak":
            cmd += ["--engine", "espeak"]
        if render:
            a = self.args
            cmd += ["--bitrate", a.bitrate, "--sample-rate", str(a.sample_rate)]
            cmd += ["--channels", str(a.channels)]
        return cmd

    def naive(self, script: Path, out: Path, only_line: int | None = None) -> list[str]:
        a = self.args
        cmd = [
            sys.executable, str(Path(__file__).resolve()), "--naive", str(script),
            "--voices", str(VOICES), "--bitrate", a.bitrate, "--sample-rate", str(a.sample_rate),
            "--channels", str(a.channels), "--out", str(out), "--engine", a.engine,
        ]  # fmt: skip
        return cmd + (["--only-line", str(only_line)] if only_line else [])

    def synthesis(self, script: Path) -> list[str]:
        """The synthesis alone: every line of ``script``, one process, one thread."""
        return [
            sys.executable, str(Path(__file__).resolve()), "--synth-only", str(script),
            "--voices", str(VOICES), "--engine", self.args.engine,
        ]  # fmt: skip


def cold_render(ctx: Context, source: Path, name: str, take: int) -> tuple[Run, Path, Path]:
    """Render ``source`` with an empty cache; return the run, its (now warm) cache and the
    MP3. The previous take's cache is removed."""
    mp3 = ctx.work / f"{name}.mp3"
    cache = ctx.work / f"cache-{name}-{take}"
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir()
    if take:
        shutil.rmtree(ctx.work / f"cache-{name}-{take - 1}", ignore_errors=True)
    run = ctx.run(ctx.audioscript("render", str(source), "-o", str(mp3), "-q"), cache)
    _checked_manifest(mp3, ctx.args.engine)
    ctx.say(f"cold render of {source.name} {take + 1}/{ctx.args.repeat}: {_brief(run)}")
    return run, cache, mp3


def make_script(ctx: Context, article: Path) -> Path:
    """``audioscript script`` of the article (untimed; it synthesizes nothing)."""
    script = ctx.work / "article.script.txt"
    empty = ctx.work / "cache-script"
    empty.mkdir(exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "audioscript", "script", str(article), "-o", str(script), "--force"],
        cwd=REPO, env=ctx.env(empty), check=True, capture_output=True,
    )  # fmt: skip
    shutil.rmtree(empty, ignore_errors=True)
    return script


def interleaved_cold_runs(
    ctx: Context, article: Path | None, script: Path
) -> tuple[list[Run], list[Run], list[Run], list[dict[str, Any]], Path, Path]:
    """Cold renders of the article and of its script, and the naive loop over the script,
    taking turns (ours, ours from the script, naive; again), so that a slow spell of a
    shared machine falls on both sides instead of on whichever ran then. Returns the runs,
    the naive loop's phase times, the warm cache of the last script render and the
    article's MP3. Without an article (a script cut by --lines), no article runs and the
    MP3 is the script's."""
    naive_repeat = ctx.args.naive_repeat if ctx.label == "1x" else ctx.args.naive_repeat_long
    empty = ctx.work / "cache-naive"  # never read by the naive loop: set so nothing leaks
    empty.mkdir(exist_ok=True)
    cold: list[Run] = []
    cold_script: list[Run] = []
    naive: list[Run] = []
    phases: list[dict[str, Any]] = []
    cache = mp3 = ctx.work
    for take in range(max(ctx.args.repeat, naive_repeat)):
        if take < ctx.args.repeat:
            if article is not None:
                run, _, mp3 = cold_render(ctx, article, "ours", take)
                cold.append(run)
            run, cache, script_mp3 = cold_render(ctx, script, "ours-script", take)
            cold_script.append(run)
            mp3 = mp3 if article is not None else script_mp3
        if take < naive_repeat:
            naive.append(ctx.run(ctx.naive(script, ctx.work / "naive.mp3"), empty))
            phases.append(json.loads(naive[-1].stdout.strip().splitlines()[-1]))
            ctx.say(f"naive loop {take + 1}/{naive_repeat}: {_brief(naive[-1])} {phases[-1]}")
    return cold, cold_script, naive, phases, cache, mp3


def rerenders(ctx: Context, script: Path, line: int, cache: Path) -> tuple[list[Run], Path, int]:
    """Edit quote ``line`` differently each time (one new clip) and render the script."""
    edited = ctx.work / "edited.script.txt"
    before = _cache_count(cache)
    runs = []
    for i in range(ctx.args.repeat):
        _edit(script, edited, line, i)
        cmd = ctx.audioscript("render", str(edited), "-o", str(ctx.work / "edited.mp3"), "-q")
        runs.append(ctx.run(cmd, cache))
        ctx.say(f"re-render {i + 1}/{ctx.args.repeat}: {_brief(runs[-1])}")
    return runs, edited, _cache_count(cache) - before


def previews(ctx: Context, script: Path, line: int, cache: Path) -> tuple[list[Run], Path, str]:
    """Preview one cached line; return the runs, the WAV and what the command said."""
    wav = ctx.work / "preview.wav"
    cmd = ctx.audioscript("preview", str(script), "--line", str(line), "-o", str(wav), render=False)
    runs = [ctx.run(cmd, cache) for _ in range(ctx.args.repeat)]
    ctx.say(f"preview: {statistics.median(r.seconds for r in runs):.2f}s")
    said = runs[-1].stderr.strip().splitlines()
    return runs, wav, said[-1] if said else ""


def naive_previews(ctx: Context, script: Path, preview_line: int) -> list[Run]:
    """The naive loop over the one preview line."""
    cmd = ctx.naive(script, ctx.work / "naive-preview.wav", preview_line)
    return [ctx.run(cmd, ctx.work / "cache-naive") for _ in range(ctx.args.repeat)]


def synthesis_runs(ctx: Context, script: Path) -> tuple[list[Run], dict[str, Any]]:
    """The synthesis alone (``synth_main``), once: its CPU seconds are steady."""
    runs = [ctx.run(ctx.synthesis(script), ctx.work / "cache-naive")]
    report = json.loads(runs[-1].stdout.strip().splitlines()[-1])
    ctx.say(f"synthesis alone, 1 thread: {_brief(runs[-1])} {report}")
    return runs, report


def cached_renders(ctx: Context, script: Path, cache: Path) -> list[Run]:
    """Render ``script`` with every clip cached: all of a render but the synthesis."""
    mp3 = ctx.work / "all-cached.mp3"
    cmd = ctx.audioscript("render", str(script), "-o", str(mp3), "-q")
    runs = [ctx.run(cmd, cache) for _ in range(ctx.args.repeat)]
    _checked_manifest(mp3, ctx.args.engine)
    ctx.say(f"render, all cached: {statistics.median(r.seconds for r in runs):.2f}s")
    return runs


def cpu_bound(data: dict[str, Any]) -> dict[str, Any]:
    """How the cold renders compare with the CPU the synthesis needs: S (synthesis CPU
    seconds in one thread) spread over the cores, plus E (the bare encode)."""
    from audioscript.synth import cores

    ours, synthesis, n = data["ours"], data["synthesis"], cores()
    s, e = synthesis["extra"]["synth_cpu_s"], data["floor"]["cold"]["seconds"]
    bound = s / n + e
    synth_wall = ours["cold_script"]["seconds"] - ours["all_cached"]["seconds"]
    return {
        "cores": n,
        "synth_cpu_s": s,
        "encode_s": e,
        "bound_s": bound,
        "ratio": ours["cold"]["seconds"] / bound,
        "ratio_script": ours["cold_script"]["seconds"] / bound,
        "target": CPU_BOUND_SLACK,
        "naive_over_ours": data["naive"]["cold"]["seconds"] / ours["cold"]["seconds"],
        "synth_limit_s": s / n,
        "ours_synth_wall_s": synth_wall,  # cold from the script - the same, all cached
        "ours_synth_over_limit": synth_wall / (s / n),
        "audio_s": synthesis["extra"]["audio_s"],
        "cpu_s_per_audio_s": s / synthesis["extra"]["audio_s"],
    }


def floor_runs(ctx: Context, mp3: Path, preview_wav: Path) -> tuple[list[Run], list[Run]]:
    """The bare encode of our episode's audio, and ffmpeg copying the preview WAV."""
    ffmpeg = _ffmpeg()
    quiet = [ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y"]
    wav = ctx.work / "ours.wav"
    subprocess.run([*quiet, "-i", str(mp3), str(wav)], check=True)  # untimed
    a = ctx.args
    encode = [
        *quiet, "-i", str(wav), "-c:a", "libmp3lame", "-b:a", a.bitrate,
        "-ar", str(a.sample_rate), "-ac", str(a.channels), str(ctx.work / "floor.mp3"),
    ]  # fmt: skip
    empty = ctx.work / "cache-naive"
    runs = [ctx.run(encode, empty) for _ in range(a.repeat)]
    ctx.say(f"floor encode: {statistics.median(r.seconds for r in runs):.2f}s")
    copy = [*quiet, "-i", str(preview_wav), str(ctx.work / "floor-preview.wav")]
    return runs, [ctx.run(copy, empty) for _ in range(a.repeat)]


def bench_size(label: str, article: Path, args: argparse.Namespace, root: Path) -> dict[str, Any]:
    """Every measurement for one article."""
    ctx = Context(label, root / label, args)
    ctx.work.mkdir(parents=True, exist_ok=True)
    script = make_script(ctx, article)  # the naive loop's input
    if args.lines:
        script = cut_script(script, args.lines)
    runs = interleaved_cold_runs(ctx, None if args.lines else article, script)
    cold, cold_script, naive, phases, cache, mp3 = runs
    manifest = json.loads(mp3.with_suffix(".json").read_text("utf-8"))
    clips = _cache_count(cache)
    if args.engine == "kokoro":
        synthesis, synthesis_report = synthesis_runs(ctx, script)
        all_cached = cached_renders(ctx, script, cache)
    edit_line, preview_line = _edit_target(script)
    edits, edited, edit_made = rerenders(ctx, script, edit_line, cache)
    shown, preview_wav, said = previews(ctx, edited, preview_line, cache)
    naive_preview = naive_previews(ctx, script, preview_line)
    floors, preview_floors = floor_runs(ctx, mp3, preview_wav)
    split = {k: statistics.median(p[k] for p in phases) for k in NAIVE_PHASES}
    if not args.keep:
        for path in ctx.work.glob("cache-*"):
            shutil.rmtree(path, ignore_errors=True)
    cut = {"same_runs_as": "cold_script"} if args.lines else {}  # the article is not cut
    data: dict[str, Any] = {
        "article": str(article),
        "script_lines": args.lines,  # the first N spoken lines only (--lines), or all
        "lines": len(manifest["segments"]),
        "unique_clips": clips,
        "duration_s": manifest["duration_ms"] / 1000,
        "naive_duration_s": phases[-1]["duration_ms"] / 1000,
        "loudness_lufs": manifest.get("loudness_lufs"),
        "edit": {"script_line": edit_line, "clips_synthesized": edit_made, "renders": args.repeat},
        "preview": {"script_line": preview_line, "said": said},
        "ours": {
            "cold": asdict(summarize(cold or cold_script, cut)),
            "cold_script": asdict(summarize(cold_script)),
            "rerender": asdict(summarize(edits)),
            "preview": asdict(summarize(shown)),
        },
        "naive": {  # no cache: a re-render is the whole run again, so the same runs
            "cold": asdict(summarize(naive, {"phases": split})),
            "cold_script": asdict(summarize(naive, {"phases": split, "same_runs_as": "cold"})),
            "rerender": asdict(summarize(naive, {"phases": split, "same_runs_as": "cold"})),
            "preview": asdict(summarize(naive_preview)),
        },
        "floor": {
            "cold": asdict(summarize(floors)),
            "cold_script": asdict(summarize(floors)),
            "rerender": asdict(summarize(floors)),
            "preview": asdict(summarize(preview_floors)),
        },
    }
    if args.engine == "kokoro":
        data["ours"]["all_cached"] = asdict(summarize(all_cached))
        data["synthesis"] = asdict(summarize(synthesis, synthesis_report))
        data["cpu_bound"] = cpu_bound(data)
    return data


def _source() -> str:
    """The commit measured, and whether tracked files differ from it."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "unknown (not a git checkout)"
    changed = git("status", "--porcelain", "--untracked-files=no")
    return commit + (" + uncommitted changes" if changed else "")


def _ffmpeg() -> str:
    from audioscript.ffmpeg import ffmpeg_path

    return ffmpeg_path()


# --- the report -----------------------------------------------------------------------------

TASKS = (
    ("cold", "cold render"),
    ("cold_script", "cold, from script"),  # the naive loop's own input: no extraction
    ("rerender", "re-render, 1 edit"),
    ("preview", "preview 1 line"),
)


#: kokoro's extra rows: (where in a size's results, name); only their "ours" cells are filled
CPU_BOUND_ROWS = (
    (("ours", "all_cached"), "render, all cached"),  # all but the synthesis
    (("synthesis",), "synthesis 1 thread"),  # S: the synthesis alone, one process
)


def _cells(timing: dict[str, Any]) -> str:
    return f"{timing['seconds']:7.2f} {timing['cpu_s']:6.2f} {timing['peak_mb']:4.0f}"


def table(results: dict[str, Any]) -> str:
    bounded = all("cpu_bound" in data for data in results["sizes"].values())
    head = (
        f"{'size':4} {'task':18} {'ours s':>7} {'cpu':>6} {'MB':>4} | {'naive s':>7} {'cpu':>6} "
        f"{'MB':>4} | {'floor s':>7} {'cpu':>6} {'MB':>4} | {'naive/ours':>10} {'ours/floor':>10}"
    ) + (f" {'ours/bound':>10}" if bounded else "")
    rows = [head, "-" * len(head)]
    blank = f"{'-':>7} {'-':>6} {'-':>4}"
    for size, data in results["sizes"].items():
        for key, name in TASKS:
            ours, naive, floor = (data[side][key] for side in ("ours", "naive", "floor"))
            cells = " | ".join(_cells(t) for t in (ours, naive, floor))
            rows.append(
                f"{size:4} {name:18} {cells} | {naive['seconds'] / ours['seconds']:10.2f} "
                f"{ours['seconds'] / floor['seconds']:10.2f}"
            )
            if bounded:
                bound = data["cpu_bound"]["bound_s"]
                cold = key in ("cold", "cold_script")
                rows[-1] += f" {ours['seconds'] / bound:10.2f}" if cold else f" {'-':>10}"
        if bounded:
            for where, name in CPU_BOUND_ROWS:
                timing = data
                for step in where:
                    timing = timing[step]
                rows.append(
                    f"{size:4} {name:18} {_cells(timing)} | {blank} | {blank} | {'-':>10} "
                    f"{'-':>10} {'-':>10}"
                )
    lines = ["\n".join(rows), ""]
    for size, data in results["sizes"].items():
        p = data["naive"]["cold"]["extra"]["phases"]
        lines.append(
            f"{size}: {data['lines']} lines, {data['unique_clips']} clips, "
            f"{data['duration_s'] / 60:.1f} min (naive {data['naive_duration_s'] / 60:.1f} min); "
            f"naive split: setup {p['setup_s']:.2f}s, synthesis {p['synth_s']:.2f}s, "
            f"+= join {p['join_s']:.2f}s, export {p['export_s']:.2f}s; "
            f"{data['edit']['renders']} re-renders made {data['edit']['clips_synthesized']} clip(s)"
        )
        if data["script_lines"]:
            lines.append(
                f"{size}: --lines {data['script_lines']}: the script's first spoken lines only; "
                "the article cannot be cut, so 'cold render' repeats 'cold, from script'"
            )
        if "cpu_bound" in data:
            lines.extend(_cpu_bound_lines(size, data))
    if "linearity" in results:
        lin = results["linearity"]
        lines.append(
            f"linearity 4x/1x (audio {lin['audio']:.2f}x): ours cold {lin['ours_cold']:.2f}x, "
            f"re-render {lin['ours_rerender']:.2f}x, preview {lin['ours_preview']:.2f}x; "
            f"naive {lin['naive']:.2f}x; floor {lin['floor']:.2f}x"
        )
        cpu = lin["cpu"]
        lines.append(
            f"  in CPU seconds: ours cold {cpu['ours_cold']:.2f}x, re-render "
            f"{cpu['ours_rerender']:.2f}x; naive {cpu['naive']:.2f}x; floor {cpu['floor']:.2f}x"
        )
    others = [
        share
        for data in results["sizes"].values()
        for timing in [
            *(t for side in ("ours", "naive", "floor") for t in data[side].values()),
            *([data["synthesis"]] if "synthesis" in data else []),
        ]
        for share in timing["others"]
    ]
    if max(others) > NOISY:
        lines.append(
            f"warning: other processes used up to {max(others):.0%} of the machine's CPUs during "
            f"a run (mean {statistics.mean(others):.0%}): wall times are inflated; the CPU "
            "seconds are steadier."
        )
    lines.append("")
    lines.append("targets:")
    for name, ok, detail in results["targets"]:
        lines.append(f"  [{'PASS' if ok else 'FAIL'}] {name}: {detail}")
    return "\n".join(lines)


def _cpu_bound_lines(size: str, data: dict[str, Any]) -> list[str]:
    """The synthesis CPU S, how near our synthesis comes to S / cores, and the criterion."""
    b, ours = data["cpu_bound"], data["ours"]
    load_cpu_s = data["synthesis"]["extra"]["load_cpu_s"]
    alone = (
        f"{size}: synthesis alone (1 process, 1 thread): S = {b['synth_cpu_s']:.1f} CPU s for "
        f"{b['audio_s']:.1f}s of audio ({b['cpu_s_per_audio_s']:.2f} CPU s per second of audio; "
        f"model load {load_cpu_s:.1f} CPU s more); bare encode E = {b['encode_s']:.2f}s"
    )
    limit = (
        f"{size}: CPU limit S / {b['cores']} cores = {b['synth_limit_s']:.1f}s; our synthesis "
        f"~ {b['ours_synth_wall_s']:.1f}s (cold from script {ours['cold_script']['seconds']:.1f}s"
        f" - all cached {ours['all_cached']['seconds']:.1f}s) = "
        f"{b['ours_synth_over_limit']:.2f}x the limit"
    )
    criterion = (
        f"{size}: criterion ours cold <= {b['target']:g} x (S / cores + E) = {b['target']:g} x "
        f"{b['bound_s']:.1f}s: ours cold / (S / cores + E) = {b['ratio']:.2f} (target <= "
        f"{b['target']:g}; from the script {b['ratio_script']:.2f}); naive / ours = "
        f"{b['naive_over_ours']:.2f} (target >= {COLD_SPEEDUP['kokoro']:g})"
    )
    return [alone, limit, criterion]


def targets(results: dict[str, Any]) -> list[tuple[str, bool, str]]:
    checks = []
    sizes = results["sizes"]
    speed, peak_mb = COLD_SPEEDUP[results["engine"]], PEAK_MB[results["engine"]]
    for size, data in sizes.items():
        ours, naive, floor = data["ours"], data["naive"], data["floor"]
        speedup = naive["cold"]["seconds"] / ours["cold"]["seconds"]
        name = f"{size} cold render >= {speed:g}x faster than naive"
        checks.append((name, speedup >= speed, f"{speedup:.2f}x"))
        same_input = naive["cold"]["seconds"] / ours["cold_script"]["seconds"]
        name = f"{size} cold render of the script (the naive loop's input) >= {speed:g}x"
        checks.append((name, same_input >= speed, f"{same_input:.2f}x"))
        if "cpu_bound" in data:
            b = data["cpu_bound"]
            name = f"{size} cold render <= {b['target']:g} x (S / cores + bare encode)"
            detail = (
                f"{ours['cold']['seconds']:.1f}s / ({b['synth_cpu_s']:.1f} CPU s / {b['cores']} "
                f"+ {b['encode_s']:.2f}s) = {b['ratio']:.2f}"
            )
            checks.append((name, b["ratio"] <= b["target"], detail))
        ratio = ours["rerender"]["seconds"] / floor["rerender"]["seconds"]
        name = f"{size} re-render <= {EDIT_OVER_FLOOR:g}x bare encode"
        checks.append((name, ratio <= EDIT_OVER_FLOOR, f"{ratio:.2f}x"))
        peak = max(ours[k]["peak_mb"] for k, _ in TASKS)
        rss = max(ours[k]["rss_sum_mb"] for k, _ in TASKS)
        largest = max(ours[k]["max_process_mb"] for k, _ in TASKS)
        checks.append((
            f"{size} peak memory < {peak_mb:g} MB", peak < peak_mb,
            f"{peak:.0f} MB tree PSS (RSS sum {rss:.0f} MB, largest process {largest:.0f} MB)",
        ))  # fmt: skip
        preview = ours["preview"]["seconds"]
        name = f"{size} preview of a cached line < {PREVIEW_S:g} s"
        checks.append((name, preview < PREVIEW_S, f"{preview:.2f}s"))
    if "linearity" in results:
        lin = results["linearity"]
        for key in ("ours_cold", "ours_rerender"):
            per_minute = lin[key] / lin["audio"]
            checks.append((
                f"{key.removeprefix('ours_')} time linear 1x -> 4x",
                per_minute <= LINEAR_SLACK,
                (
                    f"{lin[key]:.2f}x time for {lin['audio']:.2f}x audio "
                    f"({per_minute:.2f}x per audio minute)"
                ),
            ))  # fmt: skip
    return checks


# --- main -------------------------------------------------------------------------------------

ENGINE_NOTE = {
    "espeak": "espeak (forced with --engine espeak)",
    "kokoro": f"kokoro (no --engine: the profiles of {VOICES.relative_to(REPO)}, checked per line)",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1x article only, one run of each")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (median); default 3")
    parser.add_argument("--naive-repeat", type=int, default=2, help="naive runs at 1x; default 2")
    parser.add_argument(
        "--naive-repeat-long", type=int, default=1, help="naive runs at 4x; default 1"
    )
    parser.add_argument(
        "--size", action="append", choices=("1x", "4x"),
        help="only this article size (repeatable); default both, for kokoro 1x",
    )  # fmt: skip
    parser.add_argument(
        "--engine", choices=("espeak", "kokoro"), default="espeak",
        help="espeak (forced on every voice; default) or kokoro (the voices of "
        "examples/anora/voices.toml, compared with the CPU its synthesis needs)",
    )  # fmt: skip
    parser.add_argument(
        "--lines", type=int, metavar="N",
        help="only the script's first N spoken lines, for a smoke run (the article row "
        "then repeats the script's)",
    )  # fmt: skip
    parser.add_argument(
        "--retry-noisy", type=int, default=1, metavar="N",
        help=f"measure a run again up to N times while other processes took over {NOISY:.0%}% "
        "of the CPUs; default 1",
    )  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--keep", type=Path, help="keep the work files (and caches) in this folder")
    parser.add_argument(
        "--poll-ms", type=float, default=100, help="memory sampling interval, 0: none; default 100"
    )
    parser.add_argument(
        "--wait-quiet", type=float, default=0, metavar="SECONDS",
        help="before each run, wait up to SECONDS for other processes to go quiet",
    )  # fmt: skip
    parser.add_argument("--bitrate", default="96k", help="as audioscript's default")
    parser.add_argument("--sample-rate", type=int, default=44100)
    parser.add_argument("--channels", type=int, default=1)
    parser.add_argument("--naive", help=argparse.SUPPRESS)  # internal: run the naive loop
    parser.add_argument("--voices", action="append", default=[], help=argparse.SUPPRESS)
    parser.add_argument("--only-line", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--synth-only", help=argparse.SUPPRESS)  # internal: synthesis alone
    args = parser.parse_args(argv)
    if args.naive:
        return naive_main(args)
    if args.synth_only:
        return synth_main(args)
    if args.lines is not None and args.lines < 2:
        parser.error("--lines needs at least 2 (one line to edit, one to preview)")
    if args.quick:
        args.repeat = args.naive_repeat = args.naive_repeat_long = 1
        args.retry_noisy = 0
    if min(args.repeat, args.naive_repeat, args.naive_repeat_long) < 1:
        parser.error("repeat counts must be at least 1")

    sys.path[:0] = [str(REPO), str(Path(__file__).resolve().parent)]
    from make_long_article import make_long_article

    started = time.perf_counter()
    root = args.keep or Path(tempfile.mkdtemp(prefix="audioscript-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        every = ["1x", "4x"] if args.engine == "espeak" else ["1x"]  # kokoro: minutes per render
        sizes = ["1x"] if args.quick else (args.size or every)
        inputs = {"1x": ARTICLE} if "1x" in sizes else {}
        if "4x" in sizes:
            long = root / "article-4x.txt"
            long.write_text(make_long_article(ARTICLE.read_text("utf-8"), 4), "utf-8")
            inputs["4x"] = long
        results: dict[str, Any] = {
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
            "source": _source(),
            "engine": args.engine,
            "settings": {
                "bitrate": args.bitrate, "sample_rate": args.sample_rate, "channels": args.channels,
                "repeat": args.repeat, "naive_repeat": args.naive_repeat,
                "naive_repeat_long": args.naive_repeat_long, "poll_ms": args.poll_ms,
                "retry_noisy": args.retry_noisy, "wait_quiet": args.wait_quiet,
                "engine": ENGINE_NOTE[args.engine],
                "lines": args.lines,
                "peak_mb": "max over runs of the sampled PSS sum of the process tree",
            },
            "sizes": {label: bench_size(label, path, args, root) for label, path in inputs.items()},
        }
        if len(results["sizes"]) == 2:
            one, four = results["sizes"]["1x"], results["sizes"]["4x"]

            def grow(side: str, key: str, measure: str = "seconds") -> float:
                return float(four[side][key][measure] / one[side][key][measure])

            results["linearity"] = {
                "audio": four["duration_s"] / one["duration_s"],
                "ours_cold": grow("ours", "cold"),
                "ours_rerender": grow("ours", "rerender"),
                "ours_preview": grow("ours", "preview"),
                "naive": grow("naive", "cold"),
                "floor": grow("floor", "cold"),
                "cpu": {
                    "ours_cold": grow("ours", "cold", "cpu_s"),
                    "ours_rerender": grow("ours", "rerender", "cpu_s"),
                    "naive": grow("naive", "cold", "cpu_s"),
                    "floor": grow("floor", "cold", "cpu_s"),
                },
            }
        results["targets"] = targets(results)
        results["seconds"] = round(time.perf_counter() - started, 1)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(table(results))
    print(f"\n(benchmark took {results['seconds']:.0f}s)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
