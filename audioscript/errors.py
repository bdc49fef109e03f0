"""The one exception family of audioscript.

Every message is written for the person at the keyboard: it names the file, line or
flag that is wrong and says what to do about it. The CLI turns these into a single
``Error: ...`` line (exit 1), or a usage error (exit 2) for :class:`UsageError`.
"""

from __future__ import annotations


class AudioscriptError(Exception):
    """An expected failure with a message that says what to do."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(AudioscriptError):
    """The user asked for something that cannot work (a wrong flag or value)."""

    exit_code = 2


class InputError(AudioscriptError):
    """An input file is missing, unreadable or malformed."""


class EngineError(AudioscriptError):
    """A speech engine is unavailable or failed."""


class TemplateError(AudioscriptError):
    """A script template failed to load or render."""


class UnknownTemplate(TemplateError, UsageError):
    """``--template`` names no template (a wrong value: exit 2, like an unknown engine)."""


class AudioError(AudioscriptError):
    """ffmpeg is missing or failed while decoding, processing or encoding audio."""
