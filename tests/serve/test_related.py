"""Related articles ("Baca juga") over the sample store: what they claim to share is true."""

from __future__ import annotations

from collections import Counter

import pytest

from warta.store import browse, open_store
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


def test_fetching_few_candidates_first_gives_the_same_related(monkeypatch: pytest.MonkeyPatch) -> None:
    """Candidates are fetched a few first and all only when duplicates and non-news leave too
    few: however few come first, the answer is the one ranking all of them gives."""
    with open_store(sample_store()) as store:
        ids = [card.id for card in store.latest(limit=100)]
        expected = {i: store.related(i, limit=6) for i in ids}
        for first in (1, 3):
            monkeypatch.setattr(browse, "_RELATED_FIRST", first)
            for i in ids:
                got = store.related(i, limit=6)
                assert got == expected[i]
                assert len({r.article.id for r in got}) == len(got)


def test_cards_show_the_article_s_first_image() -> None:
    with open_store(sample_store()) as store:
        cards = store.latest(limit=100)
        for card in cards:
            images = store.article(card.id).article.images
            assert card.image == (images[0].url if images else None)
        assert sum(card.image is not None for card in cards) >= 5
