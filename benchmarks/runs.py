"""Run the extractor processes: quality runs (one pass, outputs kept) and speed runs (timed, pinned).

Every run is a fresh ``run_peer.py`` process. Speed runs are pinned to one CPU (like
``taskset -c 0``) and timed from process start to exit, so the figure includes interpreter
start-up and imports. Peak RSS is the child's own ``ru_maxrss`` from ``wait4``.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpora import Page
from envs import RUNNER, python_for


@dataclass(slots=True)
class ProcessRun:
    seconds: float
    peak_rss_mb: float
    exit_code: int
    stderr: str
    rss_samples: list[tuple[float, float]] = field(default_factory=list)  # (seconds, MB)


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def run_measured(command: Sequence[str], cpu: int | None = None, sample_every: float = 0.0) -> ProcessRun:
    """Run a command to its end; wall time, peak RSS and (optionally) RSS samples over time."""

    def pin() -> None:  # what `taskset -c CPU` does, without needing util-linux
        os.sched_setaffinity(0, {cpu or 0})

    samples: list[tuple[float, float]] = []
    stop = threading.Event()
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, preexec_fn=pin if cpu is not None else None
        )

        def sample() -> None:
            while not stop.wait(sample_every):
                rss = _rss_mb(process.pid)
                if rss is not None:
                    samples.append((round(time.perf_counter() - started, 2), round(rss, 1)))

        sampler = threading.Thread(target=sample, daemon=True) if sample_every > 0 else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        if sampler:
            sampler.join()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", errors="replace")
    return ProcessRun(seconds, usage.ru_maxrss / 1024, process.returncode, stderr, samples)


def write_jobs(pages: Sequence[Page], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(p.job(), ensure_ascii=False) + "\n" for p in pages), encoding="utf-8")
    return path


def _command(tool: str, jobs: Path, out: Path, passes: int = 1) -> list[str]:
    return [
        str(python_for(tool)),
        str(RUNNER),
        tool,
        "--pages-file",
        str(jobs),
        "--out",
        str(out),
        "--passes",
        str(passes),
    ]


def _failure(run: ProcessRun) -> str:
    lines = [line for line in run.stderr.strip().splitlines() if line.strip()]
    return lines[-1] if lines else f"exit status {run.exit_code}"


def quality_run(tool: str, jobs: Path, out: Path) -> tuple[dict[str, dict[str, Any]] | None, str | None]:
    """One pass over the pages; (outputs by page id, None) or (None, why the tool did not run)."""
    run = run_measured(_command(tool, jobs, out))
    if run.exit_code != 0:
        return None, _failure(run)
    outputs = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        outputs[record["id"]] = record
    return outputs, None


def speed_run(tool: str, jobs: Path, pages: int, passes: int, sample_every: float = 0.0) -> dict[str, Any]:
    """``passes`` passes over ``pages`` pages in one process pinned to CPU 0."""
    run = run_measured(_command(tool, jobs, Path(os.devnull), passes), cpu=0, sample_every=sample_every)
    result: dict[str, Any] = {
        "pages": pages * passes,
        "passes": passes,
        "seconds": round(run.seconds, 3),
        "pages_per_s": round(pages * passes / run.seconds, 2),
        "peak_rss_mb": round(run.peak_rss_mb, 1),
        "error": None if run.exit_code == 0 else _failure(run),
    }
    if sample_every > 0:
        result["rss_samples"] = run.rss_samples
    return result
