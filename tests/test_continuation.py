"""audioscript.extract.continuation: sentence features, the chain model's decoding, the shipped
weights, and the training script on a tiny fixture."""

from __future__ import annotations

import importlib
import itertools
import json
import shutil
import sys
import time
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from audioscript.extract.continuation import (
    FEATURES,
    LABELS,
    NARRATION,
    NEW,
    SAME,
    TAGGED,
    Model,
    Sentence,
    decode,
    load_model,
)
from audioscript.extract.continuation import weights_path as shipped_weights
from audioscript.extract.continuation.features import (
    CONTEXT_FEATURES,
    FEATURE_WORDS,
    OWN_FEATURES,
    current_speakers,
    sentence_features,
)
from audioscript.extract.continuation.model import allowed_labels, forward_backward, paragraph_marks
from audioscript.extract.continuation.reading import own_features, read

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "tests" / "fixtures" / "extract" / "articles"


def feature(text: str, name: str, before: list[Sentence] | None = None) -> float:
    sentences = [*(before or []), Sentence(text)]
    return float(sentence_features(sentences)[-1, FEATURES.index(name)])


def labels(sentences: list[Sentence], model: Model | None = None) -> list[str]:
    return [d.label for d in decode(sentences, model)]


# --- features -----------------------------------------------------------------------------------


def test_every_feature_is_said_in_words() -> None:
    assert set(FEATURE_WORDS) == set(FEATURES)
    assert all(FEATURE_WORDS[name] for name in FEATURES if name != "bias")


def test_feature_names_are_unique_and_in_order() -> None:
    assert len(set(FEATURES)) == len(FEATURES) == len(OWN_FEATURES) + len(CONTEXT_FEATURES)
    text = "Honestly, I don't know."
    assert tuple(own_features(text, read(text))) == OWN_FEATURES


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("I grew up here.", "first_singular", 1),
        ("The Love I Lost is a film.", "first_singular", 0),  # "I" before a capital: a title
        ("We trained in the car park.", "first_plural", 1),
        ("The US team won.", "first_plural", 0),  # an acronym, not "us"
        ("You cannot turn it off.", "second_person", 1),
        ("She rolls her eyes.", "third_person", 1),
        ("I dont know.", "contraction", 1),  # stripped text: the apostrophe is gone
        ("I don't know.", "contraction", 1),
        ("That's the deal.", "contraction", 1),
        ("Its roof leaks and the walls were damp.", "contraction", 0),  # ambiguous bare forms
        ("The shop is open.", "present", 1),
        ("The shop opened in 1998.", "past", 1),
        ("The shop opened in 1998.", "present", 0),
        ("It will close.", "future_modal", 1),
        ("Well, it was hard.", "discourse_opener", 1),
        ("It was, you know, hard.", "discourse_inside", 1),
        ("But somebody had to say it.", "connective_opener", 1),
        ("Ask Maureen Tully.", "imperative", 1),
        ("How will it compare?", "question", 1),
        ("What a year!", "exclamation", 1),
        ("The Keeper of the Fire", "no_final_stop", 1),
        ("She put it simply:", "ends_colon", 1),
        ("Tickets are $6.", "digits", 1),
        ("The museum opened in 1998.", "year", 1),
        ("Sales rose 40 percent.", "money_percent", 1),
        ("The bench was built by Okafor.", "names_someone", 1),
        ("Medina has heard promises before.", "opens_with_name", 1),
        ("Mrs Pryce is less modest.", "opens_with_name", 1),
        ("Then he grinned.", "person_acts", 1),
        ("It was great.", "person_acts", 0),
        ("The council says that no decision has been taken.", "says_that", 1),
        ("When I repeat this to her, she rolls her eyes.", "writer_scene", 1),
        ("The budget takes effect July 1.", "opens_the", 1),
        ("That was a wild year.", "opens_it_that", 1),
    ],
)
def test_features_of_one_sentence(text: str, name: str, value: float) -> None:
    assert feature(text, name) == value


def test_context_features() -> None:
    tagged = Sentence("I grew up here, Baker said.", tag_speaker="Ann Baker")
    assert feature("He taught me everything.", "after_tag_1", [tagged]) == 1
    assert feature("He taught me everything.", "prev_tagged", [tagged]) == 1
    assert feature("He taught me everything.", "no_current", []) == 1
    assert feature("Baker laughs at that.", "names_current", [tagged]) == 1
    other = Sentence("It rained, Okafor said.", tag_speaker="Samuel Okafor")
    assert feature("Okafor laughs at that.", "names_other_speaker", [other, tagged]) == 1
    rows = sentence_features([tagged, Sentence("a."), Sentence("b."), Sentence("c.")])
    assert rows[3, FEATURES.index("after_tag_3_4")] == 1
    assert rows[0, FEATURES.index("next_tag_current")] == 0


def test_paragraph_features_only_when_paragraphs_are_known() -> None:
    one_per_line = [
        Sentence("I was there, she said.", "Ida Roe", True),
        Sentence("It was.", None, True),
    ]
    known = [Sentence("I was there, she said.", "Ida Roe", True), Sentence("It was.", None, False)]
    start = FEATURES.index("paragraph_goes_on")
    assert sentence_features(one_per_line)[1, start] == 0  # every sentence a paragraph: no news
    assert sentence_features(known)[1, start] == 1
    assert not paragraph_marks(one_per_line).any()
    assert list(paragraph_marks([*known, Sentence("New.", None, True)])) == [0, 0, 1]


def test_current_speaker_comes_from_tags_fixed_turns_and_paraphrase() -> None:
    sentences = [
        Sentence("Headline", fixed=True),
        Sentence("I was there, Roe said.", tag_speaker="Ida Roe"),
        Sentence("It was hot."),
        Sentence("The plan, Lee noted, has flaws.", reported_speaker="Al Lee"),
        Sentence("A: It did.", fixed=True, fixed_speaker="Bo Chan"),
        Sentence("Later."),
    ]
    assert current_speakers(sentences) == [None, None, "Ida Roe", "Ida Roe", "Al Lee", "Bo Chan"]


# --- decoding -------------------------------------------------------------------------------------


def test_a_quote_goes_on_and_narration_comes_back() -> None:
    sentences = [
        Sentence("The museum sits at the end of Harbour Road."),
        Sentence("I grew up two streets from here, Baker said.", tag_speaker="Ann Baker"),
        Sentence("He taught me everything."),
        Sentence("He's a walking archive."),
        Sentence("The museum opened in 1998."),
    ]
    decisions = decode(sentences)
    assert [d.label for d in decisions] == [NARRATION, TAGGED, SAME, SAME, NARRATION]
    assert [d.speaker for d in decisions] == [None, "Ann Baker", "Ann Baker", "Ann Baker", None]
    for decision in decisions:
        assert 0.5 <= decision.probability <= 1.0
        assert (decision.speech >= 0.5) == decision.is_speech


def test_narration_right_after_a_quote() -> None:
    sentences = [
        Sentence("I grew up here, Baker said.", tag_speaker="Ann Baker"),
        Sentence("The museum opened in 1998."),
    ]
    assert labels(sentences) == [TAGGED, NARRATION]


def test_what_the_extractor_knows_is_kept() -> None:
    sentences = [
        Sentence("I was born here.", fixed=True, fixed_speaker=None),  # e.g. the writer's Q
        Sentence("It's all true, she said.", tag_speaker="Ida Roe"),
        Sentence("Q: And then?", fixed=True),
        Sentence("A: Then we left.", fixed=True, fixed_speaker="Ida Roe"),
    ]
    decisions = decode(sentences)
    assert [d.label for d in decisions] == [NARRATION, TAGGED, NARRATION, TAGGED]
    assert decisions[0].probability == decisions[3].probability == 1.0
    assert decisions[3].speaker == "Ida Roe"


def test_no_same_before_anybody_speaks() -> None:
    allowed = allowed_labels(
        [Sentence("I love this town."), Sentence("It is mine, Roe said.", "Ida Roe")]
    )
    assert not allowed[0, LABELS.index(SAME)]
    assert allowed[1].tolist() == [False, True, False, False]


def test_nobody_goes_on_about_themselves_by_name() -> None:
    """A sentence whose subject is the current speaker by name is never SAME."""
    allowed = allowed_labels(
        [
            Sentence("It is mine, Roe said.", "Ida Roe"),
            Sentence("Roe did her own stunts.", speaker_subject=True),
            Sentence("She did her own stunts."),
        ]
    )
    assert not allowed[1, LABELS.index(SAME)] and allowed[1, LABELS.index(NEW)]
    assert allowed[2, LABELS.index(SAME)]


def test_new_speech_takes_the_speaker_of_the_tag_that_closes_it() -> None:
    model = Model.zeros()
    emission = model.emission.copy()
    emission[FEATURES.index("first_singular"), LABELS.index(NEW)] = 5.0
    model = Model(model.features, emission, model.transition, model.paragraph, model.start)
    decisions = decode(
        [
            Sentence("I wrote letters."),
            Sentence("Nobody came, Kowalczyk said.", "Stefan Kowalczyk"),
        ],
        model,
    )
    assert (decisions[0].label, decisions[0].speaker) == (NEW, "Stefan Kowalczyk")


def test_decoding_is_deterministic_and_empty_input_is_fine() -> None:
    sentences = [
        Sentence("I grew up here, Baker said.", "Ann Baker"),
        Sentence("It was hard."),
    ] * 20
    assert decode(sentences) == decode(sentences)
    assert decode(sentences, method="viterbi") == decode(sentences, method="viterbi")
    assert decode([]) == []
    with pytest.raises(ValueError):
        decode(sentences, method="greedy")


def _random_model(seed: int) -> Model:
    rng = np.random.default_rng(seed)
    vector = rng.normal(0, 1, Model.zeros().to_vector().shape)
    return Model.from_vector(vector)


def _paths(allowed: np.ndarray) -> list[tuple[int, ...]]:
    choices = [np.flatnonzero(row).tolist() for row in allowed]
    return list(itertools.product(*choices))


def test_viterbi_and_posteriors_agree_with_enumeration() -> None:
    sentences = [
        Sentence("I grew up here, Baker said.", "Ann Baker", True),
        Sentence("He taught me everything.", None, False),
        Sentence("The museum opened in 1998.", None, True),
        Sentence("We still go there.", None, False),
    ]
    model = _random_model(7)
    x = sentence_features(sentences)
    allowed = allowed_labels(sentences)
    unary, pair = model.scores(x, allowed, paragraph_marks(sentences))

    def score(path: tuple[int, ...]) -> float:
        total = model.start[path[0]] + unary[0, path[0]]
        for i in range(1, len(path)):
            total += pair[i, path[i - 1], path[i]] + unary[i, path[i]]
        return float(total)

    paths = _paths(allowed)
    scores = np.array([score(p) for p in paths])
    assert tuple(model.viterbi(unary, pair)) == paths[int(np.argmax(scores))]
    weights = np.exp(scores - scores.max())
    weights /= weights.sum()
    expected = np.zeros_like(unary)
    for path, weight in zip(paths, weights):
        for i, label in enumerate(path):
            expected[i, label] += weight
    marginals, pairs, log_z = forward_backward(model.start, unary, pair)
    assert np.allclose(marginals, expected)
    assert np.allclose(pairs[1:].sum(axis=(1, 2)), 1.0)
    assert log_z == pytest.approx(float(np.log(np.exp(scores - scores.max()).sum()) + scores.max()))


def test_decoding_is_fast() -> None:
    load_model()
    texts = [
        "I grew up here, Baker said.",
        "He taught me everything.",
        "The museum opened in 1998, and it has not closed since.",
        "We were there every Saturday, you know?",
        "Tickets are $6.",
    ]
    sentences = [
        Sentence(texts[i % 5], "Ann Baker" if i % 5 == 0 else None, i % 3 == 0) for i in range(500)
    ]
    decode(sentences)
    started = time.perf_counter()
    decode(sentences)
    assert time.perf_counter() - started < 0.25  # about 0.03 s; loose for a busy machine


# --- the shipped weights --------------------------------------------------------------------------


def test_shipped_weights_match_the_features_the_code_computes() -> None:
    data = json.loads(shipped_weights().read_text("utf-8"))
    assert list(data["emission"]) == list(FEATURES)  # retrain when a feature is added or renamed
    assert data["labels"] == list(LABELS)
    model = load_model()
    assert model.features == FEATURES
    assert model.emission.shape == (len(FEATURES), len(LABELS))
    assert model.transition.shape == model.paragraph.shape == (len(LABELS), len(LABELS))
    assert data["meta"]["trained_by"] == "scripts/train_continuation.py"


def test_weights_round_trip_and_refuse_other_features() -> None:
    model = _random_model(3)
    again = Model.from_json(model.to_json({"note": "test"}))
    assert again.features == FEATURES
    assert np.allclose(again.to_vector(), model.to_vector(), atol=1e-4)
    drifted = json.loads(model.to_json())
    drifted["emission"]["a_feature_nobody_computes"] = drifted["emission"].pop("bias")
    stale = Model.from_json(json.dumps(drifted))
    with pytest.raises(ValueError, match="other features"):
        decode([Sentence("Hello.")], stale)
    with pytest.raises(ValueError):
        Model.from_json(json.dumps({"format": 2}))


def test_loading_is_lazy() -> None:
    import subprocess

    code = "import audioscript.extract.continuation as c, sys; print(c.load_model.cache_info().currsize)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout
    assert out.strip() == "0"


# --- the training script ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trainer() -> ModuleType:
    """scripts/train_continuation.py, imported as a module."""
    scripts = str(REPO / "scripts")
    sys.path.insert(0, scripts)
    try:
        return importlib.import_module("train_continuation")
    finally:
        sys.path.remove(scripts)


def _tiny(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in names:
        for suffix in (".jsonl", ".quoted.txt", ".stripped.txt"):
            shutil.copy(ARTICLES / f"{name}{suffix}", folder / f"{name}{suffix}")
    return folder


def test_training_script_writes_weights_that_decode(trainer: ModuleType, tmp_path: Path) -> None:
    train = _tiny(tmp_path, ["projectionist-profile", "bakery-flood"])
    out = tmp_path / "weights.json"
    started = time.perf_counter()
    options = ["--train", str(train), "--validation", str(train), "--no-litbank", "--folds", "0"]
    code = trainer.main([*options, "--out", str(out)])
    assert code == 0 and out.exists()
    assert time.perf_counter() - started < 30
    model = Model.load(out)
    assert model.features == FEATURES
    assert json.loads(out.read_text("utf-8"))["meta"]["articles"] == 2
    article = trainer.load_article(train / "projectionist-profile")
    decisions = decode(article.sentences, model)
    assert len(decisions) == len(article.units)
    again = tmp_path / "again.json"
    trainer.main([*options, "--out", str(again)])
    assert again.read_text("utf-8") == out.read_text("utf-8")  # deterministic


def test_training_labels_from_gold(trainer: ModuleType) -> None:
    article = trainer.load_article(ARTICLES / "projectionist-profile")
    counts = article.gold.sum(axis=0)
    assert counts[LABELS.index(SAME)] > 0 and counts[LABELS.index(NARRATION)] > 0
    assert (article.gold & allowed_labels(article.sentences)).any(axis=1).all()
    assert any(u.sentence.tag_speaker for u in article.units)
    assert any(u.sentence.paragraph_start is False for u in article.units)


def test_paragraph_starts_are_found_by_letters(trainer: ModuleType) -> None:
    quoted = "“I was there,” she said. “It was hot.”\nThe end came. Then rain.\n"
    rows = ["I was there, she said.", "It was hot.", "The end came.", "Then rain."]
    assert trainer.paragraph_starts(quoted, rows) == [True, False, True, False]


def test_blind_sets_are_refused(trainer: ModuleType) -> None:
    with pytest.raises(SystemExit):
        trainer.article_bases(REPO / "tests" / "fixtures" / "heldout3")
