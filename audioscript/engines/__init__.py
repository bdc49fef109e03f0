"""Engine registry: names mapped to lazily imported classes, with install hints.

Built-in engines register through the same table as plugins: a third-party package adds
an engine with an entry point in the group ``audioscript.engines`` whose value is
``"package.module:ClassName"``. Nothing is imported until an engine is asked for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points

from ..errors import EngineError, UsageError
from .base import Engine, VoiceInfo

__all__ = ["Engine", "EngineStatus", "VoiceInfo", "engine_names", "get_engine", "status"]

ENTRY_POINT_GROUP = "audioscript.engines"

#: name -> (import path, install hint shown when the import fails)
BUILTIN: dict[str, tuple[str, str]] = {
    "kokoro": ("audioscript.engines.kokoro:KokoroEngine", "pip install audioscript (it brings onnxruntime and the model)"),
    "piper": ("audioscript.engines.piper:PiperEngine", "pip install 'audioscript[piper]'"),
    "espeak": ("audioscript.engines.espeak:EspeakEngine", "pip install espeakng-loader"),
    "gtts": ("audioscript.engines.gtts:GttsEngine", "pip install gTTS"),
    "flite": ("audioscript.engines.subprocess_engines:FliteEngine", "apt install flite"),
    "pico": ("audioscript.engines.subprocess_engines:PicoEngine", "apt install libttspico-utils"),
    "festival": ("audioscript.engines.subprocess_engines:FestivalEngine", "apt install festival"),
    "rhvoice": ("audioscript.engines.subprocess_engines:RHVoiceEngine", "apt install rhvoice"),
    "silent": ("audioscript.engines.silent:SilentEngine", ""),
}


def _known() -> dict[str, tuple[str, str]]:
    known = dict(BUILTIN)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        known.setdefault(ep.name, (ep.value, f"reinstall the package that provides {ep.name!r}"))
    return known


def engine_names() -> list[str]:
    return sorted(_known())


@cache
def get_engine(name: str) -> Engine:
    """The engine called ``name`` (one instance per process)."""
    known = _known()
    if name not in known:
        raise UsageError(
            f"Unknown engine {name!r}. Choose one of: {', '.join(sorted(known))} "
            "(see `audioscript engines`)."
        )
    target, hint = known[name]
    module_name, _, class_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise EngineError(
            f"Engine {name!r} cannot be imported ({exc}). Install it: {hint}."
        ) from exc
    engine = getattr(module, class_name)()
    if not isinstance(engine, Engine):
        raise EngineError(f"Engine {name!r} ({target}) is not an audioscript Engine.")
    return engine


@cache
def problem(name: str) -> str | None:
    """``engine.check()``, once per process: some checks probe the network (gTTS: DNS,
    up to 2 s), and one command asks several times (flags, casting, synthesis)."""
    return get_engine(name).check()


@dataclass(frozen=True)
class EngineStatus:
    name: str
    available: bool
    reason: str  # why not, with the fix; empty when available
    needs_network: bool = False
    version: str = ""


def status(name: str) -> EngineStatus:
    """Whether engine ``name`` works on this machine, and why not."""
    try:
        engine = get_engine(name)
    except (EngineError, UsageError) as exc:
        return EngineStatus(name, False, str(exc))
    reason = problem(name)
    if reason:
        return EngineStatus(name, False, reason, engine.needs_network)
    return EngineStatus(name, True, "", engine.needs_network, engine.version)


def default_engine() -> str:
    """The engine for automatic casting when none is asked for: ``AUDIOSCRIPT_ENGINE``
    if set, else the most natural offline engine available here (RHVoice, flite... when
    installed), else espeak."""
    import os

    chosen = os.environ.get("AUDIOSCRIPT_ENGINE")
    if chosen:
        get_engine(chosen)  # an unknown name is an error here too
        return chosen
    best, best_quality = "espeak", -1
    for name in engine_names():
        if name == "silent":
            continue
        try:
            engine = get_engine(name)
        except (EngineError, UsageError):
            continue
        if engine.needs_network or engine.quality <= best_quality:
            continue
        if problem(name) is None:
            best, best_quality = name, engine.quality
    return best


def require(name: str) -> Engine:
    """The engine ``name``, or an :class:`EngineError` saying why it cannot be used."""
    engine = get_engine(name)
    reason = problem(name)
    if reason:
        raise EngineError(f"Engine {name!r} is not available: {reason}")
    return engine
