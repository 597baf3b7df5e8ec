"""The entity page's mentions-over-time chart, as numbers an inline SVG template draws (no
JavaScript, no inline style: bar sizes are SVG attributes, which the page's CSP allows)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from warta.store import DayCount

__all__ = ["Bar", "Chart", "day_bars"]

#: The most recent days drawn; older ones are in the table under the chart.
MAX_DAYS = 60
_WIDTH, _HEIGHT, _GAP = 600, 120, 2


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: str
    mentions: int


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    peak: int


def day_bars(timeline: Sequence[DayCount]) -> Chart:
    """One bar per day with mentions (the last :data:`MAX_DAYS`), scaled to the busiest day."""
    days = list(timeline)[-MAX_DAYS:]
    peak = max((d.mentions for d in days), default=0)
    if not days or peak == 0:
        return Chart(_WIDTH, _HEIGHT, (), 0)
    step = _WIDTH / len(days)
    bars = []
    for n, day in enumerate(days):
        height = max(1.0, (_HEIGHT - 4) * day.mentions / peak)
        bars.append(
            Bar(
                round(n * step, 1),
                round(_HEIGHT - height, 1),
                round(max(step - _GAP, 1.0), 1),
                round(height, 1),
                day.day,
                day.mentions,
            )
        )
    return Chart(_WIDTH, _HEIGHT, tuple(bars), peak)
