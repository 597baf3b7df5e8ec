"""The tagger's cache of context-pair weights gives the scores the context features give."""

from __future__ import annotations

import numpy as np
import pytest

import warta.lang.id.ner.tagger as tagger_module
from warta.lang.id.ner import load_tagger
from warta.lang.id.ner.features import FeatureExtractor

SENTENCES = [
    ["Presiden", "Joko", "Widodo", "tiba", "di", "Jakarta", "pada", "Senin", "."],
    ["Menurut", "Vladimir", "Putin", ",", "Rusia", "dan", "Korea", "Utara", "bekerja", "sama", "."],
    ["Banjir", "melanda", "Bekasi", "."],
    ["Ia", "."],
    ["Presiden", "Joko", "Widodo", "tiba", "di", "Surabaya", "."],  # pairs seen before, and new ones
]


def _fresh(max_pairs: int | None = None, monkeypatch: pytest.MonkeyPatch | None = None) -> tagger_module.Tagger:
    if max_pairs is not None and monkeypatch is not None:
        monkeypatch.setattr(tagger_module, "MAX_PAIRS", max_pairs)
    shipped = load_tagger()
    extractor = shipped._extractor
    return tagger_module.Tagger(
        shipped._model, FeatureExtractor(extractor.cues, extractor.gazetteer, extractor.clusters, extractor.names)
    )


def test_pair_scores_equal_the_context_features_scores() -> None:
    tagger = _fresh()
    extractor = tagger._extractor
    words = [[extractor.word(t) for t in s] for s in SENTENCES]
    matches = [extractor.matches([w.lower for w in ws]) for ws in words]
    assert any(gazetteer or names for gazetteer, names in matches)  # marks are part of the check
    features = [f for ws, found in zip(words, matches, strict=True) for f in extractor.context(ws, found)]
    expected = tagger._model.emissions(features)
    for _ in range(2):  # cold, then from the cache
        np.testing.assert_allclose(tagger._context_scores(words, matches), expected, atol=1e-5)


def test_the_pair_cache_starts_over_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    tagger = _fresh(max_pairs=12, monkeypatch=monkeypatch)
    assert [tagger.tag(s) for s in SENTENCES] == load_tagger().tag_many(SENTENCES)
    assert len(tagger._pairs) <= 12 + 2 * max(len(s) for s in SENTENCES)


def test_a_sentence_given_twice_is_tagged_once_with_the_same_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    tagger = _fresh()
    batches: list[int] = []
    tag_batch = tagger._tag_batch

    def counting(sentences: list[list[str]]) -> list[list[str]]:
        batches.append(len(sentences))
        return tag_batch(sentences)

    monkeypatch.setattr(tagger, "_tag_batch", counting)
    repeated = [SENTENCES[0], SENTENCES[1], SENTENCES[0], SENTENCES[2], SENTENCES[1]]
    labels = tagger.tag_many(repeated)
    assert sum(batches) == 3
    assert labels == [tagger.tag(s) for s in repeated]
    assert labels[0] == labels[2] and labels[0] is not labels[2]  # copies: editing one leaves the other
