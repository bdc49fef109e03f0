"""The engine contract: plain data in, plain data out.

An engine turns ``(text, settings)`` into a :class:`~audioscript.models.Clip`. It has a
``name``, a ``version`` (part of every cache key, so a new engine version re-synthesizes),
and says whether it needs the network and whether one instance may be used from several
threads at once. :class:`audioscript.engines.silent.SilentEngine` is the smallest complete
example.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from ..models import Clip


@dataclass(frozen=True)
class VoiceInfo:
    """One voice an engine offers, as listed by ``audioscript voices``."""

    engine: str
    id: str  # what goes in the profile's settings to select it
    settings: Mapping[str, Any]  # the profile settings that select this voice
    language: str = "en"
    gender: str | None = None
    description: str = ""


class Engine:
    """Base class for speech engines. Subclasses override the class attributes and
    :meth:`synthesize`; :meth:`check` and :meth:`voices` when they can say more."""

    name: ClassVar[str] = ""
    needs_network: ClassVar[bool] = False
    thread_safe: ClassVar[bool] = True
    #: what to tell a user when the engine is unavailable
    install_hint: ClassVar[str] = ""
    #: relative naturalness, used by automatic casting to prefer better engines
    quality: ClassVar[int] = 0
    #: a neural model that keeps a core busy: synthesis gives each worker process a share
    #: of the cores (see :meth:`load`) and runs workers even for a few lines
    cpu_bound: ClassVar[bool] = False

    @property
    def version(self) -> str:
        return "1"

    def check(self) -> str | None:
        """Return ``None`` when usable here, else a one-line reason with the fix."""
        return None

    def load(self, threads: int) -> None:
        """Load what synthesis needs, once per process, using at most ``threads`` CPU
        threads. Called in each worker process before its first line (and by a lone
        process with all cores); engines with nothing to load keep this no-op."""

    def voices(self) -> list[VoiceInfo]:
        return []

    def validate(self, settings: Mapping[str, Any], where: str) -> None:
        """Raise :class:`~audioscript.errors.InputError` naming ``where`` for bad settings."""

    def synthesize(self, text: str, settings: Mapping[str, Any]) -> Clip:
        raise NotImplementedError
