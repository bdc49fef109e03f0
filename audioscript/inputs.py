"""Reading user files: one place for the checks every input gets."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from .errors import InputError
from .models import Utterance

MAX_INPUT_BYTES = 20 * 1024 * 1024


def read_text(path: Path) -> str:
    """UTF-8 text of a user file, or one clear error (missing, folder, binary, encoding, size)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path.")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file.")
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"{path}: {size / 1e6:.0f} MB is more than the {MAX_INPUT_BYTES // 2**20} MB limit "
            "for one input; split it."
        )
    text = decode(path, path.read_bytes())
    if not text.strip():
        raise InputError(f"{path}: is empty; give an article, quotes or script with some text.")
    return text


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip


def decode(path: Path, data: bytes) -> str:
    """Text of a file: UTF-8 (with or without a BOM), or UTF-16/32 with a byte-order mark;
    anything else gets a hint naming the encoding it looks like and how to convert it."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{path}: starts like {codec.upper()} text but is not valid {codec.upper()}; save it as UTF-8.") from None
    head = data[:8192]
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if len(head) >= 4 and max(even, odd) > 0.3 * len(head) / 2 and min(even, odd) < 0.05 * len(head) / 2:
            order = "utf-16le" if odd > even else "utf-16be"
            raise InputError(
                f"{path}: looks like {order.upper()} text without a byte-order mark; convert it "
                f"(e.g. iconv -f {order} -t utf-8)."
            )
        raise InputError(f"{path}: looks like a binary file, not text; give a UTF-8 text file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        windows = any(0x80 <= byte <= 0x9F for byte in data)
        guess = "cp1252" if windows else "latin1"
        looks = " (it looks like Windows-1252)" if windows else ""
        raise InputError(
            f"{path}:{line}: not valid UTF-8{looks}; convert it (e.g. iconv -f {guess} -t utf-8)."
        ) from None


def read_quotes(path: Path) -> list[Utterance]:
    """Utterances from a quotes.jsonl file (``speaker``, ``text``, ``line`` required)."""
    utterances = []
    for number, raw in enumerate(read_text(path).splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg}); one object per line.") from None
        except (ValueError, RecursionError):  # absurd numbers or nesting
            raise InputError(f"{where}: JSON too deeply nested or a number too long; one flat object per line.") from None
        if not isinstance(record, dict):
            raise InputError(f"{where}: each line must be a JSON object.")
        missing = [k for k in ("speaker", "text") if not isinstance(record.get(k), str)]
        if missing or not record["speaker"].strip():
            raise InputError(f"{where}: needs string keys speaker and text.")
        line = record.get("line", number)
        if isinstance(line, bool) or not isinstance(line, int) or line < 1:
            raise InputError(f"{where}: line must be a positive integer.")
        confidence = record.get("confidence", 1.0)
        if isinstance(confidence, bool) or not isinstance(confidence, (int, float)):
            raise InputError(f"{where}: confidence must be a number from 0 to 1.")
        utterances.append(
            Utterance(
                speaker=record["speaker"].strip(),
                text=record["text"].strip(),
                line=line,
                kind=str(record.get("kind") or ("narration" if record["speaker"] == "NARRATOR" else "quote")),
                source=str(record.get("source", "")),
                attribution=str(record.get("attribution", "")),
                confidence=float(confidence),
            )
        )
    if not utterances:
        raise InputError(f"{path}: has no quotes; run `audioscript extract` to make one.")
    return utterances


EPISODE_KEYS = ("title", "show", "artist", "date", "description", "cover", "target_seconds")


def read_episode(path: Path) -> dict[str, str]:
    """Episode metadata from a TOML file (``title = "..."``, ``show``, ``artist``, ``date``,
    ``description``, ``cover``, ``target_seconds``); flags given on the command line win."""
    import tomllib

    try:
        data = tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: invalid TOML ({exc}); fix the syntax there.") from None
    table = data.get("episode", data)
    if not isinstance(table, dict):
        raise InputError(f"{path}: [episode] must be a table of title, show, artist, ...")
    unknown = sorted(set(table) - set(EPISODE_KEYS))
    if unknown:
        raise InputError(f"{path}: unknown key(s) {', '.join(unknown)}; use {', '.join(EPISODE_KEYS)}.")
    meta = {}
    for key, value in table.items():
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise InputError(f"{path}: {key} must be a string (or a number of seconds).")
        meta[key] = str(value)
    if "target_seconds" in meta:
        try:
            seconds = float(meta["target_seconds"])
        except ValueError:
            raise InputError(f"{path}: target_seconds must be a number of seconds.") from None
        if not 10 <= seconds <= 36000:
            raise InputError(f"{path}: target_seconds = {meta['target_seconds']} must be 10 to 36000.")
    if "cover" in meta and not Path(meta["cover"]).is_absolute():
        meta["cover"] = str(Path(path).parent / meta["cover"])  # relative to the file
    return meta
