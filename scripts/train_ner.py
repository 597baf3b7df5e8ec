"""Train warta's NER model from ../shared/corpora/ner into src/warta/lang/id/ner/data/.

    python3 scripts/train_ner.py [--out DIR] [--limit N] [--iterations N] [--c1 X] [--c2 X]
    python3 scripts/train_ner.py --variants     # also compare the variants, write docs/model-card.md

A thin wrapper over ``warta.lang.id.ner.train`` (see its docstring for the inputs and the method)
that finds ``../shared`` next to the checkout.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from warta.lang.id.ner.train import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(
        main(sys.argv[1:], default_shared=ROOT.parent / "shared", default_card=ROOT / "docs" / "model-card.md")
    )
