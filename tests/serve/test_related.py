"""Related articles ("Baca juga") over the sample store: what they claim to share is true."""

from __future__ import annotations

from collections import Counter

from warta.store import open_store
from warta.store.browse import RELATED_ENTITIES

from serve_store import sample_store


def test_related_articles_share_the_entities_they_claim() -> None:
    """The bounded candidate pool still ranks by the true count of shared top entities."""
    with open_store(sample_store()) as store:
        cards = store.latest(limit=100)
        checked = 0
        for card in cards:
            counts = Counter(m.key for m in store.mentions(card.id))
            mine = {k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:RELATED_ENTITIES]}
            found = [r for r in store.related(card.id, limit=6) if r.reason == "entities"]
            for r in found:
                theirs = {m.key for m in store.mentions(r.article.id)}
                assert r.shared == len(mine & theirs) > 0
                assert r.article.id != card.id
                checked += 1
            assert [r.shared for r in found] == sorted((r.shared for r in found), reverse=True)
        assert checked > 0
