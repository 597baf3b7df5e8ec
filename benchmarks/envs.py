"""Interpreters for the extractors: the project venv for warta, ``.bench-venv`` for the peers.

The peers' pins clash with the project's (and with each other's older releases), so they live in
their own virtual environment at the repository root, built on first use from
``benchmarks/peers-requirements.txt`` and rebuilt when that file changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
PEER_VENV = REPO / ".bench-venv"
REQUIREMENTS = BENCH_DIR / "peers-requirements.txt"
RUNNER = BENCH_DIR / "run_peer.py"
_STAMP = PEER_VENV / ".requirements-sha256"


def _venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def project_python() -> Path:
    """The project venv's interpreter (warta's dependencies), or this one if there is none."""
    candidate = _venv_python(REPO / ".venv")
    return candidate if candidate.exists() else Path(sys.executable)


def peer_python() -> Path:
    return _venv_python(PEER_VENV)


def ensure_peer_venv(log: bool = True) -> Path:
    """Create or refresh ``.bench-venv`` when it is missing or the requirements changed."""
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    python = peer_python()
    if python.exists() and _STAMP.exists() and _STAMP.read_text().strip() == wanted:
        return python
    if log:
        print(f"setting up {PEER_VENV.relative_to(REPO)} from {REQUIREMENTS.relative_to(REPO)} ...", flush=True)
    if not python.exists():
        subprocess.run(["python3", "-m", "venv", str(PEER_VENV)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # The pip bundled with older Pythons trips over lxml's extras in this set; upgrade it first.
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True)
    _STAMP.write_text(wanted + "\n")
    return python


def python_for(tool: str) -> Path:
    return project_python() if tool == "warta" else peer_python()


def tool_version(tool: str) -> str:
    done = subprocess.run(
        [str(python_for(tool)), str(RUNNER), tool, "--version"], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return "unavailable"
    return done.stdout.strip()


def _git(*args: str) -> str | None:
    done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else None


def warta_revision() -> str:
    """Short commit of the checkout, with a note when src/ has uncommitted changes."""
    commit = _git("rev-parse", "--short", "HEAD") or "no commit"
    dirty = _git("status", "--porcelain", "--", "src")
    return f"{commit} + uncommitted changes in src/" if dirty else commit


def _python_version(python: Path) -> str:
    if not python.exists():
        return "not installed"
    done = subprocess.run(
        [str(python), "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict[str, str | int]:
    return {
        "cpus": os.cpu_count() or 0,
        "cpu_model": _cpu_model(),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "python_project": _python_version(project_python()),
        "python_peers": _python_version(peer_python()),
    }


def pinned_requirements() -> dict[str, str]:
    pins = {}
    for line in REQUIREMENTS.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip()] = version.strip()
    return pins


if __name__ == "__main__":
    ensure_peer_venv()
    print(json.dumps(machine(), indent=2))
