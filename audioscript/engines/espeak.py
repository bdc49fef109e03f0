"""espeak-ng, embedded: the library and voice data from the ``espeakng-loader`` wheel.

espeak-ng keeps one global synthesizer per process and is not thread safe (calling it
from two threads crashed the process in tests), so this module owns a single instance
behind a lock; parallel synthesis uses processes (see :mod:`audioscript.render`).
"""

from __future__ import annotations

import ctypes
import os
import threading
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .. import interrupt
from ..errors import EngineError, InputError
from ..models import Clip
from .base import Engine, VoiceInfo

AUDIO_OUTPUT_SYNCHRONOUS = 2
INITIALIZE_DONT_EXIT = 0x8000
POS_CHARACTER = 1
CHARS_UTF8 = 1
PARAM_RATE, PARAM_VOLUME, PARAM_PITCH, PARAM_RANGE = 1, 2, 3, 4
#: espeak_TextToPhonemes mode: IPA (bit 1), with "^" tying the letters of one phoneme
PHONEMES_IPA_TIED = 0x02 | 0x80 | (ord("^") << 8)

#: rate in words per minute, pitch and range 0..99, volume 0..200 (espeak-ng's limits)
LIMITS = {"rate": (80, 450), "pitch": (0, 99), "range": (0, 99), "volume": (0, 200)}
DEFAULTS = {"rate": 165, "pitch": 50, "range": 50, "volume": 100}

_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


def _paths() -> tuple[str, str]:
    try:
        import espeakng_loader
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise EngineError(
            "espeak-ng is missing: pip install espeakng-loader (or reinstall audioscript)."
        ) from exc
    return espeakng_loader.get_library_path(), espeakng_loader.get_data_path()


@lru_cache(maxsize=1)
def english_voices() -> tuple[str, ...]:
    """English voice file names (``en``, ``en-us``, ``en-gb-scotland`` ...)."""
    _, data = _paths()
    folder = os.path.join(data, "lang", "gmw")
    names = [n.lower() for n in os.listdir(folder) if n.lower().startswith("en")]
    return tuple(sorted(n for n in names if n != "en-shaw"))  # Shavian script, not speech


@lru_cache(maxsize=1)
def variants() -> tuple[str, ...]:
    """Variant names (``f1``..``f5``, ``m1``..``m8``, ``klatt``..): appended as ``+name``."""
    _, data = _paths()
    return tuple(sorted(os.listdir(os.path.join(data, "voices", "!v"))))


class _Synth:
    """The one espeak-ng instance of this process."""

    def __init__(self) -> None:
        library, data = _paths()
        lib = ctypes.CDLL(library)
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
            ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]  # fmt: skip
        lib.espeak_Info.restype = ctypes.c_char_p
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]
        rate = lib.espeak_Initialize(
            AUDIO_OUTPUT_SYNCHRONOUS, 0, data.encode(), INITIALIZE_DONT_EXIT
        )
        if rate <= 0:
            raise EngineError(
                f"espeak-ng failed to start with its data at {data}: "
                "reinstall espeakng-loader (pip install --force-reinstall espeakng-loader)."
            )
        self.lib = lib
        self.sample_rate = rate
        self.version = (lib.espeak_Info(None) or b"?").decode()
        self._chunks: list[bytes] = []
        self._callback = _CALLBACK(self._collect)  # keep a reference: C holds the pointer
        lib.espeak_SetSynthCallback(self._callback)
        self.lock = threading.Lock()

    def _collect(self, wav: Any, count: int, events: Any) -> int:
        if count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    def speak(self, text: str, voice: str, params: Mapping[str, int]) -> bytes:
        with self.lock, interrupt.held():  # an exception raised in its C callback is lost
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise EngineError(f"espeak-ng has no voice {voice!r}: see `audioscript voices`.")
            # rate, pitch, range and volume persist across voice changes: set all, always
            for key, param in (
                ("rate", PARAM_RATE), ("pitch", PARAM_PITCH),
                ("range", PARAM_RANGE), ("volume", PARAM_VOLUME),
            ):  # fmt: skip
                self.lib.espeak_SetParameter(param, int(params[key]), 0)
            self._chunks = []
            data = text.encode("utf-8")
            status = self.lib.espeak_Synth(
                data, len(data) + 1, 0, POS_CHARACTER, 0, CHARS_UTF8, None, None
            )
            self.lib.espeak_Synchronize()
            if status != 0:
                raise EngineError(f"espeak-ng failed (status {status}) on: {text[:60]!r}")
            return b"".join(self._chunks)

    def phonemes(self, text: str, voice: str) -> str:
        """IPA phonemes of ``text`` as ``voice`` reads it, multi-letter phonemes tied with
        "^"; clauses joined by spaces (espeak drops the punctuation between them)."""
        with self.lock:
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise EngineError(f"espeak-ng has no voice {voice!r}: see `audioscript voices`.")
            buffer = ctypes.create_string_buffer(text.encode("utf-8"))
            cursor = ctypes.c_char_p(ctypes.addressof(buffer))
            clauses = []
            while cursor.value:  # espeak advances the cursor one clause a call, NULL at the end
                out = self.lib.espeak_TextToPhonemes(ctypes.byref(cursor), CHARS_UTF8, PHONEMES_IPA_TIED)
                if out:
                    clauses.append(out.decode("utf-8", "replace").strip())
            return " ".join(c for c in clauses if c)


_SYNTH: _Synth | None = None
_SYNTH_LOCK = threading.Lock()


def phonemes(text: str, voice: str) -> str:
    """IPA phonemes of ``text`` from this process's espeak-ng (see :meth:`_Synth.phonemes`)."""
    return _synth().phonemes(text, voice)


_STRESS_AND_TIES = str.maketrans("", "", "ˈˌːˑ^ ")


def spelled_letters(word: str, voice: str = "en-us") -> bool:
    """Whether espeak-ng reads (part of) ``word`` letter by letter, as it does a run of
    consonants no English word starts with: "shtine" is "ess aitch tine", "Dzhon" "dee
    zhon". The voices espeak, kokoro and piper read through espeak-ng, so a lexicon's
    respelling that trips this is said wrongly by all three."""
    letters = "".join(ch for ch in word if ch.isalpha())
    if not letters:
        return False
    said = phonemes(letters, voice).translate(_STRESS_AND_TIES)
    if len(said) - len(letters) >= 3:  # letter names are longer than the letters
        return True
    first, second = letters[0].lower(), letters[1:2].lower()
    if not second or first in "aeiouy" or second in "aeiouy":
        return False
    name = phonemes(first, voice).translate(_STRESS_AND_TIES)  # the letter's own name
    return len(name) > 1 and said.startswith(name)


def _synth() -> _Synth:
    global _SYNTH
    with _SYNTH_LOCK:
        if _SYNTH is None:
            _SYNTH = _Synth()
        return _SYNTH


class EspeakEngine(Engine):
    """Offline, embedded, fast (about 1,000x real time), many accents and variants."""

    name = "espeak"
    thread_safe = False
    install_hint = "pip install espeakng-loader"
    quality = 1

    @property
    def version(self) -> str:
        return f"espeak-ng {_synth().version}"

    def check(self) -> str | None:
        try:
            _synth()
        except EngineError as exc:
            return str(exc)
        return None

    def voices(self) -> list[VoiceInfo]:
        found = []
        for voice in english_voices():
            found.append(VoiceInfo(self.name, voice, {"voice": voice}, language=voice))
            for variant in variants():
                gender = "female" if variant.startswith("f") and variant[1:].isdigit() else (
                    "male" if variant.startswith("m") and variant[1:].isdigit() else None
                )
                found.append(
                    VoiceInfo(
                        self.name, f"{voice}+{variant}", {"voice": voice, "variant": variant},
                        language=voice, gender=gender,
                    )
                )
        return found

    def validate(self, settings: Mapping[str, Any], where: str) -> None:
        voice = str(settings.get("voice", "en-us")).lower()
        if voice not in english_voices():
            raise InputError(
                f"{where}: espeak voice {voice!r} does not exist. "
                f"Use one of: {', '.join(english_voices())}."
            )
        variant = settings.get("variant")
        if variant is not None and str(variant) not in variants():
            raise InputError(
                f"{where}: espeak variant {variant!r} does not exist "
                "(try f1..f5, m1..m8, klatt..klatt6; `audioscript voices --engine espeak`)."
            )
        for key, (low, high) in LIMITS.items():
            value = settings.get(key, DEFAULTS[key])
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise InputError(f"{where}: {key} must be a number from {low} to {high}.")
            if not low <= value <= high:
                raise InputError(f"{where}: {key} = {value} is out of range {low}..{high}.")
        unknown = set(settings) - {"voice", "variant", *LIMITS}
        if unknown:
            raise InputError(
                f"{where}: unknown espeak setting(s) {', '.join(sorted(unknown))}; "
                "use voice, variant, rate, pitch, range, volume."
            )

    def synthesize(self, text: str, settings: Mapping[str, Any]) -> Clip:
        synth = _synth()
        voice = str(settings.get("voice", "en-us")).lower()
        if settings.get("variant"):
            voice = f"{voice}+{settings['variant']}"
        params = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
        pcm = synth.speak(text, voice, params)
        return Clip(pcm, "s16le", synth.sample_rate)
