"""Atomic file writes and the output-path checks that come before them.

A render that fails or is interrupted must never leave a half-written episode, transcript
or manifest where a finished one is expected. Everything is written to a hidden temporary
file in the target's own folder (so the final rename never crosses a file system) and
renamed into place only once the writer has finished.
"""

from __future__ import annotations

import json
import os
import re
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
    locks: list[int] = []
    try:
        for target in paths:
            temp, lock = _reserve_temp(target)
            temps.append(temp)
            locks.append(lock)
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
    finally:
        for lock in locks:
            os.close(lock)
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


def _reserve_temp(target: Path) -> tuple[Path, int]:
    """Create an empty, uniquely named hidden file beside ``target``; return its path and an
    open descriptor holding a lock on it until the write is over.

    Created with ``O_EXCL`` so two concurrent writers of the same target never share a
    temporary file, and with mode 0o666 so the process umask decides the final permissions.
    The lock dies with the process, even with ``kill -9``: an unlocked temporary file is a
    leftover that :func:`sweep_leftovers` may remove.
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
        _lock(fd)
        return temp, fd
    raise AudioscriptError(
        f"cannot create a temporary file beside {target}; remove old .{target.name}.*.tmp files"
    )


def _lock(fd: int) -> bool:
    """Take an exclusive lock on ``fd`` without waiting; False when another process has it.

    Where there are no advisory locks (Windows), nothing is locked and nothing is swept."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def leftovers(target: Path) -> list[Path]:
    """Temporary files of earlier writes of ``target`` (``.NAME.XXXXXXXX.tmp.EXT``, and the
    ``.partN`` files of a parallel encode) whose writer is gone: killed, or crashed."""
    target = Path(target)
    pattern = re.compile(
        rf"\.{re.escape(target.name)}\.[0-9a-f]{{8}}\.tmp{re.escape(target.suffix)}(\.part\d+)?"
    )
    try:
        names = sorted(os.listdir(target.parent or "."))
    except OSError:
        return []
    found = []
    for name in names:
        match = pattern.fullmatch(name)
        if not match:
            continue
        path = target.parent / name
        owner = path.with_name(name[: match.start(1)]) if match.group(1) else path
        if _abandoned(owner):
            found.append(path)
    return found


def _abandoned(temp: Path) -> bool:
    """Whether no live writer holds ``temp`` (a missing temp file has no writer either)."""
    try:
        fd = os.open(temp, os.O_RDONLY)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        return _lock(fd)
    finally:
        os.close(fd)


def sweep_leftovers(*targets: Path) -> list[Path]:
    """Remove what killed writes of ``targets`` left behind; return what was removed."""
    removed = []
    for target in targets:
        for path in leftovers(target):
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


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
