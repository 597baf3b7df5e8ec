"""Named entities in headlines: warta's title mentions against a hand-annotated gold set.

    .venv/bin/python benchmarks/titles.py

Gold: tests/data/title-entities-gold.jsonl, 128 headlines sampled at random (seeded, 32 from each
CSV file) from ../shared/corpora/text-id, their PER/ORG/LOC spans annotated by hand
(docs/language.md#entities-in-headlines says how). The file holds identifiers and character
offsets only; the headlines are read from ../shared, and nothing here prints them.

Each row is made an article the way an ingest of its CSV would (benchmarks/storygold.py) and
analysed whole (title and body), and the title's PER/ORG/LOC mentions are scored: exact span and
label, then span only. Peers in the same run: the same pipeline with the headline read as
written (``default_pipeline(headline_case=False)``, warta before the casing step), and the tagger on the
headline alone.

Writes the ``titles`` section of docs/benchmarks.md and benchmarks/results/titles.json; exits
without writing when ../shared is missing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(BENCH_DIR))

import docsection  # noqa: E402
import storygold  # noqa: E402
from warta.analyze.pipeline import Pipeline, default_pipeline  # noqa: E402
from warta.lang.id.ner import load_tagger, spans  # noqa: E402
from warta.lang.id.tokens import tokenize  # noqa: E402
from warta.model import Article  # noqa: E402

GOLD = REPO / "tests" / "data" / "title-entities-gold.jsonl"
RESULTS = BENCH_DIR / "results" / "titles.json"
LABELS = ("PER", "ORG", "LOC")
Span = tuple[int, int, str]


def load() -> list[tuple[Article, set[Span]]]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    files: dict[tuple[str, str], list[dict[str, str]]] = {}
    out = []
    for row in rows:
        key = (row["source"], row["file"])
        if key not in files:
            files[key] = storygold.read_csv(*key)
        article = storygold.to_article(row["source"], files[key][row["row"]])
        out.append((article, {(s, e, label) for s, e, label in row["entities"]}))
    return out


def pipeline_spans(pipeline: Pipeline) -> Callable[[Article], set[Span]]:
    def run(article: Article) -> set[Span]:
        analysis = pipeline(article)
        return {(m.start, m.end, m.label) for m in analysis.mentions if m.field == "title" and m.label in LABELS}

    return run


def headline_alone(article: Article) -> set[Span]:
    tokens = tokenize(article.title or "")
    words = [t.text for t in tokens]
    found = spans(words, load_tagger().tag(words)) if words else []
    return {(tokens[a].start, tokens[b - 1].end, label) for a, b, label in found}


def score(gold: list[set[Span]], predicted: list[set[Span]], *, typed: bool) -> dict[str, float]:
    def key(spans_: set[Span]) -> set[tuple[int, int, str]]:
        return spans_ if typed else {(s, e, "") for s, e, _ in spans_}

    tp = sum(len(key(g) & key(p)) for g, p in zip(gold, predicted, strict=True))
    n_pred = sum(len(key(p)) for p in predicted)
    n_gold = sum(len(key(g)) for g in gold)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "predicted": n_pred, "gold": n_gold}


def by_label(gold: list[set[Span]], predicted: list[set[Span]]) -> dict[str, dict[str, float]]:
    return {
        label: score(
            [{s for s in g if s[2] == label} for g in gold],
            [{s for s in p if s[2] == label} for p in predicted],
            typed=True,
        )
        for label in LABELS
    }


def main() -> int:
    if not storygold.available():
        print(f"skipped: the headlines are read from {storygold.TEXTS}, which is missing; nothing written")
        return 0
    data = load()
    gold = [g for _, g in data]
    plain = default_pipeline(headline_case=False)
    systems = {
        "warta": pipeline_spans(default_pipeline()),
        "warta, headline read as written": pipeline_spans(plain),
        "tagger on the headline alone": headline_alone,
    }
    results: dict[str, Any] = {"headlines": len(data), "gold_mentions": sum(len(g) for g in gold), "systems": {}}
    for name, run in systems.items():
        predicted = [run(article) for article, _ in data]
        results["systems"][name] = {
            "typed": score(gold, predicted, typed=True),
            "span": score(gold, predicted, typed=False),
            "by_label": by_label(gold, predicted),
        }
    markdown = render(results)
    docsection.publish("titles", markdown, results, RESULTS)
    print(markdown)
    return 0


def render(r: dict[str, Any]) -> str:
    lines = [
        "## Entities in headlines",
        "",
        f"Gold: tests/data/title-entities-gold.jsonl, {r['headlines']} headlines drawn at random from the four "
        f"text-id CSV files, {r['gold_mentions']} PER/ORG/LOC mentions annotated by hand (docs/language.md). "
        "Each article is analysed whole; its title mentions are scored (exact span and label; then span "
        "only). In-sample: the casing rules were chosen while reading this gold's errors. "
        "`benchmarks/titles.py`; method in docs/language.md#entities-in-headlines.",
        "",
        "| system | precision | recall | F1 | span only: P | R | F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s in r["systems"].items():
        t, u = s["typed"], s["span"]
        lines.append(
            f"| {name} | {t['precision']:.3f} | {t['recall']:.3f} | **{t['f1']:.3f}** "
            f"| {u['precision']:.3f} | {u['recall']:.3f} | {u['f1']:.3f} |"
        )
    lines += ["", "By label (warta):", "", "| label | gold | precision | recall | F1 |", "|---|---|---|---|---|"]
    for label, s in r["systems"]["warta"]["by_label"].items():
        lines.append(f"| {label} | {s['gold']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
