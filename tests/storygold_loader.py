"""Load benchmarks/storygold.py (the gold set joined with its texts in ../shared) by path, for the gold tests."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from conftest import ROOT


def storygold() -> ModuleType:
    name = "storygold"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "storygold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
