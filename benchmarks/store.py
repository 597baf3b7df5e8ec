"""The store targets of issue 5: ingest rate, search and entity latency on 200,000 articles, memory.

    .venv/bin/python benchmarks/store.py                  # measure, write the doc section and JSON
    .venv/bin/python benchmarks/store.py --rows 500 --skip-ingest --no-write   # a quick look

**Ingest.** The first ``--rows`` rows of the gikirima-2025-06 CSV of 18 June 2025
(../shared/corpora/text-id) are copied to a temporary CSV and ingested into a fresh store with
``warta.ingest.ingest`` (what ``warta ingest FILE.csv --workers N`` runs), once with
``--workers 2`` on both cores and once with ``--workers 1`` on one, each in its own process so
its peak RSS (``ru_maxrss``, and the workers' through ``RUSAGE_CHILDREN``) is its own. The main
process's time is split by wrapping the store write, the near-duplicate lookup and the story
clusterer (a benchmark-only patch) to show where an article's time goes.

**Search and entities.** A store of ``--articles`` synthetic articles made of real paragraphs
(benchmarks/storebuild.py says exactly how; cached in benchmarks/.cache, gitignored, so reruns
reuse it). On it, ``Store.search`` and ``Store.entity`` are timed one call at a time, on one
pinned core, for a query mix drawn with a fixed seed from the store's own words and entities.

Writes the ``store`` section of docs/benchmarks.md and benchmarks/results/store.json; exits
without writing when ../shared is missing. No corpus text is printed or written to the repo.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpora" / "text-id" / "gikirima-2025-06"
CACHE = BENCH_DIR / ".cache"
RESULTS = BENCH_DIR / "results" / "store.json"
TARGETS = {"ingest_articles_per_second": 100, "search_p95_ms": 50, "entity_p95_ms": 100, "peak_rss_mb": 500}

sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(BENCH_DIR))
if "--ingest-child" not in sys.argv and hasattr(os, "sched_setaffinity"):
    # One core for everything but the ingest runs (their processes get theirs when started), set
    # before warta is imported so that threads numpy starts keep to it too.
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import docsection  # noqa: E402  (sibling modules: benchmarks/ is on sys.path when run as a script)
import storebuild  # noqa: E402
from warta.store import ArticleFilter, SearchQuery, Store, open_store  # noqa: E402

# What the numbers mean and what was done about them: read off the measurements below and the
# query plans (EXPLAIN QUERY PLAN) on the 200,000-article store, 2026-11-27.
NOTES: list[str] = [
    "**Ingest: what was changed.** The writing process was the bound (earlier today 60.9 articles/s with "
    "`--workers 2`, main process 15.9 CPU ms an article, 11.3 of them story clustering). `StoryClusterer` "
    "now compares an article only with the stories it shares words with (an inverted index over the "
    "centroids, the common words in a NumPy table: warta.stories.index; 9.3 -> about 1 ms an article "
    "alone, same assignments), and the near-duplicate fingerprint is made in the workers with the "
    "analysis (2.2 -> 0.1 ms in the writer). What the writer still does per article: the store write "
    "(2-3 ms: zlib, one transaction, FTS triggers) and the clustering. The ingest child runs with one "
    "BLAS thread, as the command line sets it: multi-threaded OpenBLAS pools in the workers busy-waited "
    "and took CPU from the main process (before that change: `--workers 2` 19.7 articles/s, 29.6 with "
    "one thread).",
    "**Search: what was changed.** Ranking is done inside FTS5 (`rank MATCH 'bm25(5.0, 1.0)'` with "
    "`ORDER BY rank`), so the join, filters and snippets only run on the rows taken until the limit "
    "(before: mix p95 123.8 ms). FTS5 still scores every match (about 1.2 µs each) before it hands out "
    "the best, so a word found in a fifth of the store cost 45-150 ms and a stopword 200-340 ms "
    "whatever the limit (the previous run: mix p95 63.8 ms, common word p95 77.6 ms, prefix p95 102.9 "
    "ms). Then a query whose rarest word was in more than 10,000 articles (counted in `fts5vocab`) was "
    "ranked among about 10,000 of its most recently stored matches (mix p95 27.4-28.8 ms; 66.6 ranking "
    "every match). Since the serving benchmark (second session of 2026-11-27) the window is 1,000, "
    "and where it starts is found by walking the rarest-lately word's newest matches (0.2 ms) rather "
    "than counting all of them (1-15 ms a new word); it is widened four times over when a filter "
    "leaves too few hits (warta.store.search, docs/store.md); `--rank-all` ranks everything. "
    "Tried and not kept: FTS5 "
    "prefix indexes (`prefix='2 3 4 5'`): on 50,000 of these articles they made the FTS index 1.8x "
    "larger and `pem*` 58 -> 45 ms only, because ranking, not finding, is the cost.",
    "**Entities: what was changed.** Before: p95 2,058 ms, max 3.7 s. Migration 0003 adds covering "
    "indexes (`mentions(entity_key, article_id, text)`, `mentions(article_id, entity_key)`, and "
    "`articles_filters` on the columns the filters test), so counting an entity's mentions by day reads "
    "two small indexes and no article rows; counts, timeline and undated mentions come from one pass "
    "(they were three); names written and co-mentioned entities are counted over the entity's 500 "
    "latest articles in the window (co-mentions over all 10,600 articles of Prabowo Subianto took 263 ms); "
    "for a much-named entity those latest articles are found by walking the articles newest first; and "
    "resolving a key no longer counts every mention twice (100 ms each for a much-named entity: it built "
    "a list of all 200,000 canonical article ids). **What remains:** the timeline is one pass over the "
    "entity's mentions (about 0.6 µs each; loc:indonesia, 162,000 mentions, about 100 ms); a table of "
    "mentions per entity and day kept at write time would make it constant.",
]

# --- ingest ---------------------------------------------------------------------------------------


def head_csv(source: Path, rows: int, target: Path) -> None:
    """The header and the first ``rows`` rows of a CSV (rows hold newlines: read as CSV, not lines)."""
    csv.field_size_limit(1 << 30)
    with source.open(encoding="utf-8", newline="") as src, target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        for number, row in enumerate(csv.reader(src)):
            if number > rows:
                break
            writer.writerow(row)


def _timed(owner: Any, name: str, spent: dict[str, float]) -> None:
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        begun = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - begun

    setattr(owner, name, wrapper)


def ingest_child(csv_path: str, db: str, workers: int) -> dict[str, Any]:
    """One ingest run (in its own process); prints what it measured as JSON."""
    from warta.ingest import IngestOptions, ingest
    from warta.ingest.grouping import Grouper
    from warta.stories import StoryClusterer

    spent: dict[str, float] = {}
    _timed(Store, "add_article", spent)
    _timed(Store, "assign_story", spent)
    _timed(Grouper, "near_duplicate", spent)
    _timed(StoryClusterer, "add", spent)
    wall = time.perf_counter()
    with open_store(db) as store:
        summary = ingest(store, [csv_path], IngestOptions(workers=workers))
        stats = store.summary()
    wall = time.perf_counter() - wall
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    stored = stats.articles
    return {
        "workers": workers,
        "cores": len(os.sched_getaffinity(0)),
        **summary.to_dict(),
        "wall_seconds": round(wall, 1),
        "articles_stored": stored,
        "store_bytes": Path(db).stat().st_size,
        "store_kb_per_article": round(Path(db).stat().st_size / 1024 / max(stored, 1), 1),
        "raw_kb_per_article": round(stats.raw_bytes / 1024 / max(stored, 1), 1),
        "main_peak_rss_mb": round(me.ru_maxrss / 1024, 1),
        "worker_peak_rss_mb": round(kids.ru_maxrss / 1024, 1) if workers > 1 else None,
        "main_cpu_ms_per_article": round(1000 * (me.ru_utime + me.ru_stime) / max(stored, 1), 1),
        "workers_cpu_ms_per_article": round(1000 * (kids.ru_utime + kids.ru_stime) / max(stored, 1), 1),
        "main_ms_per_article": {
            "store_write": round(
                1000 * (spent.get("add_article", 0) + spent.get("assign_story", 0)) / max(stored, 1), 2
            ),
            "near_duplicates": round(1000 * spent.get("near_duplicate", 0) / max(stored, 1), 2),
            "story_clustering": round(1000 * spent.get("add", 0) / max(stored, 1), 2),
        },
    }


def measure_ingest(rows: int) -> dict[str, Any]:
    out: dict[str, Any] = {"rows": rows, "input": f"{CORPUS.name}/dataset_new__scrapping_news_2025-06-18.csv"}
    with tempfile.TemporaryDirectory(prefix="warta-store-bench-") as tmp:
        sample = Path(tmp) / "head.csv"
        head_csv(CORPUS / "dataset_new__scrapping_news_2025-06-18.csv", rows, sample)
        for workers in (2, 1):
            db = Path(tmp) / f"w{workers}.db"
            cores = set(range(workers))  # --workers 1 on one core, --workers 2 on two
            done = subprocess.run(
                [sys.executable, __file__, "--ingest-child", str(sample), str(db), str(workers)],
                # Set before the child starts, so every thread it makes (numpy's BLAS pool too) keeps to it.
                preexec_fn=partial(os.sched_setaffinity, 0, cores),
                # One BLAS thread, as the warta command line sets it (src/warta/cli/__init__.py).
                env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"},
                check=True,
                capture_output=True,
                text=True,
            )
            out[f"workers_{workers}"] = json.loads(done.stdout)
            print(f"ingest --workers {workers}: {out[f'workers_{workers}']}", file=sys.stderr)
    return out


# --- queries --------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]{3,}")


def percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {
        "n": len(samples),
        "p50_ms": round(cuts[49], 1),
        "p95_ms": round(cuts[94], 1),
        "p99_ms": round(cuts[98], 1),
        "max_ms": round(max(samples), 1),
    }


def timed_calls(calls: list[Callable[[], object]]) -> list[float]:
    out = []
    for call in calls:
        begun = time.perf_counter()
        call()
        out.append(1000 * (time.perf_counter() - begun))
    return out


def query_mix(store: Store, rng: random.Random, per_class: int) -> dict[str, list[SearchQuery]]:
    """Search queries by class, drawn from the words, sites and entities of a sample of articles."""
    total = store.summary().articles
    sample = [store.article(i) for i in rng.sample(range(1, total + 1), 1000)]
    df: Counter[str] = Counter()
    for stored in sample:
        df.update(set(_WORD.findall(stored.article.text.casefold())))
    ranked = [w for w, _ in df.most_common()]
    very_common, common = ranked[:10], [w for w in ranked[30:400] if len(w) >= 4]
    rare = [w for w, n in df.items() if n == 1 and len(w) >= 5]
    rare.sort()
    sites = sorted({".".join(s.article.site.split(".")[-2:]) for s in sample if s.article.site})
    top = [e.key for e in store.top_entities(limit=50)]
    names = [e.canonical for e in store.top_entities(limit=200)]

    def phrase() -> str:
        words = _WORD.findall(rng.choice(rng.choice(sample).article.paragraphs))
        start = rng.randrange(max(1, len(words) - 3))
        return '"' + " ".join(words[start : start + rng.randint(2, 3)]) + '"'

    week, month = "2025-06-13", "2025-05-20"  # the last 7 and 30 days of the synthetic store
    make: dict[str, Callable[[], SearchQuery]] = {
        "common word": lambda: SearchQuery(rng.choice(common)),
        "two common words": lambda: SearchQuery(f"{rng.choice(common)} {rng.choice(common)}"),
        "rare word": lambda: SearchQuery(rng.choice(rare)),
        "phrase": lambda: SearchQuery(phrase()),
        "entity name": lambda: SearchQuery(rng.choice(names)),
        "prefix": lambda: SearchQuery(rng.choice(common)[:5] + "*"),
        "common word --since 7 days": lambda: SearchQuery(rng.choice(common), since=week),
        "common word --site": lambda: SearchQuery(rng.choice(common), site=rng.choice(sites)),
        "common word --entity": lambda: SearchQuery(rng.choice(common), entity=rng.choice(top)),
        "phrase --since 30 days --site": lambda: SearchQuery(phrase(), since=month, site=rng.choice(sites)),
        "rare word --since 7 days": lambda: SearchQuery(rng.choice(rare), since=week),
    }
    mix = {name: [draw() for _ in range(per_class)] for name, draw in make.items()}
    mix["stopword (worst case, not in the mix)"] = [SearchQuery(rng.choice(very_common)) for _ in range(per_class)]
    return mix


def entity_keys(store: Store, rng: random.Random, count: int) -> dict[str, list[str]]:
    """The most mentioned entities, and entities drawn from random articles (a click on a name)."""
    total = store.summary().articles
    typical: list[str] = []
    while len(typical) < count:
        entities = store.article(rng.randrange(1, total + 1)).entities
        if entities:
            typical.append(rng.choice(entities).key)
    return {"most mentioned": [e.key for e in store.top_entities(limit=count)], "drawn from articles": typical}


def measure_queries(path: Path, per_class: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    with open_store(path) as store:
        mix = query_mix(store, rng, per_class)
        keys = entity_keys(store, rng, per_class)
        for query in [q for queries in mix.values() for q in queries][::10]:  # warm the page cache a little
            store.search(query)
        search: dict[str, Any] = {}
        everything: list[float] = []
        hits: dict[str, float] = {}
        for name, queries in mix.items():
            samples = timed_calls([partial(store.search, q) for q in queries])
            search[name] = percentiles(samples)
            hits[name] = statistics.mean(len(store.search(q)) for q in queries[:10])
            if not name.startswith("stopword"):
                everything += samples
        search["all (the mix)"] = percentiles(everything)
        entity: dict[str, Any] = {}
        all_entity: list[float] = []
        week = ArticleFilter(since="2025-06-13")
        for name, chosen in keys.items():
            for window, where in (("all time", None), ("last 7 days", week)):
                samples = timed_calls([partial(store.entity, k, where) for k in chosen])
                entity[f"{name}, {window}"] = percentiles(samples)
                all_entity += samples
            entity[f"{name}, median mentions"] = statistics.median(store.entity(k).entity.mentions for k in chosen)
        entity["all"] = percentiles(all_entity)
    return {"search": search, "search_mean_hits": hits, "entity": entity}


# --- report ---------------------------------------------------------------------------------------


def verdict(value: float, target: float, *, lower: bool = True) -> str:
    return "met" if (value <= target if lower else value >= target) else "**missed**"


def markdown(result: dict[str, Any]) -> str:
    lines = ["## Store (issue 5 targets)", "", f"Measured {result['date']} on {result['machine']}.", ""]
    ingest = result.get("ingest")
    if ingest:
        w2, w1 = ingest["workers_2"], ingest["workers_1"]
        lines += [
            f"### Ingest: {ingest['rows']:,} rows of `{ingest['input']}`",
            "",
            "| | `--workers 2` (2 cores) | `--workers 1` (1 core) |",
            "| --- | --- | --- |",
        ]
        for label, key in (
            ("articles/s (as `warta ingest` reports it)", "articles_per_second"),
            ("articles stored", "articles_stored"),
            ("store size per article, KB (raw pages kept)", "store_kb_per_article"),
            ("main process CPU ms / article", "main_cpu_ms_per_article"),
            ("workers' CPU ms / article", "workers_cpu_ms_per_article"),
            ("peak RSS of the main process, MB", "main_peak_rss_mb"),
            ("peak RSS of a worker, MB", "worker_peak_rss_mb"),
        ):
            lines.append(
                f"| {label} | {w2[key] if w2[key] is not None else '—'} | {w1[key] if w1[key] is not None else '—'} |"
            )
        for part, value in w2["main_ms_per_article"].items():
            lines.append(
                f"| main process, {part.replace('_', ' ')}: ms / article | {value} | "
                f"{w1['main_ms_per_article'][part]} |"
            )
        lines += [
            "",
            f"Target >= {TARGETS['ingest_articles_per_second']} articles/s: "
            f"{verdict(w2['articles_per_second'], TARGETS['ingest_articles_per_second'], lower=False)}.",
            "",
        ]
    build = result["build"]
    lines += [
        f"### Search and entities on {build['articles']:,} articles",
        "",
        "How the store is built (benchmarks/storebuild.py): the "
        f"{build['corpus']['rows']:,} rows of the two gikirima-2025-06 CSVs go once through what ingest does "
        f"(load, extract, the row's hints, `analyze_article`; {build['corpus']['articles']:,} articles kept, in "
        f"{build['corpus']['cpu_seconds']} CPU s). Each is cut at its paragraphs, every mention, quote and event "
        "going with the paragraph it lies in (offsets made relative to it). A synthetic article takes a random "
        "real article's title, authors and a random half or more of its paragraphs in order, and 1-3 paragraphs "
        "from each of 1-2 other articles of the same site inserted at random places; the carried mentions, "
        "quotes and events are shifted to the paragraphs' new offsets and its entities are those they name. "
        f"Published uniformly over the {storebuild.DAYS} days ending 2025-06-19 WIB; site, URL and canonical URL "
        "`https://SITE/warta-bench/N`; the raw page (URL, title, text) kept compressed. Written with "
        f"`Store.add_articles`, {storebuild.BATCH:,} articles a transaction (FTS by its triggers): "
        f"{build['articles_per_second']:,} articles/s, peak RSS {build['peak_rss_mb']} MB (analysis included). "
        f"{build['sites']} sites, {build['entities']:,} entities, {build['mentions']:,} mentions, "
        f"{build['quotes']:,} quotes, {build['events']:,} events; "
        f"{build['store_bytes'] / 2**30:.2f} GB ({build['store_bytes'] / 1024 / build['articles']:.1f} KB an article).",
        "",
        "Each real paragraph recurs in about "
        f"{round(build['articles'] * 5 / max(build['corpus']['articles'] * 9, 1))} synthetic articles, so a word "
        "found in one real article is in tens of synthetic ones: the 'rare word' class is rarer than common but "
        "not as rare as in a real store of this size.",
        "",
        "Queries: one call at a time on one pinned core, warm page cache, default limit 20 with snippets; "
        f"{result['per_class']} queries a class, drawn with seed {result['seed']} from 1,000 random articles' "
        "words (common: document-frequency ranks 30-400; rare: in one of the 1,000), sites and entities.",
        "",
        "| `Store.search` | p50 ms | p95 ms | p99 ms | max ms | mean hits |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    queries = result["queries"]
    for name, row in queries["search"].items():
        hits = queries["search_mean_hits"].get(name, "")
        hits = f"{hits:.1f}" if isinstance(hits, float) else hits
        lines.append(f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['max_ms']} | {hits} |")
    lines += [
        "",
        "| `Store.entity` (profile: timeline, co-mentions, quotes, latest) | p50 ms | p95 ms | p99 ms | max ms |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, row in queries["entity"].items():
        if isinstance(row, dict):
            lines.append(f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['max_ms']} |")
    peaks = [build["peak_rss_mb"]]
    if ingest:
        peaks += [w["main_peak_rss_mb"] for w in (w2, w1)] + [w2["worker_peak_rss_mb"]]
    search_p95 = queries["search"]["all (the mix)"]["p95_ms"]
    entity_p95 = queries["entity"]["all"]["p95_ms"]
    lines += [
        "",
        f"Search p95 {search_p95} ms (target <= {TARGETS['search_p95_ms']}): "
        f"{verdict(search_p95, TARGETS['search_p95_ms'])}. Entity p95 {entity_p95} ms (target <= "
        f"{TARGETS['entity_p95_ms']}): {verdict(entity_p95, TARGETS['entity_p95_ms'])}. Peak RSS of any "
        f"process, ingests and the store build: {max(peaks)} MB (target <= {TARGETS['peak_rss_mb']}): "
        f"{verdict(max(peaks), TARGETS['peak_rss_mb'])}.",
    ]
    for note in result.get("notes", []):
        lines += ["", note]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000, help="CSV rows to ingest (default 2000)")
    parser.add_argument("--articles", type=int, default=200_000, help="size of the synthetic store")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--per-class", type=int, default=40, help="queries per class")
    parser.add_argument("--skip-ingest", action="store_true", help="only the synthetic store's queries")
    parser.add_argument("--no-write", action="store_true", help="print the section; write nothing")
    parser.add_argument("--report-only", action="store_true", help="rewrite the doc section from the JSON")
    parser.add_argument("--ingest-child", nargs=3, metavar=("CSV", "DB", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest_child:
        csv_path, db, workers = args.ingest_child
        print(json.dumps(ingest_child(csv_path, db, int(workers))))
        return 0
    if args.report_only:
        saved = {**json.loads(RESULTS.read_text(encoding="utf-8")), "notes": NOTES}
        docsection.publish("store", markdown(saved), saved, RESULTS)
        return 0
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is missing (the store benchmark needs ../shared's corpora)", file=sys.stderr)
        return 0
    result: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "targets": TARGETS,
        "seed": args.seed,
        "per_class": args.per_class,
        "notes": NOTES,
    }
    if not args.skip_ingest:
        result["ingest"] = measure_ingest(args.rows)
    path, result["build"] = storebuild.cached_store(CACHE, sorted(CORPUS.glob("*.csv")), args.articles, args.seed)
    result["queries"] = measure_queries(path, args.per_class, args.seed)
    section = markdown(result)
    print(section)
    if not args.no_write:
        docsection.publish("store", section, result, RESULTS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
