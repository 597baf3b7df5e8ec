"""Compare the ways of training the NER model, per corpus; the numbers go into docs/model-card.md.

Every variant learns from nine tenths of each train split. It is scored on the tenth held out
(the tuning set: the choices in ``train.Settings`` and the shipped variant were made on it) and,
for the record, on the dev/valid splits that docs/benchmarks.md scores the shipped model on.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from warta.lang.id.ner.clusters import build_clusters
from warta.lang.id.ner.conll import Sentence
from warta.lang.id.ner.crf import CrfModel
from warta.lang.id.ner.features import FeatureExtractor
from warta.lang.id.ner.lexicon import Cues, Gazetteer
from warta.lang.id.ner.scoring import score
from warta.lang.id.ner.train import CORPORA, Inputs, Settings, build_gazetteer, read_inputs, read_split, train_model

logger = logging.getLogger(__name__)

HOLDOUT = 0.1
START, END = "<!-- variants:start -->", "<!-- variants:end -->"


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    description: str
    corpora: tuple[str, ...]
    gazetteer: bool = True
    domains: bool = False
    per_corpus: bool = False
    extras: bool = False  # word clusters and cross-fitted training names (clusters.py, names.py)


VARIANTS = (
    Variant(
        "baseline", "plain CRF, word/shape/affix/neighbour features only, idner-news-2k", ("idner",), gazetteer=False
    ),
    Variant("idner", "all features (cue words, gazetteer), idner-news-2k only", ("idner",)),
    Variant(
        "per-corpus",
        "all features, one model per corpus, each scored on its own corpus",
        tuple(CORPORA),
        per_corpus=True,
    ),
    Variant("union", "all features, one model on the naive union of the three corpora", tuple(CORPORA)),
    Variant("domains", "cue words and gazetteer, union with per-corpus feature copies", tuple(CORPORA), domains=True),
    Variant(
        "shipped",
        "domains plus word clusters and cross-fitted training names (shipped)",
        tuple(CORPORA),
        domains=True,
        extras=True,
    ),
)


def split_holdout(sentences: Sequence[Sentence], seed: int = 0) -> tuple[list[Sentence], list[Sentence]]:
    """A fixed random tenth of a train split held out for tuning."""
    order = list(range(len(sentences)))
    random.Random(seed).shuffle(order)
    held = set(order[: int(len(order) * HOLDOUT)])
    return [s for i, s in enumerate(sentences) if i not in held], [s for i, s in enumerate(sentences) if i in held]


def _always(model: CrfModel) -> Callable[[str | None], CrfModel]:
    return lambda _domain: model


def _f1(model: CrfModel, extractor: FeatureExtractor, sentences: list[Sentence]) -> float:
    predicted = model.decode([extractor.sentence(s.tokens) for s in sentences])
    return round(score([s.tags for s in sentences], predicted).overall.f1, 4)


def run_variants(shared: Path, settings: Settings, variants: Sequence[Variant] = VARIANTS) -> list[dict[str, Any]]:
    """Train and score every variant; one result row per (variant, domain used to tag)."""
    full = read_inputs(shared)
    train, holdout = Inputs(files=full.files), {}
    for corpus, sentences in full.sentences.items():
        train.sentences[corpus], holdout[corpus] = split_holdout(sentences)
    evaluation = {corpus: read_split(shared, corpus, 1)[0] for corpus in CORPORA}
    cased = [s for corpus in ("idner", "nergrit") for s in train.sentences[corpus]]
    gazetteer = build_gazetteer(shared, cased)
    clusters = build_clusters(s.tokens for sentences in train.sentences.values() for s in sentences)
    rows = []
    for variant in variants:
        if not variant.gazetteer:
            extractor = FeatureExtractor(Cues.empty(), Gazetteer())
        else:
            extractor = FeatureExtractor(Cues.load(), gazetteer, clusters if variant.extras else None)
        own_settings = replace(settings, names=variant.extras)
        started = time.perf_counter()
        # corpus -> the model that tags it, given the domain to tag in
        models: dict[str, Callable[[str | None], CrfModel]] = {}
        if variant.per_corpus:
            for corpus in variant.corpora:
                own = Inputs({corpus: train.sentences[corpus]})
                alone = train_model(own, extractor, replace(own_settings, domains=False))
                models[corpus] = _always(alone)
        else:
            subset = Inputs({c: train.sentences[c] for c in variant.corpora})
            union = train_model(subset, extractor, replace(own_settings, domains=variant.domains))
            models = dict.fromkeys(CORPORA, union.for_domain)
        seconds = time.perf_counter() - started
        tag_domains: list[str | None] = list(CORPORA) if variant.domains else [None]
        for domain in tag_domains:
            row: dict[str, Any] = {"variant": variant.name, "description": variant.description, "domain": domain}
            for corpus, model_for in models.items():
                model = model_for(domain)
                row[corpus] = {
                    "holdout": _f1(model, extractor, holdout[corpus]),
                    "eval": _f1(model, extractor, evaluation[corpus]),
                }
            row["training_seconds"] = round(seconds, 1)
            logger.info("%s", row)
            rows.append(row)
    return rows


def render(rows: list[dict[str, Any]], settings: Settings) -> str:
    """The variants table of the model card."""
    head = "| variant | tagged as | " + " | ".join(f"{c} held-out / eval" for c in CORPORA) + " | training s |"
    lines = [
        START,
        f"_Written by `python3 scripts/train_ner.py --variants` (c1 {settings.c1}, c2 {settings.c2}, "
        f"{settings.iterations} L-BFGS iterations); models trained on 90 % of each train split._",
        "",
        head,
        "| --- | --- |" + " ---: |" * len(CORPORA) + " ---: |",
    ]
    for row in rows:
        cells = []
        for corpus in CORPORA:
            entry = row.get(corpus)
            cells.append("—" if entry is None else f"{entry['holdout']:.3f} / {entry['eval']:.3f}")
        tagged = row["domain"] or ("own corpus" if row["variant"] == "per-corpus" else "—")
        lines.append(f"| {row['variant']} | {tagged} | " + " | ".join(cells) + f" | {row['training_seconds']} |")
    lines += ["", "Variants: " + "; ".join(f"**{v.name}**: {v.description}" for v in VARIANTS) + ".", END]
    return "\n".join(lines)
