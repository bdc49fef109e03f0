"""Script templates: a sandboxed Jinja2 environment with built-ins users can override.

Templates come from (first match wins): a path given with ``--template PATH``, the
folder named by ``AUDIOSCRIPT_TEMPLATES_DIR`` (else ``./templates``), then the built-ins
shipped in ``audioscript/templates``. Templates run sandboxed (no reaching into Python
internals, the OS or files) with ``StrictUndefined``: a typo is an error, not silence.

The context every template gets is built by :func:`context` and documented in README.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .errors import TemplateError, UnknownTemplate
from .models import NARRATOR, Speaker, Utterance

BUILTIN_DIR = Path(__file__).parent / "templates"
SUFFIX = ".j2"
CHARS_PER_SECOND = 14.0  # a calm reading pace, for duration estimates


def user_dir() -> Path:
    return Path(os.environ.get("AUDIOSCRIPT_TEMPLATES_DIR", "templates"))


def available() -> dict[str, Path]:
    """Template name -> file, user templates overriding built-ins of the same name."""
    found = {p.name[: -len(SUFFIX)]: p for p in sorted(BUILTIN_DIR.glob(f"*{SUFFIX}"))}
    folder = user_dir()
    if folder.is_dir():
        found.update({p.name[: -len(SUFFIX)]: p for p in sorted(folder.glob(f"*{SUFFIX}"))})
    return found


def resolve(name_or_path: str) -> Path:
    """A template name (``feature``) or a path to a template file."""
    candidate = Path(name_or_path)
    if (candidate.suffix or os.sep in name_or_path) and candidate.is_dir():
        raise UnknownTemplate(f"--template {name_or_path}: is a folder; give a template file.")
    if candidate.suffix and candidate.exists():
        return candidate
    templates = available()
    if name_or_path in templates:
        return templates[name_or_path]
    if candidate.suffix or os.sep in name_or_path:
        raise TemplateError(f"--template {name_or_path}: no such file; check the path.")
    raise UnknownTemplate(
        f"--template {name_or_path}: no template by that name; choose one of "
        f"{', '.join(sorted(templates))} (see `audioscript templates`)."
    )


# --- filters useful for spoken text -------------------------------------------------


def first_name(name: str) -> str:
    return name.split()[0] if name and name != NARRATOR else name


def surname(name: str) -> str:
    return name.split()[-1] if name and name != NARRATOR else name


def join_names(names: Iterable[Any], conjunction: str = "and") -> str:
    """``["A", "B", "C"]`` -> ``"A, B and C"`` (speakers or strings)."""
    items = [n["name"] if isinstance(n, Mapping) else str(n) for n in names]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def estimate_seconds(value: Any) -> float:
    """Spoken duration of a text, an utterance or a list of them, in seconds."""
    if isinstance(value, str):
        return round(len(value) / CHARS_PER_SECOND, 1)
    if isinstance(value, Mapping):
        return estimate_seconds(value.get("text", ""))
    return round(sum(estimate_seconds(v) for v in value), 1)


def minutes(seconds: float) -> str:
    whole = max(1, round(seconds / 60))
    return f"{whole} minute" + ("s" if whole != 1 else "")


def strongest(utterances: Iterable[Mapping[str, Any]], seconds: float = 180) -> list[Any]:
    """The strongest quotes that fit in ``seconds``, in reading order.

    Strength favours confident attributions of full, quotable sentences (40 to 250
    characters); speakers take turns so that everyone is heard.
    """
    quotes = [u for u in utterances if u.get("kind") == "quote"]

    def strength(u: Mapping[str, Any]) -> float:
        length = len(u.get("text", ""))
        fit = 1.0 if 40 <= length <= 250 else 0.4
        return float(u.get("confidence", 1.0)) * fit * min(length, 250)

    by_speaker: dict[str, list[Any]] = {}
    for u in sorted(quotes, key=strength, reverse=True):
        by_speaker.setdefault(u["speaker"], []).append(u)
    chosen: list[Any] = []
    budget = float(seconds)
    while any(by_speaker.values()):
        for queue in by_speaker.values():
            if queue:
                u = queue.pop(0)
                cost = estimate_seconds(u) + 0.5
                if cost <= budget:
                    chosen.append(u)
                    budget -= cost
    return sorted(chosen, key=lambda u: u.get("line", 0))


def description(path: Path) -> str:
    """A template's description: its leading ``{# ... #}`` comment, first sentence."""
    try:
        head = path.read_text(encoding="utf-8")[:600]
    except (OSError, UnicodeDecodeError):
        return ""
    if not head.startswith("{#"):
        return ""
    body = head[2 : head.find("#}")].strip("- \n")
    text = " ".join(body.split()).split(". ")[0].rstrip(".")
    name, sep, rest = text.partition(":")
    return rest.strip() if sep and " " not in name else text


def environment(extra_dirs: Iterable[Path] = ()) -> ImmutableSandboxedEnvironment:
    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader([str(d) for d in extra_dirs] + [str(user_dir())]),
         jinja2.FileSystemLoader(str(BUILTIN_DIR))]
    )  # fmt: skip
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(
        first_name=first_name,
        surname=surname,
        join_names=join_names,
        duration=estimate_seconds,
        minutes=minutes,
        strongest=strongest,
    )
    return env


# --- context -------------------------------------------------------------------------


def context(
    utterances: list[Utterance],
    speakers: list[Speaker],
    meta: Mapping[str, str],
) -> dict[str, Any]:
    """The documented template context (see README: "Templates")."""
    people = [
        {
            "name": s.name,
            "first_name": first_name(s.name),
            "surname": surname(s.name),
            "descriptor": s.descriptor,
            "gender": s.gender,
            "first_line": s.first_line,
            "count": s.count,
        }
        for s in speakers
    ]
    seen: set[str] = set()
    items = []
    for u in utterances:
        first = u.speaker != NARRATOR and u.speaker not in seen
        seen.add(u.speaker)
        items.append(
            {
                "speaker": u.speaker,
                "text": u.text,
                "kind": u.kind,
                "line": u.line,
                "attribution": u.attribution,
                "confidence": u.confidence,
                "first": first,
            }
        )
    sections: list[dict[str, Any]] = []
    for item in items:
        if not sections or item["first"]:
            title = item["speaker"] if item["first"] else meta.get("intro_title", "Opening")
            sections.append({"title": title, "utterances": []})
        sections[-1]["utterances"].append(item)
    title = meta.get("title") or "Untitled episode"  # load() sets the headline or the file name
    return {
        "title": title,
        "show": meta.get("show") or "",  # the user's show name, or none: never ours
        "meta": dict(meta),
        "utterances": items,
        "speakers": people,
        "sections": sections,
        "target_seconds": float(meta.get("target_seconds") or 180),
    }


def render(template: str, ctx: Mapping[str, Any]) -> str:
    """Render template ``template`` (name or path) with ``ctx``; one clear error on failure."""
    path = resolve(template)
    env = environment([path.parent])
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: cannot read the template ({exc}).") from None
    try:
        return env.from_string(source).render(**ctx)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{path}:{exc.lineno}: template syntax error: {exc.message}; fix that line."
        ) from None
    except SecurityError as exc:
        raise TemplateError(
            f"{path}:{_template_line(path)}: blocked an unsafe operation ({exc}); templates may "
            "only use the documented context and filters."
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"{path}:{_template_line(path)}: cannot include {exc.name!r}: not found in the "
            "template folders (templates may include only other templates, never files)."
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"{path}:{_template_line(path)}: {exc.message}; use a documented context "
            "variable (see `audioscript templates --help`)."
        ) from None
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        raise TemplateError(f"{path}:{_template_line(path)}: template failed: {exc}.") from None


def _template_line(path: Path) -> int | str:
    """The template line being rendered when the current exception was raised."""
    for frame, lineno in reversed(list(traceback.walk_tb(sys.exc_info()[2]))):
        if frame.f_code.co_filename in (str(path), "<template>"):
            return lineno
    return "?"
