"""Render: plan a script into clips and pauses, synthesize, assemble, master, encode.

Assembly is linear in the number of lines: clips are streamed from the cache straight
into one ffmpeg encode, so Python never holds the whole episode. Loudness is computed
before the encode from per-clip measurements (see :mod:`audioscript.loudness`): every
voice is matched to the same speech level, the episode is set to the podcast target
(-16 LUFS stereo, -19 LUFS mono), and a limiter keeps the true peak under -1 dBTP.

The stages live in modules of their own: :mod:`.plan` (options, voices and clip jobs),
:mod:`.timeline` (pauses, directives, intro, outro, music), :mod:`.levels`,
:mod:`.assemble` (streaming blocks), :mod:`.encode` (every output format, MP3 in parallel)
and :mod:`.preview`. This module runs them in order.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..cache import ClipCache
from ..engines import get_engine
from ..errors import EngineError
from ..models import Episode, Segment
from ..pipeline import Loaded
from ..synth import WORK_RATE, Progress, SynthStats, synthesize
from ..voices import VoiceConfig
from .assemble import blocks
from .encode import (
    EncodeMeter,
    EncodeProgress,
    _has_media,
    codec_loss_db,
    encode,
    encode_parallel,
    mp3_frames,
    shift_episode,
)
from .levels import gains
from .plan import (
    MUSIC_DUCK_DB,
    MUSIC_VOLUME_DB,
    PAUSE_CHAPTER,
    PAUSE_SENTENCE,
    PAUSE_SPEAKER,
    SPEECH_REFERENCE_LUFS,
    TRUE_PEAK_LIMIT_DBFS,
    Line,
    Plan,
    RenderOptions,
    check_options,
    plan,
    remember_cast,
    resolve_media,
)
from .preview import Selection, preview, select
from .timeline import Bed, Placed, _ms, layout

__all__ = [
    "MUSIC_DUCK_DB", "MUSIC_VOLUME_DB", "PAUSE_CHAPTER", "PAUSE_SENTENCE", "PAUSE_SPEAKER",
    "SPEECH_REFERENCE_LUFS", "TRUE_PEAK_LIMIT_DBFS", "WORK_RATE", "Bed", "EncodeMeter", "EncodeProgress",
    "Line", "Placed", "Plan", "RenderOptions", "Result", "Selection", "blocks", "build_episode",
    "check_options", "encode", "encode_parallel", "layout", "mp3_frames", "plan",
    "plan_and_synthesize", "preview", "render", "resolve_media", "select",
]  # fmt: skip


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
    planned: Plan | None = None,
) -> tuple[Plan, SynthStats]:
    """Cast and synthesize (``planned``: the plan the caller already made, checking it).
    With ``options.fallback``, a network engine that fails (offline, blocked, rate limited)
    hands the whole episode to the fallback engine; the clips it finished stay cached for
    the next online run."""
    plan_ = planned or plan(loaded, config, options)
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
    planned: Plan | None = None,
) -> Result:
    """Render ``loaded`` to ``output`` (MP3) plus ``.json`` manifest, ``.vtt`` and ``.srt``.

    ``progress`` reports synthesis (lines done, lines, cache hits, share of the work),
    ``encoding`` the encode (seconds of audio done, seconds in all); ``planned`` is the plan
    the caller already made (the CLI's checks make one), so casting is not done twice."""
    from ..atomic import atomic_paths
    from ..containers import chapters_file, lost_in, tag_audio
    from ..export import write_manifest, write_srt, write_vtt
    from ..outputs import GENERATOR, file_sha256

    started = time.perf_counter()
    options = replace(options, format=Path(output).suffix.lower())
    check_options(options)
    cache = cache or ClipCache()
    plan_, stats = plan_and_synthesize(loaded, config, options, cache, progress, notify, planned)
    episode, placed, beds, clip_gain = build_episode(plan_, stats, options, cache)
    output = Path(output)
    manifest, vtt, srt = (output.with_suffix(s) for s in (".json", ".vtt", ".srt"))
    lost = lost_in(episode, options.format)
    if lost and notify:
        notify(f"note: {output.name} cannot hold {' or '.join(lost)}; {manifest.name} and {vtt.name} have them (use .mp3 or .m4a to keep them in the audio).")
    # every file is finished under a temporary name first; the renames come last, together
    with atomic_paths(output, manifest, vtt, srt) as (tmp_audio, tmp_manifest, tmp_vtt, tmp_srt):
        meter = EncodeMeter(placed[-1].start, encoding) if encoding else None
        moves = encode_parallel(placed, beds, clip_gain, cache, options, tmp_audio, output, meter)
        if moves is None:
            with chapters_file(episode, options.format) as inputs:
                encode(
                    blocks(placed, beds, clip_gain, cache, options.channels), tmp_audio, options,
                    options.format.lstrip("."), shown=output, guard=_has_media(placed, beds),
                    meter=meter, inputs=inputs,
                )  # fmt: skip
        else:
            episode = shift_episode(episode, moves)
        tag_audio(tmp_audio, episode, options.format)
        audio = {"file": output.name, "format": options.format.lstrip("."),
                 "bytes": tmp_audio.stat().st_size, "sha256": file_sha256(tmp_audio)}  # fmt: skip
        write_manifest(
            episode, tmp_manifest,
            {"generator": GENERATOR, "source": loaded.script.path, "input": loaded.kind, "audio": audio},
        )  # fmt: skip
        write_vtt(episode, tmp_vtt)
        write_srt(episode, tmp_srt)
    remember_cast(plan_)
    return Result(episode, stats, time.perf_counter() - started, (output, manifest, vtt, srt))


