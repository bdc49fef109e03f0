"""The gTTS engine against a mocked Google endpoint: no test can reach the network.

Every test runs inside ``responses``: requests to a URL nobody registered are refused,
so a test that forgot a mock fails instead of talking to Google.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import socket
import subprocess
import threading
import time
from typing import Any
from urllib.parse import parse_qs

import pytest
import requests
import responses
import urllib3.exceptions

from audioscript.engines import get_engine
from audioscript.engines import gtts as gtts_engine
from audioscript.engines.gtts import GttsEngine, split_text
from audioscript.errors import EngineError, InputError, UsageError
from audioscript.models import Clip

imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")

ENDPOINT = re.compile(
    r"https://translate\.google\.[a-z.]+/_/TranslateWebserverUi/data/batchexecute"
)
WHERE = "voices/default.toml [profiles.anna]"


@pytest.fixture(scope="session")
def mp3() -> bytes:
    """0.2 s of silence as a real MP3, made by ffmpeg."""
    command = [
        imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error",
        "-f", "lavfi", "-i", "anullsrc=r=24000:cl=mono", "-t", "0.2", "-f", "mp3", "-",
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, check=True).stdout


def compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


def answer(audio: bytes) -> str:
    """A batchexecute answer carrying ``audio``, laid out as Google sends it."""
    payload = compact([base64.b64encode(audio).decode("ascii")])
    envelope = compact([["wrb.fr", "jQ1olc", payload, None, None, None, "generic"]])
    return f')]}}\'\n\n{len(envelope)}\n{envelope}\n25\n[["e",4,null,null,{len(envelope) + 40}]]\n'


def decoded_seconds(data: bytes) -> float:
    command = [
        imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error",
        "-f", "mp3", "-i", "pipe:0", "-f", "s16le", "-ac", "1", "-ar", "24000", "-",
    ]  # fmt: skip
    pcm = subprocess.run(command, input=data, capture_output=True, check=True).stdout
    return len(pcm) / 2 / 24000


NO_CONNECTION: Any = None  # urllib3 wants the connection object; a test has none


def connection_error(reason: Exception) -> requests.exceptions.ConnectionError:
    """What requests raises when urllib3 could not connect, for ``reason``."""
    pool: Any = None
    return requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(pool, "/", reason))


def spoken(call: responses.Call) -> tuple[str, str, bool | None]:
    """The text, language and speed one recorded request asked for."""
    body = call.request.body
    assert isinstance(body, str)
    rpc = json.loads(parse_qs(body)["f.req"][0])
    text, lang, slow, _ = json.loads(rpc[0][0][1])
    return text, lang, slow


@pytest.fixture(autouse=True)
def fast_and_offline(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AUDIOSCRIPT_GTTS_MIN_INTERVAL", "0")
    monkeypatch.setenv("AUDIOSCRIPT_GTTS_BACKOFF", "0")
    monkeypatch.setenv("AUDIOSCRIPT_GTTS_RETRIES", "3")
    gtts_engine.reset_state()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock
    gtts_engine.reset_state()


def test_success_returns_decodable_mp3(fast_and_offline: responses.RequestsMock, mp3: bytes):
    fast_and_offline.add(responses.POST, ENDPOINT, body=answer(mp3))
    clip = GttsEngine().synthesize("Hello there.", {"lang": "en", "tld": "co.uk"})
    assert (clip.format, clip.sample_rate) == ("mp3", 24000)
    assert clip.data == mp3
    assert 0.15 < decoded_seconds(clip.data) < 0.4
    (call,) = fast_and_offline.calls
    assert str(call.request.url).startswith("https://translate.google.co.uk/")
    assert spoken(call) == ("Hello there.", "en", None)


def test_chunks_are_joined_into_one_mp3(fast_and_offline: responses.RequestsMock, mp3: bytes):
    fast_and_offline.add(responses.POST, ENDPOINT, body=answer(mp3))
    text = "This first sentence is long enough to fill most of a request on its own. " * 2
    clip = GttsEngine().synthesize(text, {"slow": True})
    assert len(fast_and_offline.calls) == 2
    assert clip.data == mp3 * 2
    assert 0.35 < decoded_seconds(clip.data) < 0.7
    assert all(spoken(call)[2] is True for call in fast_and_offline.calls)


def test_429_then_success_retries_once(fast_and_offline: responses.RequestsMock, mp3: bytes):
    fast_and_offline.add(responses.POST, ENDPOINT, status=429, headers={"Retry-After": "0"})
    fast_and_offline.add(responses.POST, ENDPOINT, body=answer(mp3))
    clip = GttsEngine().synthesize("Hello again.", {})
    assert clip.data == mp3
    assert [getattr(call.response, "status_code", None) for call in fast_and_offline.calls] == [
        429,
        200,
    ]


def test_retry_after_is_honoured(
    fast_and_offline: responses.RequestsMock, mp3: bytes, monkeypatch: pytest.MonkeyPatch
):
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    fast_and_offline.add(responses.POST, ENDPOINT, status=503, headers={"Retry-After": "7"})
    fast_and_offline.add(responses.POST, ENDPOINT, body=answer(mp3))
    GttsEngine().synthesize("Hello.", {})
    assert slept == [7.0]


def test_backoff_grows_between_retries(
    fast_and_offline: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
):
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    monkeypatch.setenv("AUDIOSCRIPT_GTTS_BACKOFF", "1")
    fast_and_offline.add(responses.POST, ENDPOINT, status=500)
    with pytest.raises(EngineError):
        GttsEngine().synthesize("Hello.", {})
    assert len(slept) == 3
    for retry, delay in enumerate(slept):
        assert 0.5 * 2**retry <= delay <= 1.5 * 2**retry  # exponential, with jitter


def test_repeated_429_gives_up_with_a_clear_message(fast_and_offline: responses.RequestsMock):
    fast_and_offline.add(responses.POST, ENDPOINT, status=429)
    with pytest.raises(EngineError) as caught:
        GttsEngine().synthesize("Hello.", {})
    assert str(caught.value) == (
        "Google is refusing requests (HTTP 429) after 4 tries: wait and run again, "
        "or use --fallback espeak."
    )
    assert len(fast_and_offline.calls) == 4


def test_repeated_500_names_the_status(fast_and_offline: responses.RequestsMock):
    fast_and_offline.add(responses.POST, ENDPOINT, status=500)
    with pytest.raises(EngineError, match=r"HTTP 500\) after 4 tries: .*--fallback espeak"):
        GttsEngine().synthesize("Hello.", {})


def test_403_is_not_retried(fast_and_offline: responses.RequestsMock):
    fast_and_offline.add(responses.POST, ENDPOINT, status=403)
    with pytest.raises(EngineError) as caught:
        GttsEngine().synthesize("Hello.", {})
    message = str(caught.value)
    assert "HTTP 403" in message and "--fallback espeak" in message and "\n" not in message
    assert len(fast_and_offline.calls) == 1


def test_a_long_retry_after_gives_up_at_once(fast_and_offline: responses.RequestsMock):
    fast_and_offline.add(responses.POST, ENDPOINT, status=429, headers={"Retry-After": "3600"})
    with pytest.raises(EngineError, match=r"HTTP 429\) and asks to wait 3600 s"):
        GttsEngine().synthesize("Hello.", {})
    assert len(fast_and_offline.calls) == 1


def test_an_answer_without_audio_is_an_error(fast_and_offline: responses.RequestsMock):
    fast_and_offline.add(responses.POST, ENDPOINT, body=')]}\'\n\n[["wrb.fr","jQ1olc",null]]\n')
    with pytest.raises(EngineError, match="Google returned no audio for lang 'en'"):
        GttsEngine().synthesize("Hello.", {})


def test_long_text_is_split_at_sentences_into_short_requests(
    fast_and_offline: responses.RequestsMock, mp3: bytes
):
    fast_and_offline.add(responses.POST, ENDPOINT, body=answer(mp3))
    sentences = [
        "Sean Baker never planned to make Anora.",
        "He wanted to make a film about a sex worker in Brighton Beach for years!",
        "Was it a reaction to his other films not taking off?",
        "Not quite, he says.",
        "The idea came from a conversation with an actor on the set of Red Rocket.",
        "Everything else followed from that.",
    ]
    text = "\n".join(sentences)
    GttsEngine().synthesize(text, {})
    sent = [spoken(call)[0] for call in fast_and_offline.calls]
    assert len(sent) == 5
    assert all(len(chunk) <= 100 for chunk in sent)
    assert all(chunk[-1] in ".!?" for chunk in sent)  # every request ends a sentence
    assert " ".join(sent) == " ".join(sentences)


def test_split_text_falls_back_to_clauses_then_words():
    clause = "and then the long sentence keeps going, "
    chunks = split_text("It began, " + clause * 6 + "until it ended.")
    assert all(len(chunk) <= 100 for chunk in chunks)
    assert all(chunk.endswith((",", ".")) for chunk in chunks)
    words = split_text("word " * 60)
    assert all(len(chunk) <= 100 and not chunk.startswith(" ") for chunk in words)
    assert " ".join(words) == ("word " * 60).strip()
    assert split_text("x" * 250) == ["x" * 100, "x" * 100, "x" * 50]


def test_split_text_keeps_abbreviations_and_drops_punctuation_only():
    assert split_text("Dr. Smith met Mr. Jones.") == ["Dr Smith met Mr Jones."]
    assert split_text(" ... — ") == []


def test_nothing_to_say_sends_nothing(fast_and_offline: responses.RequestsMock):
    clip = GttsEngine().synthesize("…", {})
    assert clip == Clip(bytes(12000), "s16le", 24000)  # a quarter second of silence
    assert not fast_and_offline.calls


def test_unknown_language_fails_without_any_request(fast_and_offline: responses.RequestsMock):
    with pytest.raises(InputError, match=r"gtts lang 'xx' is unknown; use a code such as en"):
        GttsEngine().synthesize("Hello.", {"lang": "xx"})
    assert not fast_and_offline.calls


def test_connection_refused_fails_fast_and_is_not_retried(
    fast_and_offline: responses.RequestsMock,
):
    refused = urllib3.exceptions.NewConnectionError(NO_CONNECTION, "[Errno 111] Connection refused")
    error = connection_error(refused)
    fast_and_offline.add(responses.POST, ENDPOINT, body=error)
    started = time.monotonic()
    with pytest.raises(EngineError) as caught:
        GttsEngine().synthesize("Hello. " * 40, {})
    assert time.monotonic() - started < 2
    assert str(caught.value) == (
        "gTTS needs the network and cannot reach translate.google.com (connection failed): "
        "check your connection, or use --engine espeak / --fallback espeak."
    )
    assert len(fast_and_offline.calls) == 1
    # the host is remembered for a while: the next line fails without another attempt
    with pytest.raises(EngineError, match="cannot reach translate.google.com"):
        GttsEngine().synthesize("Hello.", {})
    assert len(fast_and_offline.calls) == 1


def test_no_dns_is_reported_as_offline(fast_and_offline: responses.RequestsMock):
    no_dns = urllib3.exceptions.NameResolutionError(
        "translate.google.com", NO_CONNECTION, socket.gaierror(-2, "Name or service not known")
    )
    error = connection_error(no_dns)
    fast_and_offline.add(responses.POST, ENDPOINT, body=error)
    with pytest.raises(EngineError, match=r"cannot reach translate.google.com \(no DNS\)"):
        GttsEngine().synthesize("Hello.", {})


def test_a_connect_timeout_is_reported_as_offline(fast_and_offline: responses.RequestsMock):
    fast_and_offline.add(responses.POST, ENDPOINT, body=requests.exceptions.ConnectTimeout("x"))
    with pytest.raises(EngineError, match=r"cannot reach translate.google.com \(connection timed"):
        GttsEngine().synthesize("Hello.", {})
    assert len(fast_and_offline.calls) == 1


def test_a_dropped_connection_is_retried(fast_and_offline: responses.RequestsMock, mp3: bytes):
    fast_and_offline.add(
        responses.POST, ENDPOINT, body=requests.exceptions.ConnectionError("reset by peer")
    )
    fast_and_offline.add(responses.POST, ENDPOINT, body=requests.exceptions.ReadTimeout("slow"))
    fast_and_offline.add(responses.POST, ENDPOINT, body=answer(mp3))
    assert GttsEngine().synthesize("Hello.", {}).data == mp3
    assert len(fast_and_offline.calls) == 3


def test_read_timeouts_give_up_with_a_clear_message(fast_and_offline: responses.RequestsMock):
    fast_and_offline.add(responses.POST, ENDPOINT, body=requests.exceptions.ReadTimeout("slow"))
    with pytest.raises(EngineError) as caught:
        GttsEngine().synthesize("Hello.", {})
    assert str(caught.value) == (
        "The connection to translate.google.com timed out after 4 tries: wait and run again, "
        "or use --fallback espeak."
    )


def test_throttle_spaces_requests_across_threads():
    throttle = gtts_engine._Throttle()
    starts: list[float] = []
    lock = threading.Lock()

    def request() -> None:
        throttle.wait(0.05)
        with lock:
            starts.append(time.monotonic())

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    starts.sort()
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert all(gap >= 0.045 for gap in gaps), gaps


def test_min_interval_applies_to_synthesis(
    fast_and_offline: responses.RequestsMock, mp3: bytes, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("AUDIOSCRIPT_GTTS_MIN_INTERVAL", "0.1")
    fast_and_offline.add(responses.POST, ENDPOINT, body=answer(mp3))
    started = time.monotonic()
    GttsEngine().synthesize("One. Two. Three.", {})
    GttsEngine().synthesize("Four.", {})
    assert len(fast_and_offline.calls) == 2
    assert time.monotonic() - started >= 0.09


def test_a_bad_setting_in_the_environment_is_a_usage_error(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AUDIOSCRIPT_GTTS_RETRIES", "many")
    with pytest.raises(UsageError, match="AUDIOSCRIPT_GTTS_RETRIES='many' must be a whole"):
        GttsEngine().synthesize("Hello.", {})


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"lang": "en-GB"}, r"lang 'en-GB' does not exist; use lang = \"en\" .*tld = \"co.uk\""),
        ({"lang": "klingon"}, r"lang 'klingon' is unknown; use a code such as en, fr"),
        ({"tld": "moon"}, r"tld 'moon' is not a Google Translate host; use one of com, co.uk"),
        ({"slow": "yes"}, r"slow must be true or false, not 'yes'"),
        ({"pitch": 3}, r"setting\(s\) pitch; use lang, tld, slow"),
    ],
)
def test_validate_names_where_and_the_key(settings: dict[str, object], message: str):
    with pytest.raises(InputError, match=re.escape(WHERE) + r": (unknown )?gtts " + message):
        GttsEngine().validate(settings, WHERE)


def test_validate_accepts_accents_and_any_case_of_a_language():
    engine = GttsEngine()
    for tld in ("com", "co.uk", "com.au", "ca", "co.in", "ie", "co.za", "us", "fr"):
        engine.validate({"lang": "en", "tld": tld, "slow": False}, WHERE)
    engine.validate({"lang": "zh-cn"}, WHERE)
    engine.validate({}, WHERE)


def test_voices_are_the_english_accents():
    voices = {voice.settings["tld"]: voice for voice in GttsEngine().voices()}
    assert set(voices) == {"com", "co.uk", "com.au", "ca", "co.in", "ie", "co.za", "us"}
    assert voices["co.uk"].description == "English (United Kingdom)"
    assert voices["co.uk"].settings == {"lang": "en", "tld": "co.uk"}
    for voice in voices.values():
        GttsEngine().validate(voice.settings, WHERE)


def test_engine_contract():
    engine = get_engine("gtts")
    assert isinstance(engine, GttsEngine)
    assert (engine.name, engine.needs_network, engine.thread_safe) == ("gtts", True, True)
    assert engine.version.startswith("gTTS 2.")


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch):
    """Replace the DNS lookup of check() with ``answer``; record the hosts asked for."""
    asked: list[str] = []

    def install(answer) -> list[str]:
        def getaddrinfo(host: str, *args: Any, **kwargs: Any) -> Any:
            asked.append(host)
            return answer()

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        return asked

    return install


def test_check_reports_a_machine_without_dns(resolver):
    def no_dns() -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    asked = resolver(no_dns)
    assert GttsEngine().check() == (
        "gTTS needs the network and cannot reach translate.google.com (no DNS): "
        "check your connection, or use --engine espeak / --fallback espeak."
    )
    assert asked == ["translate.google.com"]


def test_check_passes_when_the_name_resolves(resolver):
    resolver(lambda: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.0.2.1", 443))])
    assert GttsEngine().check() is None


def test_check_does_not_wait_for_a_slow_resolver(resolver, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(gtts_engine, "PROBE_TIMEOUT", 0.1)
    resolver(lambda: threading.Event().wait(3))
    started = time.monotonic()
    assert GttsEngine().check() is None  # unknown counts as usable: synthesis will tell
    assert time.monotonic() - started < 1


def test_check_trusts_a_configured_proxy(resolver, monkeypatch: pytest.MonkeyPatch):
    asked = resolver(lambda: pytest.fail("no lookup expected behind a proxy"))
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    assert GttsEngine().check() is None
    assert asked == []
