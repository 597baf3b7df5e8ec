"""Story clustering and near-duplicate detection on the hand-annotated gold set, and their speed.

    .venv/bin/python benchmarks/stories.py            # score, time, write the doc section and JSON
    .venv/bin/python benchmarks/stories.py --tune     # also print the tuning grid and the split check

Stories: the 249 articles of tests/data/stories-gold/stories.jsonl are analysed (entities,
quotes) and fed in time order to ``warta.stories.StoryClusterer`` with its default settings;
B-cubed P/R/F1 against the gold stories. The same for the plain baseline (TF-IDF single link,
threshold tuned on the tuning half) and for all-singletons. The stories are split in two halves
by a hash of the story slug (``storygold.split_half``): parameters are tuned on ``tune`` and
reported on ``held-out`` (each half clustered on its own) and on ``all`` (one stream). The second
set, tests/data/stories-gold/stories-2023.jsonl (364 articles of 27 February 2023, annotated before
warta was run on it), is clustered as one stream with the same settings: the blind check.

Near-duplicates: the 86 labelled pairs, split in halves by a hash of the pair; a pair is
predicted a duplicate when ``warta.dedup`` would call it one: the same dedup text, or a verified
Jaccard, or a containment with the same opening, at their thresholds (``warta.dedup.similarity``). The
Jaccard alone (the method before containment) is reported next to it.
Sanity check: the 249 story articles run through a ``DuplicateIndex`` in time order; every
duplicate it reports that is not a gold positive pair is listed.

Writes the ``stories`` section of docs/benchmarks.md and benchmarks/results/stories.json; exits
without writing when ../shared is missing. The texts stay in ../shared: nothing here prints them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(BENCH_DIR))

from datasketch import MinHashLSH  # noqa: E402

import docsection  # noqa: E402  (sibling modules: benchmarks/ is on sys.path when run as a script)
import storygold  # noqa: E402
from warta.analyze import analyze_article  # noqa: E402
from warta.dedup import DedupSettings, DuplicateIndex, Fingerprint, Similarity, fingerprint, similarity  # noqa: E402
from warta.extract.dates import to_utc  # noqa: E402
from warta.model import Analysis  # noqa: E402
from warta.stories import StoryClusterer, StorySettings, bcubed, single_link  # noqa: E402

RESULTS = BENCH_DIR / "results" / "stories.json"
HALVES = ("tune", "held-out", "all")
TARGETS = {"bcubed_f1": 0.95, "dup_recall": 0.95, "dup_precision": 0.99}
# (lead words, body weight) tried on top of the whole-text grid; 0 words is the whole text alone.
LEAD_SETTINGS = ((0, 1.0), *((lead, body) for lead in (40, 60, 80) for body in (0.3, 0.5, 0.7)))
CURVE = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9)


def key(ref: storygold.Ref) -> str:
    return f"{ref[0]}/{ref[1]}#{ref[2]}"


def time_order(items: list[tuple[str, Analysis]]) -> list[tuple[str, Analysis]]:
    """Published time, then key: the order an ingest of a sorted feed would see."""

    def sort_key(item: tuple[str, Analysis]) -> tuple[str, str]:
        moment = to_utc(item[1].article.published) if item[1].article.published else None
        return (moment.isoformat() if moment else "", item[0])

    return sorted(items, key=sort_key)


def run_warta(items: list[tuple[str, Analysis]], settings: StorySettings) -> dict[str, str]:
    clusterer = StoryClusterer(settings)
    return {a.article: a.story for a in (clusterer.add(k, an) for k, an in time_order(items))}


def baseline_text(analysis: Analysis) -> str:
    return f"{analysis.article.title or ''}\n{analysis.article.text}"


def run_baseline(items: list[tuple[str, Analysis]], threshold: float) -> dict[str, str]:
    return single_link({k: baseline_text(an) for k, an in items}, threshold)


def halves(items: list[tuple[str, Analysis]], gold: dict[str, str]) -> dict[str, list[tuple[str, Analysis]]]:
    out: dict[str, list[tuple[str, Analysis]]] = {h: [] for h in HALVES}
    for item in items:
        out[storygold.split_half(gold[item[0]])].append(item)
        out["all"].append(item)
    return out


def score(pred: dict[str, str], gold: dict[str, str]) -> dict[str, Any]:
    sub = {k: gold[k] for k in pred}
    return bcubed(pred, sub).to_dict()


def tune_baseline(items: list[tuple[str, Analysis]], gold: dict[str, str]) -> float:
    grid = [t / 100 for t in range(10, 61)]
    return max(grid, key=lambda t: (score(run_baseline(items, t), gold)["f1"], -t))


def tune_warta(items: list[tuple[str, Analysis]], gold: dict[str, str], *, verbose: bool) -> StorySettings:
    """The grid's best settings on ``items``: first the whole-text model, then the lead on top of it."""
    best: tuple[float, StorySettings] | None = None

    def consider(s: StorySettings) -> None:
        nonlocal best
        f1 = score(run_warta(items, s), gold)["f1"]
        if best is None or f1 > best[0] + 1e-9:  # ties keep the earlier (lower) setting
            best = (f1, s)
            if verbose:
                print(f"  tune best so far F1 {f1:.3f}: {s}")

    whole = replace(StorySettings(), lead_words=0)
    for link in (0.0, 0.5, 1.0):
        for entity in (0.0, 0.2, 0.4):
            for title in (1, 2, 3):
                for t in range(14, 46, 2):
                    s = replace(whole, threshold=t / 100, link_weight=link, entity_weight=entity, title_weight=title)
                    consider(s)
    assert best is not None
    base = best[1]
    for lead, body in LEAD_SETTINGS:
        for t in range(14, 46, 2):
            consider(replace(base, threshold=t / 100, lead_words=lead, body_weight=body))
    return best[1]


def split_check(items: list[tuple[str, Analysis]], gold: dict[str, str], rounds: int = 16) -> dict[str, float]:
    """Mean F1 on one part of ``items`` with the threshold tuned on the other, over random splits by story.

    A check that a setting's gain on the tuning half is not the luck of one threshold: for each
    (lead words, body weight) of the grid, and the whole text alone, the stories of ``items`` are
    split in two by a seeded hash, the threshold is tuned on one part and F1 read on the other.
    """
    out: dict[str, float] = {}
    stories = sorted({gold[k] for k, _ in items})
    for lead, body in LEAD_SETTINGS:
        total = 0.0
        for seed in range(rounds):
            part = {s for s in stories if hashlib.sha256(f"{seed}:{s}".encode()).digest()[0] % 2 == 0}
            fit = [it for it in items if gold[it[0]] in part]
            rest = [it for it in items if gold[it[0]] not in part]
            view = replace(StorySettings(), lead_words=lead, body_weight=body)
            grid = [replace(view, threshold=t / 100) for t in range(18, 42, 2)]
            chosen = max(grid, key=lambda s: (score(run_warta(fit, s), gold)["f1"], -s.threshold))
            total += score(run_warta(rest, chosen), gold)["f1"]
        out[f"lead {lead}, body {body}"] = total / rounds
    return out


def pair_half(pair: storygold.GoldPair) -> str:
    text = "|".join(sorted([key(pair.a), key(pair.b)]))
    return "tune" if hashlib.sha256(text.encode()).digest()[0] % 2 == 0 else "held-out"


def pr(scored: list[tuple[Similarity, bool]], near: Callable[[Similarity], bool]) -> dict[str, float]:
    tp = sum(1 for s, d in scored if d and near(s))
    fp = sum(1 for s, d in scored if not d and near(s))
    positives = sum(1 for _, d in scored if d)
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / positives if positives else 0.0,
        "tp": tp,
        "fp": fp,
        "positives": positives,
    }


def tune_dedup(gold_articles: list[storygold.GoldArticle], pairs: list[storygold.GoldPair]) -> None:
    """Print the containment-and-opening grid on the tuning half: for each setting, the duplicates
    found and the hard negatives let through (the Jaccard at its threshold is always on)."""
    base = DedupSettings()
    prints = {a.ref: fingerprint(a.article, base) for a in gold_articles}
    tune = [p for p in pairs if pair_half(p) == "tune"]
    for chars in (200, 300, 400):
        settings = replace(base, opening_chars=chars)
        scored = [(similarity(prints[p.a], prints[p.b], settings), p.duplicate) for p in tune]
        for containment in (0.7, 0.75, 0.8, 0.85, 0.9):
            for opening in (0.5, 0.6, 0.7, 0.8, 0.9):
                grid = replace(settings, containment=containment, opening=opening)
                found = pr(scored, lambda s, grid=grid: s.near(grid))
                print(
                    f"  dedup opening {chars} chars >= {opening}, containment >= {containment}: "
                    f"tune TP {found['tp']}/{found['positives']}, FP {found['fp']}"
                )


def not_candidates(
    prints: dict[storygold.Ref, Fingerprint], pairs: list[storygold.GoldPair], settings: DedupSettings
) -> list[str]:
    """The gold duplicates (not exact) that the measures accept but the LSH would not return as
    candidates: the online index misses them although the scores above count them."""
    missed = []
    for pair in pairs:
        a, b = prints[pair.a], prints[pair.b]
        if not pair.duplicate or a.digest == b.digest or a.minhash is None or b.minhash is None:
            continue
        if similarity(a, b, settings).near(settings):
            lsh = MinHashLSH(threshold=settings.candidate_jaccard, num_perm=settings.num_perm)
            lsh.insert("a", a.minhash)
            if not lsh.query(b.minhash):
                missed.append(f"{key(pair.a)} {key(pair.b)}")
    return missed


def dedup_bench(gold_articles: list[storygold.GoldArticle], pairs: list[storygold.GoldPair]) -> dict[str, Any]:
    settings = DedupSettings()
    prints = {a.ref: fingerprint(a.article, settings) for a in gold_articles}
    scored = {h: [] for h in HALVES}  # type: dict[str, list[tuple[Similarity, bool]]]
    by_kind: dict[str, list[Similarity]] = {}
    for pair in pairs:
        s = similarity(prints[pair.a], prints[pair.b], settings)
        if prints[pair.a].digest == prints[pair.b].digest:
            s = Similarity(1.0, 1.0, 1.0)
        scored[pair_half(pair)].append((s, pair.duplicate))
        scored["all"].append((s, pair.duplicate))
        if pair.duplicate:
            by_kind.setdefault(pair.kind or "unknown", []).append(s)
    tune_negatives = [s for s, d in scored["tune"] if not d]

    def warta(s: Similarity) -> bool:
        return s.near(settings)

    def jaccard_only(s: Similarity) -> bool:
        return s.jaccard >= settings.threshold

    result: dict[str, Any] = {
        "threshold": settings.threshold,
        "containment": settings.containment,
        "opening": settings.opening,
        "opening_chars": settings.opening_chars,
        # The lowest Jaccard threshold with no false duplicate on the tuning half (rounded up).
        "calibrated_on_tune": round(max((s.jaccard for s in tune_negatives), default=0.0) + 0.005, 3),
        # Gold duplicates the measures accept but the LSH index would not return as candidates.
        "not_lsh_candidates": not_candidates(prints, pairs, settings),
        "pairs": {h: len(scored[h]) for h in HALVES},
        "at_threshold": {h: pr(scored[h], warta) for h in HALVES},
        "jaccard_only": {h: pr(scored[h], jaccard_only) for h in HALVES},
        # Jaccard alone, then with containment and opening at their thresholds next to it.
        "curve": {str(t): pr(scored["all"], lambda s, t=t: s.jaccard >= t) for t in CURVE},
        "curve_with_containment": {
            str(t): pr(scored["all"], lambda s, t=t: s.near(replace(settings, threshold=t))) for t in CURVE
        },
        # Recall by kind of duplicate (precision is over all pairs, above).
        "recall_by_kind": {
            kind: {
                "pairs": len(found),
                "found": sum(1 for s in found if warta(s)),
                "found_jaccard_only": sum(1 for s in found if jaccard_only(s)),
            }
            for kind, found in sorted(by_kind.items())
        },
    }
    # Sanity: the story articles in time order through the online index.
    story_items = [a for a in gold_articles if a.story is not None]
    story_items.sort(key=lambda a: (a.article.published or "", key(a.ref)))
    positives = {frozenset((key(p.a), key(p.b))) for p in pairs if p.duplicate}
    index = DuplicateIndex(settings)
    start = time.process_time()
    flagged: list[dict[str, Any]] = []
    for item in story_items:
        found = index.add(key(item.ref), item.article)
        if found is not None:
            flagged.append(
                {
                    "article": key(item.ref),
                    "matched": found.matched,
                    "similarity": round(found.similarity, 3),
                    "containment": round(found.containment, 3),
                    "opening": round(found.opening, 3),
                    "gold_positive": frozenset((key(item.ref), found.matched)) in positives,
                }
            )
    elapsed = time.process_time() - start
    result["story_articles_flagged"] = flagged
    result["false_duplicates_in_stories"] = sum(1 for f in flagged if not f["gold_positive"])
    result["articles_per_second"] = len(story_items) / elapsed if elapsed else None
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="print the tuning grids' progress")
    args = parser.parse_args()
    if not storygold.available():
        print(f"skipped: the gold texts are read from {storygold.TEXTS}, which is missing; nothing written")
        return 0
    gold_articles, pairs = storygold.load()
    if args.tune:
        tune_dedup(gold_articles, pairs)
    start = time.process_time()
    analyses = {key(a.ref): analyze_article(a.article) for a in gold_articles if a.story is not None}
    analyse_seconds = time.process_time() - start
    gold = {key(a.ref): a.story for a in gold_articles if a.story is not None}
    items = sorted(analyses.items())
    split = halves(items, gold)

    default = StorySettings()
    tuned = tune_warta(split["tune"], gold, verbose=args.tune)
    if args.tune:
        print("random splits of the tuning half (threshold tuned on one part, mean F1 on the other):")
        for name, f1 in split_check(split["tune"], gold).items():
            print(f"  {name}: {f1:.3f}")
    base_threshold = tune_baseline(split["tune"], gold)
    stories: dict[str, Any] = {}
    for half in HALVES:
        subset = split[half]
        # Best of five runs: the machine is shared, and one run of 249 articles moved by a third.
        seconds = float("inf")
        for _ in range(5):
            start = time.process_time()
            predicted = run_warta(subset, default)
            seconds = min(seconds, time.process_time() - start)
        stories[half] = {
            "articles": len(subset),
            "gold_stories": len({gold[k] for k, _ in subset}),
            "warta": score(predicted, gold),
            "warta_stories": len(set(predicted.values())),
            "warta_tuned_grid": score(run_warta(subset, tuned), gold),
            "warta_no_gate": score(run_warta(subset, replace(default, participant_gate=False)), gold),
            "baseline": score(run_baseline(subset, base_threshold), gold),
            "singletons": score({k: k for k, _ in subset}, gold),
            "cluster_articles_per_second": len(subset) / seconds if seconds else None,
        }
    second, _ = storygold.load(with_pairs=False, stories_file=storygold.SECOND_SET)
    second_items = sorted((key(a.ref), analyze_article(a.article)) for a in second)
    second_gold = {key(a.ref): str(a.story) for a in second}
    second_predicted = run_warta(second_items, default)
    results = {
        "second_set": {
            "articles": len(second_items),
            "gold_stories": len(set(second_gold.values())),
            "warta": score(second_predicted, second_gold),
            "warta_stories": len(set(second_predicted.values())),
            "warta_no_gate": score(run_warta(second_items, replace(default, participant_gate=False)), second_gold),
            "baseline": score(run_baseline(second_items, base_threshold), second_gold),
            "singletons": score({k: k for k, _ in second_items}, second_gold),
        },
        "stories": stories,
        "settings": {k: str(v) for k, v in asdict(default).items()},
        "grid_best_on_tune": str(tuned),
        "baseline_threshold": base_threshold,
        "analyse_articles_per_second": len(items) / analyse_seconds if analyse_seconds else None,
        "dedup": dedup_bench(gold_articles, pairs),
        "targets": TARGETS,
        "machine": f"{platform.machine()}, Python {platform.python_version()}, one core, CPU time",
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    docsection.write_section("stories", render(results))
    print(render(results))
    return 0


def _row(name: str, s: dict[str, Any]) -> str:
    return f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | **{s['f1']:.3f}** |"


def _bcubed_table(s: dict[str, Any], baseline_threshold: float, no_gate: str) -> list[str]:
    return [
        "| B-cubed | precision | recall | F1 |",
        "|---|---|---|---|",
        _row("warta (online, defaults)", s["warta"]),
        _row(no_gate, s["warta_no_gate"]),
        _row(f"baseline: TF-IDF single link, threshold {baseline_threshold}", s["baseline"]),
        _row("all singletons", s["singletons"]),
        "",
    ]


def render(r: dict[str, Any]) -> str:
    lines = [
        "## Stories and near-duplicates",
        "",
        "Gold: tests/data/stories-gold (docs/stories-annotation.md): 249 articles in 51 stories and 40 singletons,",
        "86 labelled pairs (44 copies, 42 hard negatives). Split by a hash of the story slug (pairs: of the pair):",
        "`tune` chose the parameters, `held-out` was not looked at while tuning. `benchmarks/stories.py`;",
        "method and calibration in [stories.md](stories.md). One exception: the participant gate (2026-11-28)",
        "was designed after reading the errors on all 249, held-out stories included, and the tuning half",
        "is indifferent to it, so its held-out and all figures are not blind; stories.md gives the check",
        "made instead on 3,347 unlabelled articles.",
        "",
    ]
    for half in HALVES:
        s = r["stories"][half]
        lines += [
            f"**{half}** ({s['articles']} articles, {s['gold_stories']} gold stories; warta made {s['warta_stories']})",
            "",
            *_bcubed_table(
                s, r["baseline_threshold"], "warta without the participant gate (the defaults before 2026-11-28)"
            ),
        ]
    s = r["second_set"]
    lines += [
        f"**Second set, blind** ({s['articles']} Kompas.com and Tribunnews.com articles of 27 February 2023, "
        f"{s['gold_stories']} gold stories; warta made {s['warta_stories']}): annotated before warta was run on it,",
        "after every setting above had been chosen; the same settings, the baseline at the threshold tuned above.",
        "",
        *_bcubed_table(s, r["baseline_threshold"], "warta without the participant gate"),
    ]
    d = r["dedup"]
    lines += [
        f"Near-duplicates at the defaults (verified Jaccard >= {d['threshold']}, or containment >= "
        f"{d['containment']} with the longer text's first {d['opening_chars']} characters >= {d['opening']} in "
        f"the shorter; the tuning half alone calls for a Jaccard of {d['calibrated_on_tune']}), and with the "
        "Jaccard alone (the method before containment):",
        "",
        "| pairs | precision | recall | TP | FP | positives | Jaccard alone: precision | recall |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for half in HALVES:
        p, j = d["at_threshold"][half], d["jaccard_only"][half]
        lines.append(
            f"| {half} ({d['pairs'][half]}) | {p['precision']:.3f} | {p['recall']:.3f} | {p['tp']} | {p['fp']} | "
            f"{p['positives']} | {j['precision']:.3f} | {j['recall']:.3f} |"
        )
    kinds = d["recall_by_kind"]
    lines += [
        "",
        f"Recall by kind of duplicate (all pairs; {d['at_threshold']['all']['fp']} hard negatives reach a threshold):",
        "",
        "| kind | pairs | found | recall | Jaccard alone: found |",
        "|---|---|---|---|---|",
    ]
    for kind, k in kinds.items():
        lines.append(
            f"| {kind} | {k['pairs']} | {k['found']} | {k['found'] / k['pairs']:.3f} | {k['found_jaccard_only']} |"
        )
    same_text = [k for kind, k in kinds.items() if kind != "press-release"]
    found, total = sum(k["found"] for k in same_text), sum(k["pairs"] for k in same_text)
    lines += [
        f"| copy + updated | {total} | {found} | {found / total:.3f} | "
        f"{sum(k['found_jaccard_only'] for k in same_text)} |",
        "",
        "Curve over all 86 pairs (Jaccard alone, and with containment and opening at their thresholds):",
        "",
        "| Jaccard >= | precision | recall | with containment: precision | recall |",
        "|---|---|---|---|---|",
    ]
    for t, p in d["curve"].items():
        c = d["curve_with_containment"][t]
        lines.append(f"| {t} | {p['precision']:.3f} | {p['recall']:.3f} | {c['precision']:.3f} | {c['recall']:.3f} |")
    lines += [
        "",
        f"Gold duplicates the measures accept but the LSH would not return as candidates (the online index "
        f"misses them): {len(d['not_lsh_candidates'])}.",
        "",
        f"Sanity check, the 249 story articles through the online index in time order: "
        f"{len(d['story_articles_flagged'])} flagged as duplicates, {d['false_duplicates_in_stories']} of them "
        "not a gold copy pair.",
        "",
        f"Speed ({r['machine']}): analysis {r['analyse_articles_per_second']:.0f} articles/s; dedup "
        f"(fingerprint + index) {d['articles_per_second']:.0f} articles/s; story clustering "
        f"{r['stories']['all']['cluster_articles_per_second']:.0f} articles/s on the analysed articles "
        "(best of 5 runs).",
        "",
        f"Targets: B-cubed F1 >= {TARGETS['bcubed_f1']}; near-duplicate recall >= {TARGETS['dup_recall']} at "
        f"precision >= {TARGETS['dup_precision']}.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
