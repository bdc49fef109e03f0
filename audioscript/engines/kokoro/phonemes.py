"""Text to Kokoro tokens: espeak-ng's IPA, rewritten into the phoneme set Kokoro learned.

Kokoro's vocabulary is IPA plus a few letters of its own; espeak-ng (the library
audioscript already loads) gives IPA for American (``en-us``) or British (``en``) English.
Punctuation is kept between the pieces espeak reads, since Kokoro pauses and shapes
intonation by it. Calls are cut at sentence ends (then clauses, then words) to stay well
under the model's 510-token input, which also bounds each worker's memory.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..espeak import phonemes as espeak_phonemes

#: espeak-ng voice for each accent: American, and British (the file "en" is en-GB)
ESPEAK_VOICE = {"us": "en-us", "gb": "en"}
MAX_TOKENS = 510  # the model's limit per call
#: what one call takes at most here: a worker's peak memory grows with it (one process:
#: 478 MB at 120 tokens, 693 MB at 260), and two workers must stay well under 1.5 GB; a
#: typical sentence fits, and longer ones are cut at a comma (a few % slower than 260)
CALL_TOKENS = 150
SENTENCE_END = ".!?…"

#: espeak IPA -> Kokoro phonemes ("^" ties one phoneme's letters). Kokoro's own alphabet
#: has one letter per diphthong and affricate ("A" for eɪ, "ʤ" for dʒ), but rewriting
#: espeak's IPA into it made an offline recogniser miss more words (af_heart, 24
#: sentences: 3.8 % -> 9.8 %), so espeak's letters go to the model as they are.
REWRITES: dict[str, dict[str, str]] = {"us": {"ʲ": ""}, "gb": {"ʲ": ""}}


@dataclass(frozen=True)
class Call:
    """One model call: token ids (without the padding) and the pause to leave after it."""

    tokens: tuple[int, ...]
    pause_s: float


@cache
def vocab() -> dict[str, int]:
    text = (resources.files("audioscript") / "data" / "kokoro" / "vocab.json").read_text("utf-8")
    return {str(k): int(v) for k, v in json.loads(text).items()}


@cache
def _rewrite_pattern(accent: str) -> re.Pattern[str]:
    keys = sorted(REWRITES[accent], key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


def to_kokoro(ipa: str, accent: str) -> str:
    """espeak's tied IPA as Kokoro tokens take it; letters the model does not know go."""
    table = REWRITES[accent]
    text = _rewrite_pattern(accent).sub(lambda m: table[m.group(0)], ipa).replace("^", "")
    known = vocab()
    return "".join(ch for ch in text if ch in known or ch == " ")


_PUNCTUATION = re.compile(r'\s*([.,;:!?…—()"“”]+)\s*|\s+-\s+')


def phonemize(text: str, accent: str) -> str:
    """The phonemes of ``text``, punctuation kept where it was."""
    voice = ESPEAK_VOICE[accent]
    out: list[str] = []
    position = 0
    for match in _PUNCTUATION.finditer(text):
        piece = text[position : match.start()]
        if piece.strip():
            out.append(to_kokoro(espeak_phonemes(piece, voice), accent))
        marks = match.group(1) or "—"
        out.append("".join(ch for ch in marks if ch in vocab()))
        position = match.end()
    tail = text[position:]
    if tail.strip():
        out.append(to_kokoro(espeak_phonemes(tail, voice), accent))
    joined = ""
    for part in out:
        if not part:
            continue
        is_mark = part[0] in vocab() and not part[0].isalpha() and part[0] not in "ˈˌ"
        joined = (joined.rstrip() + part + " ") if is_mark else (joined + part + " ")
    return " ".join(joined.split())


def _split_long(phonemes: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` letters, cut after clause marks, else between words."""
    pieces: list[str] = []
    current = ""
    for word in re.split(r"(?<=[,;:—])\s+|\s+", phonemes):
        while len(word) > limit:  # one "word" longer than the limit: cut it anyway
            pieces.append(word[:limit])
            word = word[limit:]
        candidate = f"{current} {word}".strip()
        if len(candidate) > limit and current:
            pieces.append(current)
            current = word
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def calls(text: str, accent: str, limit: int = CALL_TOKENS) -> list[Call]:
    """The model calls that speak ``text``: sentences joined up to ``limit`` tokens."""
    phonemes = phonemize(text, accent)
    sentences = [s for s in re.split(rf"(?<=[{SENTENCE_END}])\s+", phonemes) if s.strip()]
    groups: list[tuple[str, float]] = []
    current = ""
    for sentence in sentences:
        if len(sentence) > limit:
            if current:
                groups.append((current, 0.3))
                current = ""
            parts = _split_long(sentence, limit)
            groups.extend((part, 0.15) for part in parts[:-1])
            groups.append((parts[-1], 0.3))
            continue
        candidate = f"{current} {sentence}".strip()
        if len(candidate) > limit and current:
            groups.append((current, 0.3))
            current = sentence
        else:
            current = candidate
    if current:
        groups.append((current, 0.3))
    table = vocab()
    result = []
    for index, (group, pause) in enumerate(groups):
        tokens = tuple(table[ch] for ch in group if ch in table)
        if tokens:
            result.append(Call(tokens[:MAX_TOKENS], pause if index < len(groups) - 1 else 0.0))
    return result
