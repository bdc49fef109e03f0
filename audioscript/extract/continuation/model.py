"""A linear-chain model over the sentences of an article: weights, decoding, posteriors.

Every sentence takes one of four labels (:data:`LABELS`): narration, speech of its own
tag's speaker, speech that goes on with the current speaker, or speech of someone else
than the current speaker (whose name comes from elsewhere: a tag further on, the person the
narration is about). A label's score at a sentence is the dot product of the sentence's
features (:mod:`audioscript.extract.continuation.features`) with that label's weights; a
transition score joins each pair of neighbouring labels, with extra weights where a new
paragraph starts. Viterbi finds the best labelling; forward-backward gives each sentence's
posterior, so every decision carries a probability.

Labels the extractor's own knowledge rules out are never chosen: a sentence with an
accepted tag is its speaker's (the extractor has already turned paraphrases and indirect
speech away), one without a tag is never TAGGED, SAME needs a current speaker and is never
a sentence whose subject is that speaker by name (nobody calls themselves by name), and a
fixed sentence keeps what it was given.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .features import FEATURES, Sentence, current_speakers

__all__ = [
    "LABELS",
    "NARRATION",
    "NEW",
    "SAME",
    "TAGGED",
    "Model",
    "allowed_labels",
    "paragraph_marks",
]

NARRATION, TAGGED, SAME, NEW = "NARRATION", "TAGGED", "SAME", "NEW"
LABELS: tuple[str, ...] = (NARRATION, TAGGED, SAME, NEW)
_N, _T, _S, _W = range(4)
_BLOCKED = -1e4  # a score that no path through a ruled-out label survives


def allowed_labels(sentences: Sequence[Sentence]) -> np.ndarray:
    """Which labels each sentence may take: shape ``(n, 4)``, True where allowed."""
    allowed = np.zeros((len(sentences), len(LABELS)), dtype=bool)
    for i, (sentence, current) in enumerate(zip(sentences, current_speakers(sentences))):
        if sentence.fixed:
            allowed[i, _T if sentence.fixed_speaker is not None else _N] = True
        elif sentence.tag_speaker is not None:
            allowed[i, _T] = True
        else:
            allowed[i, [_N, _W]] = True
            # nobody calls themselves by name: "Madison did her own stunts." is not Madison's
            allowed[i, _S] = current is not None and not sentence.speaker_subject
    return allowed


def paragraph_marks(sentences: Sequence[Sentence]) -> np.ndarray:
    """1.0 where a known paragraph starts (not the first sentence), else 0.0; all zero when
    the input does not tell paragraphs apart (every sentence starts one, or none is known)."""
    marks = np.zeros(len(sentences), dtype=np.float64)
    if not any(s.paragraph_start is False for s in sentences):
        return marks
    for i, sentence in enumerate(sentences):
        marks[i] = 1.0 if i and sentence.paragraph_start else 0.0
    return marks


@dataclass(frozen=True)
class Model:
    """Weights of the chain: ``emission`` (features x labels), ``transition`` (labels x
    labels, from x to), ``paragraph`` (added to a transition into a new paragraph) and
    ``start`` (the first label)."""

    features: tuple[str, ...]
    emission: np.ndarray
    transition: np.ndarray
    paragraph: np.ndarray
    start: np.ndarray

    # --- (de)serialisation ---------------------------------------------------------------

    @classmethod
    def zeros(cls, features: Sequence[str] = FEATURES) -> Model:
        k = len(LABELS)
        return cls(
            tuple(features),
            np.zeros((len(features), k)),
            np.zeros((k, k)),
            np.zeros((k, k)),
            np.zeros(k),
        )

    def to_vector(self) -> np.ndarray:
        return np.concatenate(
            [self.emission.ravel(), self.transition.ravel(), self.paragraph.ravel(), self.start]
        )

    @classmethod
    def from_vector(cls, vector: np.ndarray, features: Sequence[str] = FEATURES) -> Model:
        k, f = len(LABELS), len(features)
        cut = np.cumsum([f * k, k * k, k * k])
        emission, transition, paragraph, start = np.split(np.asarray(vector, float), cut)
        return cls(
            tuple(features),
            emission.reshape(f, k),
            transition.reshape(k, k),
            paragraph.reshape(k, k),
            start,
        )

    def to_json(self, meta: dict[str, object] | None = None) -> str:
        """A small human-readable file: one line per feature with its weight per label."""

        def rounded(values: np.ndarray) -> list[float]:
            return [round(float(v), 4) for v in values]

        lines = ["{", '  "format": 1,', f'  "labels": {json.dumps(list(LABELS))},']
        if meta:
            lines.append(f'  "meta": {json.dumps(meta, sort_keys=True)},')
        lines.append(f'  "start": {json.dumps(rounded(self.start))},')
        for name, matrix in (("transition", self.transition), ("paragraph", self.paragraph)):
            rows = ", ".join(json.dumps(rounded(row)) for row in matrix)
            lines.append(f'  "{name}": [{rows}],')
        lines.append('  "emission": {')
        body = [
            f"    {json.dumps(name)}: {json.dumps(rounded(self.emission[i]))}"
            for i, name in enumerate(self.features)
        ]
        lines.append(",\n".join(body))
        lines += ["  }", "}"]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Model:
        data = json.loads(text)
        if data.get("format") != 1 or tuple(data.get("labels", ())) != LABELS:
            raise ValueError("not a continuation weights file of format 1")
        emission = data["emission"]
        return cls(
            tuple(emission),
            np.array([emission[name] for name in emission], dtype=float).reshape(-1, len(LABELS)),
            np.array(data["transition"], dtype=float),
            np.array(data["paragraph"], dtype=float),
            np.array(data["start"], dtype=float),
        )

    @classmethod
    def load(cls, path: Path) -> Model:
        return cls.from_json(Path(path).read_text("utf-8"))

    # --- scores --------------------------------------------------------------------------

    def scores(
        self, x: np.ndarray, allowed: np.ndarray, paragraph: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Label scores per sentence ``(n, 4)`` and transition scores into each sentence
        ``(n, 4, 4)`` (the first row unused), with ruled-out labels blocked."""
        if tuple(self.features) != FEATURES:
            raise ValueError("the weights were trained on other features than the code computes")
        unary = x.astype(np.float64) @ self.emission
        unary[~allowed] = _BLOCKED
        pair = self.transition[None, :, :] + paragraph[:, None, None] * self.paragraph[None]
        return unary, pair

    def viterbi(self, unary: np.ndarray, pair: np.ndarray) -> list[int]:
        """The best label sequence (indices into :data:`LABELS`)."""
        n = len(unary)
        if not n:
            return []
        best = self.start + unary[0]
        back = np.zeros((n, len(LABELS)), dtype=np.int64)
        for i in range(1, n):
            candidates = best[:, None] + pair[i]
            back[i] = np.argmax(candidates, axis=0)  # ties: the lowest label, deterministic
            best = candidates[back[i], np.arange(len(LABELS))] + unary[i]
        path = [int(np.argmax(best))]
        for i in range(n - 1, 0, -1):
            path.append(int(back[i, path[-1]]))
        return path[::-1]

    def posteriors(self, unary: np.ndarray, pair: np.ndarray) -> np.ndarray:
        """Each sentence's probability of each label, shape ``(n, 4)`` (forward-backward)."""
        marginals, _, _ = forward_backward(self.start, unary, pair)
        return marginals


def forward_backward(
    start: np.ndarray, unary: np.ndarray, pair: np.ndarray
) -> tuple[np.ndarray, np.ndarray, float]:
    """Marginals ``(n, k)``, pair marginals ``(n, k, k)`` (into sentence i, first row zero)
    and the log partition function of one chain, computed with per-step scaling."""
    n, k = unary.shape
    if not n:
        return np.zeros((0, k)), np.zeros((0, k, k)), 0.0
    shift = unary.max(axis=1, keepdims=True)
    emit = np.exp(unary - shift)
    pshift = pair.max(axis=(1, 2), keepdims=True)
    trans = np.exp(pair - pshift)
    alpha = np.empty((n, k))
    scale = np.empty(n)
    a = np.exp(start - start.max()) * emit[0]
    scale[0] = a.sum()
    alpha[0] = a / scale[0]
    for i in range(1, n):
        a = (alpha[i - 1] @ trans[i]) * emit[i]
        scale[i] = a.sum()
        alpha[i] = a / scale[i]
    beta = np.empty((n, k))
    beta[-1] = 1.0
    for i in range(n - 1, 0, -1):
        b = trans[i] @ (emit[i] * beta[i])
        beta[i - 1] = b / scale[i]
    marginals = alpha * beta
    pairs = np.zeros((n, k, k))
    if n > 1:
        pairs[1:] = (alpha[:-1, :, None] * trans[1:] * (emit[1:] * beta[1:])[:, None, :]) / scale[
            1:, None, None
        ]
    log_z = float(np.log(scale).sum() + shift.sum() + start.max() + pshift[1:].sum())
    return marginals, pairs, log_z
