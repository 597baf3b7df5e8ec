"""The reader's small pieces: mention highlighting from offsets, snippet marks, URLs, dates, windows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from warta.serve.charts import day_bars
from warta.serve.highlight import CLOSE_MARK, OPEN_MARK, Segment, marked, paragraphs
from warta.serve.render import format_date, http_url, strings, window_start
from warta.store import DayCount, MentionSpan


def span(start: int, end: int, text: str, key: str = "per:joko-widodo") -> MentionSpan:
    return MentionSpan("body", 0, start, end, text, "PER", key, "Joko Widodo")


def test_mentions_split_paragraphs_into_segments() -> None:
    texts = ("Joko Widodo tiba.", "Kata Jokowi: ya.")
    # The second paragraph starts after the first and the blank line between them (17 + 2).
    found = paragraphs(texts, [span(0, 11, "Joko Widodo"), span(24, 30, "Jokowi")])
    assert found == [
        [Segment("Joko Widodo", "per:joko-widodo", "PER", "Joko Widodo"), Segment(" tiba.")],
        [Segment("Kata "), Segment("Jokowi", "per:joko-widodo", "PER", "Joko Widodo"), Segment(": ya.")],
    ]
    assert "".join(s.text for s in found[1]) == texts[1]


def test_mentions_that_do_not_fit_are_left_out() -> None:
    texts = ("Joko Widodo tiba di Jakarta.",)
    wrong_text = span(0, 4, "Budi")
    overlapping = span(5, 11, "Widodo")
    past_the_end = span(20, 99, "Jakarta.")
    found = paragraphs(texts, [span(0, 11, "Joko Widodo"), wrong_text, overlapping, past_the_end])
    assert [s.key is not None for s in found[0]] == [True, False]
    assert "".join(s.text for s in found[0]) == texts[0]
    assert paragraphs(texts, []) == [[Segment(texts[0])]]
    assert paragraphs((), [span(0, 4, "Joko")]) == []


def test_snippet_marks() -> None:
    snippet = f"Presiden {OPEN_MARK}Putin{CLOSE_MARK} tiba di {OPEN_MARK}Korea{CLOSE_MARK}"
    assert marked(snippet) == [("Presiden ", False), ("Putin", True), (" tiba di ", False), ("Korea", True)]
    assert marked("tanpa tanda") == [("tanpa tanda", False)]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://kompas.com/a", True),
        ("http://x.id/b?c=1", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example/x", False),
        ("/relative", False),
        ("https://", False),
        (None, False),
    ],
)
def test_only_http_urls_are_linked(url: str | None, ok: bool) -> None:
    assert (http_url(url) is not None) is ok


def test_dates_as_readers_write_them() -> None:
    assert format_date("2024-06-18T09:05:00+07:00") == "18 Juni 2024 09.05 WIB"
    assert format_date("2024-06-18T09:05:00+08:00", "en") == "18 June 2024 09:05 WITA"
    assert format_date("2024-06-18") == "18 Juni 2024"
    assert format_date("bukan tanggal") == "bukan tanggal"
    assert format_date(None) == ""


def test_every_language_has_every_string() -> None:
    table = strings()
    assert set(table["id"]) == set(table["en"])
    assert len(table["id"]["months"]) == len(table["en"]["months"]) == 12


def test_windows_end_at_the_newest_article_of_an_archive() -> None:
    now = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    assert window_start("2016-02-16T07:38:00Z", 24, now) == "2016-02-15T07:38:00Z"
    assert window_start("2026-11-27T11:00:00Z", 24, now) == "2026-11-26T11:00:00Z"
    assert window_start("2030-01-01T00:00:00Z", 24, now) == "2026-11-26T12:00:00Z"  # a future date: now
    assert window_start(None, 24 * 7, now) == "2026-11-20T12:00:00Z"


def test_chart_bars_scale_to_the_busiest_day() -> None:
    chart = day_bars([DayCount("2024-06-17", 2, 1), DayCount("2024-06-18", 8, 3)])
    assert [b.mentions for b in chart.bars] == [2, 8] and chart.peak == 8
    assert chart.bars[1].height > chart.bars[0].height and chart.bars[1].y < chart.bars[0].y
    assert day_bars([]).bars == ()
