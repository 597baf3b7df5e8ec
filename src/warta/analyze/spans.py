"""Overlap tests against many character spans in logarithmic time."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable


class SpanSet:
    """Spans (start, end), asked "does anything overlap [start, end)?" without a scan over all of them."""

    __slots__ = ("_max_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._max_ends: list[int] = []  # the furthest end among the spans up to each one
        furthest = -1
        for _, b in ordered:
            furthest = max(furthest, b)
            self._max_ends.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        """True when some span has ``a < end`` and ``b > start``."""
        last = bisect_left(self._starts, end) - 1  # the spans starting before ``end``
        return last >= 0 and self._max_ends[last] > start
