"""Sentence features for deciding whether stripped text goes on with a speaker's quote.

Every sentence of an article becomes one row of numbers (:data:`FEATURES` names the
columns). Some columns read the sentence itself (:mod:`.reading`); the others read its
place in the article: how far the last attribution tag is, whether a paragraph starts here,
what the sentences before and after it sound like. None of them depends on the labels the
decoder picks, so the rows are computed once and the decoder only adds up weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .reading import (
    OWN_FEATURES,
    TRAILING_TAG,
    WORD,
    genders,
    name_words,
    own_values,
    read,
    voiced,
)

__all__ = [
    "CONTEXT_FEATURES",
    "FEATURES",
    "FEATURE_WORDS",
    "OWN_FEATURES",
    "Sentence",
    "current_speakers",
    "sentence_features",
]


@dataclass(frozen=True)
class Sentence:
    """One sentence (or unit) of stripped text, with what the extractor already knows.

    ``tag_speaker``: the speaker of an attribution tag on this sentence that the extractor
    accepted as a quote tag ("..., Baker said."), or of a colon lead-in that introduces it;
    None when it has no such tag.
    ``paragraph_start``: True when a paragraph starts here, False when the sentence goes on
    a paragraph, None when the input does not tell (one sentence per line).
    ``fixed``: the extractor has decided this sentence already (a headline, a caption, an
    editor's note, a transcript turn, the writer's own voice): ``fixed_speaker`` is then its
    speaker, None for narration.
    ``reported_speaker``: the sentence is narration that reports someone's words without
    quoting them ("The shelters block rain, she noted, and ..."), or the writer's own voice
    about them ("When I repeat this to her, she rolls her eyes."): that person, whose own
    words may follow.
    ``mentions``: canonical names of the people the sentence names (optional; names are
    also matched on the surface of the text).
    ``about_speaker``: the sentence talks about the current speaker (the latest person of
    a tag, a fixed turn or reported words before it) in the third person ("She still keeps
    the photograph."), as the extractor, who knows everybody's gender, reads it.
    ``person_subject``: its main clause opens on a person of the article ("Madison didn't
    know Borisov.", "The head teacher, Graham Pell, declined to comment.").
    ``speaker_subject``: its main clause opens on the current speaker's name: nobody calls
    themselves by name ("Madison did her own stunts throughout.").
    ``writer``: the extractor fixed it as the writer's own "I" ("When I repeat this to her,
    she rolls her eyes.").
    ``refused_tag``: it carries a speech tag the extractor could not accept ("..., she
    says." when "she" is nobody it can name).
    """

    text: str
    tag_speaker: str | None = None
    paragraph_start: bool | None = None
    fixed: bool = False
    fixed_speaker: str | None = None
    reported_speaker: str | None = None
    mentions: tuple[str, ...] = ()
    about_speaker: bool = False
    person_subject: bool = False
    speaker_subject: bool = False
    writer: bool = False
    refused_tag: bool = False

    @property
    def speaks(self) -> str | None:
        """The person this sentence is known to be about in speech: its tag's, its fixed
        speaker's or the reported speaker's."""
        if self.fixed:
            return self.fixed_speaker or self.reported_speaker
        return self.tag_speaker or self.reported_speaker


CONTEXT_FEATURES: tuple[str, ...] = (
    "names_current",
    "names_other_speaker",
    "reported",
    "no_current",
    "after_tag_1",
    "after_tag_2",
    "after_tag_3_4",
    "after_tag_5_plus",
    "fixed_narration_since",
    "paragraph_start",
    "paragraph_goes_on",
    "tag_earlier_in_paragraph",
    "tag_later_in_paragraph",
    "prev_tagged",
    "next_tagged",
    "next_tag_current",
    "next_tag_other",
    "prev_voiced",
    "next_voiced",
    "prev_third",
    "next_third",
    "prev_question",
    "prev_fixed_narration",
    "prev_reported",
    "neighbours_voiced",
    "voiced_and_after_tag",
    "voiced_and_paragraph_start",
    "third_and_after_tag",
    "pronoun_from_quote",
    "voiced_far_from_tag",
    "prev_names_someone",
    "about_speaker",
    "person_subject",
    "voiced_after_person_subject",
)
"""What a sentence's place in the article says: the speaker it would continue, the tags
around it, paragraphs, its neighbours."""

FEATURES: tuple[str, ...] = OWN_FEATURES + CONTEXT_FEATURES
PRIOR = 6.0
"""The value of a feature the extractor reads off the people (it knows their names and
genders), against 1 for a feature read off the words."""

FEATURE_WORDS: dict[str, str] = {
    "bias": "",
    "first_singular": "first person",
    "first_plural": "'we'",
    "second_person": "'you'",
    "third_person": "'he' or 'she'",
    "they": "'they'",
    "opens_he_she": "opens on 'he' or 'she'",
    "contraction": "a contraction",
    "present": "present tense",
    "past": "past tense",
    "future_modal": "'will' or 'would'",
    "think_verb": "a verb of thinking",
    "discourse_opener": "opens on 'well', 'so' or 'yes'",
    "discourse_inside": "talk ('really', 'you know')",
    "connective_opener": "opens on 'and', 'but' or 'so'",
    "imperative": "an imperative",
    "deictic": "'here' or 'now'",
    "question": "a question",
    "exclamation": "an exclamation",
    "no_final_stop": "no full stop",
    "ends_colon": "ends on a colon",
    "short": "short",
    "long": "long",
    "length": "its length",
    "digits": "figures",
    "year": "a year",
    "money_percent": "money or a percentage",
    "names_someone": "names someone",
    "opens_with_name": "opens on a name",
    "person_acts": "someone acts, as narration tells it",
    "short_person_acts": "a short line of action",
    "speech_word": "a speech verb",
    "says_that": "reported speech",
    "institution": "an institution",
    "writer_scene": "the writer in the scene",
    "opens_the": "opens on 'the' or 'a'",
    "opens_it_that": "opens on 'it' or 'that'",
    "question_about_someone": "a question about 'him' or 'her'",
    "names_current": "names the speaker",
    "names_other_speaker": "names another speaker",
    "reported": "reports someone's words",
    "no_current": "nobody has spoken yet",
    "after_tag_1": "1 sentence after the tag",
    "after_tag_2": "2 sentences after the tag",
    "after_tag_3_4": "3 or 4 sentences after the tag",
    "after_tag_5_plus": "far from the last tag",
    "fixed_narration_since": "a heading or caption since the tag",
    "paragraph_start": "opens a paragraph",
    "paragraph_goes_on": "inside a paragraph",
    "tag_earlier_in_paragraph": "a tag earlier in the paragraph",
    "tag_later_in_paragraph": "a tag later in the paragraph",
    "prev_tagged": "right after a tag",
    "next_tagged": "right before a tag",
    "next_tag_current": "the speaker's own tag follows",
    "next_tag_other": "someone else's tag follows",
    "prev_voiced": "the sentence before speaks",
    "next_voiced": "the sentence after speaks",
    "prev_third": "'he' or 'she' just before",
    "next_third": "'he' or 'she' just after",
    "prev_question": "after a question",
    "prev_fixed_narration": "after a heading or caption",
    "prev_reported": "after reported words",
    "neighbours_voiced": "speech on both sides",
    "voiced_and_after_tag": "speaks just after a tag",
    "voiced_and_paragraph_start": "speaks, opening a paragraph",
    "third_and_after_tag": "'he' or 'she' just after a tag",
    "pronoun_from_quote": "the 'he' or 'she' of the quote",
    "voiced_far_from_tag": "first person far from a tag",
    "prev_names_someone": "after a sentence naming someone",
    "about_speaker": "about the speaker, in the third person",
    "person_subject": "a person is its subject",
    "voiced_after_person_subject": "speaks after narration about someone",
}
"""Each feature in words, for explaining a decision."""
_CONTEXT_ZERO: dict[str, float] = dict.fromkeys(CONTEXT_FEATURES, 0.0)


def current_speakers(sentences: Sequence[Sentence]) -> list[str | None]:
    """For every sentence, the speaker whose words would go on there: the latest person
    known from a tag, a fixed turn or reported words before it (None before anybody)."""
    out: list[str | None] = []
    current: str | None = None
    for sentence in sentences:
        out.append(current)
        current = sentence.speaks or current
    return out


def _paragraphs_known(sentences: Sequence[Sentence]) -> bool:
    """Paragraph starts tell something only when some paragraph holds two sentences."""
    marks = [s.paragraph_start for s in sentences]
    return any(m is False for m in marks)


def sentence_features(sentences: Sequence[Sentence]) -> np.ndarray:
    """One row of :data:`FEATURES` per sentence (float32, shape ``(n, len(FEATURES))``)."""
    n = len(sentences)
    rows = np.zeros((n, len(FEATURES)), dtype=np.float32)
    if not n:
        return rows
    reads = [read(s.text) for s in sentences]
    current = current_speakers(sentences)
    speaker_words = {p: name_words(p) for p in {s.speaks for s in sentences if s.speaks}}
    owners: dict[str, set[str]] = {}  # a name word -> the speakers whose names hold it
    for person, words in speaker_words.items():
        for word in words:
            owners.setdefault(word, set()).add(person)
    known = _paragraphs_known(sentences)
    starts = [bool(s.paragraph_start) if known else False for s in sentences]
    starts[0] = starts[0] or known
    paragraph = np.cumsum(starts) if known else np.arange(n)
    tagged = [s.tag_speaker is not None or (s.fixed and s.fixed_speaker is not None)
              for s in sentences]  # fmt: skip
    next_tag = [n] * n
    ahead = n
    for i in range(n - 1, -1, -1):
        next_tag[i] = ahead
        if tagged[i]:
            ahead = i
    last_tag, fixed_since = -1, False
    quote_genders: set[str] = set()  # he/she used inside the last tagged, first-person quote
    for i, (sentence, this) in enumerate(zip(sentences, reads)):
        text = sentence.text
        f = dict(_CONTEXT_ZERO)
        speaker = current[i]
        own = speaker_words.get(speaker, set()) if speaker else set()
        surface = set(WORD.compiled.findall(text))
        mentioned = set(sentence.mentions)
        f["names_current"] = speaker is not None and (speaker in mentioned or bool(own & surface))
        f["names_other_speaker"] = any(
            p != speaker for p in mentioned if p in speaker_words
        ) or any(p != speaker for word in surface - own for p in owners.get(word, ()))
        f["reported"] = sentence.reported_speaker is not None
        f["no_current"] = speaker is None
        since = i - last_tag if last_tag >= 0 else None
        if since is not None:
            bucket = ("after_tag_1" if since == 1 else "after_tag_2" if since == 2
                      else "after_tag_3_4" if since <= 4 else "after_tag_5_plus")  # fmt: skip
            f[bucket] = 1.0
        f["fixed_narration_since"] = fixed_since
        if known:
            f["paragraph_start"] = starts[i]
            f["paragraph_goes_on"] = not starts[i]
            f["tag_earlier_in_paragraph"] = (
                since is not None and paragraph[last_tag] == paragraph[i]
            )
            f["tag_later_in_paragraph"] = next_tag[i] < n and paragraph[next_tag[i]] == paragraph[i]
        prev = sentences[i - 1] if i else None
        has_next = i + 1 < n
        f["prev_tagged"] = i > 0 and tagged[i - 1]
        f["next_tagged"] = has_next and tagged[i + 1]
        if next_tag[i] < n and next_tag[i] - i <= 3:
            upcoming = sentences[next_tag[i]]
            who = upcoming.fixed_speaker if upcoming.fixed else upcoming.tag_speaker
            f["next_tag_current"] = speaker is not None and who == speaker
            f["next_tag_other"] = who != speaker
        prev_voiced = i > 0 and voiced(reads[i - 1])
        next_voiced = has_next and voiced(reads[i + 1])
        f["prev_voiced"] = prev_voiced
        f["next_voiced"] = next_voiced
        f["prev_third"] = i > 0 and reads[i - 1].third
        f["next_third"] = has_next and reads[i + 1].third
        f["prev_question"] = i > 0 and reads[i - 1].question
        f["prev_fixed_narration"] = prev is not None and prev.fixed and prev.speaks is None
        f["prev_reported"] = prev is not None and prev.reported_speaker is not None
        f["neighbours_voiced"] = prev_voiced and next_voiced
        speaking = voiced(this)
        near = since is not None and since <= 2
        f["voiced_and_after_tag"] = speaking and near
        f["voiced_and_paragraph_start"] = speaking and known and starts[i]
        f["third_and_after_tag"] = this.third and near
        f["pronoun_from_quote"] = (
            since is not None and since <= 4 and bool(genders(text) & quote_genders)
        )
        f["voiced_far_from_tag"] = this.first_singular and (since is None or since >= 3)
        f["prev_names_someone"] = i > 0 and reads[i - 1].names > 0
        # what the extractor knows of the people, a strong prior (a larger value is a weaker
        # penalty on its weight): the writer talks about people, the speaker says "I"
        f["about_speaker"] = PRIOR * sentence.about_speaker
        f["person_subject"] = PRIOR * sentence.person_subject
        f["voiced_after_person_subject"] = speaking and prev is not None and prev.person_subject
        if len(f) != len(_CONTEXT_ZERO):  # a name missing from CONTEXT_FEATURES
            raise KeyError(sorted(set(f) - set(_CONTEXT_ZERO)))
        rows[i] = [*own_values(text), *f.values()]

        if tagged[i]:
            last_tag, fixed_since = i, False
            quote_genders = genders(TRAILING_TAG.sub("", text)) if this.first_singular else set()
        elif sentence.reported_speaker is not None:
            last_tag, fixed_since = i, False
        elif sentence.fixed:
            fixed_since = True
    return rows
