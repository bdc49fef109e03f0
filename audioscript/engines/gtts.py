"""Google Translate text-to-speech, through gTTS: natural, but needs the network.

gTTS builds the request body; this module sends it, so it owns what gTTS leaves out:

* **Chunking.** Text is split into chunks of at most 100 characters at sentence ends,
  then at clause punctuation, then at spaces, so that each request is one chunk and
  a retry repeats one chunk only. The MP3 parts are joined (MP3 frames concatenate).
* **Throttling.** Requests from the whole process are spaced at least
  ``AUDIOSCRIPT_GTTS_MIN_INTERVAL`` seconds apart (default 0.2), across threads.
* **Retries.** HTTP 429, 5xx, read timeouts and dropped connections are retried up to
  ``AUDIOSCRIPT_GTTS_RETRIES`` times (default 4) with exponential backoff from
  ``AUDIOSCRIPT_GTTS_BACKOFF`` seconds (default 1.0) plus jitter, honouring
  ``Retry-After``.
* **Failing fast offline.** A failure to connect at all (no DNS, refused, no route,
  connect timeout) is not retried: the message says to check the connection or fall
  back to espeak. For 30 seconds afterwards, requests to that host fail at once instead
  of each waiting for its own timeout.

TLS certificates are verified (gTTS itself turns verification off).

:meth:`GttsEngine.check` makes no HTTP request. It only asks the resolver for
translate.google.com, for at most 2 seconds in a background thread: a definite "no such
host" means this machine is offline, and ``--fallback espeak`` can take over before
synthesis starts. A slow answer counts as usable (synthesis will tell), and with a proxy
configured there is no probe (the proxy resolves names).
"""

from __future__ import annotations

import base64
import binascii
import email.utils
import logging
import os
import random
import re
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests
import urllib3.exceptions
from gtts import gTTS  # type: ignore[import-untyped]
from gtts.accents import accents as _gtts_accents  # type: ignore[import-untyped]
from gtts.lang import tts_langs  # type: ignore[import-untyped]
from gtts.tokenizer import pre_processors  # type: ignore[import-untyped]
from gtts.version import __version__ as gtts_version  # type: ignore[import-untyped]

from ..errors import EngineError, InputError, UsageError
from ..models import Clip
from .base import Engine, VoiceInfo

log = logging.getLogger(__name__)

#: bump when chunking or request handling changes what is synthesized (cache key)
ENGINE_REVISION = 1

MAX_CHARS = 100  # Google's limit per request
SAMPLE_RATE = 24000  # what Google's MP3s decode to
CONNECT_TIMEOUT = 4.0  # seconds to open a connection; longer means no route
READ_TIMEOUT = 20.0  # seconds to wait for the answer to one chunk
MAX_RETRY_AFTER = 60.0  # a server asking to wait longer than this: give up and say so
PROBE_TIMEOUT = 2.0  # seconds check() waits for the resolver
UNREACHABLE_HOLD = 30.0  # seconds a host that could not be reached is not tried again
FALLBACK_HINT = "or use --fallback espeak"

DEFAULTS = {"lang": "en", "tld": "com", "slow": False}

#: English accents, one Google host each, in the order offered to casting
ENGLISH_ACCENTS: dict[str, tuple[str, str]] = {
    "com": ("en-US", "English (United States), translate.google.com"),
    "co.uk": ("en-GB", "English (United Kingdom)"),
    "com.au": ("en-AU", "English (Australia)"),
    "ca": ("en-CA", "English (Canada)"),
    "co.in": ("en-IN", "English (India)"),
    "ie": ("en-IE", "English (Ireland)"),
    "co.za": ("en-ZA", "English (South Africa)"),
    "us": ("en-US", "English (United States), translate.google.us"),
}


def known_tlds() -> frozenset[str]:
    """Google Translate hosts gTTS knows, plus the English accents above."""
    fixed = {tld.replace(",", ".") for tld in _gtts_accents}  # gTTS lists "com,uy"
    return frozenset(fixed | set(ENGLISH_ACCENTS))


def translate_url(tld: str) -> str:
    return f"https://translate.google.{tld}/_/TranslateWebserverUi/data/batchexecute"


# --- splitting text into requests ------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’»)\]]))\s+")
_CLAUSE_BREAK = re.compile(r"(?<=[,;:—–])\s+|\s+(?=[—–])")
_WORD_BREAK = re.compile(r"\s+")
_SPEAKABLE = re.compile(r"\w")


def split_text(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Split ``text`` into chunks of at most ``limit`` characters, one request each.

    Breaks at sentence ends first, then at clause punctuation, then between words, and
    only cuts inside a word longer than ``limit`` (a URL). Neighbouring pieces are packed
    together up to the limit, so short sentences share a request. Chunks with nothing to
    say (only punctuation) are dropped.
    """
    text = pre_processors.end_of_line(text)  # re-join words hyphenated across lines
    text = pre_processors.abbreviations(text)  # "Dr. No" must not end a sentence
    text = pre_processors.word_sub(text)
    text = " ".join(text.split())
    chunks = _fit(text, limit, (_SENTENCE_BREAK, _CLAUSE_BREAK, _WORD_BREAK))
    return [chunk for chunk in chunks if _SPEAKABLE.search(chunk)]


def _fit(text: str, limit: int, breaks: tuple[re.Pattern[str], ...]) -> list[str]:
    if len(text) <= limit:
        return [text] if text else []
    if not breaks:
        return [text[i : i + limit] for i in range(0, len(text), limit)]
    chunks: list[str] = []
    for piece in breaks[0].split(text):
        for part in _fit(piece, limit, breaks[1:]):
            if chunks and len(chunks[-1]) + 1 + len(part) <= limit:
                chunks[-1] = f"{chunks[-1]} {part}"
            else:
                chunks.append(part)
    return chunks


# --- process-wide request pacing ---------------------------------------------------------


def _env_number(name: str, default: float, *, whole: bool = False) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        value = -1
    if value < 0:
        kind = "a whole number" if whole else "a number of seconds"
        raise UsageError(f"{name}={raw!r} must be {kind}, 0 or more: fix or unset it.")
    return value


class _Throttle:
    """Hands out request start times at least ``interval`` apart, across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self, interval: float) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + interval
        if start > now:
            time.sleep(start - now)

    def reset(self) -> None:
        with self._lock:
            self._next = 0.0


class _Unreachable:
    """Hosts that could not be connected to lately, with the message to repeat."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hosts: dict[str, tuple[float, str]] = {}

    def get(self, host: str) -> str | None:
        with self._lock:
            until, message = self._hosts.get(host, (0.0, ""))
        return message if time.monotonic() < until else None

    def add(self, host: str, message: str) -> None:
        with self._lock:
            self._hosts[host] = (time.monotonic() + UNREACHABLE_HOLD, message)

    def reset(self) -> None:
        with self._lock:
            self._hosts.clear()


_THROTTLE = _Throttle()
_UNREACHABLE = _Unreachable()
_SESSIONS = threading.local()


def reset_state() -> None:
    """Forget request pacing and unreachable hosts (tests start from a clean process)."""
    _THROTTLE.reset()
    _UNREACHABLE.reset()


def _session() -> requests.Session:
    """One HTTP session per thread: connections are reused, sessions are not shared."""
    session = getattr(_SESSIONS, "session", None)
    if session is None:
        session = _SESSIONS.session = requests.Session()
    return session


# --- one request and its failures --------------------------------------------------------


@dataclass(frozen=True)
class _Failure:
    """Why one request failed, and whether trying again may help."""

    kind: str  # "unreachable", "retry" (may pass next time) or "fatal"
    message: str  # the user-facing message when this is the last word
    retry_after: float | None = None


def _status_failure(response: requests.Response, host: str) -> _Failure:
    status = response.status_code
    if status == 429 or status >= 500:
        retry_after = _retry_after(response.headers.get("Retry-After"))
        what = (
            "Google is refusing requests (HTTP 429)"
            if status == 429
            else f"Google Translate keeps failing (HTTP {status})"
        )
        return _Failure("retry", what, retry_after)
    if status == 403:
        return _Failure(
            "fatal",
            "Google is refusing requests (HTTP 403): wait and run again, upgrade gTTS "
            f"(pip install -U gTTS), {FALLBACK_HINT}.",
        )
    if status == 404:
        return _Failure(
            "fatal",
            f"{host} does not serve speech (HTTP 404): use another tld such as com or "
            f"co.uk, {FALLBACK_HINT}.",
        )
    return _Failure(
        "fatal",
        f"{host} answered HTTP {status} {response.reason or ''}".rstrip()
        + f": upgrade gTTS (pip install -U gTTS), {FALLBACK_HINT}.",
    )


def _connection_failure(exc: requests.RequestException, host: str) -> _Failure:
    if isinstance(exc, requests.exceptions.ProxyError):
        return _Failure(
            "unreachable",
            f"gTTS cannot reach {host} through the configured proxy (HTTPS_PROXY): check "
            f"the proxy settings, {FALLBACK_HINT}.",
        )
    if isinstance(exc, requests.exceptions.SSLError):
        return _Failure(
            "unreachable",
            f"gTTS cannot open a secure connection to {host} (TLS failed; a proxy or "
            f"firewall may intercept it): check your network, {FALLBACK_HINT}.",
        )
    why = _why_unreachable(exc)
    if why:
        return _Failure(
            "unreachable",
            f"gTTS needs the network and cannot reach {host} ({why}): check your "
            "connection, or use --engine espeak / --fallback espeak.",
        )
    if isinstance(exc, (requests.exceptions.Timeout, requests.exceptions.ConnectionError)):
        what = "timed out" if isinstance(exc, requests.exceptions.Timeout) else "dropped"
        return _Failure("retry", f"The connection to {host} {what}")
    detail = (str(exc).splitlines() or [type(exc).__name__])[0]
    return _Failure("fatal", f"gTTS request to {host} failed ({detail}): {FALLBACK_HINT}.")


def _why_unreachable(exc: requests.RequestException) -> str | None:
    """Why no connection could be opened at all, or None when one was."""
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    if isinstance(reason, urllib3.exceptions.NameResolutionError):
        return "no DNS"
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return "connection timed out"
    if isinstance(reason, urllib3.exceptions.ConnectTimeoutError):  # refused, no route
        return "connection failed"
    return None


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (a number or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _audio(body: str, rpc: str) -> bytes | None:
    """The MP3 bytes in a batchexecute answer, or None when it holds none."""
    found = re.search(rf'"{re.escape(rpc)}",\s*"\[\\"([A-Za-z0-9+/=]+)\\"\]', body)
    if not found:
        return None
    try:
        return base64.b64decode(found.group(1), validate=True) or None
    except binascii.Error:
        return None


def _request(chunk: str, lang: str, tld: str, slow: bool) -> bytes | _Failure:
    """POST one chunk once: its MP3 bytes, or why not."""
    host = f"translate.google.{tld}"
    tts = gTTS(chunk, tld=tld, lang=lang, slow=slow, lang_check=False, pre_processor_funcs=[])
    body = tts.get_bodies()[0]
    try:
        response = _session().post(
            translate_url(tld),
            data=body,
            headers=gTTS.GOOGLE_TTS_HEADERS,
            timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
        )
        if not response.ok:
            return _status_failure(response, host)
        text = response.text
    except requests.RequestException as exc:
        return _connection_failure(exc, host)
    audio = _audio(text, gTTS.GOOGLE_TTS_RPC)
    if audio is None:
        return _Failure(
            "fatal",
            f"Google returned no audio for lang {lang!r} (HTTP {response.status_code}): "
            f"the language may not be spoken, or the protocol changed (pip install -U gTTS); "
            f"{FALLBACK_HINT}.",
        )
    return audio


def fetch_chunk(chunk: str, lang: str, tld: str, slow: bool) -> bytes:
    """One chunk's MP3 bytes, paced, retried with backoff; :class:`EngineError` if not."""
    host = f"translate.google.{tld}"
    retries = int(_env_number("AUDIOSCRIPT_GTTS_RETRIES", 4, whole=True))
    backoff = _env_number("AUDIOSCRIPT_GTTS_BACKOFF", 1.0)
    interval = _env_number("AUDIOSCRIPT_GTTS_MIN_INTERVAL", 0.2)
    attempt = 0
    while True:
        attempt += 1
        known = _UNREACHABLE.get(host)
        if known:
            raise EngineError(known)
        _THROTTLE.wait(interval)
        result = _request(chunk, lang, tld, slow)
        if isinstance(result, bytes):
            return result
        if result.kind == "unreachable":
            _UNREACHABLE.add(host, result.message)
            raise EngineError(result.message)
        if result.kind == "fatal":
            raise EngineError(result.message)
        if result.retry_after is not None and result.retry_after > MAX_RETRY_AFTER:
            raise EngineError(
                f"{result.message} and asks to wait {result.retry_after:.0f} s: "
                f"wait and run again, {FALLBACK_HINT}."
            )
        if attempt > retries:
            tries = "try" if attempt == 1 else "tries"
            raise EngineError(
                f"{result.message} after {attempt} {tries}: wait and run again, {FALLBACK_HINT}."
            )
        delay = backoff * 2 ** (attempt - 1) * random.uniform(0.5, 1.5)
        delay = max(delay, result.retry_after or 0.0)
        log.info("gTTS: %s; retry %d of %d in %.1f s", result.message, attempt, retries, delay)
        time.sleep(delay)


def _no_such_host(host: str, timeout: float) -> bool:
    """True when the resolver says ``host`` does not exist within ``timeout`` seconds.

    ``getaddrinfo`` takes no timeout, so it runs in a daemon thread that may outlive the
    wait; not knowing in time counts as False.
    """
    answer: list[BaseException | None] = []

    def look_up() -> None:
        try:
            socket.getaddrinfo(host, 443, type=socket.SOCK_STREAM)
        except OSError as exc:
            answer.append(exc)
        else:
            answer.append(None)

    thread = threading.Thread(target=look_up, name="audioscript-gtts-dns", daemon=True)
    thread.start()
    thread.join(timeout)
    return bool(answer) and isinstance(answer[0], socket.gaierror)


# --- the engine ----------------------------------------------------------------------------


def _settings(settings: Mapping[str, Any], where: str) -> tuple[str, str, bool]:
    """``(lang, tld, slow)`` from profile settings, or :class:`InputError` naming ``where``."""
    unknown = set(settings) - set(DEFAULTS)
    if unknown:
        raise InputError(
            f"{where}: unknown gtts setting(s) {', '.join(sorted(unknown))}; "
            "use lang, tld, slow (pitch, tempo and gain belong to the profile)."
        )
    lang = _language(settings.get("lang", DEFAULTS["lang"]), where)
    tld = settings.get("tld", DEFAULTS["tld"])
    if not isinstance(tld, str) or tld not in known_tlds():
        raise InputError(
            f"{where}: gtts tld {tld!r} is not a Google Translate host; use one of "
            f"{', '.join(ENGLISH_ACCENTS)} (the accents of English)."
        )
    slow = settings.get("slow", DEFAULTS["slow"])
    if not isinstance(slow, bool):
        raise InputError(f"{where}: gtts slow must be true or false, not {slow!r}.")
    return lang, tld, slow


def _language(lang: object, where: str) -> str:
    """The gTTS language code for ``lang`` (any case), from gTTS's local table."""
    codes = {code.lower(): code for code in tts_langs()}
    if isinstance(lang, str) and lang.lower() in codes:
        return str(codes[lang.lower()])
    base, _, region = str(lang).partition("-")
    if base.lower() == "en" and region:
        accents: dict[str, str] = {}
        for host, (tag, _) in ENGLISH_ACCENTS.items():
            accents.setdefault(tag.lower(), host)
        tld = accents.get(f"en-{region}".lower(), "co.uk")
        raise InputError(
            f'{where}: gtts lang {lang!r} does not exist; use lang = "en" and choose '
            f'the accent with tld (e.g. tld = "{tld}").'
        )
    raise InputError(
        f"{where}: gtts lang {lang!r} is unknown; use a code such as en, fr, de, es, it, "
        "pt, nl, ja (`gtts-cli --all` lists them all)."
    )


class GttsEngine(Engine):
    """Google Translate's voices: one per language and accent, natural, online only."""

    name = "gtts"
    needs_network = True
    thread_safe = True
    install_hint = "pip install gTTS"
    quality = 5

    @property
    def version(self) -> str:
        return f"gTTS {gtts_version} r{ENGINE_REVISION}"

    def check(self) -> str | None:
        if requests.utils.get_environ_proxies(translate_url("com")):
            return None  # the proxy resolves names, not this machine
        host = "translate.google.com"
        if _no_such_host(host, PROBE_TIMEOUT):
            return (
                f"gTTS needs the network and cannot reach {host} (no DNS): check your "
                "connection, or use --engine espeak / --fallback espeak."
            )
        return None

    def voices(self) -> list[VoiceInfo]:
        return [
            VoiceInfo(
                self.name,
                f"en:{tld}",
                {"lang": "en", "tld": tld},
                language=language,
                description=description,
            )
            for tld, (language, description) in ENGLISH_ACCENTS.items()
        ]

    def validate(self, settings: Mapping[str, Any], where: str) -> None:
        _settings(settings, where)

    def synthesize(self, text: str, settings: Mapping[str, Any]) -> Clip:
        lang, tld, slow = _settings(settings, "gtts voice settings")
        parts = [fetch_chunk(chunk, lang, tld, slow) for chunk in split_text(text)]
        if not parts:  # only punctuation ("…"): no request, a short pause
            return Clip(bytes(2 * SAMPLE_RATE // 4), "s16le", SAMPLE_RATE)
        return Clip(b"".join(parts), "mp3", SAMPLE_RATE)
