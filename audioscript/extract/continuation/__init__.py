"""Does stripped text go on with a speaker's quote? Evidence weighed over a whole article.

Without quotation marks, a tagged sentence ("I grew up here, Baker said.") starts a quote
and the untagged sentences after it may go on with it ("He taught me everything.") or
return to narration ("The museum opened in 1998."). This package decides that for every
sentence of an article at once: a small linear-chain model scores each sentence's features
(person, tense, contractions, discourse markers, questions, names and numbers, distance to
the last tag, paragraph starts, the neighbours) for four labels and Viterbi picks the best
sequence; forward-backward gives each decision its posterior probability.

The weights are learned by ``scripts/train_continuation.py`` and shipped as
``audioscript/data/continuation/weights.json`` (read on first use, not at import).

Usage::

    from audioscript.extract.continuation import Sentence, decode

    decisions = decode([
        Sentence("I grew up here, Baker said.", tag_speaker="Ann Baker"),
        Sentence("He taught me everything."),
        Sentence("The museum opened in 1998."),
    ])
    [(d.label, d.speaker) for d in decisions]
    # [("TAGGED", "Ann Baker"), ("SAME", "Ann Baker"), ("NARRATION", None)]

The extractor resolves tags itself and passes the speaker; this package never reads tags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .features import (
    FEATURE_WORDS,
    FEATURES,
    Sentence,
    current_speakers,
    sentence_features,
)
from .model import (
    LABELS,
    NARRATION,
    NEW,
    SAME,
    TAGGED,
    Model,
    allowed_labels,
    paragraph_marks,
)

__all__ = [
    "FEATURES",
    "FEATURE_WORDS",
    "LABELS",
    "NARRATION",
    "NEW",
    "REASONS",
    "SAME",
    "TAGGED",
    "Decision",
    "Model",
    "Sentence",
    "decode",
    "load_model",
]


@dataclass(frozen=True)
class Decision:
    """What one sentence is.

    ``label``: NARRATION, TAGGED (its tag's speaker speaks, or its fixed speaker), SAME (the
    current speaker's words go on) or NEW (speech, but not the current speaker's).
    ``speaker``: who speaks: the tag's or fixed speaker for TAGGED, the current speaker for
    SAME, for NEW the speaker of the tag that closes the run of speech it opens (None when
    no tag does: the caller decides, e.g. from the person the narration is about); None for
    NARRATION.
    ``probability``: the posterior probability of ``label`` (1.0 for fixed sentences).
    ``speech``: the posterior probability that the sentence is speech of anybody.
    ``reasons``: the features that weighed most for ``label`` against the likeliest other
    label, strongest first (at most :data:`REASONS`; empty for fixed and tagged sentences);
    :data:`FEATURE_WORDS` says each in words.
    """

    label: str
    speaker: str | None
    probability: float
    speech: float
    reasons: tuple[str, ...] = ()

    @property
    def is_speech(self) -> bool:
        return self.label != NARRATION


def weights_path() -> Path:
    """The shipped weights file."""
    return Path(str(resources.files("audioscript").joinpath("data/continuation/weights.json")))


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model, read once on first use."""
    return Model.load(weights_path())


def decode(
    sentences: Sequence[Sentence], model: Model | None = None, method: str = "posterior"
) -> list[Decision]:
    """One :class:`Decision` per sentence of one article, in order.

    ``method="posterior"`` (the default) decides each sentence by its posteriors: speech
    when the probability of NARRATION is below one half (SAME and NEW together), then the
    likelier of the speech labels. ``method="viterbi"`` takes the single best labelling of
    the whole article instead; it gives a sentence to the narrator when its speech
    probability is split between SAME and NEW, which loses speech.
    """
    if not sentences:
        return []
    if method not in {"posterior", "viterbi"}:
        raise ValueError(f"unknown decoding method {method!r}")
    model = model or load_model()
    allowed = allowed_labels(sentences)
    x = sentence_features(sentences)
    unary, pair = model.scores(x, allowed, paragraph_marks(sentences))
    posterior = np.clip(model.posteriors(unary, pair), 0.0, 1.0)  # rounding can pass 1
    if method == "viterbi":
        path = model.viterbi(unary, pair)
    else:
        speech = posterior[:, 1:]
        path = [
            0 if row[0] >= 0.5 else 1 + int(np.argmax(rest)) for row, rest in zip(posterior, speech)
        ]
    current = current_speakers(sentences)
    labels = [LABELS[p] for p in path]
    decisions = []
    for i, (sentence, label) in enumerate(zip(sentences, labels)):
        if label == TAGGED:
            speaker = sentence.fixed_speaker if sentence.fixed else sentence.tag_speaker
        elif label == SAME:
            speaker = current[i]
        elif label == NEW:
            speaker = _closing_tag(sentences, labels, i)
        else:
            speaker = None
        reasons: tuple[str, ...] = ()
        if sentence.fixed:
            probability, speech_probability = 1.0, float(label != NARRATION)
        else:
            probability = float(posterior[i, path[i]])
            speech_probability = 1.0 - float(posterior[i, 0])
            if label != TAGGED:
                reasons = _reasons(model, x[i], path[i], posterior[i])
        decisions.append(Decision(label, speaker, probability, speech_probability, reasons))
    return decisions


REASONS = 2
"""How many features a decision names as its reasons."""


def _reasons(model: Model, row: np.ndarray, label: int, posterior: np.ndarray) -> tuple[str, ...]:
    """The features of ``row`` that add most to ``label``'s score over narration's, or, for
    narration, over the likelier speech label's."""
    narration, same, new = (LABELS.index(name) for name in (NARRATION, SAME, NEW))
    if label != narration:
        other = narration
    else:
        other = same if posterior[same] >= posterior[new] else new
    weight = row.astype(np.float64) * (model.emission[:, label] - model.emission[:, other])
    order = np.argsort(-weight, kind="stable")
    named = [FEATURES[f] for f in order if weight[f] > 0.05 and FEATURES[f] != "bias"]
    return tuple(named[:REASONS])


def _closing_tag(sentences: Sequence[Sentence], labels: Sequence[str], index: int) -> str | None:
    """The speaker of the first TAGGED sentence in the run of speech from ``index`` on."""
    for ahead in range(index + 1, len(labels)):
        if labels[ahead] == NARRATION:
            return None
        if labels[ahead] == TAGGED:
            after = sentences[ahead]
            return after.fixed_speaker if after.fixed else after.tag_speaker
    return None
