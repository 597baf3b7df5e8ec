"""Named-entity benchmark: the shipped NER model on three Indonesian corpora, with speed and size.

    python3 benchmarks/ner.py [--passes 5]

Quality: entity-level exact-match F1 (conlleval style, ``warta.lang.id.ner.scoring``) on the
idner-news-2k dev split and the NERGrit and NERP valid splits, from ``../shared/corpora/ner``.
The shipped model is scored in its default (news) style on all three and in each corpus's own
style. A baseline row retrains a plain CRF with word features only (no gazetteer, no cue
words, no other corpus) on idner-news-2k train, the setup of the issue's 0.856 reference.

Speed: sentences per second over the three evaluation sets in one process pinned to one CPU,
for features + tagging (``tag_many``, and ``tag`` one sentence at a time) and for tagging
alone on precomputed features. Load time is measured in a fresh interpreter.

Writes the ``ner`` section of docs/benchmarks.md and benchmarks/results/ner.json.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
SHARED = REPO.parent / "shared"
RESULTS = BENCH_DIR / "results" / "ner.json"
DOC = REPO / "docs" / "benchmarks.md"
SETS = {"idner": "idner-news-2k dev", "nergrit": "NERGrit valid", "nerp": "NERP valid"}
TARGETS = {"idner": 0.88, "nergrit": 0.80, "nerp": 0.80}
# Published figures (IndoNLU and IndoLEM papers, their own test splits: not the splits scored here).
PUBLISHED = {"nergrit": "79.09 (XLM-R base, test)", "nerp": "79.25 (IndoBERT-large, test)"}

sys.path.insert(0, str(REPO / "src"))

import docsection  # noqa: E402  (a sibling module: benchmarks/ is on sys.path when run as a script)
from warta.lang.id.ner import MODEL_FILE, NEURAL_FILE, load_tagger, model_info  # noqa: E402
from warta.lang.id.ner.clusters import CLUSTERS_FILE  # noqa: E402
from warta.lang.id.ner.conll import Sentence  # noqa: E402
from warta.lang.id.ner.features import FeatureExtractor  # noqa: E402
from warta.lang.id.ner.lexicon import CUES_FILE, GAZETTEER_FILE, Cues, Gazetteer  # noqa: E402
from warta.lang.id.ner.names import NAMES_FILE  # noqa: E402
from warta.lang.id.ner.scoring import score  # noqa: E402
from warta.lang.id.ner.tagger import Tagger  # noqa: E402
from warta.lang.id.ner.train import Settings, read_inputs, read_split, train_model  # noqa: E402


def evaluation_sets() -> dict[str, list[Sentence]]:
    return {corpus: read_split(SHARED, corpus, 1)[0] for corpus in SETS}


def quality(tagger: Tagger, sets: dict[str, list[Sentence]]) -> dict[str, Any]:
    return {
        corpus: score([s.tags for s in sentences], tagger.tag_many([s.tokens for s in sentences])).to_dict()
        for corpus, sentences in sets.items()
    }


def baseline(sets: dict[str, list[Sentence]]) -> dict[str, Any]:
    """A plain CRF: word, shape, affix and neighbour features only, idner-news-2k train only."""
    started = time.perf_counter()
    inputs = read_inputs(SHARED, ["idner"])
    extractor = FeatureExtractor(Cues.empty(), Gazetteer())
    model = train_model(inputs, extractor, Settings(domains=False, names=False))
    seconds = time.perf_counter() - started
    return {"scores": quality(Tagger(model, extractor), sets), "training_seconds": round(seconds, 1)}


def speed(sets: dict[str, list[Sentence]], passes: int) -> dict[str, Any]:
    """Sentences per CPU second on one pinned core: batched, one by one, and with cold caches.

    CPU time (``time.process_time``), not wall time: the machine is shared, and wall time on a
    busy machine measures the neighbours as much as the tagger.
    """
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    sentences = [s.tokens for sentences in sets.values() for s in sentences]
    tokens = sum(map(len, sentences))
    out: dict[str, Any] = {"sentences": len(sentences), "tokens": tokens, "passes": passes}
    fresh = load_tagger.__wrapped__()  # a new tagger: empty word caches
    started = time.process_time()
    fresh.tag_many(sentences)
    out["tag_many_cold"] = round(len(sentences) / (time.process_time() - started))
    tagger = load_tagger()
    tagger.tag_many(sentences)  # warm the caches, as in a long-running process
    started = time.process_time()
    for _ in range(passes):
        tagger.tag_many(sentences)
    out["tag_many"] = round(passes * len(sentences) / (time.process_time() - started))
    started = time.process_time()
    for sentence in sentences:
        tagger.tag(sentence)
    out["tag"] = round(len(sentences) / (time.process_time() - started))
    out["tokens_per_second_tag_many"] = round(out["tag_many"] * tokens / len(sentences))
    return out


def load_time() -> dict[str, float]:
    """Seconds to import warta's NER package and to load the tagger, in a fresh interpreter (best of 3)."""
    code = (
        "import time; t0 = time.perf_counter(); import warta.lang.id.ner as ner; t1 = time.perf_counter(); "
        "ner.load_tagger(); t2 = time.perf_counter(); print(t1 - t0, t2 - t1)"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    runs = []
    for _ in range(3):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
        runs.append(tuple(float(x) for x in done.stdout.split()))
    best = min(runs, key=sum)
    return {"import_seconds": round(best[0], 3), "load_seconds": round(best[1], 3)}


def sizes() -> dict[str, int]:
    files = (MODEL_FILE, NEURAL_FILE, GAZETTEER_FILE, CLUSTERS_FILE, NAMES_FILE, CUES_FILE)
    return {path.name: path.stat().st_size for path in files if path.exists()}


def git_revision() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO, check=False
    )
    return done.stdout.strip() or "unknown"


def run(passes: int) -> dict[str, Any]:
    sets = evaluation_sets()
    info = model_info()
    shipped = {"default": quality(load_tagger(), sets)}
    for corpus in info["domains"]:
        shipped[corpus] = quality(load_tagger(corpus), {corpus: sets[corpus]})
    return {
        "benchmark": "ner",
        "updated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "command": "python3 benchmarks/ner.py" + (f" --passes {passes}" if passes != 5 else ""),
        "machine": {
            "cpus": os.cpu_count() or 0,
            "system": f"{platform.system()} {platform.release()} {platform.machine()}",
            "python": platform.python_version(),
        },
        "warta_revision": git_revision(),
        "model": {"default_domain": info["default_domain"], "domains": info["domains"], "settings": info["settings"]},
        "sets": {corpus: len(sentences) for corpus, sentences in sets.items()},
        "shipped": shipped,
        "baseline": baseline(sets),
        "speed": speed(sets, passes),
        "load": load_time(),
        "sizes": sizes(),
    }


def _f1(entry: dict[str, Any] | None) -> str:
    return "—" if entry is None else f"{entry['f1']:.3f}"


def render(r: dict[str, Any]) -> str:
    shipped, base, sp, load = r["shipped"], r["baseline"]["scores"], r["speed"], r["load"]
    default = r["model"]["default_domain"]
    head = "| model | " + " | ".join(f"{SETS[c]} ({r['sets'][c]} sentences)" for c in SETS) + " |"
    rows = [head, "| --- |" + " ---: |" * len(SETS)]
    own = " | ".join(_f1(shipped.get(c, {}).get(c)) for c in SETS)
    rows.append(f"| **warta, each corpus's own style** | {own} |")
    rows.append(f"| warta, default style ({default}) | " + " | ".join(_f1(shipped["default"][c]) for c in SETS) + " |")
    rows.append("| baseline CRF, word features, idner train only | " + " | ".join(_f1(base[c]) for c in SETS) + " |")
    rows.append("| target | " + " | ".join(f"≥ {TARGETS[c]:.2f}" for c in SETS) + " |")
    rows.append("| published (their test split) | — | " + " | ".join(PUBLISHED[c] for c in ("nergrit", "nerp")) + " |")
    types = ["| set (own style) | " + " | ".join(f"{t} P / R / F1" for t in ("PER", "ORG", "LOC")) + " |"]
    types.append("| --- |" + " ---: |" * 3)
    for c in SETS:
        entry = shipped.get(c, {}).get(c) or shipped["default"][c]
        cells = []
        for t in ("PER", "ORG", "LOC"):
            s = entry["by_type"].get(t)
            cells.append(
                "—" if s is None else f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f} ({s['gold']})"
            )
        types.append(f"| {SETS[c]} | " + " | ".join(cells) + " |")
    total = sum(r["sizes"].values())
    sizes = ", ".join(f"`{name}` {size / 1e6:.2f} MB" for name, size in r["sizes"].items())
    return "\n".join(
        [
            "## Named entities",
            "",
            f"_Written by `{r['command']}` on {r['updated']}. Machine: {r['machine']['cpus']} CPUs, "
            f"{r['machine']['system']}, Python {r['machine']['python']}; warta {r['warta_revision']}._",
            "",
            "Entity-level exact-match F1 (an entity counts when its first token, last token and type all "
            "match; conlleval's reading of IOB2), micro-averaged over PER, ORG and LOC. The corpora's own tags "
            "are mapped to PER/ORG/LOC as docs/model-card.md explains (NERP's EVT and FNB are dropped). "
            "The model never saw these splits; it learned from the train splits only. warta's rows are the "
            "shipped model: the CRF with the neural scorer's scores added (docs/model-card.md).",
            "",
            *rows,
            "",
            "Per type, each corpus in its own style (gold entities in brackets):",
            "",
            *types,
            "",
            f"Speed, per CPU second on one pinned core, over all {sp['sentences']} evaluation sentences "
            f"({sp['tokens']:,} tokens), features included: **{sp['tag_many']:,} sentences/s** with `tag_many` "
            f"and warm word caches ({sp['tokens_per_second_tag_many']:,} tokens/s); {sp['tag_many_cold']:,} "
            f"sentences/s on the first pass of a fresh tagger (every word new); {sp['tag']:,} sentences/s calling "
            "`tag` one sentence at a time (the batched Viterbi pays off over many sentences: tag a whole "
            "article with `tag_many`). CPU time rather than wall time because the machine is shared.",
            "",
            f"Size: {total / 1e6:.2f} MB on disk ({sizes}). Load: importing the package "
            f"{load['import_seconds']:.2f} s (NumPy included), loading the tagger {load['load_seconds']:.2f} s, "
            "in a fresh interpreter.",
            "",
            "Caveats: the issue's 0.856 for a plain CRF is on idner-news-2k's *test* split, which is not in "
            "`../shared`; the baseline row here is the same kind of model scored on dev. The published NERGrit "
            "and NERP figures are on IndoNLU's test splits, whose labels are not public; valid is scored here. "
            "Each corpus's own style uses that corpus's domain weights (`load_tagger(\"nergrit\")`); "
            "the default-style row is what `warta tag` and the pipeline produce.",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=5, help="passes over the evaluation sentences for speed")
    args = parser.parse_args()
    if not (SHARED / "corpora" / "ner").is_dir():
        print(f"benchmarks/ner.py: {SHARED / 'corpora' / 'ner'} not found; nothing measured, docs left as they are")
        return 0
    results = run(args.passes)
    docsection.publish("ner", render(results), results, RESULTS, doc=DOC)
    print(render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
