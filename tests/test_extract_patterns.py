"""Vocabulary and patterns (``extract/vocabulary.py``, ``extract/patterns.py``)."""

from __future__ import annotations

import subprocess
import sys

from audioscript.extract import SPEECH_VERBS
from audioscript.extract.patterns import LazyPattern


def test_speech_verbs_in_every_form_they_tag_in() -> None:
    forms = ("says", "said", "recalled", "replies", "went on", "marvelled", "testified")
    assert [SPEECH_VERBS[form] for form in forms] == [
        "say", "say", "recall", "reply", "go on", "marvel", "testify",
    ]  # fmt: skip


def test_a_lazy_pattern_compiles_on_first_use_then_answers_directly() -> None:
    pattern = LazyPattern(r"b+")
    assert not pattern.is_compiled
    found = pattern.search("abbc")
    assert found is not None and found.group() == "bb"
    assert pattern.is_compiled and pattern.search == pattern.compiled.search


def test_importing_the_extractor_compiles_no_pattern() -> None:
    probe = (
        "import importlib, pkgutil\n"
        "import audioscript.extract as package\n"
        "from audioscript.extract.patterns import LazyPattern\n"
        "modules = [importlib.import_module(f'{package.__name__}.{m.name}')"
        " for m in pkgutil.iter_modules(package.__path__)]\n"
        "patterns = [v for m in modules for v in vars(m).values() if isinstance(v, LazyPattern)]\n"
        "before = sum(p.is_compiled for p in patterns)\n"
        "package.extract('“It was a long road,” Baker said.')\n"
        "print(len(patterns), before, sum(p.is_compiled for p in patterns))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    total, before, after = map(int, found.stdout.split())
    assert total > 30 and before == 0 and after > 0
