"""How a function's CPU time grows with its input, for the linear-time tests."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def growth(work: Callable[[str], object], unit: str, small: int = 50_000, large: int = 400_000) -> float:
    """The ratio of the best of three CPU times of ``work`` on ``unit`` repeated to ``large`` and to
    ``small`` characters (8 for linear work at the defaults, 64 for quadratic).

    The garbage collector is paused while timing: its full passes walk every object alive, so in a
    test run holding models and pages they made the ratio for 400,000 tokens of "“" reach 24-25
    (about 10 alone, 8 without them); the work's own time is what the tests check."""

    def seconds(size: int) -> float:
        text = unit * (size // len(unit))
        best = float("inf")
        gc.collect()
        gc.disable()
        try:
            for _ in range(3):
                started = time.process_time()
                work(text)
                best = min(best, time.process_time() - started)
        finally:
            gc.enable()
        return max(best, 1e-3)

    return seconds(large) / seconds(small)
