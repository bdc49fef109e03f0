"""Content-addressed clip cache.

A clip's key is the SHA-256 of everything that changes its sound: engine name and
version, engine settings, processing, the text after the lexicon, and the sample rate.
Entries are written atomically (temp file + rename) and carry a checksum of their audio,
checked on every read: a damaged entry is dropped and synthesized again.

Location: ``AUDIOSCRIPT_CACHE_DIR``, else ``$XDG_CACHE_HOME/audioscript``, else
``~/.cache/audioscript``.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .loudness import ClipLevels

MAGIC = b"ASC1"
FORMAT_VERSION = 2  # 2: limiter losses in the header


def default_dir() -> Path:
    explicit = os.environ.get("AUDIOSCRIPT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "audioscript"


def clip_key(parts: dict[str, Any]) -> str:
    """A stable key: canonical JSON (sorted keys), never ``repr()``."""
    blob = json.dumps({"v": FORMAT_VERSION, **parts}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedClip:
    pcm: bytes  # s16le mono
    rate: int
    levels: ClipLevels


@dataclass(frozen=True)
class CacheInfo:
    path: Path
    entries: int
    bytes: int


class ClipCache:
    """Clips on disk under ``root/clips/ab/abcdef...``."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root else default_dir()

    def _path(self, key: str) -> Path:
        return self.root / "clips" / key[:2] / key

    def get(self, key: str, verify: bool = True) -> CachedClip | None:
        """The clip, or ``None`` when absent or damaged (a damaged entry is removed).

        ``verify=False`` skips the audio checksum, for a clip this run already checked (or
        made) and now reads again to assemble the episode."""
        path = self._path(key)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        clip = _decode(blob, verify)
        if clip is None:
            path.unlink(missing_ok=True)
        return clip

    def peek(self, key: str) -> tuple[int, ClipLevels] | None:
        """A clip's length in samples and its levels, from its header alone (no audio read,
        no checksum), or ``None`` when absent or unreadable."""
        try:
            with open(self._path(key), "rb") as handle:
                start = handle.read(8)
                if len(start) < 8 or start[:4] != MAGIC:
                    return None
                (size,) = struct.unpack("<I", start[4:8])
                header = _header(handle.read(size))
                audio = os.fstat(handle.fileno()).st_size - 8 - size
        except OSError:
            return None
        if header is None or audio < 0:
            return None
        return audio // 2, header[1]

    def put(self, key: str, clip: CachedClip) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        header = json.dumps(
            {
                "rate": clip.rate,
                "sha256": hashlib.sha256(clip.pcm).hexdigest(),
                "steps": clip.levels.steps,
                "peak": clip.levels.peak,
                "kept": clip.levels.kept,
            }
        ).encode()
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + struct.pack("<I", len(header)) + header + clip.pcm)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def __contains__(self, key: str) -> bool:
        return self._path(key).is_file()

    def info(self) -> CacheInfo:
        entries = size = 0
        for file in (self.root / "clips").glob("*/*"):
            if file.is_file() and not file.name.startswith(".tmp-"):
                entries += 1
                size += file.stat().st_size
        return CacheInfo(self.root, entries, size)

    def clear(self) -> int:
        """Remove every clip (and the small notes kept beside them); return the clip count."""
        removed = 0
        for file in (self.root / "clips").glob("*/*"):
            if file.is_file():
                file.unlink(missing_ok=True)
                removed += 1
        for note in (self.root / "codec").glob("*"):  # encoder calibrations (render.py)
            note.unlink(missing_ok=True)
        return removed


def _decode(blob: bytes, verify: bool = True) -> CachedClip | None:
    if len(blob) < 8 or blob[:4] != MAGIC:
        return None
    (size,) = struct.unpack("<I", blob[4:8])
    header = _header(blob[8 : 8 + size])
    pcm = blob[8 + size :]
    if header is None or (verify and hashlib.sha256(pcm).hexdigest() != header[0]["sha256"]):
        return None
    return CachedClip(pcm, header[0]["rate"], header[1])


def _header(raw: bytes) -> tuple[dict[str, Any], ClipLevels] | None:
    """An entry's JSON header and the levels in it, or ``None`` when it is damaged."""
    try:
        header = json.loads(raw)
        levels = ClipLevels(
            tuple(header["steps"]), float(header["peak"]), tuple(header.get("kept", ()))
        )
        header["rate"] = int(header["rate"])
    except (ValueError, KeyError, TypeError):
        return None
    return (header, levels) if isinstance(header.get("sha256"), str) else None
