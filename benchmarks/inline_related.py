"""Inline "Baca juga: <title>" links in flattened article text: where does the title end?

    .venv/bin/python benchmarks/inline_related.py

Gold: tests/data/inline-related-gold.jsonl, 124 links sampled at random (seeded) from the
Kompas.com and Tribunnews.com bodies of ../shared/corpora/text-id/wiraindrak-2023-02, where line
breaks were lost; for each, the number of words of the related title, counted by hand. The file
holds identifiers only (file, row, which "Baca juga:" of the body, the count); the texts stay in
../shared. ``development`` (79) is the sample the rules were written on; ``check`` (45) was drawn
and counted afterwards, and the rules were revised once after reading its errors (docs/extraction.md
gives its score before the revision).

Scored: ``warta.extract.inline.title_length`` on the words after each marker: exact, too long
(words of the next sentence taken into the title: body text moved to the related links), too short
(title words left in the body), or left alone. The peer in the same run is what extraction did
before (the whole title left in the body). Then the whole corpus: how many links are taken out of
how many articles, and the time it costs.

Writes the ``inline-related`` section of docs/benchmarks.md and benchmarks/results/inline_related.json;
exits without writing when ../shared is missing.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(BENCH_DIR))

import docsection  # noqa: E402
import storygold  # noqa: E402
from warta.extract.inline import take_inline_related, title_length  # noqa: E402

GOLD = REPO / "tests" / "data" / "inline-related-gold.jsonl"
RESULTS = BENCH_DIR / "results" / "inline_related.json"
SOURCE = "wiraindrak-2023-02"
FILES = ("kompas.csv", "tribunnews.csv")
MARKER = re.compile(r"\b(?:Baca|BACA)\s+(?:juga|Juga|JUGA)\s*:\s*")


def bodies() -> dict[tuple[str, int], str]:
    """Every body of the two files, as the CSV ingest reads it (list reprs and entities undone)."""
    out = {}
    for file in FILES:
        for row, record in enumerate(storygold.read_csv(SOURCE, file)):
            out[(file, row)] = storygold._wiraindrak_body(record["Body_Text"])
    return out


def score(rows: list[dict[str, Any]], texts: dict[tuple[str, int], str]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        body = texts[(row["file"], row["row"])]
        marker = list(MARKER.finditer(body))[row["occurrence"]]
        words = body[marker.end() : marker.end() + 600].split()
        gold, found = row["title_words"], title_length(words)
        for sample in (row["sample"], "all"):
            s = out.setdefault(
                sample,
                dict.fromkeys(
                    ("links", "exact", "left", "long", "long_words", "short", "short_words", "title_words"), 0
                ),
            )
            s["links"] += 1
            s["title_words"] += gold
            if found is None:
                s["left"] += 1
            elif found == gold:
                s["exact"] += 1
            elif found > gold:
                s["long"] += 1
                s["long_words"] += found - gold
            else:
                s["short"] += 1
                s["short_words"] += gold - found
    return out


def corpus(texts: dict[tuple[str, int], str]) -> dict[str, float]:
    markers = articles = taken = with_taken = 0
    start = time.process_time()
    for body in texts.values():
        count = len(MARKER.findall(body))
        markers += count
        articles += bool(count)
        _, titles = take_inline_related(body)
        taken += len(titles)
        with_taken += bool(titles)
    seconds = time.process_time() - start
    return {
        "bodies": len(texts),
        "with_marker": articles,
        "markers": markers,
        "taken": taken,
        "articles_changed": with_taken,
        "ms_per_body": 1000 * seconds / len(texts),
    }


def render(r: dict[str, Any]) -> str:
    lines = [
        "## Inline related links in flattened text",
        "",
        '`benchmarks/inline_related.py`: where a "Baca juga: <title>" that runs into the next sentence ends',
        f"(`warta.extract.inline`). Gold: {r['scores']['all']['links']} links of the February 2023 Kompas and",
        "Tribunnews dumps in ../shared, title lengths counted by hand (`development`: the rules were written on it;",
        "`check`: drawn afterwards, the rules revised once after reading its errors). Too long = words of the next",
        "sentence moved into the title; too short = title words left in the body. Before this step every title",
        "stayed in the body.",
        "",
        "| sample | links | exact | left alone | too long (words) | too short (words) | title words |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in ("development", "check", "all"):
        s = r["scores"][name]
        lines.append(
            f"| {name} | {s['links']} | {s['exact']} ({s['exact'] / s['links']:.0%}) | {s['left']} | "
            f"{s['long']} ({s['long_words']}) | {s['short']} ({s['short_words']}) | {s['title_words']} |"
        )
    c = r["corpus"]
    lines += [
        "",
        f'Whole corpus: {c["bodies"]} bodies, {c["with_marker"]} with a "Baca juga:" ({c["markers"]} markers); '
        f"{c['taken']} links taken out of {c['articles_changed']} bodies ({c['ms_per_body']:.2f} ms a body, one core).",
    ]
    return "\n".join(lines)


def main() -> int:
    if not storygold.available():
        print(f"skipped: the texts are read from {storygold.TEXTS}, which is missing; nothing written")
        return 0
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = bodies()
    results = {"scores": score(rows, texts), "corpus": corpus(texts)}
    markdown = render(results)
    docsection.publish("inline-related", markdown, results, RESULTS)
    print(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
