"""Captions, headings, credits and editor's notes: lines that are nobody's words.

A photo credit ("Photograph by Ines Albrecht", "Credit: Lindsey Carr/PA") names someone who
took a picture: that name never brings a person into the article (:func:`without_credits`).
A caption ("Above: Emil Varga at his sewing frame.") describes a picture, a heading has no
stop, a byline names the writer, and a note about the contributor closes the piece in
italics (:func:`caption_kind`). None of them is spoken by the person it names; credits,
captions and bylines are not read aloud either (:data:`LEFT_OUT`).
"""

from __future__ import annotations

import re

from .patterns import NAME, LazyPattern

# The editor's note under an interview: "This interview has been edited and condensed."
EDITORIAL = LazyPattern(
    r"\b(?:interview|conversation|transcript|exchange|story|article)s? (?:has|have) been "
    r"(?:lightly )?(?:edited|condensed|corrected|updated)|\bedited (?:and condensed )?for "
    r"(?:length|clarity|space)",
    re.IGNORECASE,
)

LEFT_OUT = frozenset({"credit", "caption", "byline"})
"""The kinds of :func:`caption_kind` a unit keeps as its own: not read aloud (as
:data:`audioscript.pipeline.LEFT_OUT`)."""

_PICTURE = (
    r"(?:[Pp]hoto(?:graph)?s?|[Pp]hotography|[Pp]ictures?|[Ii]mages?|[Ii]llustrations?|[Vv]ideo"
    r"|[Gg]raphics?|[Aa]rtwork|[Cc]over (?:photo|image)|[Ss]tyling)"
)
_AGENCY = (
    r"(?:PA|AP|AFP|EPA|Reuters|Getty(?: Images)?|Shutterstock|Alamy|Bloomberg|Xinhua|Rex"
    r"|ANP|DPA|SWNS)"
)
# The name a credit gives: "Photograph by X", "Credit: X", "Courtesy of X", "Photo: X/Agency",
# "X/PA"; a picture label followed by more than a name is a caption ("Photo: Ana Ruiz in
# her kitchen").
_CREDITED = LazyPattern(
    rf"\b{_PICTURE}\s+(?:by|courtesy of)\s+(?P<by>{NAME})"
    rf"|\b(?:[Pp]hoto |[Ii]mage |[Pp]icture )?(?:[Cc]redits?|CREDIT)\s*:\s*(?P<credit>{NAME})"
    rf"|\b[Cc]ourtesy(?: of)?\s+(?P<courtesy>{NAME})"
    rf"|\b{_PICTURE}\s*:\s*(?P<label>{NAME})(?=\s*(?:/|\||;|\(|\bfor\b|$))"
    rf"|(?P<agency>{NAME})\s*/\s*(?:{_AGENCY}\b|The\s+[A-Z])",
    re.MULTILINE,
)
_CREDIT_LINE = LazyPattern(
    rf"^[*_]?(?:{_PICTURE}\s+(?:by|courtesy of)\b|(?:[Pp]hoto |[Ii]mage |[Pp]icture )?"
    rf"(?:[Cc]redits?|CREDIT)\s*:|[Cc]ourtesy of\b|{_PICTURE}\s*:\s*{NAME}\s*(?:/|\||$))"
    rf"|/\s*{_AGENCY}\s*[.)]?$|^©"
)
# "Above: ...", "Caption: ...", "Top: ..." and the like open a picture's caption.
_CAPTION_LABEL = LazyPattern(
    r"^[*_]?(?:Above|Below|Top|Bottom|Left|Right|Centre|Center|Inset|Main(?: image)?|Pictured"
    r"|(?:Photo |Picture |Image )?[Cc]aption|Clockwise from (?:top )?(?:left|right)"
    r"|Photo(?:graph)?|Picture|Image"  # "Photo: Ana Ruiz in her kitchen" (a credit is found first)
    r"|(?:Top|Bottom|Main|Lead) (?:image|photo|picture))\s*:\s+\S"
)
# "*Samira Kadri is a contributing writer." and the rest of an italic closing note
_BYLINE = LazyPattern(
    rf"^(?:[Bb]y|[Ww]ords by|[Ss]tory by|[Tt]ext by|[Ii]nterview(?:ed)? by|[Rr]eporting by)\s+{NAME}"
)
_ITALIC_NOTE = LazyPattern(
    r"^[*_](?![*_\s])[^*_]*$|^[^*_]*(?<![*_\s])[*_]$|^[*_](?![*_\s])[^*_]+[*_]$"
)


def without_credits(text: str) -> str:
    """``text`` with the names that credits give blanked out (same length): "Credit: Lindsey
    Carr/PA" names the photographer, who is not someone the article quotes."""
    chars = list(text)
    for match in _CREDITED.finditer(text):
        group = next(name for name, value in match.groupdict().items() if value)
        for i in range(match.start(group), match.end(group)):
            chars[i] = " "
    return "".join(chars)


def caption_kind(text: str) -> str:
    """What kind of nobody's words ``text`` is: "credit" (a photo credit), "caption" (a
    picture's labelled caption), "byline", "note" (a closing note in italics), "heading" (a
    subhead or a bare caption: no stop, few words), or "" (it may be anybody's)."""
    stripped = text.strip()
    if _CREDIT_LINE.search(stripped):
        return "credit"
    if _CAPTION_LABEL.match(stripped):
        return "caption"
    if _ITALIC_NOTE.match(stripped):
        return "note"
    if not _is_heading(stripped):
        return ""
    return "byline" if _BYLINE.match(stripped) else "heading"


def is_caption(text: str) -> bool:
    """A heading, caption, credit, byline or closing note: nobody's words."""
    return bool(caption_kind(text))


def is_section_break(text: str) -> bool:
    """A break between sections: a line with no letters ("* * *") or a subhead ("The coach")."""
    return not re.search(r"[^\W\d_]", text) or caption_kind(text) == "heading"


def _is_heading(text: str) -> bool:
    """A heading or a bare caption: no sentence-final punctuation and few words."""
    stripped = text.rstrip('”"’)')
    if stripped[-1:] in ".!?…:;,":
        return False
    return len(stripped.split()) <= 14
