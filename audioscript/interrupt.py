"""A stop the user asked for (Ctrl-C, ``kill``) is final.

The CLI's signal handler calls :func:`request` and raises ``KeyboardInterrupt``. Python
cannot always deliver that exception: raised inside a garbage-collector or weakref callback
(an import finishing, say) or inside a C callback, it is printed as "Exception ignored" and
the program carries on. The request itself stays, and the library looks at it where it
matters: between clips, and before any output file is renamed into place. So a stopped
render never writes an episode, however the signal landed.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_REQUESTED = threading.Event()


def request() -> None:
    """Record that the user asked to stop (safe to call from a signal handler)."""
    _REQUESTED.set()


def check() -> None:
    """Raise ``KeyboardInterrupt`` if a stop was requested, wherever its exception went."""
    if _REQUESTED.is_set():
        raise KeyboardInterrupt


def requested() -> bool:
    """Whether the user asked to stop."""
    return _REQUESTED.is_set()


def reset() -> None:
    """Forget a request (for a long-lived process, or a test, that handled it)."""
    _REQUESTED.clear()


@contextmanager
def held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM for a block that must not be cut short (main thread, POSIX):
    a C callback that would swallow the exception, or a group of renames. A signal that
    arrives meanwhile is delivered as soon as the block ends."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
