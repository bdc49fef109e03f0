"""What an input file is, decided from its content, and articles in HTML or Markdown as text.

Detection, in order (``--input-type`` overrides it):

1. **quotes**: JSON lines (the first non-blank line is a JSON object), whatever the name;
   a ``.jsonl`` file is always read as quotes.
2. **script**: most lines are script lines (``Speaker: text``, ``# key: value``,
   ``## Chapter``, ``[directive]``, ``// comment``) and either the file has a mark only
   scripts have (known ``# key:`` metadata, a ``[pause]``/``[music]``/``[sfx]`` directive,
   a ``NARRATOR:`` line, a ``//`` comment) or it starts with a spoken line. A line that is
   not valid in it is then an error naming ``file:line``, never a reason to read the file
   aloud as prose. An interview transcript (prose first, then ``Name: answer`` turns) is
   an article.
3. **article**, as HTML (``.html``/``.htm`` or tags), Markdown (``.md``/``.markdown`` or
   its marks) or plain text. HTML is turned into text by BeautifulSoup; Markdown by
   markdown-it, keeping each block on its own source line so line numbers still point
   into the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .models import NARRATOR

#: ``# key:`` lines only scripts have
SCRIPT_KEYS = {
    "title",
    "show",
    "artist",
    "date",
    "description",
    "speaker",
    "voices",
    "template",
    "cover",
    "audioscript",
}
#: a script's directive takes an argument ("[pause 1s]", "[music intro.mp3]"); a bare
#: "[Music]" or "[Laughter]" is a transcript's stage note
_SCRIPT_DIRECTIVE = re.compile(r"^\[\s*(pause|music|sfx)\s+[^\]\s][^\]]*\]$", re.IGNORECASE)
_ANY_DIRECTIVE = re.compile(r"^\[[^\]]*\]$")
_META = re.compile(r"^#\s*([A-Za-z][\w-]*)\s*:")
CUE_LINE = re.compile(r"^([^:\[\]#/][^:\[\]]{0,79}?)\s*:\s(.*)$")
_PARTICLES = {
    "de",
    "da",
    "del",
    "della",
    "di",
    "van",
    "von",
    "der",
    "den",
    "la",
    "le",
    "du",
    "bin",
    "al",
    "el",
    "y",
    "dos",
    "das",
    "ter",
    "ten",
}


def is_speaker_name(name: str) -> bool:
    """A plausible speaker label: a name of up to five words, each capitalised (particles
    such as "de" and "van" aside), or a label like ``Q``."""
    words = name.split()
    if not 1 <= len(words) <= 5 or any(ch in name for ch in ',;!?"“”'):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _PARTICLES for w in words)


@dataclass(frozen=True)
class Shape:
    """How many lines of each kind a text has (for detection and for messages)."""

    lines: int = 0
    cues: int = 0
    shaped: int = 0  # script lines of any kind
    prose_before_first_cue: int = 0
    marks: tuple[str, ...] = ()  # script-only marks found


def shape(text: str) -> Shape:
    lines = [line.strip() for line in text.splitlines()[:5000] if line.strip()]
    cues = shaped = prose_before = 0
    marks: list[str] = []
    for line in lines:
        if line.startswith("//"):
            shaped += 1
            marks.append("//")
        elif line.startswith("##"):
            shaped += 1
        elif line.startswith("#"):
            meta = _META.match(line)
            if meta and meta.group(1).lower() in SCRIPT_KEYS:
                shaped += 1
                marks.append(f"# {meta.group(1).lower()}:")
            elif cues == 0:
                prose_before += 1
        elif _SCRIPT_DIRECTIVE.match(line):
            shaped += 1
            marks.append("[directive]")
        elif _ANY_DIRECTIVE.match(line):
            pass  # "[Laughter]": a stage note in a transcript as likely as a script's line
        else:
            cue = CUE_LINE.match(line)
            if cue and is_speaker_name(cue.group(1).strip()):
                cues += 1
                shaped += 1
                if cue.group(1).strip() == NARRATOR:
                    marks.append("NARRATOR:")
            elif cues == 0:
                prose_before += 1
    return Shape(len(lines), cues, shaped, prose_before, tuple(dict.fromkeys(marks)))


def looks_like_script(text: str) -> bool:
    """Mostly script lines, with a mark of a script or no prose before the first spoken line."""
    found = shape(text)
    if found.cues == 0:
        return False
    if found.marks and found.shaped >= 0.5 * found.lines:
        return True
    return found.prose_before_first_cue == 0 and found.shaped >= 0.8 * found.lines


def looks_like_quotes(path: Path, text: str) -> bool:
    if path.suffix.lower() == ".jsonl":
        return True
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first.startswith("{")


def detect(path: Path, text: str) -> str:
    """``quotes``, ``script`` or ``article`` (see the module's rules)."""
    if looks_like_quotes(path, text):
        return "quotes"
    if article_format(path, text) == "text" and looks_like_script(text):
        return "script"
    return "article"


# --- articles in HTML and Markdown ------------------------------------------------------

_HTML_START = re.compile(
    r"\A\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|article)\b", re.IGNORECASE | re.DOTALL
)
_HTML_TAG = re.compile(
    r"</?(p|div|br|h[1-6]|article|section|span|em|strong|a|figure|figcaption|blockquote)\b[^>]*>",
    re.IGNORECASE,
)
_MD_MARKS = (
    re.compile(r"^#{1,6}\s+\S", re.MULTILINE),  # headings
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),  # links
    re.compile(r"(\*\*|__)[^\s*_][^*_\n]*\1"),  # strong
    re.compile(r"(?<![\w*])\*[^\s*][^*\n]*\*(?![\w*])"),  # emphasis
    re.compile(r"^\s*(?:[-*+]|\d+\.)\s+\S", re.MULTILINE),  # lists
    re.compile(r"^>\s", re.MULTILINE),  # block quotes
    re.compile(r"!\[[^\]\n]*\]\([^)\s]+\)"),  # images
)


def article_format(path: Path, text: str) -> str:
    """``html``, ``markdown`` or ``text``."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown", ".mdown", ".mkd"):
        return "markdown"
    head = text[:20000]
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 3:
        return "html"
    if sum(1 for mark in _MD_MARKS if mark.search(head)) >= 2:
        return "markdown"
    return "text"


@dataclass(frozen=True)
class Article:
    """An article as plain text, with what its markup said about some of its lines.

    ``labels`` maps 1-based lines of ``text`` to ``headline``, ``caption``, ``credit`` or
    ``byline`` where the markup says so (``<h1>``, ``<figcaption>``, ``rel=author``...)."""

    text: str
    format: str = "text"
    labels: dict[int, str] = field(default_factory=dict)


def read_article(path: Path, text: str) -> Article:
    fmt = article_format(path, text)
    if fmt == "html":
        return html_to_text(text)
    if fmt == "markdown":
        return markdown_to_text(text)
    return Article(text)


_DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "iframe",
    "select",
    "head",
)
_BLOCK_TAGS = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "figcaption",
    "pre",
    "dt",
    "dd",
    "td",
    "th",
    "div",
    "section",
    "article",
    "header",
    "figure",
    "address",
    "tr",
    "ul",
    "ol",
    "table",
    "main",
    "caption",
)


def html_to_text(html: str) -> Article:
    """The readable text of an HTML article: one paragraph per line, a blank line between;
    tags, entities and scripts gone; the headline, captions and bylines labelled."""
    import warnings

    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    root: Tag = soup.find("article") or soup.find("main") or soup.body or soup  # type: ignore[assignment]
    blocks: list[tuple[str, str]] = []  # (label, text)
    headline_seen = False

    def label_of(tag: Tag) -> str:
        nonlocal headline_seen
        classes = " ".join(tag.get("class") or []).lower()  # type: ignore[arg-type]
        if tag.name == "h1" and not headline_seen:
            headline_seen = True
            return "headline"
        if tag.name in ("figcaption", "caption") or "caption" in classes:
            return "caption"
        if (
            tag.name == "address"
            or "byline" in classes
            or "author" in classes
            or tag.find("a", rel="author")
        ):
            return "byline"
        if "credit" in classes:
            return "credit"
        return ""

    def walk(node: Tag, inherited: str) -> None:
        pending: list[str] = []

        def flush() -> None:
            words = " ".join("".join(pending).split())
            if words:
                blocks.append((inherited, words))
            pending.clear()

        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not comments, doctype, CDATA
                    pending.append(str(child))
            elif isinstance(child, Tag):
                if child.name == "br":
                    pending.append(" ")
                elif child.name == "img":
                    continue
                elif child.name in _BLOCK_TAGS:
                    flush()
                    walk(child, label_of(child) or inherited)
                else:
                    pending.append(child.get_text())
        flush()

    walk(root, "")
    lines: list[str] = []
    labels: dict[int, str] = {}
    for label, text in blocks:
        if lines:
            lines.append("")
        lines.append(text)
        if label:
            labels[len(lines)] = label
    return Article("\n".join(lines) + "\n", "html", labels)


def markdown_to_text(source: str) -> Article:
    """Markdown as plain text, each block on the line it starts on in the source (so line
    numbers keep pointing into the file): no heading marks, emphasis, links or HTML."""
    from markdown_it import MarkdownIt

    source_lines = source.splitlines()
    out = [""] * len(source_lines)
    labels: dict[int, str] = {}
    tokens = MarkdownIt("commonmark").parse(source)
    headline_done = False
    for index, token in enumerate(tokens):
        if token.type != "inline" or token.map is None:
            continue
        opener = tokens[index - 1] if index else None
        text = _inline_text(token)
        line = token.map[0]
        if not text or line >= len(out):
            continue
        if opener is not None and opener.type == "heading_open":
            if opener.tag == "h1" and not headline_done and not any(out[:line]):
                labels[line + 1] = "headline"
            headline_done = True
        elif _only_images(token):
            labels[line + 1] = "caption"
        out[line] = (out[line] + " " + text).strip()
    return Article("\n".join(out) + "\n", "markdown", labels)


def _inline_text(token: object) -> str:
    parts: list[str] = []
    for child in getattr(token, "children", None) or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "image":
            parts.append(child.content)  # the alt text
    return " ".join("".join(parts).split())


def _only_images(token: object) -> bool:
    children = [
        c
        for c in getattr(token, "children", None) or []
        if c.type not in ("softbreak", "hardbreak") and (c.type != "text" or c.content.strip())
    ]
    return bool(children) and all(c.type == "image" for c in children)
