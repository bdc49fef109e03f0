"""Tags, chapters and cover art in every output format, not only MP3.

MP3 gets ID3v2.3 with CHAP/CTOC frames (:func:`audioscript.export.tag_mp3`); MP4 (.m4a)
gets iTunes tags and chapters (written by ffmpeg from an ffmetadata file during the
encode); Ogg Vorbis and Opus get Vorbis comments with the ``CHAPTERnnn`` convention and a
``METADATA_BLOCK_PICTURE`` cover; WAV gets a LIST/INFO chunk (no chapters, no cover: the
manifest and the transcripts still have them). Every file is signed as audioscript's
(:func:`audioscript.outputs.mark_audio`), so a later render may replace it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .export import check_date, read_cover, tag_mp3
from .models import Episode
from .outputs import FORMATS, GENERATOR, _append_wav_info, mark_audio


def lost_in(episode: Episode, suffix: str) -> list[str]:
    """What the episode has that a file of this format cannot hold (for a warning)."""
    fmt = FORMATS[suffix]
    lost = []
    if episode.chapters and not fmt.chapters:
        lost.append(f"{len(episode.chapters)} chapter(s)")
    if episode.cover and not fmt.cover:
        lost.append("the cover art")
    return lost


@contextmanager
def chapters_file(episode: Episode, suffix: str) -> Iterator[tuple[str, ...]]:
    """Extra ffmpeg inputs for the encode: an ffmetadata file of chapters for MP4 only
    (the other formats are tagged after the encode)."""
    if suffix != ".m4a" or not episode.chapters:
        yield ()
        return
    lines = [";FFMETADATA1"]
    for chapter in episode.chapters:
        title = _ffmetadata_escape(chapter.title)
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={chapter.start_ms}",
            f"END={chapter.end_ms}",
            f"title={title}",
        ]
    with tempfile.TemporaryDirectory(prefix="audioscript-") as folder:
        path = Path(folder) / "chapters.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        yield (str(path),)


def _ffmetadata_escape(text: str) -> str:
    for char in "\\=;#\n":
        text = text.replace(char, "\\" + char)
    return text


def tag_audio(path: Path, episode: Episode, suffix: str) -> None:
    """Write the episode's tags (and chapters, cover) into the file at ``path``, by format."""
    date = check_date(episode.date)
    if suffix == ".mp3":
        tag_mp3(path, episode)
    elif suffix == ".wav":
        _tag_wav(path, episode, date)
        return  # signed by its INFO chunk
    elif suffix == ".m4a":
        _tag_mp4(path, episode, date)
    else:
        _tag_vorbis(path, episode, date)
    mark_audio(path)


def _tag_wav(path: Path, episode: Episode, date: str) -> None:
    values = {
        b"INAM": episode.title, b"IPRD": episode.show, b"IART": episode.artist,
        b"ICRD": date, b"ICMT": episode.description, b"IGNR": "Podcast", b"ISFT": GENERATOR,
    }  # fmt: skip
    _append_wav_info(path, {key: value.encode("utf-8") for key, value in values.items() if value})


def _tag_mp4(path: Path, episode: Episode, date: str) -> None:
    from mutagen.mp4 import MP4, MP4Cover

    audio = MP4(path)
    if audio.tags is None:
        audio.add_tags()
    tags = audio.tags
    assert tags is not None
    for key, value in (("\xa9nam", episode.title), ("\xa9alb", episode.show), ("\xa9ART", episode.artist),
                       ("\xa9day", date), ("desc", episode.description), ("\xa9gen", "Podcast")):  # fmt: skip
        if value:
            tags[key] = [value]
    if episode.cover:
        mime, data = read_cover(episode.cover)
        kind = MP4Cover.FORMAT_PNG if mime == "image/png" else MP4Cover.FORMAT_JPEG
        tags["covr"] = [MP4Cover(data, imageformat=kind)]
    audio.save()


def _tag_vorbis(path: Path, episode: Episode, date: str) -> None:
    import base64

    import mutagen
    from mutagen.flac import Picture

    audio = mutagen.File(path)
    if audio is None:
        return
    if audio.tags is None:
        audio.add_tags()
    tags = audio.tags
    for key in list(tags.keys()):
        if key.lower().startswith("chapter"):
            del tags[key]
    for key, value in (("title", episode.title), ("album", episode.show), ("artist", episode.artist),
                       ("date", date), ("description", episode.description), ("genre", "Podcast")):  # fmt: skip
        if value:
            tags[key] = [value]
    for number, chapter in enumerate(sorted(episode.chapters, key=lambda c: c.start_ms)):
        tags[f"CHAPTER{number:03d}"] = [_clock(chapter.start_ms)]
        tags[f"CHAPTER{number:03d}NAME"] = [chapter.title]
    if episode.cover:
        mime, data = read_cover(episode.cover)
        picture = Picture()
        picture.type, picture.mime, picture.desc, picture.data = 3, mime, "Cover", data
        tags["METADATA_BLOCK_PICTURE"] = [base64.b64encode(picture.write()).decode("ascii")]
    audio.save()


def _clock(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"
