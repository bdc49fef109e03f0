"""What goes out beside the audio: ID3 tags and chapters, transcripts, the manifest.

Everything here reads one :class:`~audioscript.models.Episode`, so the MP3 chapters, the
WebVTT/SRT transcripts and the JSON manifest always agree on titles and timings.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from mutagen import MutagenError
from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TPE1,
    CTOCFlags,
    Encoding,
    ID3NoHeaderError,
    PictureType,
)

from .atomic import write_json_atomic, write_text_atomic
from .errors import AudioError, InputError
from .models import ChapterMark, Episode, Segment

MAX_COVER_BYTES = 5 * 1024 * 1024
_IMAGE_MAGIC = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
_DATE = re.compile(r"\d{4}(-\d{2}-\d{2})?")
_TOC_ID = "toc"
# Tags this module owns: cleared before writing so re-tagging never leaves stale frames.
_OWNED_FRAMES = (
    "TIT2",
    "TALB",
    "TPE1",
    "TDRC",
    "TYER",
    "TDAT",
    "COMM",
    "TCON",
    "APIC",
    "CHAP",
    "CTOC",
)


# --- manifest ------------------------------------------------------------------------


def manifest(episode: Episode, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The episode as plain data: what was said, by whom, when, in which voice.

    ``extra`` adds top-level keys (tool version, source files...); it may not replace
    a key computed from the episode, so the manifest always matches the audio.
    """
    data: dict[str, Any] = {
        "title": episode.title,
        "show": episode.show,
        "artist": episode.artist,
        "date": episode.date,
        "description": episode.description,
        "duration_ms": episode.duration_ms,
        "sample_rate": episode.sample_rate,
        "channels": episode.channels,
        "bitrate": episode.bitrate,
        "loudness_lufs": episode.loudness_lufs,
        "true_peak_dbtp": episode.true_peak_dbtp,
        "chapters": [_chapter_json(chapter) for chapter in episode.chapters],
        "segments": [_segment_json(segment) for segment in episode.segments],
    }
    clashes = sorted(set(data) & set(extra or {}))
    if clashes:
        raise ValueError(f"extra manifest keys would replace episode data: {clashes}")
    return {**data, **(extra or {})}


def write_manifest(episode: Episode, path: Path, extra: dict[str, Any] | None = None) -> None:
    """Write :func:`manifest` as JSON, atomically, for people and other tools to read."""
    write_json_atomic(Path(path), manifest(episode, extra))


def _chapter_json(chapter: ChapterMark) -> dict[str, Any]:
    return {"title": chapter.title, "start_ms": chapter.start_ms, "end_ms": chapter.end_ms}


def _segment_json(segment: Segment) -> dict[str, Any]:
    return {
        "index": segment.index,
        "speaker": segment.speaker,
        "text": segment.text,
        "spoken": segment.spoken or segment.text,
        "start_ms": segment.start_ms,
        "end_ms": segment.end_ms,
        "voice": segment.voice,
        "engine": segment.engine,
        "cache_key": segment.cache_key,
        "line": segment.line,
        "chapter": segment.chapter,
    }


# --- transcripts ---------------------------------------------------------------------


def vtt_text(episode: Episode, chapter_notes: bool = True) -> str:
    """The transcript as WebVTT: one cue per spoken segment, voiced with ``<v Speaker>``.

    Chapter titles go in ``NOTE`` blocks before their first cue when ``chapter_notes``
    is true: players ignore them, people reading the file find their way.
    """
    blocks = ["WEBVTT"]
    notes = sorted(episode.chapters, key=lambda chapter: chapter.start_ms) if chapter_notes else []
    for segment in _timed_segments(episode):
        while notes and notes[0].start_ms <= segment.start_ms:
            blocks.append(_vtt_note(notes.pop(0)))
        blocks.append(_vtt_cue(segment))
    blocks.extend(_vtt_note(chapter) for chapter in notes)
    return "\n\n".join(blocks) + "\n"


def srt_text(episode: Episode) -> str:
    """The transcript as SubRip, for players and editors that do not read WebVTT."""
    blocks = [
        f"{number}\n{_clock(segment.start_ms, ',')} --> {_clock(segment.end_ms, ',')}\n"
        f"{_label(segment.speaker, _one_line(segment.text))}"
        for number, segment in enumerate(_timed_segments(episode), start=1)
    ]
    return "".join(block + "\n\n" for block in blocks)


def write_vtt(episode: Episode, path: Path, chapter_notes: bool = True) -> None:
    """Write :func:`vtt_text` atomically."""
    write_text_atomic(Path(path), vtt_text(episode, chapter_notes))


def write_srt(episode: Episode, path: Path) -> None:
    """Write :func:`srt_text` atomically."""
    write_text_atomic(Path(path), srt_text(episode))


def _timed_segments(episode: Episode) -> list[Segment]:
    """Segments with words that take time, in time order (both formats need ascending starts).

    A zero-length segment was never heard (and a zero-length cue is invalid WebVTT); a
    segment without words has nothing to read. Both stay in the manifest only.
    """
    for segment in episode.segments:
        if not 0 <= segment.start_ms <= segment.end_ms:
            raise ValueError(
                f"segment {segment.index} has impossible times {segment.start_ms}..{segment.end_ms}"
            )
    timed = [
        segment
        for segment in episode.segments
        if segment.end_ms > segment.start_ms and _one_line(segment.text)
    ]
    return sorted(timed, key=lambda segment: segment.start_ms)


def _vtt_cue(segment: Segment) -> str:
    timing = f"{_clock(segment.start_ms, '.')} --> {_clock(segment.end_ms, '.')}"
    text = _vtt_escape(_one_line(segment.text))
    speaker = _vtt_escape(_one_line(segment.speaker))
    return f"{timing}\n<v {speaker}>{text}" if speaker else f"{timing}\n{text}"


def _vtt_note(chapter: ChapterMark) -> str:
    """A comment block; its text may not contain ``-->``, which would end it early."""
    title = _one_line(chapter.title).replace("-->", "- ->")
    return f"NOTE Chapter {_clock(chapter.start_ms, '.')} {title}".rstrip()


def _vtt_escape(text: str) -> str:
    """Escape the three characters WebVTT cue text gives meaning to (this also hides ``-->``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _one_line(text: str) -> str:
    """Collapse all whitespace: a line break in a cue could end it, or start a new one."""
    return " ".join(text.split())


def _label(speaker: str, text: str) -> str:
    speaker = _one_line(speaker)
    return f"{speaker}: {text}" if speaker else text


def _clock(ms: int, separator: str) -> str:
    """``HH:MM:SS.mmm`` (WebVTT) or ``HH:MM:SS,mmm`` (SRT); hours grow past 99 if needed."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


# --- ID3 tags and chapters -----------------------------------------------------------


def tag_mp3(path: Path, episode: Episode) -> None:
    """Write the episode's ID3 tags, cover art and chapters into the MP3 at ``path``.

    Saved as ID3v2.3, the version Apple Podcasts and most players read most reliably;
    CHAP/CTOC chapter frames are defined for it too. Frames this module owns are
    replaced; others (such as ffmpeg's encoder tag) are kept. Written in place: call it
    on the temporary file before the atomic rename.
    """
    path = Path(path)
    date = check_date(episode.date)
    cover = read_cover(episode.cover) if episode.cover else None
    tags = _load_tags(path)
    for frame_id in _OWNED_FRAMES:
        tags.delall(frame_id)
    _add_text_frames(tags, episode, date)
    if cover is not None:
        tags.add(
            APIC(
                encoding=Encoding.UTF8,
                mime=cover[0],
                type=PictureType.COVER_FRONT,
                desc="Cover",
                data=cover[1],
            )
        )
    _add_chapters(tags, episode.chapters)
    tags.update_to_v23()  # mutagen converts frames (TDRC -> TYER + TDAT) only when asked
    save_id3(tags, path)


def save_id3(tags: ID3, path: Path) -> None:
    """Save ``tags`` into the MP3 at ``path`` as ID3v2.3, chapter frames in time order
    (every save of a file that may hold chapters goes through here)."""
    try:
        tags.save(path, v2_version=3)
    except MutagenError as exc:
        raise AudioError(f"cannot write tags to {path}: {exc}; check the file is writable") from exc
    _put_chapter_frames_in_order(path)


def read_chapters(path: Path) -> list[ChapterMark]:
    """The MP3's chapters in the order of its top-level table of contents.

    The order of CHAP frames in a file means nothing to the ID3 spec; the ordered CTOC
    does, so this follows it. Files with CHAP frames but no CTOC are read in time order.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file; check the path to the MP3")
    tags = _load_tags(path)
    chapters = {frame.element_id: frame for frame in tags.getall("CHAP")}
    tocs = tags.getall("CTOC")
    top = [toc for toc in tocs if toc.flags & CTOCFlags.TOP_LEVEL] or tocs
    if top:
        order = [chapters[child] for child in top[0].child_element_ids if child in chapters]
    else:
        order = sorted(chapters.values(), key=lambda frame: frame.start_time)
    return [_chapter_mark(frame) for frame in order]


def _load_tags(path: Path) -> ID3:
    """The file's ID3 tag, or a new empty one when it has none yet."""
    try:
        return ID3(path)
    except ID3NoHeaderError:
        return ID3()
    except MutagenError as exc:
        raise AudioError(f"cannot read tags from {path}: {exc}; check it is an MP3 file") from exc


def _add_text_frames(tags: ID3, episode: Episode, date: str) -> None:
    """Title, show, artist, date, description and genre; empty values are left out."""
    text_frames = [
        (TIT2, episode.title),
        (TALB, episode.show),
        (TPE1, episode.artist),
        (TDRC, date),
        (TCON, "Podcast"),
    ]
    for frame_type, value in text_frames:
        if value:
            tags.add(frame_type(encoding=Encoding.UTF8, text=[value]))
    if episode.description:
        tags.add(COMM(encoding=Encoding.UTF8, lang="eng", desc="", text=[episode.description]))


def _add_chapters(tags: ID3, chapters: tuple[ChapterMark, ...]) -> None:
    """One CHAP frame per chapter (``chp0``, ``chp1``...) and one ordered top-level CTOC."""
    if not chapters:
        return
    chapters = tuple(sorted(chapters, key=lambda chapter: chapter.start_ms))
    ids = [f"chp{number}" for number in range(len(chapters))]
    for element_id, chapter in zip(ids, chapters):
        if not 0 <= chapter.start_ms <= chapter.end_ms:
            raise ValueError(
                f"chapter {chapter.title!r} has impossible times "
                f"{chapter.start_ms}..{chapter.end_ms}"
            )
        title = TIT2(encoding=Encoding.UTF8, text=[chapter.title])
        tags.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                sub_frames=[title],
            )
        )
    tags.add(
        CTOC(
            element_id=_TOC_ID,
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[],
        )
    )


def _put_chapter_frames_in_order(path: Path) -> None:
    """Move the saved CHAP frames into chapter order, in place.

    mutagen writes frames ordered by size, and ffmpeg (with the players and converters
    built on it) lists chapters in file order, ignoring the CTOC. Only frames move, so
    the tag keeps its size; a tag laid out in a way this does not expect is left alone.
    """
    with path.open("r+b") as file:
        header = file.read(10)
        if len(header) < 10 or header[:4] != b"ID3\x03" or header[5] != 0:
            return  # not the plain v2.3 tag just saved (unsynchronised, extended header)
        body = file.read(_syncsafe(header[6:10]))
        split = _split_v23_frames(body)
        if split is None:
            return
        frames, padding = split
        chapters = iter(sorted((f for f in frames if f[:4] == b"CHAP"), key=_chapter_number))
        ordered = [next(chapters) if frame[:4] == b"CHAP" else frame for frame in frames]
        file.seek(10)
        file.write(b"".join(ordered) + padding)


def _split_v23_frames(body: bytes) -> tuple[list[bytes], bytes] | None:
    """An ID3v2.3 tag body as whole frames plus trailing padding; None if malformed."""
    frames = []
    position = 0
    while position + 10 <= len(body) and body[position : position + 4] != b"\0\0\0\0":
        end = position + 10 + int.from_bytes(body[position + 4 : position + 8], "big")
        if end > len(body):
            return None
        frames.append(body[position:end])
        position = end
    return frames, body[position:]


def _chapter_number(frame: bytes) -> int:
    """N from the element id ``chpN`` at the start of a CHAP frame's data."""
    element_id = frame[10:].split(b"\0", 1)[0]
    return int(element_id[3:])


def _syncsafe(data: bytes) -> int:
    """ID3 header sizes use 7 bits per byte."""
    return (data[0] << 21) | (data[1] << 14) | (data[2] << 7) | data[3]


def _chapter_mark(frame: Any) -> ChapterMark:
    """A CHAP frame as a ChapterMark (typed Any: mutagen declares frame fields at run time)."""
    titles = frame.sub_frames.getall("TIT2")
    title = str(titles[0].text[0]) if titles and titles[0].text else frame.element_id
    return ChapterMark(title=title, start_ms=frame.start_time, end_ms=frame.end_time)


def date_problem(date: str) -> str | None:
    """Why ``date`` is not a date players read (YYYY or a real YYYY-MM-DD), or None."""
    try:
        if not _DATE.fullmatch(date):
            raise ValueError(date)
        if len(date) > 4:
            datetime.date.fromisoformat(date)
    except ValueError:
        return "is not a date; give YYYY or YYYY-MM-DD, such as 2026-11-03."
    return None


def cover_problem(path: Path) -> str | None:
    """Why ``path`` cannot be cover art (missing, too big, not JPEG or PNG), or None; read
    only its first bytes, so ``check`` is quick."""
    try:
        size = path.stat().st_size
        if size > MAX_COVER_BYTES:
            return (
                f"is {size / 1024 / 1024:.1f} MB; podcast apps expect at most "
                f"{MAX_COVER_BYTES // 2**20} MB, so shrink it."
            )
        with open(path, "rb") as file:
            head = file.read(16)
    except FileNotFoundError:
        return "no such file; check the path."
    except IsADirectoryError:
        return "is a folder; give a JPEG or PNG file."
    except OSError as exc:
        return f"cannot be read ({exc.strerror}); give a JPEG or PNG file."
    if not any(head.startswith(magic) for magic in _IMAGE_MAGIC):
        return "is not a JPEG or PNG image; convert it or give another file."
    return None


def check_date(date: str) -> str:
    """Accept ``YYYY`` or a real ``YYYY-MM-DD`` date; players misread anything else."""
    problem = date_problem(date) if date else None
    if problem:
        raise InputError(f"--date {date!r} {problem.rstrip('.')}")
    return date


def read_cover(cover: str) -> tuple[str, bytes]:
    """The cover image's MIME type and bytes, checked so a bad file fails before tagging."""
    path = Path(cover)
    try:
        size = path.stat().st_size
        if size > MAX_COVER_BYTES:
            raise InputError(
                f"cover image {path} is {size / 1024 / 1024:.1f} MB; podcast apps expect "
                f"at most {MAX_COVER_BYTES // 1024 // 1024} MB, so shrink it or pass a smaller --cover"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"cover image {path} not found; check the path given to --cover") from None
    except OSError as exc:
        raise InputError(
            f"cannot read cover image {path}: {exc.strerror}; pass a JPEG or PNG file to --cover"
        ) from None
    for magic, mime in _IMAGE_MAGIC.items():
        if data.startswith(magic):
            return mime, data
    raise InputError(f"cover image {path} is not a JPEG or PNG; convert it or pass another --cover")
