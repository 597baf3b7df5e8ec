"""Many articles: analysed in order, a run at a time, never more than the run held."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import warta
from warta.model import Article

TEXTS = [
    "Presiden Joko Widodo tiba di Surabaya pada Senin (17/6/2024).",
    "“Stok aman,” kata Budi Santoso, Kepala Dinas Pangan.",
    "Banjir melanda Bekasi, Jawa Barat.",
    "Menteri Keuangan Sri Mulyani bertemu Gubernur Bali Wayan Koster.",
    "KPK menahan seorang tersangka.",
]


def test_results_match_one_at_a_time_in_order() -> None:
    # an article with no text among them: the batched tagger's share of sentences must still line up
    articles = (
        [Article(paragraphs=(t,)) for t in TEXTS[:2]] + [Article()] + [Article(paragraphs=(t,)) for t in TEXTS[2:]]
    )
    got = list(warta.analyze_articles(articles, read_ahead=2))
    assert [a.article for a in got] == articles
    assert [a.to_dict() for a in got] == [warta.analyze_article(a).to_dict() for a in articles]


def test_reads_at_most_one_run_ahead() -> None:
    taken: list[int] = []

    def source() -> Iterator[Article]:
        for i, text in enumerate(TEXTS):
            taken.append(i)
            yield Article(paragraphs=(text,))

    analyses = warta.analyze_articles(source(), read_ahead=2)
    next(analyses)
    assert taken == [0, 1]
    next(analyses)
    next(analyses)
    assert taken == [0, 1, 2, 3]
    assert len(list(analyses)) == 2 and taken == [0, 1, 2, 3, 4]


def test_a_run_must_hold_one_article() -> None:
    with pytest.raises(ValueError, match="read_ahead"):
        next(warta.analyze_articles([Article(paragraphs=("x",))], read_ahead=0))
