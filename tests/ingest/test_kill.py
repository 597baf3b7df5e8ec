"""SIGKILL at random moments, then resume: every page stored once, the FTS index in step.

A few rounds here; benchmarks/ingest_kill.py runs as many as asked (20 by default).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from ingest_kill import kill_and_resume

ROUNDS = 5


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_an_ingest_killed_at_a_random_moment_resumes_to_a_complete_store(tmp_path: Path, round_number: int) -> None:
    rng = random.Random(1000 + round_number)
    # 10 pages keep a round under 4 s; start-up (imports, models) takes about 1 s, so the kill
    # lands anywhere from before the first commit to after the last.
    result = kill_and_resume(tmp_path / "round", rng, limit=10, delays=(0.8, 2.4))
    assert result.ok, result.detail
