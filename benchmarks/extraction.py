"""Article-extraction benchmark: warta against its peers on the same pages, in one run.

    python3 benchmarks/extraction.py [--sets id,generic] [--tools warta,trafilatura,...] [--passes 20]

Quality: every tool extracts every page once (its own process, see run_peer.py); bodies are
scored with the ScrapingHub shingle metric (metrics.py), titles, dates, authors and leftover
"Baca juga" links with the rules in scoring.py. Speed: each tool's runner makes ``--passes``
passes over the Indonesian pages in one process pinned to one CPU; warta also runs a long stream
to show its memory stays flat.

Writes the section between ``<!-- extraction:start -->`` and ``<!-- extraction:end -->`` of
docs/benchmarks.md and benchmarks/results/extraction.json. Results of tools or sets left out of a
run are kept from the previous results file, so ``--tools warta`` refreshes warta's rows only.
Needs only the standard library; the peers run in ``.bench-venv`` (built on first use).
"""

from __future__ import annotations

import argparse
import json
import math
import shlex
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import envs
import metrics
import report
import runs
import scoring
from corpora import SETS, Page, load_set

CACHE = envs.BENCH_DIR / ".cache"
RESULTS = envs.BENCH_DIR / "results" / "extraction.json"
DOC = envs.REPO / "docs" / "benchmarks.md"


# One stamp per run: every row written by this run carries it, so the report can tell rows
# kept from earlier runs (``--tools``/``--sets``) apart.
RUN_STAMP = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())


def describe(name: str, pages: list[Page]) -> str:
    bodies = sum(p.body is not None for p in pages)
    if name == "generic":
        return f"ScrapingHub article-extraction benchmark, {len(pages)} pages (mostly English), body only"
    titles = sum(p.title is not None for p in pages)
    dates = sum(p.published is not None for p in pages)
    authors = sum(p.authors is not None for p in pages)
    return (
        f"{len(pages)} pages; {bodies} with a gold body, {titles} with a title, {dates} with a date, "
        f"{authors} with authors"
    )


def page_index(pages: list[Page]) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "source": p.source,
            "lang": p.lang,
            "url": p.url,
            "gold": {
                "body_words": len(metrics.tokenize(p.body)) if p.body is not None else None,
                "title": p.title,
                "published": p.published,
                "authors": list(p.authors) if p.authors is not None else None,
            },
        }
        for p in pages
    ]


def quality(set_name: str, pages: list[Page], tools: list[str]) -> dict[str, Any]:
    """Run every tool once over the set (two at a time) and score the outputs."""
    jobs = runs.write_jobs(pages, CACHE / f"{set_name}-pages.jsonl")

    def one(tool: str) -> tuple[str, dict[str, Any]]:
        started = time.perf_counter()
        outputs, error = runs.quality_run(tool, jobs, CACHE / f"{set_name}-{tool}.jsonl")
        took = time.perf_counter() - started
        print(f"  {set_name:8} {tool:17} {took:6.1f} s  {error or ''}", flush=True)
        entry: dict[str, Any] = {"measured": RUN_STAMP, "error": error, "summary": None, "pages": {}}
        if outputs is not None:
            entry.update(scoring.score_tool(pages, outputs))
        return tool, entry

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, tools))


def speed(pages: list[Page], tools: list[str], passes: int, stream_pages: int) -> dict[str, Any]:
    """One tool at a time, nothing else running: the pinned timing runs."""
    jobs = runs.write_jobs(pages, CACHE / "speed-pages.jsonl")
    result: dict[str, Any] = {"pages_per_pass": len(pages), "tools": {}}
    for tool in tools:
        run = runs.speed_run(tool, jobs, len(pages), passes)
        result["tools"][tool] = {**run, "measured": RUN_STAMP}
        print(
            f"  speed    {tool:17} {run['seconds']:6.1f} s  {run['pages_per_s']:7.1f} pages/s  "
            f"{run['peak_rss_mb']:6.0f} MB  {run['error'] or ''}",
            flush=True,
        )
    if "warta" in tools and stream_pages > 0:
        stream_passes = math.ceil(stream_pages / len(pages))
        run = runs.speed_run("warta", jobs, len(pages), stream_passes, sample_every=0.25)
        result["warta_stream"] = run
        print(
            f"  stream   warta             {run['seconds']:6.1f} s  {run['pages']} pages, "
            f"peak {run['peak_rss_mb']:.0f} MB  {run['error'] or ''}",
            flush=True,
        )
    return result


def merge(previous: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """New results over old ones: tools and sets not run this time keep their previous entries."""
    merged = {**previous, **{k: v for k, v in new.items() if k not in ("sets", "speed", "versions")}}
    merged["versions"] = {**previous.get("versions", {}), **new["versions"]}
    sets = dict(previous.get("sets", {}))
    for name, data in new["sets"].items():
        old = sets.get(name, {})
        same_pages = [p["id"] for p in old.get("pages", [])] == [p["id"] for p in data["pages"]]
        tools = {**old.get("tools", {}), **data["tools"]} if same_pages else data["tools"]
        sets[name] = {**data, "tools": tools}
    merged["sets"] = sets
    old_speed = previous.get("speed", {})
    new_speed = new.get("speed")
    if new_speed:
        if old_speed.get("pages_per_pass") != new_speed["pages_per_pass"]:
            old_speed = {}
        merged["speed"] = {
            **old_speed,
            **new_speed,
            "tools": {**old_speed.get("tools", {}), **new_speed["tools"]},
        }
    return merged


def dump(value: Any, indent: int = 0) -> str:
    """JSON with one line per leaf object or list, so the results file diffs well."""
    pad = " " * indent
    if isinstance(value, dict) and any(isinstance(v, dict | list) for v in value.values()):
        items = [f"{pad} {json.dumps(k)}: {dump(v, indent + 1).lstrip()}" for k, v in value.items()]
        return pad + "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        return pad + "[\n" + ",\n".join(dump(v, indent + 1) for v in value) + "\n" + pad + "]"
    return pad + json.dumps(value, ensure_ascii=False)


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: id, generic")
    parser.add_argument("--tools", default=",".join(report.TOOLS), help="comma-separated tool names")
    parser.add_argument("--passes", type=int, default=20, help="speed passes over the Indonesian pages")
    parser.add_argument("--stream-pages", type=int, default=2000, help="warta long-stream length (0: skip)")
    parser.add_argument("--no-speed", action="store_true", help="quality runs only")
    parser.add_argument("--shared", type=Path, default=envs.REPO.parent / "shared", help="the shared data folder")
    parser.add_argument("--dry-run", action="store_true", help="print the section, write nothing")
    args = parser.parse_args(argv)
    args.sets = [s for s in args.sets.split(",") if s]
    args.tools = [t for t in args.tools.split(",") if t]
    unknown = [s for s in args.sets if s not in SETS] + [t for t in args.tools if t not in report.TOOLS]
    if unknown:
        parser.error(f"unknown set or tool: {', '.join(unknown)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    metrics.self_check()
    if not args.shared.is_dir():
        print(f"skipped: no shared data at {args.shared} (the benchmark needs ../shared/corpora)")
        return 0
    page_sets: dict[str, list[Page]] = {}
    for name in args.sets:
        try:
            page_sets[name] = load_set(name, args.shared)
        except (FileNotFoundError, KeyError) as error:
            print(f"skipped set {name}: {error}")
    if not page_sets:
        print("skipped: none of the page sets is there")
        return 0
    if any(t != "warta" for t in args.tools):
        envs.ensure_peer_venv()
    print("versions ...", flush=True)
    versions = {tool: envs.tool_version(tool) for tool in args.tools}
    new: dict[str, Any] = {
        "benchmark": "extraction",
        "updated": RUN_STAMP,
        "command": shlex.join(["python3", "benchmarks/extraction.py", *(argv if argv is not None else sys.argv[1:])]),
        "machine": envs.machine(),
        "warta_revision": envs.warta_revision(),
        "peer_requirements": envs.pinned_requirements(),
        "versions": versions,
        "sets": {},
    }
    print("quality runs ...", flush=True)
    for name, pages in page_sets.items():
        new["sets"][name] = {
            "description": describe(name, pages),
            "pages": page_index(pages),
            "tools": quality(name, pages, args.tools),
        }
    if not args.no_speed and "id" in page_sets:
        print(f"speed runs ({args.passes} passes, pinned to CPU 0) ...", flush=True)
        new["speed"] = speed(page_sets["id"], args.tools, args.passes, args.stream_pages)
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results = merge(previous, new)
    section = report.render(results)
    if args.dry_run:
        print(section)
        return 0
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(dump(results) + "\n", encoding="utf-8")
    report.write_section(DOC, section)
    print(f"wrote {DOC.relative_to(envs.REPO)} and {RESULTS.relative_to(envs.REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
