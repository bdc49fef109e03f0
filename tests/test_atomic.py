"""Atomic writes: a target is either the old file or the complete new one, never half."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from audioscript import atomic
from audioscript.atomic import (
    atomic_path,
    check_writable,
    refuse_overwrite,
    write_bytes_atomic,
    write_json_atomic,
    write_text_atomic,
)
from audioscript.errors import AudioscriptError, UsageError


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if ".tmp" in path.name)


def test_temp_path_is_hidden_beside_target_and_keeps_suffix(tmp_path: Path) -> None:
    target = tmp_path / "anora.mp3"
    with atomic_path(target) as temp:
        assert temp.parent == tmp_path
        assert temp.name.startswith(".anora.mp3.")
        assert temp.name.endswith(".tmp.mp3")
        assert temp.suffix == ".mp3"
        assert temp.exists()
        temp.write_bytes(b"audio")
        assert not target.exists()
    assert target.read_bytes() == b"audio"
    assert leftovers(tmp_path) == []


def test_target_untouched_when_block_raises(tmp_path: Path) -> None:
    target = tmp_path / "anora.mp3"
    target.write_bytes(b"old episode")
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        temp.write_bytes(b"half an epi")
        raise RuntimeError("encoder died")
    assert target.read_bytes() == b"old episode"
    assert [path.name for path in tmp_path.iterdir()] == ["anora.mp3"]


def test_keyboard_interrupt_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "anora.mp3"
    with pytest.raises(KeyboardInterrupt), atomic_path(target) as temp:
        temp.write_bytes(b"partial")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_block_may_replace_or_remove_the_temp_file(tmp_path: Path) -> None:
    """ffmpeg may recreate the file; a writer that fails after removing it still cleans up."""
    target = tmp_path / "episode.json"
    with pytest.raises(ValueError), atomic_path(target) as temp:
        temp.unlink()
        raise ValueError
    assert list(tmp_path.iterdir()) == []


def test_overwrite_keeps_existing_permissions(tmp_path: Path) -> None:
    target = tmp_path / "episode.vtt"
    target.write_text("old")
    target.chmod(0o640)
    write_text_atomic(target, "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_new_file_follows_umask_not_private_temp_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "episode.vtt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "episode.vtt").stat().st_mode & 0o777 == 0o644


def test_concurrent_writers_get_distinct_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "episode.json"
    names: list[str] = []
    barrier = threading.Barrier(8)

    def writer(number: int) -> None:
        with atomic_path(target) as temp:
            names.append(temp.name)
            temp.write_text(json.dumps({"writer": number}))
            barrier.wait(timeout=10)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(names)) == 8
    assert json.loads(target.read_text())["writer"] in range(8)
    assert [path.name for path in tmp_path.iterdir()] == ["episode.json"]


def test_name_collision_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = iter(["aaaa", "aaaa", "bbbb"])
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: next(tokens))
    with atomic_path(tmp_path / "a.mp3") as first, atomic_path(tmp_path / "a.mp3") as second:
        assert first.name == ".a.mp3.aaaa.tmp.mp3"
        assert second.name == ".a.mp3.bbbb.tmp.mp3"


def test_missing_folder_is_an_audioscript_error(tmp_path: Path) -> None:
    with pytest.raises(AudioscriptError) as caught, atomic_path(tmp_path / "nope" / "a.mp3"):
        pass
    assert str(caught.value) == (
        f"cannot write {tmp_path}/nope/a.mp3: No such file or directory; "
        "check that its folder exists and is writable"
    )


def test_write_helpers(tmp_path: Path) -> None:
    write_bytes_atomic(tmp_path / "a.bin", b"\x00\x01")
    write_text_atomic(tmp_path / "a.txt", "Anora – “ok”\n")
    write_json_atomic(tmp_path / "a.json", {"title": "Anora", "n": [1]})
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "a.txt").read_bytes() == "Anora – “ok”\n".encode()
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == (
        '{\n  "title": "Anora",\n  "n": [\n    1\n  ]\n}\n'
    )
    write_json_atomic(tmp_path / "u.json", {"name": "Mikey Madison – “Ani”"})
    assert "“Ani”" in (tmp_path / "u.json").read_text(encoding="utf-8")
    assert leftovers(tmp_path) == []


# --- check_writable / refuse_overwrite ----------------------------------------------


def test_folder_given_as_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").mkdir()
    with pytest.raises(UsageError) as caught:
        check_writable(Path("output/"), "-o")
    assert str(caught.value) == (
        "-o output/: is a folder; give a file name such as output/episode.mp3"
    )
    assert caught.value.exit_code == 2


def test_missing_parents_are_fine(tmp_path: Path) -> None:
    check_writable(tmp_path / "output" / "show" / "episode.mp3", "-o")
    assert not (tmp_path / "output").exists()


def test_parent_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "output").write_text("")
    with pytest.raises(UsageError) as caught:
        check_writable(tmp_path / "output" / "episode.mp3", "-o")
    assert str(caught.value) == (
        f"-o {tmp_path}/output/episode.mp3: {tmp_path}/output is a file, not a folder; "
        "choose another output path"
    )


def test_unwritable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        atomic.os, "access", lambda p, mode: False if Path(p) == locked else real_access(p, mode)
    )
    with pytest.raises(UsageError) as caught:
        check_writable(locked / "new" / "episode.mp3", "-o")
    assert str(caught.value) == (
        f"-o {locked}/new/episode.mp3: cannot write to folder {locked}; "
        "choose a folder you can write to"
    )


def test_read_only_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "episode.mp3"
    target.write_bytes(b"")
    real_access = os.access
    monkeypatch.setattr(
        atomic.os, "access", lambda p, mode: False if Path(p) == target else real_access(p, mode)
    )
    with pytest.raises(UsageError) as caught:
        check_writable(target, "-o")
    assert str(caught.value) == (
        f"-o {target}: file is read-only; choose another name or make it writable"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_for_real(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(UsageError):
            check_writable(locked / "episode.mp3", "-o")
    finally:
        locked.chmod(0o700)


def test_refuse_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "episode.mp3"
    refuse_overwrite(target, force=False)
    target.write_bytes(b"")
    refuse_overwrite(target, force=True)
    with pytest.raises(UsageError) as caught:
        refuse_overwrite(target, force=False)
    assert str(caught.value) == f"{target} already exists; pass --force to overwrite it"
    with pytest.raises(UsageError, match="pass -f to overwrite"):
        refuse_overwrite(target, force=False, flag="-f")
