"""Hermetic tests: every user path (cache, voices, templates) points into tmp folders."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def hermetic(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("AUDIOSCRIPT_CACHE_DIR", str(root / "cache"))
    monkeypatch.setenv("AUDIOSCRIPT_VOICES_DIR", str(root / "no-voices"))
    monkeypatch.setenv("AUDIOSCRIPT_TEMPLATES_DIR", str(root / "no-templates"))
    monkeypatch.setenv("AUDIOSCRIPT_PIPER_DIR", str(root / "no-piper-voices"))
    monkeypatch.setenv("AUDIOSCRIPT_GTTS_MIN_INTERVAL", "0")
    monkeypatch.setenv("AUDIOSCRIPT_ENGINE", "espeak")  # the same voices with or without flite
    from audioscript.engines import problem

    problem.cache_clear()  # engine availability is remembered per process
