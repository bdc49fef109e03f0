"""The cast book: the automatic voice each speaker was given, remembered between runs.

Automatic casting alone cannot promise that adding a speaker moves nobody: a newcomer may
rank first the very voice somebody already has, and keeping every pair distinct then means
someone gives way. So render and preview remember, per engine, the automatic voice of every
speaker they cast, and the next run gives each speaker their remembered voice back while it
is free, of their gender and still offered (:func:`audioscript.casting.cast`). A newcomer,
or a speaker whose remembered voice was just cast to someone by hand, takes a free voice.

The book is ``cast.json`` in the cache folder (``AUDIOSCRIPT_CACHE_DIR``, else the user
cache; see :mod:`audioscript.cache`), shared by every episode, so a speaker who comes back
in a later episode keeps their voice too::

    {"version": 1, "engines": {"kokoro": {"sean baker": "auto-kokoro-am_fenrir"}}}

Keys are speaker names folded to lower case; values are the names of automatic voices
(``audioscript voices`` lists the engines' voices; automatic ones start with ``auto-``).
``--recast`` on render and preview casts afresh and remembers the new voices. A damaged or
unreadable book is ignored (and replaced on the next save): it only ever holds
preferences, never anything a render needs.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path

from .atomic import write_json_atomic
from .cache import default_dir

VERSION = 1
FILE = "cast.json"


def book_path(root: Path | None = None) -> Path:
    return (root or default_dir()) / FILE


def _read(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        return _damaged(path, str(exc))
    engines = data.get("engines") if isinstance(data, dict) else None
    if not isinstance(engines, dict) or data.get("version") != VERSION:
        return _damaged(path, f"not a version {VERSION} cast book")
    return {
        engine: {str(k): str(v) for k, v in voices.items()}
        for engine, voices in engines.items()
        if isinstance(voices, dict)
    }


def _damaged(path: Path, why: str) -> dict[str, dict[str, str]]:
    logging.getLogger(__name__).warning(
        "warning: %s cannot be read (%s); voices are cast afresh and it is rewritten "
        "(delete it to silence this).",
        path,
        why,
    )
    return {}


def remembered(engine: str, root: Path | None = None) -> dict[str, str]:
    """Speaker (folded name) -> automatic voice name, as ``engine`` last cast them."""
    return _read(book_path(root)).get(engine, {})


def remember(engine: str, voices: Mapping[str, str], root: Path | None = None) -> None:
    """Add ``voices`` (speaker name -> automatic voice name) to the book for ``engine``.

    A book that cannot be written (a read-only cache folder) is left as it is: casting
    still works, it just starts afresh next time."""
    if not voices:
        return
    path = book_path(root)
    engines = _read(path)
    known = engines.setdefault(engine, {})
    changed = False
    for speaker, voice in voices.items():
        key = speaker.casefold()
        if known.get(key) != voice:
            known[key] = voice
            changed = True
    if not changed:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_json_atomic(path, {"version": VERSION, "engines": engines})
    except OSError:
        pass
