"""Speech engines that are programs on this machine: flite, pico2wave, festival, RHVoice.

None of them is required. Each is looked up on PATH when used (:func:`shutil.which`), and
:meth:`~CommandEngine.check` says how to install a missing one. Every call runs the
program with an argument list, never through a shell: the text goes in a temporary file
or on stdin and the program writes a WAV file into a temporary folder. A program that
runs too long is stopped. Some of these programs report errors on stderr and still exit
0, so their stderr is read for those too.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
import unicodedata
from collections.abc import Mapping
from functools import cache
from typing import Any, ClassVar

from ..errors import EngineError, InputError
from ..models import Clip
from .base import Engine, VoiceInfo

#: bump when the way text or settings reach a program changes (part of the cache key)
ENGINE_REVISION = 1

#: typographic punctuation that ASCII-only synthesizers would spell out or skip
_ASCII_PUNCTUATION = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "…": "...", "\u00a0": " "}
)


def ascii_text(text: str) -> str:
    """Text for synthesizers that only read ASCII: plain quotes, no accents (é -> e)."""
    text = re.sub(r"\s*[—–]\s*", ", ", text)  # a dash is a pause, not a word
    plain = unicodedata.normalize("NFKD", text.translate(_ASCII_PUNCTUATION))
    return plain.encode("ascii", "ignore").decode("ascii")


def wav_sample_rate(data: bytes) -> int | None:
    """The sample rate in a RIFF/WAVE header, or None when ``data`` is not a WAV.

    Reads the ``fmt`` chunk directly, so WAVs written by streaming programs (with
    placeholder sizes) are understood too.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    position = 12
    while position + 8 <= len(data):
        chunk_id, size = (
            data[position : position + 4],
            struct.unpack_from("<I", data, position + 4)[0],
        )
        if chunk_id == b"fmt " and position + 16 <= len(data):
            return int(struct.unpack_from("<I", data, position + 12)[0])
        position += 8 + size + (size & 1)
    return None


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _output(command: list[str], stdin: str = "", timeout: float = 10.0) -> str:
    """Stdout of a short query (voice lists, versions); empty when it fails."""
    try:
        done = subprocess.run(
            command, input=stdin.encode(), capture_output=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")


@cache
def package_version(package: str) -> str:
    """The installed Debian package version, or "unknown" elsewhere."""
    dpkg = shutil.which("dpkg-query")
    if dpkg is None:
        return "unknown"
    return _output([dpkg, "-W", "-f=${Version}", package]).strip() or "unknown"


class CommandEngine(Engine):
    """An engine that runs ``program`` once per line and reads back the WAV it wrote."""

    program: ClassVar[str] = ""  # the executable, looked up on PATH
    thread_safe = True  # every call is its own process and temporary folder
    #: words on stderr that mean failure even when the program exits 0
    failure_words: ClassVar[tuple[str, ...]] = ()
    #: text goes on stdin (True) or into a temporary file (False)
    text_on_stdin: ClassVar[bool] = False
    #: seconds allowed per call: a base plus a little per character
    timeout_base: ClassVar[float] = 30.0
    timeout_per_char: ClassVar[float] = 0.05
    #: the rate of the short pause returned for "…" (real output carries its own rate)
    sample_rate: ClassVar[int] = 16000

    def executable(self) -> str | None:
        return shutil.which(self.program)

    def check(self) -> str | None:
        if self.executable() is None:
            return (
                f"{self.program} is not installed (not found on PATH): "
                f"{self.install_hint}, or choose another engine."
            )
        return None

    def software_version(self, executable: str) -> str:
        """The program's own version, for the cache key."""
        return "unknown"

    @property
    def version(self) -> str:
        executable = self.executable()
        found = self.software_version(executable) if executable else "not installed"
        return f"{self.program} {found} r{ENGINE_REVISION}"

    def command(
        self, executable: str, settings: Mapping[str, Any], text_path: str, wav_path: str
    ) -> list[str]:
        """The argument list that speaks ``text_path`` (or stdin) into ``wav_path``."""
        raise NotImplementedError

    def prepare(self, text: str) -> str:
        """The text as this program should read it."""
        return text

    def synthesize(self, text: str, settings: Mapping[str, Any]) -> Clip:
        self.validate(settings, f"{self.name} voice settings")
        executable = self.executable()
        if executable is None:
            raise EngineError(f"Engine {self.name!r} is not available: {self.check()}")
        spoken = " ".join(self.prepare(text).split())
        if not re.search(r"\w", spoken):
            if re.search(r"\w", text):
                raise EngineError(
                    f"{self.program} cannot read {text[:40]!r} (it reads English text only): "
                    "give this speaker an espeak or gtts voice."
                )
            pause = bytes(2 * self.sample_rate // 4)  # "…" alone: a quarter second of silence
            return Clip(pause, "s16le", self.sample_rate)
        with tempfile.TemporaryDirectory(prefix="audioscript-") as folder:
            text_path = os.path.join(folder, "line.txt")
            wav_path = os.path.join(folder, "line.wav")
            with open(text_path, "w", encoding="utf-8") as handle:
                handle.write(spoken + "\n")
            command = self.command(executable, settings, text_path, wav_path)
            stdin = spoken + "\n" if self.text_on_stdin else ""
            self._run(command, stdin, self.timeout_base + self.timeout_per_char * len(spoken))
            try:
                with open(wav_path, "rb") as handle:
                    data = handle.read()
            except OSError:
                data = b""
        rate = wav_sample_rate(data)
        if rate is None:
            raise EngineError(
                f"{self.program} wrote no WAV audio for {spoken[:40]!r}: run it by hand to "
                f"see why, or choose another engine."
            )
        return Clip(data, "wav", rate)

    def _run(self, command: list[str], stdin: str, timeout: float) -> None:
        try:
            done = subprocess.run(
                command,
                input=stdin.encode("utf-8"),
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise EngineError(
                f"{self.program} took longer than {timeout:.0f} s and was stopped: "
                "split the line, or choose another engine."
            ) from exc
        except OSError as exc:
            raise EngineError(
                f"{self.program} could not be started ({exc.strerror or exc}): "
                f"reinstall it ({self.install_hint})."
            ) from exc
        errors = done.stderr.decode("utf-8", "replace")
        failed_quietly = any(word in errors.lower() for word in self.failure_words)
        if done.returncode != 0 or failed_quietly:
            raise EngineError(
                f"{self.program} failed (exit {done.returncode}): "
                f"{_last_line(errors) or 'it gave no reason'}"
            )


def _check_keys(
    engine: str, settings: Mapping[str, Any], allowed: tuple[str, ...], where: str
) -> None:
    unknown = set(settings) - set(allowed)
    if unknown:
        raise InputError(
            f"{where}: unknown {engine} setting(s) {', '.join(sorted(unknown))}; "
            f"use {', '.join(allowed)}."
        )


def _check_number(
    engine: str, settings: Mapping[str, Any], key: str, low: float, high: float, where: str
) -> None:
    value = settings.get(key)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise InputError(f"{where}: {engine} {key} must be a number from {low} to {high}.")


# --- flite ---------------------------------------------------------------------------------

#: flite's built-in voices: gender and description. kal is 8 kHz; the others 16 kHz.
FLITE_VOICES: dict[str, tuple[str, str]] = {
    "slt": ("female", "US English female"),
    "rms": ("male", "US English male (ignores pitch)"),
    "awb": ("male", "Scottish English male"),
    "kal16": ("male", "US English male, diphone"),
    "kal": ("male", "US English male, diphone, 8 kHz telephone quality"),
}


@cache
def flite_voices(executable: str) -> tuple[str, ...]:
    """The voices ``flite -lv`` lists, without limited-domain ones (awb_time: clock only)."""
    listed = _output([executable, "-lv"]).partition("Voices available:")[2].split()
    return tuple(voice for voice in listed if not voice.endswith("_time"))


class FliteEngine(CommandEngine):
    """CMU flite: small, offline, clear (Debian main, BSD-style licence).

    Settings: ``voice`` (slt, rms, awb, kal16, kal, or a path to a .flitevox file),
    ``rate`` (speed factor, 1.0 is normal; sent as ``duration_stretch = 1 / rate``) and
    ``pitch`` (mean pitch in Hz, ``int_f0_target_mean``; the rms voice ignores it).
    """

    name = "flite"
    program = "flite"
    install_hint = "apt install flite"
    quality = 3
    failure_words = ("error", "can't open", "failed")
    default_voice = "slt"

    def prepare(self, text: str) -> str:
        return ascii_text(text)

    def software_version(self, executable: str) -> str:
        found = re.search(r"version:\s*(?:flite-)?(\S+)", _output([executable, "--version"]))
        return found.group(1) if found else "unknown"

    def known_voices(self) -> tuple[str, ...]:
        """Voices this flite offers, the clearest first."""
        executable = self.executable()
        listed = (flite_voices(executable) if executable else ()) or tuple(FLITE_VOICES)
        rank = {voice: index for index, voice in enumerate(FLITE_VOICES)}
        return tuple(sorted(listed, key=lambda voice: rank.get(voice, len(rank))))

    def voices(self) -> list[VoiceInfo]:
        found = []
        for voice in self.known_voices():
            gender, description = FLITE_VOICES.get(voice, (None, "flite voice"))
            found.append(
                VoiceInfo(
                    self.name, voice, {"voice": voice}, gender=gender, description=description
                )
            )
        return found

    def validate(self, settings: Mapping[str, Any], where: str) -> None:
        _check_keys("flite", settings, ("voice", "rate", "pitch"), where)
        voice = settings.get("voice", self.default_voice)
        is_file = isinstance(voice, str) and voice.endswith(".flitevox")
        if is_file and not os.path.isfile(os.path.expanduser(voice)):
            raise InputError(f"{where}: flite voice file {voice!r} does not exist: fix the path.")
        if not is_file and voice not in self.known_voices():
            raise InputError(
                f"{where}: flite voice {voice!r} does not exist; use one of "
                f"{', '.join(self.known_voices())}, or a path to a .flitevox file."
            )
        _check_number("flite", settings, "rate", 0.5, 2.0, where)
        _check_number("flite", settings, "pitch", 50, 400, where)

    def command(
        self, executable: str, settings: Mapping[str, Any], text_path: str, wav_path: str
    ) -> list[str]:
        voice = str(settings.get("voice", self.default_voice))
        if voice.endswith(".flitevox"):
            voice = os.path.abspath(os.path.expanduser(voice))  # never starts with "-"
        command = [executable, "-voice", voice]
        if settings.get("rate") is not None:
            command += ["--setf", f"duration_stretch={1 / float(settings['rate']):.4f}"]
        if settings.get("pitch") is not None:
            command += ["--setf", f"int_f0_target_mean={float(settings['pitch']):.1f}"]
        return [*command, "-f", text_path, "-o", wav_path]


# --- pico2wave -------------------------------------------------------------------------------

PICO_LANGUAGES: dict[str, str] = {
    "en-US": "US English female",
    "en-GB": "British English female",
    "de-DE": "German female",
    "es-ES": "Spanish female",
    "fr-FR": "French female",
    "it-IT": "Italian female",
}


class PicoEngine(CommandEngine):
    """SVOX Pico through ``pico2wave`` (Debian non-free): one female voice per language.

    Setting: ``lang`` (en-US or en-GB for English). The text goes on stdin, because
    pico2wave would read text starting with "-" given as an argument as an option, and
    it writes only to a path ending in ``.wav``.
    """

    name = "pico"
    program = "pico2wave"
    install_hint = "apt install libttspico-utils"
    quality = 3
    text_on_stdin = True

    def software_version(self, executable: str) -> str:
        return package_version("libttspico-utils")

    def voices(self) -> list[VoiceInfo]:
        return [
            VoiceInfo(
                self.name,
                lang,
                {"lang": lang},
                language=lang,
                gender="female",
                description=PICO_LANGUAGES[lang],
            )
            for lang in ("en-US", "en-GB")
        ]

    def validate(self, settings: Mapping[str, Any], where: str) -> None:
        _check_keys("pico", settings, ("lang",), where)
        lang = settings.get("lang", "en-US")
        if lang not in PICO_LANGUAGES:
            raise InputError(
                f"{where}: pico lang {lang!r} does not exist; use one of "
                f"{', '.join(PICO_LANGUAGES)}."
            )

    def command(
        self, executable: str, settings: Mapping[str, Any], text_path: str, wav_path: str
    ) -> list[str]:
        return [executable, "-l", str(settings.get("lang", "en-US")), "-w", wav_path]


# --- festival --------------------------------------------------------------------------------

_FESTIVAL_NAME = re.compile(r"^[a-z0-9_]+$")
_ARCTIC_GENDERS = {"slt": "female", "clb": "female", "awb": "male", "bdl": "male",
                   "jmk": "male", "ksp": "male", "rms": "male"}  # fmt: skip


@cache
def festival_voices(festival: str) -> tuple[str, ...]:
    """The voices festival lists with ``(voice.list)``."""
    listed = _output([festival, "--pipe"], stdin="(print (voice.list))\n")
    found = re.search(r"\(([a-z0-9_ ]*)\)", listed)
    return tuple(found.group(1).split()) if found else ()


def _festival_gender(voice: str) -> str | None:
    arctic = re.match(r"cmu_us_([a-z]+)_", voice)
    if arctic:
        return _ARCTIC_GENDERS.get(arctic.group(1))
    return "male" if voice in {"kal_diphone", "ked_diphone", "rab_diphone"} else None


class FestivalEngine(CommandEngine):
    """The Festival Speech Synthesis System through ``text2wave`` (Debian main).

    Setting: ``voice``, a festival voice name such as ``kal_diphone`` or
    ``cmu_us_slt_arctic_hts`` (optional: festival's default voice otherwise).
    """

    name = "festival"
    program = "text2wave"
    install_hint = "apt install festival"
    quality = 2
    failure_words = ("error", "can't open")

    def prepare(self, text: str) -> str:
        return ascii_text(text)

    def festival(self) -> str | None:
        """The ``festival`` program beside ``text2wave``, which lists voices."""
        return shutil.which("festival")

    def software_version(self, executable: str) -> str:
        festival = self.festival()
        found = re.search(r"\d+\.\d+(\.\d+)?", _output([festival, "--version"]) if festival else "")
        return found.group(0) if found else "unknown"

    def known_voices(self) -> tuple[str, ...]:
        festival = self.festival()
        return festival_voices(festival) if festival else ()

    def voices(self) -> list[VoiceInfo]:
        return [
            VoiceInfo(
                self.name,
                voice,
                {"voice": voice},
                gender=_festival_gender(voice),
                description="festival voice",
            )
            for voice in self.known_voices()
        ]

    def validate(self, settings: Mapping[str, Any], where: str) -> None:
        _check_keys("festival", settings, ("voice",), where)
        voice = settings.get("voice")
        if voice is None:
            return
        known = self.known_voices()
        if (
            not isinstance(voice, str)
            or not _FESTIVAL_NAME.match(voice)
            or (known and voice not in known)
        ):
            choices = ", ".join(known) or "kal_diphone"
            raise InputError(
                f"{where}: festival voice {voice!r} does not exist; use one of {choices} "
                "(`audioscript voices --engine festival`)."
            )

    def command(
        self, executable: str, settings: Mapping[str, Any], text_path: str, wav_path: str
    ) -> list[str]:
        command = [executable, "-o", wav_path]
        voice = settings.get("voice")
        if voice:  # validated: only [a-z0-9_], so the Scheme expression is just a call
            command += ["-eval", f"(voice_{voice})"]
        return [*command, text_path]


# --- RHVoice ---------------------------------------------------------------------------------

_RHVOICE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*(\+[A-Za-z][A-Za-z0-9_-]*)*$")
RHVOICE_FOLDERS = ("/usr/share/RHVoice/voices", "/usr/local/share/RHVoice/voices")


def rhvoice_voices(folders: tuple[str, ...] = RHVOICE_FOLDERS) -> dict[str, dict[str, str]]:
    """Installed RHVoice voices: lower-case name -> the fields of its ``voice.info``."""
    found: dict[str, dict[str, str]] = {}
    for folder in folders:
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            info = {"name": name}
            try:
                with open(os.path.join(folder, name, "voice.info"), encoding="utf-8") as handle:
                    for line in handle:
                        key, sep, value = line.partition("=")
                        if sep:
                            info[key.strip().lower()] = value.strip()
            except OSError:
                pass
            found.setdefault(info["name"].lower(), info)
    return found


class RHVoiceEngine(CommandEngine):
    """RHVoice through ``RHVoice-test`` (Debian non-free): natural, offline.

    Setting: ``voice``, an installed voice such as slt, clb, bdl or alan (``a+b`` uses
    voice a, and b for the other language). The text goes on stdin.
    """

    name = "rhvoice"
    program = "RHVoice-test"
    install_hint = "apt install rhvoice rhvoice-english"
    quality = 4
    text_on_stdin = True
    sample_rate = 24000
    default_voice = "slt"

    def software_version(self, executable: str) -> str:
        return package_version("rhvoice")

    def voices(self) -> list[VoiceInfo]:
        found = []
        for key, info in rhvoice_voices().items():
            gender = info.get("gender", "").lower() or None
            language = info.get("language", "")
            code = "en" if language.lower() == "english" else language.lower() or "unknown"
            description = f"{language} {gender or ''} ({info['name']})".strip()
            found.append(
                VoiceInfo(
                    self.name,
                    key,
                    {"voice": key},
                    language=code,
                    gender=gender,
                    description=description,
                )
            )
        return found

    def validate(self, settings: Mapping[str, Any], where: str) -> None:
        _check_keys("rhvoice", settings, ("voice",), where)
        voice = settings.get("voice", self.default_voice)
        installed = rhvoice_voices()
        if (
            not isinstance(voice, str)
            or not _RHVOICE_NAME.match(voice)
            or (installed and any(part.lower() not in installed for part in voice.split("+")))
        ):
            choices = ", ".join(installed) or "slt, clb, bdl, alan"
            raise InputError(
                f"{where}: rhvoice voice {voice!r} does not exist; use one of {choices}."
            )

    def command(
        self, executable: str, settings: Mapping[str, Any], text_path: str, wav_path: str
    ) -> list[str]:
        return [executable, "-p", str(settings.get("voice", self.default_voice)), "-o", wav_path]
