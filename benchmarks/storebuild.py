"""A large synthetic store for the store benchmark, made of real paragraphs (benchmarks/store.py).

How it is built (docs/benchmarks.md repeats this):

1. **Analysed once.** Every row of the gikirima-2025-06 CSVs in ../shared/corpora/text-id goes
   through what ``warta ingest`` does to it (``warta.ingest.worker.process``: load, extract as
   text, the row's title/date/authors, ``analyze_article``), in one process. Rows that give no
   article, or an article flagged ``not_an_article``, are left out.
2. **Cut into paragraphs.** Each article's body is cut at its paragraphs; every mention, quote
   and event lying inside one paragraph goes with it, its offsets made relative to the paragraph
   (the few spanning two paragraphs are dropped). Title mentions/quotes/events stay with the title.
3. **Recombined.** Synthetic article ``n`` (``random.Random(seed)``): a lead article drawn at
   random; its title and authors; a random subset (at least half, in order) of its paragraphs;
   1-2 other articles of the same site give 1-3 paragraphs each, inserted at random places.
   Offsets are shifted to the paragraph's new place; entities are the ones the carried mentions
   name (counts recomputed). Site: the lead's host without ``www.``; URL and canonical URL
   ``https://SITE/warta-bench/N``; published uniformly at random over the ``DAYS`` days ending
   2025-06-19 23:59 WIB, to the second. The raw page kept is the URL, title and text as a text
   page (so the store keeps raw pages, compressed, as an ingest would).
4. **Written** with ``Store.add_articles``, 1,000 articles a transaction (the FTS index by its
   triggers, as at ingest). No stories, no duplicates (every canonical URL is new).

The texts never leave ../shared and benchmarks/.cache (gitignored).
"""

from __future__ import annotations

import csv
import json
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from warta.extract.limits import DEFAULT_OPTIONS
from warta.ingest.readers import read_inputs
from warta.ingest.records import InputPage
from warta.ingest.worker import Processed, process
from warta.model import PARAGRAPH_SEPARATOR, Analysis, Article, Entity, Event, Mention, Quote
from warta.store import PageRecord, open_store

DAYS = 90
BATCH = 1_000
_END = datetime(2025, 6, 19, 23, 59, 59, tzinfo=timezone(timedelta(hours=7)))
# Bump when the recipe changes, so a cached store built the old way is rebuilt.
RECIPE = 1

Span = TypeVar("Span", Mention, Quote, Event)


@dataclass(frozen=True, slots=True)
class Piece:
    """One paragraph with what the analysis found in it, offsets relative to the paragraph."""

    text: str
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """One analysed real article, cut into pieces."""

    site: str
    title: str | None
    authors: tuple[str, ...]
    title_findings: Piece  # mentions, quotes, events of the title (text unused)
    pieces: tuple[Piece, ...]


def _shift(item: Span, delta: int) -> Span:
    if isinstance(item, Event):
        return replace(
            item,
            start=item.start + delta,
            end=item.end + delta,
            sentence_start=item.sentence_start + delta,
            sentence_end=item.sentence_end + delta,
        )
    return replace(item, start=item.start + delta, end=item.end + delta)


def _bounds(item: Mention | Quote | Event) -> tuple[int, int]:
    if isinstance(item, Event):
        return min(item.start, item.sentence_start), max(item.end, item.sentence_end)
    return item.start, item.end


def _place(items: tuple[Span, ...], starts: list[int], lengths: list[int]) -> tuple[list[Span], list[list[Span]]]:
    """``items`` of the title, and of each paragraph with offsets relative to it (those spanning
    two paragraphs are dropped)."""
    title: list[Span] = []
    paragraphs: list[list[Span]] = [[] for _ in starts]
    for item in items:
        if item.field == "title":
            title.append(item)
            continue
        if item.field != "body":
            continue
        first, last = _bounds(item)
        for number, start in enumerate(starts):
            if start <= first and last <= start + lengths[number]:
                paragraphs[number].append(_shift(item, -start))
                break
    return title, paragraphs


def cut(analysis: Analysis, site: str) -> Source:
    """An analysed article as pieces (see the module docstring, step 2)."""
    article = analysis.article
    starts, lengths, at = [], [len(p) for p in article.paragraphs], 0
    for length in lengths:
        starts.append(at)
        at += length + len(PARAGRAPH_SEPARATOR)
    title_m, mentions = _place(analysis.mentions, starts, lengths)
    title_q, quotes = _place(analysis.quotes, starts, lengths)
    title_e, events = _place(analysis.events, starts, lengths)
    pieces = tuple(
        Piece(text, tuple(m), tuple(q), tuple(e))
        for text, m, q, e in zip(article.paragraphs, mentions, quotes, events, strict=True)
    )
    return Source(
        site, article.title, article.authors, Piece("", tuple(title_m), tuple(title_q), tuple(title_e)), pieces
    )


def site_of(url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.") or "unknown"


def analyse_corpus(paths: list[Path]) -> tuple[list[Source], dict[str, Entity], dict[str, Any]]:
    """Every CSV row through the ingest pipeline, once (step 1); the entities' names by key."""
    csv.field_size_limit(1 << 30)
    sources: list[Source] = []
    names: dict[str, Entity] = {}
    rows = dropped = 0
    started = time.process_time()
    for item in read_inputs([str(p) for p in paths]):
        rows += 1
        done = process(item, DEFAULT_OPTIONS) if isinstance(item, InputPage) else None
        if not isinstance(done, Processed) or not done.analysis.article.paragraphs:
            dropped += 1
            continue
        if done.analysis.article.has_problem("not_an_article"):
            dropped += 1
            continue
        for entity in done.analysis.entities:
            names.setdefault(entity.key, entity)
        sources.append(cut(done.analysis, site_of(done.analysis.article.url)))
    seconds = time.process_time() - started
    info = {"rows": rows, "articles": len(sources), "dropped": dropped, "cpu_seconds": round(seconds, 1)}
    return sources, names, info


def synthesise(
    number: int, rng: random.Random, sources: list[Source], by_site: dict[str, list[Source]], names: dict[str, Entity]
) -> tuple[PageRecord, Analysis, str]:
    """Synthetic article ``number`` (step 3): its raw page, analysis and canonical URL."""
    lead = rng.choice(sources)
    keep = rng.randint((len(lead.pieces) + 1) // 2, len(lead.pieces))
    chosen = sorted(rng.sample(range(len(lead.pieces)), keep))
    pieces = [lead.pieces[i] for i in chosen]
    donors = [s for s in by_site[lead.site] if s is not lead] or sources
    for donor in rng.sample(donors, min(len(donors), rng.randint(1, 2))):
        for piece in rng.sample(donor.pieces, min(len(donor.pieces), rng.randint(1, 3))):
            pieces.insert(rng.randint(0, len(pieces)), piece)
    mentions = list(lead.title_findings.mentions)
    quotes = list(lead.title_findings.quotes)
    events = list(lead.title_findings.events)
    at = 0
    for piece in pieces:
        mentions += [_shift(m, at) for m in piece.mentions]
        quotes += [_shift(q, at) for q in piece.quotes]
        events += [_shift(e, at) for e in piece.events]
        at += len(piece.text) + len(PARAGRAPH_SEPARATOR)
    url = f"https://{lead.site}/warta-bench/{number}"
    published = _END - timedelta(seconds=rng.randrange(DAYS * 86_400))
    article = Article(
        url=url,
        site=lead.site,
        title=lead.title,
        authors=lead.authors,
        published=published.isoformat(),
        paragraphs=tuple(p.text for p in pieces),
        language="id",
    )
    counts = Counter(m.key for m in mentions if m.key)
    entities = tuple(
        replace(names[key], mentions=n) if key in names else Entity(key, "MISC", key, mentions=n)
        for key, n in counts.most_common()
    )
    analysis = Analysis(
        article=article, mentions=tuple(mentions), entities=entities, quotes=tuple(quotes), events=tuple(events)
    )
    body = f"{url}\n{lead.title or ''}\n\n{article.text}".encode()
    return PageRecord(body, "text", f"warta-bench:{number}", url=url), analysis, url


def articles(count: int, seed: int, sources: list[Source], names: dict[str, Entity]) -> Iterator[Any]:
    rng = random.Random(seed)
    by_site: dict[str, list[Source]] = {}
    for source in sources:
        by_site.setdefault(source.site, []).append(source)
    for number in range(1, count + 1):
        yield synthesise(number, rng, sources, by_site, names)


def build(target: Path, paths: list[Path], count: int, seed: int) -> dict[str, Any]:
    """Build the store at ``target`` (written under a temporary name, renamed when complete)."""
    sources, names, corpus = analyse_corpus(paths)
    partial = target.with_name(target.name + ".partial")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    cpu = time.process_time()
    batch: list[Any] = []
    with open_store(partial) as store:
        for item in articles(count, seed, sources, names):
            batch.append(item)
            if len(batch) == BATCH:
                store.add_articles(batch)
                batch = []
        if batch:
            store.add_articles(batch)
        summary = store.summary()
    partial.rename(target)
    seconds = time.perf_counter() - started
    return {
        "corpus": corpus,
        "sites": len({s.site for s in sources}),
        "articles": summary.articles,
        "entities": summary.entities,
        "mentions": summary.mentions,
        "quotes": summary.quotes,
        "events": summary.events,
        "store_bytes": target.stat().st_size,
        "build_seconds": round(seconds, 1),
        "build_cpu_seconds": round(time.process_time() - cpu, 1),
        "articles_per_second": round(summary.articles / seconds, 1),
    }


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    import resource  # not Linux: ru_maxrss (kB on Linux, bytes on macOS)

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def cached_store(cache: Path, paths: list[Path], count: int, seed: int) -> tuple[Path, dict[str, Any]]:
    """The store for ``count``/``seed`` under ``cache``, built first when it is not there yet;
    with the build's numbers (kept beside it as JSON, so a rerun reports them too)."""
    target = cache / f"store-{count}-seed{seed}-recipe{RECIPE}.db"
    meta = target.with_suffix(".json")
    if target.exists() and meta.exists():
        return target, {**json.loads(meta.read_text(encoding="utf-8")), "cached": True}
    cache.mkdir(parents=True, exist_ok=True)
    info = build(target, paths, count, seed)
    info["peak_rss_mb"] = peak_rss_mb()  # the build runs first in its process: this is the build's peak
    meta.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return target, {**info, "cached": False}
