"""The plain baseline story clustering compares against: TF-IDF single link with one threshold.

Offline (all texts at once, IDF over all of them): two articles are linked when the cosine of
their TF-IDF vectors reaches ``threshold``, and stories are the connected components. No
entities, no time, no title weighting. Kept to show what the online clusterer adds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from warta.stories.vectors import OnlineIdf, dot, words


def single_link(texts: Mapping[str, str], threshold: float) -> dict[str, str]:
    """Cluster ``texts`` (key -> text); returns key -> the cluster's smallest key."""
    keys = sorted(texts)
    idf = OnlineIdf()
    counts = [Counter(words(texts[k])) for k in keys]
    for bag in counts:
        idf.observe(bag.keys())
    vectors = [idf.vector(bag) for bag in counts]
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if dot(vectors[i], vectors[j]) >= threshold:
                a, b = root(i), root(j)
                parent[max(a, b)] = min(a, b)
    return {k: keys[root(i)] for i, k in enumerate(keys)}
