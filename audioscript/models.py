"""Immutable values passed between pipeline stages.

Stages never mutate what they receive: they return new values (``dataclasses.replace``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

NARRATOR = "NARRATOR"


@dataclass(frozen=True)
class Utterance:
    """One thing said in an article: a quote by a person, or narration.

    ``line`` is the 1-based line of the input file the utterance starts on.
    ``text`` is what is spoken aloud (cleaned, attribution tag removed);
    ``source`` is the original text of that line or sentence.
    ``why`` says which extraction pass decided the speaker and why ("tags: 'Baker says'
    after the quote"), for ``extract --explain``; it is not written to quotes.jsonl, and
    two utterances that differ only in it are equal.
    """

    speaker: str
    text: str
    line: int
    kind: str = "quote"  # "quote" or "narration"
    source: str = ""
    attribution: str = ""
    confidence: float = 1.0
    why: str = field(default="", compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "text": self.text,
            "line": self.line,
            "kind": self.kind,
            "source": self.source,
            "attribution": self.attribution,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Speaker:
    """A person quoted in an article (never the narrator)."""

    name: str
    gender: str | None = None  # "female", "male" or None when the text does not say
    descriptor: str = ""  # e.g. "the director"
    first_line: int = 0
    count: int = 0
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Voice:
    """A voice profile: an engine, its settings, and engine-independent processing.

    ``settings`` are passed to the engine untouched (espeak: voice, variant, rate, pitch,
    range; gtts: lang, tld, slow). Processing is applied by audioscript after synthesis.
    """

    name: str
    engine: str
    settings: Mapping[str, Any] = field(default_factory=dict)
    gain_db: float = 0.0
    pitch_semitones: float = 0.0
    tempo: float = 1.0
    pan: float = 0.0  # -1 left .. +1 right (only audible in stereo output)
    eq: Mapping[str, float] = field(default_factory=dict)  # {"low_db":..,"high_db":..}
    lexicon: Mapping[str, str] = field(default_factory=dict)
    gender: str | None = None
    description: str = ""
    where: str = ""  # "voices/x.toml [profiles.NAME]" for profiles from a file

    def processing(self) -> dict[str, Any]:
        """The processing settings that change the audio (part of the cache key)."""
        return {
            "gain_db": self.gain_db,
            "pitch_semitones": self.pitch_semitones,
            "tempo": self.tempo,
            "eq": dict(sorted(self.eq.items())),
        }


@dataclass(frozen=True)
class Clip:
    """What an engine returns: audio bytes and their format.

    ``format`` is ``"s16le"`` (raw signed 16-bit little-endian mono PCM at
    ``sample_rate``), ``"f32le"`` (raw 32-bit float mono, -1..1, at ``sample_rate``: what
    neural models make), or a container ffmpeg can decode (``"wav"``, ``"mp3"``).
    """

    data: bytes
    format: str
    sample_rate: int = 0


# --- the script format -------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    """A spoken line of a script: ``Speaker: text``."""

    speaker: str
    text: str
    line: int = 0


@dataclass(frozen=True)
class Chapter:
    """``## Title``: a chapter starts here."""

    title: str
    line: int = 0


@dataclass(frozen=True)
class Directive:
    """``[name args...]`` on its own line: pause, music, sfx."""

    name: str
    args: tuple[str, ...] = ()
    line: int = 0
    raw: str = ""


@dataclass(frozen=True)
class Comment:
    """A blank line or a ``//`` comment, kept so that parse then dump round-trips."""

    text: str
    line: int = 0


@dataclass(frozen=True)
class Meta:
    """``# key: value`` at the top of a script. ``key`` keeps the case it was written in."""

    key: str
    value: str
    line: int = 0


ScriptItem = Cue | Chapter | Directive | Comment | Meta


@dataclass(frozen=True)
class Script:
    """A parsed script: every line as an item, in order."""

    items: tuple[ScriptItem, ...] = ()
    path: str = ""

    @property
    def metadata(self) -> tuple[tuple[str, str], ...]:
        """``(key, value)`` pairs in order, keys lower-cased for lookups."""
        return tuple((i.key.lower(), i.value) for i in self.items if isinstance(i, Meta))

    @property
    def meta(self) -> dict[str, str]:
        return dict(self.metadata)

    @property
    def cues(self) -> list[Cue]:
        return [item for item in self.items if isinstance(item, Cue)]

    @property
    def speakers(self) -> list[str]:
        """Speakers in order of first appearance."""
        seen: dict[str, None] = {}
        for cue in self.cues:
            seen.setdefault(cue.speaker, None)
        return list(seen)


# --- the rendered episode ----------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """One spoken line as placed in the episode."""

    index: int
    speaker: str
    text: str
    start_ms: int
    end_ms: int
    voice: str
    engine: str
    cache_key: str = ""
    line: int = 0  # line of the script (or input) this segment came from
    chapter: str = ""
    spoken: str = ""  # the text as the engine got it (lexicon applied, numbers as words)


@dataclass(frozen=True)
class ChapterMark:
    """A chapter as placed in the episode (for ID3 CHAP frames and the manifest)."""

    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Episode:
    """Everything export needs to write tags, chapters, transcripts and the manifest."""

    title: str
    duration_ms: int
    segments: tuple[Segment, ...] = ()
    chapters: tuple[ChapterMark, ...] = ()
    show: str = ""
    artist: str = ""
    date: str = ""
    description: str = ""
    cover: str = ""  # path to a JPEG or PNG, or ""
    sample_rate: int = 44100
    channels: int = 1
    bitrate: str = "96k"
    loudness_lufs: float | None = None
    true_peak_dbtp: float | None = None
