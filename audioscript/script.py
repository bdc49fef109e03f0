"""The script stage: Jinja2 templates that arrange utterances, and the script text format.

Script format (UTF-8, one item per line)::

    # title: Anora, in their own words      metadata, at the top only
    # speaker: Mikey Madison | female       a casting hint (gender) for a speaker
    ## The pitch                            a chapter starts here
    NARRATOR: Sean Baker never planned ...  Speaker: text
    [pause 800ms]                           a directive, on its own line
    // a comment                            ignored, like blank lines

``parse`` then ``dump`` gives back the same text for any script ``dump`` wrote.
"""

from __future__ import annotations

import re

from .errors import InputError
from .models import Chapter, Comment, Cue, Directive, Meta, Script, ScriptItem

METADATA = re.compile(r"^#\s*([A-Za-z][\w-]*)\s*:\s?(.*)$")
CHAPTER = re.compile(r"^##\s*(.*?)\s*$")
DIRECTIVE = re.compile(r"^\[\s*([A-Za-z]+)\b\s*(.*?)\s*\]$")
CUE = re.compile(r"^([^:\[\]#/][^:\[\]]{0,79}?)\s*:\s(.*)$")
DIRECTIVES = {"pause": (1, 1), "music": (1, 8), "sfx": (1, 8)}
MAX_CUE_CHARS = 5000


def parse(text: str, path: str = "<script>") -> Script:
    """Parse script text; errors say ``path:line`` and what to write instead."""
    items: list[ScriptItem] = []
    in_header = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        where = f"{path}:{number}"
        if not line or line.startswith("//"):
            items.append(Comment(raw.rstrip(), number))
            continue
        if line.startswith("##"):
            match = CHAPTER.match(line)
            title = match.group(1) if match else ""
            if not title:
                raise InputError(f"{where}: a chapter needs a title, as in '## The pitch'.")
            items.append(Chapter(title, number))
            in_header = False
            continue
        if line.startswith("#"):
            match = METADATA.match(line)
            if not match:
                raise InputError(
                    f"{where}: metadata lines look like '# title: My episode' "
                    "(use '//' for comments)."
                )
            if not in_header:
                raise InputError(
                    f"{where}: metadata ({match.group(1)}) must come before the first "
                    "chapter or spoken line; move it to the top."
                )
            items.append(Meta(match.group(1), match.group(2).strip(), number))
            continue
        in_header = False
        if line.startswith("["):
            items.append(parse_directive(line, where, number))
            continue
        match = CUE.match(line)
        if not match or not match.group(2).strip():
            raise InputError(
                f"{where}: expected 'Speaker: text', '[directive]', '## Chapter' or "
                f"'# key: value', got {line[:60]!r}."
            )
        speaker, spoken = match.group(1).strip(), match.group(2).strip()
        if len(spoken) > MAX_CUE_CHARS:
            raise InputError(
                f"{where}: a line of {len(spoken):,} characters is too long to speak as one "
                f"line (limit {MAX_CUE_CHARS:,}); split it into sentences."
            )
        items.append(Cue(speaker, spoken, number))
    return Script(tuple(_trim(items)), path)


def _trim(items: list[ScriptItem]) -> list[ScriptItem]:
    """Drop trailing blank lines: dump adds exactly one newline at the end."""
    while items and isinstance(items[-1], Comment) and not items[-1].text:
        items.pop()
    return items


def parse_directive(line: str, where: str, number: int) -> Directive:
    match = DIRECTIVE.match(line)
    if not match:
        raise InputError(f"{where}: a directive looks like '[pause 800ms]', got {line[:60]!r}.")
    name = match.group(1).lower()
    args = tuple(match.group(2).split()) if match.group(2) else ()
    if name not in DIRECTIVES:
        raise InputError(
            f"{where}: unknown directive [{name}]; use one of: "
            + ", ".join(f"[{d} ...]" for d in DIRECTIVES)
            + "."
        )
    low, high = DIRECTIVES[name]
    if not low <= len(args) <= high:
        raise InputError(f"{where}: [{name}] takes {low} to {high} argument(s), got {len(args)}.")
    directive = Directive(name, args, number, line)
    if name == "pause":
        pause_ms(directive, where)
    return directive


def pause_ms(directive: Directive, where: str) -> int:
    """Milliseconds of a ``[pause 800ms]`` / ``[pause 1.5s]`` directive (0 to 60 s)."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(ms|s)?", directive.args[0])
    if not match:
        raise InputError(f"{where}: [pause] takes a duration such as 800ms or 1.5s.")
    value = float(match.group(1)) * (1 if match.group(2) == "ms" else 1000)
    if match.group(2) is None:
        value = float(match.group(1))  # a bare number means milliseconds
    if value > 60_000:
        raise InputError(f"{where}: a pause of {value / 1000:g} s is too long (at most 60 s).")
    return int(value)


def dump(script: Script) -> str:
    """Script text for ``script``; ``parse(dump(s))`` gives ``s`` back."""
    lines = []
    for item in script.items:
        if isinstance(item, Meta):
            lines.append(f"# {item.key}: {item.value}" if item.value else f"# {item.key}:")
        elif isinstance(item, Cue):
            lines.append(f"{item.speaker}: {item.text}")
        elif isinstance(item, Chapter):
            lines.append(f"## {item.title}")
        elif isinstance(item, Directive):
            lines.append(item.raw or f"[{item.name} {' '.join(item.args)}]".replace(" ]", "]"))
        else:
            lines.append(item.text)
    return "\n".join(lines) + "\n"


def looks_like_script(text: str) -> bool:
    """Whether ``text`` reads as a script (the rules: :func:`audioscript.formats.looks_like_script`)."""
    from .formats import looks_like_script as script_shaped

    return script_shaped(text)


def speaker_hints(script: Script) -> dict[str, str]:
    """``# speaker: Name | female`` metadata as {name: gender}."""
    hints = {}
    for key, value in script.metadata:
        if key == "speaker" and "|" in value:
            name, _, gender = value.partition("|")
            if gender.strip().lower() in ("female", "male"):
                hints[name.strip()] = gender.strip().lower()
    return hints
