"""The voice of a sentence (``extract/voice.py``): first person, "we"/"you", question, none."""

from __future__ import annotations

import pytest

from audioscript.extract.voice import voice_of


@pytest.mark.parametrize(
    ("sentence", "voice"),
    [
        ("I was there.", "first"),
        ("We were there.", "weak"),
        ("What a night!", "weak"),
        ("Yes, of course.", "weak"),  # an interjection
        ("Ask Maureen Tully.", "weak"),  # an imperative
        ("Come on.", "weak"),  # a spoken fragment
        ("How will it compare?", "question"),
        ("Why did he go?", "neutral"),  # a question about somebody
        ("Tickets are $6.", "neutral"),
        ("The One I Love is a film about love.", "neutral"),  # "I" in a title
    ],
)
def test_the_voice_of_a_sentence(sentence: str, voice: str) -> None:
    assert voice_of(sentence) == voice
