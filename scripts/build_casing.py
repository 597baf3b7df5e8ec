"""Build the common lower-case word list that headlines are read with (warta.lang.id.ner.casing).

    python3 scripts/build_casing.py [--shared DIR]

Reads the train splits of the three NER corpora in ../shared/corpora/ner (idner-news-2k,
NERGrit, NERP; MIT licensed, see docs/model-card.md) and writes
src/warta/lang/id/ner/data/lowercase.txt.gz: the words those corpora write in lower case nearly
always. The list holds single words only, no sentences.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from warta.lang.id.ner.casing import LOWERCASE_FILE, build_lowercase, write_lowercase  # noqa: E402
from warta.lang.id.ner.train import read_inputs  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    inputs = read_inputs(args.shared)
    words = build_lowercase(s for sentences in inputs.sentences.values() for s in sentences)
    write_lowercase(words, LOWERCASE_FILE)
    print(f"{len(words)} words -> {LOWERCASE_FILE.relative_to(ROOT)} (from {', '.join(sorted(inputs.files))})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
