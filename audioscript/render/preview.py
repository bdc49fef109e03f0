"""Preview: a few lines with the voices, processing and levels of the full render."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..cache import ClipCache
from ..errors import UsageError
from ..models import Utterance
from ..pipeline import Loaded
from ..synth import SynthStats, synthesize
from ..voices import VoiceConfig
from .assemble import blocks
from .encode import (
    encode,
)
from .levels import gains
from .plan import (
    PAUSE_SENTENCE,
    Line,
    Plan,
    RenderOptions,
    check_options,
    plan,
    remember_cast,
)
from .timeline import Placed, _samples, layout

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


def _continued(loaded: Loaded, number: int) -> list[Utterance]:
    """The sentence that INPUT's line ``number`` goes on with, when it has none of its own
    (a paragraph a scraper cut after "No." is read from its first line)."""
    from ..extract.results import lines_covered

    try:
        text = Path(loaded.source).read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return []
    before = [u for u in loaded.utterances if u.line < number]
    last = max((u.line for u in before), default=0)
    return [u for u in before if u.line == last and number in lines_covered(u, text)]


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
            found = [u for u in loaded.utterances if low <= u.line <= high]
            if not found and selection.line is not None:
                found = _continued(loaded, selection.line)
            texts = {(u.speaker, u.text) for u in found}
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
    from ..atomic import atomic_path
    from ..outputs import mark_audio

    options = replace(options, format=Path(output).suffix.lower())
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
    fmt = Path(output).suffix.lower().lstrip(".")
    with atomic_path(output) as tmp:
        encode(blocks(placed, [], clip_gain, cache, options.channels), tmp, options, fmt, shown=output)
        mark_audio(tmp)
    remember_cast(plan_)
    return chosen, stats
