"""The cast book: automatic voices remembered between runs (``audioscript/castbook.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from audioscript import castbook
from audioscript.cli import cli as main

ARTICLE = (
    "Ana Ruiz runs the ferry. Tom Hale builds the boats. Lena Ortiz sells the tickets.\n\n"
    "“We sold every ticket in a week,” Ruiz said.\n\n"
    "“The hulls will last,” Hale said.\n\n"
    "“Nobody queued this long before,” Ortiz said.\n"
)
NEWCOMERS = (
    "\n“I came for the view,” said Mia Lund, a passenger.\n\n“So did I,” said Omar Diaz, another.\n"
)


def voices_of(manifest: Path) -> dict[str, str]:
    segments = json.loads(manifest.read_text("utf-8"))["segments"]
    return {s["speaker"]: s["voice"] for s in segments}


def test_remember_and_read_back(tmp_path: Path) -> None:
    castbook.remember("kokoro", {"Ana Ruiz": "auto-kokoro-af_kore"}, tmp_path)
    castbook.remember("espeak", {"Ana Ruiz": "auto-en-us-f5-45"}, tmp_path)
    assert castbook.remembered("kokoro", tmp_path) == {"ana ruiz": "auto-kokoro-af_kore"}
    assert castbook.remembered("espeak", tmp_path) == {"ana ruiz": "auto-en-us-f5-45"}
    assert castbook.remembered("piper", tmp_path) == {}


@pytest.mark.parametrize("damage", ["{not json", "[1, 2]", '{"version": 99, "engines": {}}'])
def test_a_damaged_book_is_ignored_and_replaced(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    castbook.book_path(tmp_path).write_text(damage, "utf-8")
    assert castbook.remembered("kokoro", tmp_path) == {}
    assert "cannot be read" in caplog.text and "cast.json" in caplog.text  # said, not silent
    castbook.remember("kokoro", {"Tom Hale": "auto-kokoro-am_echo"}, tmp_path)
    assert castbook.remembered("kokoro", tmp_path) == {"tom hale": "auto-kokoro-am_echo"}


def test_an_unwritable_cache_folder_leaves_casting_working(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    castbook.remember("kokoro", {"Tom Hale": "auto-kokoro-am_echo"}, blocker)  # no error
    assert castbook.remembered("kokoro", blocker) == {}


def test_adding_speakers_to_an_article_moves_nobody_between_renders(tmp_path: Path) -> None:
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE, "utf-8")
    runner = CliRunner()
    first = runner.invoke(
        main, ["render", str(article), "--draft", "-q", "-o", str(tmp_path / "a.mp3")]
    )
    assert first.exit_code == 0, first.output
    before = voices_of(tmp_path / "a.json")
    assert castbook.remembered("espeak")  # the render wrote the book
    article.write_text(ARTICLE + NEWCOMERS, "utf-8")
    second = runner.invoke(
        main, ["render", str(article), "--draft", "-q", "-o", str(tmp_path / "b.mp3")]
    )
    assert second.exit_code == 0, second.output
    after = voices_of(tmp_path / "b.json")
    assert {name: after[name] for name in before} == before
    assert len(set(after.values())) == len(after)
    # preview reads the same book: the newcomer sounds as in the render
    shown = runner.invoke(
        main,
        [
            "preview",
            str(article),
            "--draft",
            "--speaker",
            "Mia Lund",
            "-o",
            str(tmp_path / "m.wav"),
        ],
    )
    assert shown.exit_code == 0, shown.output
    assert after["Mia Lund"] in shown.output


def test_recast_forgets_the_remembered_voices(tmp_path: Path) -> None:
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE, "utf-8")
    castbook.remember("espeak", {"tom hale": "auto-en-us-klatt4-20"})  # a man's voice
    runner = CliRunner()
    kept = runner.invoke(
        main, ["render", str(article), "--draft", "-q", "-o", str(tmp_path / "a.mp3")]
    )
    assert kept.exit_code == 0, kept.output
    assert voices_of(tmp_path / "a.json")["Tom Hale"] == "auto-en-us-klatt4-20"
    redone = runner.invoke(
        main, ["render", str(article), "--draft", "--recast", "-q", "-o", str(tmp_path / "b.mp3")]
    )
    assert redone.exit_code == 0, redone.output
    assert voices_of(tmp_path / "b.json")["Tom Hale"] != "auto-en-us-klatt4-20"
    assert castbook.remembered("espeak")["tom hale"] == voices_of(tmp_path / "b.json")["Tom Hale"]
