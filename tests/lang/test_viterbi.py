"""The CRF's batched Viterbi against the definition: every label sequence tried, the best kept."""

from __future__ import annotations

import itertools

import numpy as np

from warta.lang.id.ner.crf import viterbi


def _best_by_enumeration(emissions: np.ndarray, transition: np.ndarray) -> list[int]:
    """The best label sequence of one short sentence, by trying every sequence."""
    best: tuple[float, tuple[int, ...]] | None = None
    for labels in itertools.product(range(emissions.shape[1]), repeat=len(emissions)):
        score = sum(float(emissions[i, y]) for i, y in enumerate(labels))
        score += sum(float(transition[a, b]) for a, b in itertools.pairwise(labels))
        if best is None or score > best[0]:
            best = (score, labels)
    assert best is not None
    return list(best[1])


def test_batched_viterbi_finds_each_sentences_best_path() -> None:
    # Sentences of mixed lengths in one batch, in no particular order (the decoder reorders them).
    rng = np.random.default_rng(7)
    for _ in range(40):
        lengths = [int(n) for n in rng.integers(1, 6, size=int(rng.integers(1, 8)))]
        emissions = rng.normal(size=(sum(lengths), 3)).astype(np.float32)
        transition = rng.normal(size=(3, 3)).astype(np.float32)
        paths = viterbi(emissions, lengths, transition)
        assert paths.shape == (max(lengths), len(lengths))
        start = 0
        for k, n in enumerate(lengths):
            assert paths[:n, k].tolist() == _best_by_enumeration(emissions[start : start + n], transition), lengths
            start += n
