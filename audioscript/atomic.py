"""Atomic file writes and the output-path checks that come before them.

A render that fails or is interrupted must never leave a half-written episode, transcript
or manifest where a finished one is expected. Everything is written to a hidden temporary
file in the target's own folder (so the final rename never crosses a file system) and
renamed into place only once the writer has finished.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import interrupt
from .errors import AudioscriptError, UsageError

_TEMP_ATTEMPTS = 100


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it onto ``target`` on success.

    The temporary file already exists (empty) when the block starts, so its name cannot
    be taken by a concurrent writer; tools such as ffmpeg must be told to overwrite it
    (``-y``). Its name keeps the target's suffix so tools can infer the format from it.
    On any exception, KeyboardInterrupt included, the temporary file is removed and
    ``target`` is left exactly as it was.
    """
    with atomic_paths(target) as (temp,):
        yield temp


@contextmanager
def atomic_paths(*targets: Path) -> Iterator[tuple[Path, ...]]:
    """:func:`atomic_path` for files that belong together (an episode and its sidecars).

    Either every target is replaced or none is: the renames come last, one after the
    other with Ctrl-C and SIGTERM held, and only if no stop was requested
    (:mod:`audioscript.interrupt`) while the files were being written.
    """
    paths = tuple(Path(t) for t in targets)
    temps: list[Path] = []
    try:
        for target in paths:
            temps.append(_reserve_temp(target))
        yield tuple(temps)
        for temp, target in zip(temps, paths):
            _fsync_file(temp)
            _copy_mode(target, temp)
        with interrupt.held():
            interrupt.check()
            for temp, target in zip(temps, paths):
                os.replace(temp, target)
    except BaseException:
        for temp in temps:
            temp.unlink(missing_ok=True)
        raise
    for folder in dict.fromkeys(target.parent for target in paths):
        _fsync_dir(folder)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never half."""
    with atomic_path(Path(path)) as temp:
        temp.write_bytes(data)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8, byte for byte (no newline translation on any platform)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_json_atomic(path: Path, obj: Any) -> None:
    """Write ``obj`` as readable UTF-8 JSON (indent 2, trailing newline) for people and diffs."""
    write_text_atomic(path, json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


def check_writable(path: Path, flag: str, example: str = "episode.mp3") -> None:
    """Fail early, before minutes of rendering, when ``path`` can never be written.

    Missing parent folders are fine as long as they could be created (the CLI creates
    them); ``example`` is the file name suggested when ``path`` is a folder.
    """
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{flag} {path}/: is a folder; give a file name such as {path / example}")
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError(
            f"{flag} {path}: file is read-only; choose another name or make it writable"
        )
    folder = _nearest_existing(path.parent)
    if not folder.is_dir():
        raise UsageError(
            f"{flag} {path}: {folder} is a file, not a folder; choose another output path"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(
            f"{flag} {path}: cannot write to folder {folder}; choose a folder you can write to"
        )


def refuse_overwrite(path: Path, force: bool, flag: str = "--force") -> None:
    """Protect a finished episode from being replaced by accident."""
    if Path(path).exists() and not force:
        raise UsageError(f"{path} already exists; pass {flag} to overwrite it")


def _reserve_temp(target: Path) -> Path:
    """Create an empty, uniquely named hidden file beside ``target`` and return its path.

    Created with ``O_EXCL`` so two concurrent writers of the same target never share a
    temporary file, and with mode 0o666 so the process umask decides the final permissions.
    """
    for _ in range(_TEMP_ATTEMPTS):
        name = f".{target.name}.{secrets.token_hex(4)}.tmp{target.suffix}"
        temp = target.with_name(name)
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise AudioscriptError(
                f"cannot write {target}: {exc.strerror}; check that its folder exists "
                "and is writable"
            ) from exc
        os.close(fd)
        return temp
    raise AudioscriptError(
        f"cannot create a temporary file beside {target}; remove old .{target.name}.*.tmp files"
    )


def _fsync_file(path: Path) -> None:
    """Flush the finished file to disk so a crash after the rename cannot leave it empty."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; skipped where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _copy_mode(target: Path, temp: Path) -> None:
    """Keep the permissions of a file being replaced, so overwriting does not change them."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return
    os.chmod(temp, mode)


def _nearest_existing(folder: Path) -> Path:
    """The closest ancestor of ``folder`` (itself included) that exists."""
    folder = folder.absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder
