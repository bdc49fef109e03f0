from __future__ import annotations

from pathlib import Path

from audioscript.cache import CachedClip, ClipCache, clip_key
from audioscript.loudness import ClipLevels


def clip() -> CachedClip:
    return CachedClip(b"\x01\x00" * 1000, 24000, ClipLevels((0.1, 0.2), 0.5))


def test_round_trip_and_info(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    key = clip_key({"text": "hello"})
    assert cache.get(key) is None
    cache.put(key, clip())
    assert key in cache
    assert cache.get(key) == clip()
    info = cache.info()
    assert info.entries == 1 and info.bytes > 2000
    assert cache.clear() == 1
    assert cache.get(key) is None


def test_damaged_entry_is_detected_and_removed(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    key = clip_key({"text": "hello"})
    cache.put(key, clip())
    path = next((tmp_path / "clips").glob("*/*"))
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    assert cache.get(key) is None
    assert not path.exists()


def test_keys_are_canonical() -> None:
    assert clip_key({"a": 1, "b": {"x": 1, "y": 2}}) == clip_key({"b": {"y": 2, "x": 1}, "a": 1})
    assert clip_key({"text": "a"}) != clip_key({"text": "b"})


def test_peek_reads_length_and_levels_from_the_header(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    key = clip_key({"text": "hello"})
    assert cache.peek(key) is None
    cache.put(key, clip())
    assert cache.peek(key) == (1000, clip().levels)
    path = next((tmp_path / "clips").glob("*/*"))
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # damaged audio: only a full read notices
    path.write_bytes(bytes(data))
    assert cache.peek(key) == (1000, clip().levels)
    assert cache.get(key, verify=False) is not None
    assert cache.get(key) is None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"ASC1" + (40).to_bytes(4, "little") + b"{not json")
    assert cache.peek(key) is None
