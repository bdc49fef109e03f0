"""Export: ID3 tags and chapters on a real MP3, transcripts, and the manifest."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mutagen.id3 import ID3, CTOCFlags

from audioscript import export
from audioscript.errors import AudioError, InputError
from audioscript.export import (
    read_chapters,
    srt_text,
    tag_mp3,
    vtt_text,
    write_manifest,
    write_srt,
    write_vtt,
)
from audioscript.models import ChapterMark, Episode, Segment

imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")


def tiny_png() -> bytes:
    """A valid 1x1 red PNG, built here so the tests need no image files."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def ffmpeg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", *args],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def sine_mp3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audio") / "sine.mp3"
    done = ffmpeg(
        "-v",
        "error",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=24000",
        "-t",
        "3",
        "-ac",
        "1",
        "-b:a",
        "64k",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def mp3(sine_mp3: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(sine_mp3, tmp_path / "episode.mp3"))


@pytest.fixture
def cover(tmp_path: Path) -> Path:
    path = tmp_path / "cover.png"
    path.write_bytes(tiny_png())
    return path


CHAPTERS = (
    ChapterMark("The pitch", 0, 1000),
    ChapterMark("Casting Ani – “Mikey”", 1000, 2250),
    ChapterMark("Cannes", 2250, 3000),
)


def make_episode(**changes: object) -> Episode:
    episode = Episode(
        title="Anora, in their own words",
        duration_ms=3000,
        chapters=CHAPTERS,
        show="Film Voices",
        artist="audioscript",
        date="2026-11-03",
        description="Sean Baker and Mikey Madison on making Anora.",
        sample_rate=24000,
        bitrate="64k",
    )
    return replace(episode, **changes)  # type: ignore[arg-type]


# --- tags and chapters ---------------------------------------------------------------


def test_tags_read_back(mp3: Path, cover: Path) -> None:
    tag_mp3(mp3, make_episode(cover=str(cover)))
    tags = ID3(mp3)
    assert tags.version == (2, 3, 0)
    assert tags["TIT2"].text == ["Anora, in their own words"]
    assert tags["TALB"].text == ["Film Voices"]
    assert tags["TPE1"].text == ["audioscript"]
    assert tags["TCON"].text == ["Podcast"]
    assert str(tags["TDRC"].text[0]) == "2026-11-03"
    assert tags.getall("COMM")[0].text == ["Sean Baker and Mikey Madison on making Anora."]
    picture = tags.getall("APIC")[0]
    assert (picture.mime, picture.type, picture.data) == ("image/png", 3, tiny_png())
    assert "TSSE" in tags  # ffmpeg's own encoder tag is kept
    stored = ID3(mp3, translate=False)  # as written: v2.3 frames, no UTF-8 (v2.4-only)
    assert (stored["TYER"].text, stored["TDAT"].text) == (["2026"], ["0311"])
    assert {frame.encoding for frame in stored.values() if hasattr(frame, "encoding")} <= {0, 1}


def test_chapters_read_back_in_order_with_exact_times(mp3: Path) -> None:
    tag_mp3(mp3, make_episode())
    assert read_chapters(mp3) == list(CHAPTERS)
    toc = ID3(mp3).getall("CTOC")
    assert len(toc) == 1
    assert toc[0].element_id == "toc"
    assert toc[0].flags == CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED
    assert toc[0].child_element_ids == ["chp0", "chp1", "chp2"]


def test_ffmpeg_still_decodes_and_reads_chapters(mp3: Path, cover: Path) -> None:
    tag_mp3(mp3, make_episode(cover=str(cover)))
    decoded = ffmpeg("-v", "error", "-i", str(mp3), "-f", "null", "-")
    assert decoded.returncode == 0, decoded.stderr
    assert decoded.stderr == ""
    # -copyts: without it ffmpeg shifts chapters by the MP3 encoder delay on output
    meta = ffmpeg("-v", "error", "-copyts", "-i", str(mp3), "-f", "ffmetadata", "-")
    assert meta.returncode == 0, meta.stderr
    assert ffmetadata_chapters(meta.stdout) == [
        (0, 1000, "The pitch"),
        (1000, 2250, "Casting Ani – “Mikey”"),
        (2250, 3000, "Cannes"),
    ]
    assert "title=Anora, in their own words" in meta.stdout


def ffmetadata_chapters(text: str) -> list[tuple[int, int, str]]:
    """(start, end, title) of each [CHAPTER] block in ffmpeg's ffmetadata output, in order."""
    found = []
    for block in text.split("[CHAPTER]")[1:]:
        fields = dict(line.split("=", 1) for line in block.strip().splitlines())
        assert fields["TIMEBASE"] == "1/1000"
        found.append((int(fields["START"]), int(fields["END"]), fields["title"]))
    return found


def test_chapter_frames_stored_in_time_order_for_ffmpeg(mp3: Path) -> None:
    """mutagen stores frames by size; ffmpeg lists chapters in stored order, not CTOC order."""
    titles = [("x" * (40 - 3 * n)) + f" {n}" for n in range(12)]  # later titles are shorter
    chapters = tuple(ChapterMark(title, n * 250, n * 250 + 250) for n, title in enumerate(titles))
    tag_mp3(mp3, make_episode(chapters=chapters))
    meta = ffmpeg("-v", "error", "-copyts", "-i", str(mp3), "-f", "ffmetadata", "-")
    expected = [(n * 250, n * 250 + 250, title) for n, title in enumerate(titles)]
    assert ffmetadata_chapters(meta.stdout) == expected
    assert read_chapters(mp3) == list(chapters)
    assert ffmpeg("-v", "error", "-i", str(mp3), "-f", "null", "-").stderr == ""


def test_chapter_frames_stay_in_time_order_once_the_file_is_signed(mp3: Path) -> None:
    """A render tags the file, then signs it as audioscript's: the signature is saved with
    mutagen too, which must not put the chapters back in size order."""
    from audioscript.containers import tag_audio

    titles = [("x" * (40 - 3 * n)) + f" {n}" for n in range(12)]  # later titles are shorter
    chapters = tuple(ChapterMark(title, n * 250, n * 250 + 250) for n, title in enumerate(titles))
    tag_audio(mp3, make_episode(chapters=chapters), ".mp3")
    meta = ffmpeg("-v", "error", "-copyts", "-i", str(mp3), "-f", "ffmetadata", "-")
    assert ffmetadata_chapters(meta.stdout) == [
        (n * 250, n * 250 + 250, title) for n, title in enumerate(titles)
    ]


def test_retagging_replaces_instead_of_adding(mp3: Path) -> None:
    tag_mp3(mp3, make_episode())
    tag_mp3(mp3, make_episode(title="Second cut", chapters=CHAPTERS[:1], date="2025"))
    tags = ID3(mp3)
    assert tags["TIT2"].text == ["Second cut"]
    assert str(tags["TDRC"].text[0]) == "2025"
    assert len(tags.getall("CHAP")) == 1
    assert read_chapters(mp3) == [CHAPTERS[0]]


def test_no_chapters_and_empty_fields(mp3: Path) -> None:
    tag_mp3(mp3, Episode(title="Bare", duration_ms=3000))
    tags = ID3(mp3)
    assert read_chapters(mp3) == []
    assert not tags.getall("CTOC")
    assert not tags.getall("TALB") and not tags.getall("COMM") and not tags.getall("APIC")


def test_untagged_mp3_gets_tags(tmp_path: Path) -> None:
    out = tmp_path / "bare.mp3"
    done = ffmpeg(
        "-v",
        "error",
        "-f",
        "lavfi",
        "-i",
        "sine=sample_rate=24000",
        "-t",
        "1",
        "-write_xing",
        "0",
        "-id3v2_version",
        "0",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:3] != b"ID3"
    tag_mp3(out, make_episode())
    assert read_chapters(out) == list(CHAPTERS)


def test_jpeg_detected_by_magic_bytes(mp3: Path, tmp_path: Path) -> None:
    jpeg = tmp_path / "cover.png"  # the name lies; the bytes decide
    jpeg.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 32)
    tag_mp3(mp3, make_episode(cover=str(jpeg)))
    assert ID3(mp3).getall("APIC")[0].mime == "image/jpeg"


def test_read_chapters_without_ctoc_uses_time_order(mp3: Path) -> None:
    tag_mp3(mp3, make_episode(chapters=(CHAPTERS[2], CHAPTERS[0], CHAPTERS[1])))
    tags = ID3(mp3)
    tags.delall("CTOC")
    tags.save(mp3, v2_version=3)
    assert read_chapters(mp3) == list(CHAPTERS)


@pytest.mark.parametrize("date", ["2026-13-01", "2026-02-30", "03/11/2026", "26", "2026-11"])
def test_bad_date_names_the_flag_and_leaves_file_alone(mp3: Path, date: str) -> None:
    before = mp3.read_bytes()
    with pytest.raises(InputError) as caught:
        tag_mp3(mp3, make_episode(date=date))
    assert str(caught.value) == (
        f"--date '{date}' is not a date; give YYYY or YYYY-MM-DD, such as 2026-11-03"
    )
    assert mp3.read_bytes() == before


def test_missing_cover(mp3: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        tag_mp3(mp3, make_episode(cover=str(tmp_path / "nope.png")))
    assert str(caught.value) == (
        f"cover image {tmp_path}/nope.png not found; check the path given to --cover"
    )


def test_cover_that_is_not_an_image(mp3: Path, tmp_path: Path) -> None:
    text = tmp_path / "cover.png"
    text.write_text("not a picture")
    with pytest.raises(InputError) as caught:
        tag_mp3(mp3, make_episode(cover=str(text)))
    assert str(caught.value) == (
        f"cover image {text} is not a JPEG or PNG; convert it or pass another --cover"
    )


def test_cover_that_is_a_folder(mp3: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"cannot read cover image .*: Is a directory; pass a"):
        tag_mp3(mp3, make_episode(cover=str(tmp_path)))


def test_cover_too_large(mp3: Path, cover: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "MAX_COVER_BYTES", 10)
    with pytest.raises(InputError, match=r"^cover image .*cover\.png is 0\.0 MB; podcast apps"):
        tag_mp3(mp3, make_episode(cover=str(cover)))


def test_missing_mp3(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match=r"^cannot read tags from .*nope\.mp3: .*check it is"):
        tag_mp3(tmp_path / "nope.mp3", make_episode())
    with pytest.raises(InputError) as caught:
        read_chapters(tmp_path / "nope.mp3")
    assert str(caught.value) == f"{tmp_path}/nope.mp3: no such file; check the path to the MP3"


# --- transcripts ---------------------------------------------------------------------


def seg(index: int, speaker: str, text: str, start: int, end: int) -> Segment:
    return Segment(
        index=index,
        speaker=speaker,
        text=text,
        start_ms=start,
        end_ms=end,
        voice="v",
        engine="silent",
    )


TRANSCRIPT = Episode(
    title="Anora",
    duration_ms=3_723_500,
    segments=(
        seg(0, "NARRATOR", "Sean Baker never planned to make Anora.", 0, 2500),
        seg(1, "Sean Baker", "Red Rocket <was> a reaction & a\n\nstart --> here.", 2500, 61_001),
        seg(2, "NARRATOR", "Never heard.", 61_001, 61_001),
        seg(3, "NARRATOR", " \n ", 61_001, 62_000),
        seg(4, "A <B> & C", "Hour one.", 3_599_999, 3_723_456),
    ),
    chapters=(
        ChapterMark("The pitch", 0, 61_001),
        ChapterMark("Late --> night", 61_001, 3_723_500),
    ),
)

GOLDEN_VTT = """\
WEBVTT

NOTE Chapter 00:00:00.000 The pitch

00:00:00.000 --> 00:00:02.500
<v NARRATOR>Sean Baker never planned to make Anora.

00:00:02.500 --> 00:01:01.001
<v Sean Baker>Red Rocket &lt;was&gt; a reaction &amp; a start --&gt; here.

NOTE Chapter 00:01:01.001 Late - -> night

00:59:59.999 --> 01:02:03.456
<v A &lt;B&gt; &amp; C>Hour one.
"""

GOLDEN_SRT = """\
1
00:00:00,000 --> 00:00:02,500
NARRATOR: Sean Baker never planned to make Anora.

2
00:00:02,500 --> 00:01:01,001
Sean Baker: Red Rocket <was> a reaction & a start --> here.

3
00:59:59,999 --> 01:02:03,456
A <B> & C: Hour one.

"""


def test_vtt_golden() -> None:
    assert vtt_text(TRANSCRIPT) == GOLDEN_VTT


def test_vtt_without_chapter_notes() -> None:
    assert "NOTE" not in vtt_text(TRANSCRIPT, chapter_notes=False)


def test_srt_golden() -> None:
    assert srt_text(TRANSCRIPT) == GOLDEN_SRT


def test_empty_episode_transcripts() -> None:
    assert vtt_text(Episode(title="x", duration_ms=0)) == "WEBVTT\n"
    assert srt_text(Episode(title="x", duration_ms=0)) == ""


def test_hours_past_99_and_speakerless_cue() -> None:
    long = Episode(
        title="x", duration_ms=0, segments=(seg(0, "", "late", 360_000_000, 360_000_001),)
    )
    assert vtt_text(long) == "WEBVTT\n\n100:00:00.000 --> 100:00:00.001\nlate\n"
    assert srt_text(long) == "1\n100:00:00,000 --> 100:00:00,001\nlate\n\n"


def test_cues_sorted_by_start() -> None:
    shuffled = replace(TRANSCRIPT, segments=TRANSCRIPT.segments[::-1])
    assert vtt_text(shuffled) == GOLDEN_VTT


def test_impossible_times_are_a_bug() -> None:
    broken = Episode(title="x", duration_ms=0, segments=(seg(7, "A", "b", 500, 400),))
    with pytest.raises(ValueError, match="segment 7 has impossible times 500..400"):
        vtt_text(broken)


def test_write_transcripts(tmp_path: Path) -> None:
    write_vtt(TRANSCRIPT, tmp_path / "a.vtt")
    write_srt(TRANSCRIPT, tmp_path / "a.srt")
    assert (tmp_path / "a.vtt").read_text(encoding="utf-8") == GOLDEN_VTT
    assert (tmp_path / "a.srt").read_text(encoding="utf-8") == GOLDEN_SRT


TIMING = re.compile(
    r"(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})"
)
VOICE = re.compile(r"<v ([^<>&\n]|&(amp|lt|gt);)*>")


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@given(
    st.lists(
        st.tuples(st.text(), st.text(), st.integers(0, 10**8), st.integers(1, 10**6)), max_size=8
    ),
    st.lists(st.text(), max_size=3),
)
def test_vtt_always_parses(
    lines: list[tuple[str, str, int, int]], chapter_titles: list[str]
) -> None:
    segments = tuple(
        seg(i, speaker, text, start, start + length)
        for i, (speaker, text, start, length) in enumerate(lines)
    )
    chapters = tuple(
        ChapterMark(title, i * 1000, i * 1000 + 1000) for i, title in enumerate(chapter_titles)
    )
    vtt = vtt_text(Episode(title="x", duration_ms=0, segments=segments, chapters=chapters))

    assert vtt.startswith("WEBVTT\n") and vtt.endswith("\n")
    blocks = vtt[:-1].split("\n\n")
    assert blocks[0] == "WEBVTT"
    cues = [block for block in blocks[1:] if not block.startswith("NOTE ")]
    notes = [block for block in blocks[1:] if block.startswith("NOTE ")]
    expected = sorted((s for s in segments if s.text.split()), key=lambda s: s.start_ms)
    assert len(cues) == len(expected)
    assert len(notes) == len(chapters)
    assert all("\n" not in note and "-->" not in note for note in notes)
    for cue, segment in zip(cues, expected):
        timing, _, payload = cue.partition("\n")
        assert TIMING.fullmatch(timing), timing
        assert "\n" not in payload and "\r" not in payload
        voice = VOICE.match(payload)
        body = payload[voice.end() :] if voice else payload
        assert "<" not in body and ">" not in body
        assert re.fullmatch(r"([^&]|&(amp|lt|gt);)*", body)
        assert unescape(body) == " ".join(segment.text.split())
        if voice:
            assert unescape(voice.group(0)[3:-1]) == " ".join(segment.speaker.split())


# --- manifest ------------------------------------------------------------------------


def test_manifest(tmp_path: Path) -> None:
    episode = replace(TRANSCRIPT, show="Film Voices", loudness_lufs=-19.0, true_peak_dbtp=-1.2)
    path = tmp_path / "anora.json"
    write_manifest(episode, path, extra={"generator": "audioscript 0.1.0"})
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    data = json.loads(text)
    assert list(data)[:13] == [
        "title",
        "show",
        "artist",
        "date",
        "description",
        "duration_ms",
        "sample_rate",
        "channels",
        "bitrate",
        "loudness_lufs",
        "true_peak_dbtp",
        "chapters",
        "segments",
    ]
    assert data["generator"] == "audioscript 0.1.0"
    assert data["duration_ms"] == 3_723_500
    assert data["loudness_lufs"] == -19.0
    assert data["chapters"][1] == {
        "title": "Late --> night",
        "start_ms": 61_001,
        "end_ms": 3_723_500,
    }
    assert len(data["segments"]) == 5  # silent and zero-length segments stay here
    assert data["segments"][1] == {
        "index": 1,
        "speaker": "Sean Baker",
        "text": "Red Rocket <was> a reaction & a\n\nstart --> here.",
        "spoken": "Red Rocket <was> a reaction & a\n\nstart --> here.",  # no engine said it
        "start_ms": 2500,
        "end_ms": 61_001,
        "voice": "v",
        "engine": "silent",
        "cache_key": "",
        "line": 0,
        "chapter": "",
    }


def test_manifest_extra_cannot_replace_episode_data(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\['duration_ms'\]"):
        write_manifest(TRANSCRIPT, tmp_path / "a.json", extra={"duration_ms": 1})
    assert not (tmp_path / "a.json").exists()
