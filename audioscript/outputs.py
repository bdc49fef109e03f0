"""What a command may write, and where: one rule for every command.

* The input is never written over, not even with ``--force``.
* A file meant to be edited by hand (quotes, scripts, templates) is never replaced without
  ``--force``, even one audioscript wrote: it may hold someone's edits.
* An episode (audio, manifest, transcripts), a preview or an audition sample replaces the
  file audioscript wrote there before; a file audioscript did not write is refused without
  ``--force``. audioscript recognises its own files by their content (:func:`ours`), never
  by their name.
* Missing folders are created, just before the first file is written.
* ``-o -`` is standard output for text (``extract``, ``script``) and refused elsewhere.

Formats follow the output's extension (:data:`FORMATS`); anything else is refused.
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import UsageError

GENERATOR = f"audioscript {__version__}"
MAX_RECOGNISED_BYTES = 200 * 1024 * 1024


# --- audio formats ------------------------------------------------------------------------

MPEG_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)


@dataclass(frozen=True)
class AudioFormat:
    """An output format chosen by extension: how ffmpeg writes it, what it can hold."""

    suffix: str
    name: str
    codec: tuple[str, ...]  # ffmpeg options choosing the encoder
    muxer: str  # ffmpeg -f for the file
    rates: tuple[int, ...] | None  # sample rates the codec takes (None: any)
    default_rate: int = 44100
    bitrate: bool = True  # whether --bitrate means anything
    chapters: bool = True
    cover: bool = True


FORMATS: dict[str, AudioFormat] = {
    ".mp3": AudioFormat(".mp3", "MP3", ("-c:a", "libmp3lame"), "mp3", MPEG_RATES),
    ".m4a": AudioFormat(".m4a", "AAC in MP4", ("-c:a", "aac"), "ipod", MPEG_RATES),
    ".ogg": AudioFormat(".ogg", "Ogg Vorbis", ("-c:a", "libvorbis"), "ogg", None),
    ".opus": AudioFormat(
        ".opus", "Ogg Opus", ("-c:a", "libopus"), "opus", (8000, 12000, 16000, 24000, 48000), 48000
    ),
    ".wav": AudioFormat(
        ".wav",
        "WAV (16-bit PCM)",
        ("-c:a", "pcm_s16le"),
        "wav",
        None,
        bitrate=False,
        chapters=False,
        cover=False,
    ),
}


def audio_format(path: Path, flag: str = "-o") -> AudioFormat:
    """The format of an audio output, from its extension, or a usage error listing them."""
    found = FORMATS.get(Path(path).suffix.lower())
    if found is None:
        choices = ", ".join(FORMATS)
        raise UsageError(
            f"{flag} {path}: audioscript writes {choices} (by the extension); "
            f"give a name such as {Path(path).with_suffix('.mp3')}"
        )
    return found


def check_sample_rate(fmt: AudioFormat, rate: int, flag: str = "--sample-rate") -> None:
    """A rate the codec cannot take is the user's value, not a broken ffmpeg."""
    if fmt.rates is not None and rate not in fmt.rates:
        rates = ", ".join(str(r) for r in fmt.rates)
        raise UsageError(
            f"{flag} {rate}: {fmt.name} takes {rates} Hz; use {fmt.default_rate} (or another of those)."
        )


def episode_files(output: Path) -> dict[str, Path]:
    """The files a render writes: the audio, its manifest and its two transcripts."""
    output = Path(output)
    return {
        "audio": output,
        "manifest": output.with_suffix(".json"),
        "transcript": output.with_suffix(".vtt"),
        "subtitles": output.with_suffix(".srt"),
    }


# --- the rule -----------------------------------------------------------------------------


def is_stdout(path: Path | str | None) -> bool:
    return path is not None and str(path) == "-"


def refuse_stdout(path: Path | str | None, flag: str, why: str) -> None:
    if is_stdout(path):
        raise UsageError(f"{flag} -: {why}")


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (links and relative paths included)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return Path(os.path.abspath(a)) == Path(os.path.abspath(b))


def claim(
    output: Path,
    files: Iterable[Path],
    *,
    inputs: Iterable[Path | None] = (),
    force: bool = False,
    editable: bool = False,
    flag: str = "-o",
) -> None:
    """Refuse, before any work, to write ``files`` (``output`` and the files that go with
    it) over an input, or over a file the rule above protects."""
    sources = [Path(p) for p in inputs if p is not None and not is_stdout(p)]
    for path in files:
        path = Path(path)
        for source in sources:
            if same_file(path, source):
                if path == output:
                    raise UsageError(
                        f"{flag} {output}: is the input {source}; choose another output name."
                    )
                raise UsageError(
                    f"{flag} {output} would write {path} over the input {source}; "
                    "choose another output name."
                )
        if not path.exists() or path.is_dir() or force:
            continue
        if editable:
            raise UsageError(f"{path} already exists; pass --force to overwrite it")
        if ours(path):
            continue
        if path == output:
            raise UsageError(
                f"{path} already exists and audioscript did not write it; "
                "choose another name or pass --force to overwrite it"
            )
        raise UsageError(
            f"{flag} {output} would replace {path}, which audioscript did not write; "
            "move it, choose another output name, or pass --force to replace it"
        )


def make_folder(path: Path) -> None:
    """Create the folders above ``path`` (the one rule: missing folders are created)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)


# --- recognising audioscript's own files ------------------------------------------------


def ours(path: Path) -> bool:
    """Whether audioscript wrote ``path``, judged by its content.

    A manifest carries ``"generator": "audioscript ..."`` (older manifests: their shape); a
    transcript is ours when the manifest beside it writes exactly the same text; audio
    carries a generator tag (ID3 TXXX, MP4 freeform atom, Vorbis comment, WAV INFO ISFT)
    or matches the size and checksum its manifest recorded.
    """
    path = Path(path)
    try:
        if not path.is_file() or path.stat().st_size > MAX_RECOGNISED_BYTES:
            return False
        suffix = path.suffix.lower()
        if suffix == ".json":
            return _manifest(path) is not None
        if suffix in (".vtt", ".srt"):
            return _transcript_ours(path)
        if suffix in FORMATS:
            return _audio_marked(path) or _audio_in_manifest(path) or _legacy_mp3(path)
    except (OSError, ValueError, AttributeError, TypeError):  # unreadable, or content that
        return False  # is not what its name says (Ogg named .mp3): not ours, so it is kept

    return False


def _manifest(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    generator = data.get("generator")
    if isinstance(generator, str) and generator.startswith("audioscript"):
        return data
    legacy = {"title", "duration_ms", "chapters", "segments", "loudness_lufs"}
    return data if legacy <= set(data) and isinstance(data.get("segments"), list) else None


def _transcript_ours(path: Path) -> bool:
    from .export import srt_text, vtt_text

    data = _manifest(path.with_suffix(".json"))
    if data is None:
        return False
    episode = episode_from_manifest(data)
    if episode is None:
        return False
    text = path.read_text(encoding="utf-8", errors="replace")
    expected = vtt_text(episode) if path.suffix.lower() == ".vtt" else srt_text(episode)
    return text == expected


def episode_from_manifest(data: Mapping[str, Any]) -> Any:
    """The :class:`~audioscript.models.Episode` a manifest describes (None if malformed)."""
    from .models import ChapterMark, Episode, Segment

    try:
        segments = tuple(
            Segment(
                index=int(s["index"]),
                speaker=str(s["speaker"]),
                text=str(s["text"]),
                start_ms=int(s["start_ms"]),
                end_ms=int(s["end_ms"]),
                voice=str(s.get("voice", "")),
                engine=str(s.get("engine", "")),
            )
            for s in data["segments"]
        )
        chapters = tuple(
            ChapterMark(str(c["title"]), int(c["start_ms"]), int(c["end_ms"]))
            for c in data["chapters"]
        )
        return Episode(str(data["title"]), int(data["duration_ms"]), segments, chapters)
    except (KeyError, TypeError, ValueError):
        return None


def _audio_in_manifest(path: Path) -> bool:
    """The manifest beside the audio recorded this very file (name, size and SHA-256)."""
    data = _manifest(path.with_suffix(".json"))
    record = (data or {}).get("audio")
    if not isinstance(record, dict) or record.get("file") != path.name:
        return False
    if record.get("bytes") != path.stat().st_size:
        return False
    return record.get("sha256") == file_sha256(path)


def _legacy_mp3(path: Path) -> bool:
    """An MP3 of an audioscript from before signing: tagged as a podcast with the title of
    the (unsigned) manifest beside it."""
    if path.suffix.lower() != ".mp3":
        return False
    data = _manifest(path.with_suffix(".json"))
    if data is None or "generator" in data:
        return False
    from mutagen import MutagenError
    from mutagen.id3 import ID3

    try:
        tags = ID3(path)
    except (MutagenError, OSError, ValueError):  # no tag, or not an MP3
        return False
    title = [str(t) for f in tags.getall("TIT2") for t in f.text]
    genre = [str(t) for f in tags.getall("TCON") for t in f.text]
    return title == [str(data.get("title"))] and "Podcast" in genre


def file_sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _audio_marked(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".wav":
        return any(value.startswith(b"audioscript") for value in _wav_info(path).values())
    import mutagen

    try:
        audio = mutagen.File(path)
    except (mutagen.MutagenError, OSError, ValueError, IndexError, struct.error):  # foreign files
        return False
    tags = getattr(audio, "tags", None)
    if tags is None:
        return False
    if suffix == ".mp3":
        return any(str(frame).startswith("audioscript") for frame in tags.getall("TXXX:generator"))
    if suffix == ".m4a":
        values = tags.get(MP4_GENERATOR, [])
        return any(bytes(v).startswith(b"audioscript") for v in values)
    return any(v.startswith("audioscript") for v in tags.get("generator", []))


MP4_GENERATOR = "----:org.audioscript:generator"


def mark_audio(path: Path) -> None:
    """Sign an audio file audioscript wrote, so a later run may replace it (see :func:`ours`)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".wav":
        _append_wav_info(Path(path), {b"ISFT": GENERATOR.encode()})
        return
    if suffix == ".mp3":
        from mutagen.id3 import ID3, TXXX, Encoding, ID3NoHeaderError

        try:
            tags = ID3(path)
        except ID3NoHeaderError:
            tags = ID3()
        tags.delall("TXXX:generator")
        from .export import save_id3

        tags.add(TXXX(encoding=Encoding.UTF8, desc="generator", text=[GENERATOR]))
        save_id3(tags, Path(path))
        return
    import mutagen

    audio = mutagen.File(path)
    if audio is None:
        return
    if audio.tags is None:
        audio.add_tags()
    if suffix == ".m4a":
        from mutagen.mp4 import MP4FreeForm

        audio.tags[MP4_GENERATOR] = [MP4FreeForm(GENERATOR.encode())]
    else:
        audio.tags["generator"] = [GENERATOR]
    audio.save()


def _wav_info(path: Path) -> dict[bytes, bytes]:
    """The INFO entries of every LIST chunk of a WAV file (ISFT, INAM, ...)."""
    with open(path, "rb") as file:
        head = file.read(12)
        if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return {}
        info: dict[bytes, bytes] = {}
        while True:
            header = file.read(8)
            if len(header) < 8:
                return info
            chunk_id, size = header[:4], struct.unpack("<I", header[4:])[0]
            if chunk_id == b"LIST" and size < 1 << 20:
                body = file.read(size + (size & 1))
                if body[:4] == b"INFO":
                    position = 4
                    while position + 8 <= len(body):
                        key, length = (
                            body[position : position + 4],
                            struct.unpack("<I", body[position + 4 : position + 8])[0],
                        )
                        info[key] = body[position + 8 : position + 8 + length].rstrip(b"\0")
                        position += 8 + length + (length & 1)
            else:
                file.seek(size + (size & 1), os.SEEK_CUR)


def _append_wav_info(path: Path, entries: Mapping[bytes, bytes]) -> None:
    """Add a LIST/INFO chunk at the end of a WAV file (players skip chunks they do not know)."""
    body = b"INFO"
    for key, value in entries.items():
        value = value + b"\0"
        body += key + struct.pack("<I", len(value)) + value + (b"\0" if len(value) & 1 else b"")
    chunk = b"LIST" + struct.pack("<I", len(body)) + body
    with open(path, "r+b") as file:
        file.seek(0, os.SEEK_END)
        end = file.tell()
        if end & 1:  # chunks start on even offsets
            file.write(b"\0")
            end += 1
        file.write(chunk)
        file.seek(4)
        file.write(struct.pack("<I", end + len(chunk) - 8))
