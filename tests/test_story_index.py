"""The centroid index gives the same dot products as computing them one story at a time."""

from __future__ import annotations

import random

import pytest

from warta.stories.index import CentroidIndex


def _brute(vector: dict[str, float], centroids: dict[int, dict[str, float]], slot: int) -> float:
    centroid = centroids.get(slot, {})
    return sum(x * centroid.get(w, 0.0) for w, x in vector.items())


@pytest.mark.parametrize("seed", range(5))
def test_dots_match_brute_force_through_promotions_removals_and_reused_slots(seed: int) -> None:
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(60)]  # a few words end up in many centroids: they go dense
    index = CentroidIndex(dense_at=4)
    centroids: dict[int, dict[str, float]] = {}
    for step in range(400):
        if centroids and rng.random() < 0.2:  # a story closes; its slot is free again
            slot = rng.choice(sorted(centroids))
            index.remove(slot, centroids.pop(slot))
        else:
            slot = rng.randrange(90)  # past the table's first 64 columns: it grows
            pool = words[: rng.randint(8, 60)]
            vector = {w: rng.random() for w in rng.sample(pool, rng.randint(1, 8))}
            centroid = centroids.setdefault(slot, {})
            for word, value in vector.items():
                centroid[word] = centroid.get(word, 0.0) + value
            index.add(slot, vector, centroid)
        query = {w: rng.random() for w in rng.sample(words, 10)}
        dots = index.dots(query)
        for slot in range(max(centroids, default=0) + 1):
            expected = _brute(query, centroids, slot)
            got = float(dots[slot]) if slot < len(dots) else 0.0
            assert got == pytest.approx(expected, abs=1e-12), (step, slot)
    assert index.dense_words() > 0  # the test did exercise the NumPy table
