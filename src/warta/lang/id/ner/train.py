"""Build the shipped NER model from the corpora in ``../shared/corpora/ner``.

    python -m warta.lang.id.ner.train --shared ../shared [--out DIR] [--variants] [--limit N]

Inputs (all public; sha256 of each file is recorded in ``ner-model.json`` and the model card):

* idner-news-2k ``train.txt`` (Khairunnisa et al. 2020, MIT): Indonesian news, PER/ORG/LOC.
* NERGrit ``train_preprocess.txt`` (IndoNLU, MIT): PERSON/ORGANISATION/PLACE.
* NERP ``train_preprocess.txt`` (IndoNLU, MIT): PPL/IND/PLC (EVT and FNB dropped), lower-cased.
* Indonesian DBpedia person, place and organisation lists (Alfina et al. 2017, free use with
  citation): the gazetteer.

The word clusters (``clusters.py``) and the training-names list (``names.py``, cross-fitted
in training) are derived from the same train splits and shipped next to the model.

Only the train splits are learned from. The corpora follow different guidelines, so the model
is domain-adapted the "frustratingly easy" way (Daumé III, 2007): every feature is emitted twice
in training, once as is and once prefixed by its corpus (``@nerp|w=jakarta``); the shared copy
learns what the corpora agree on, the prefixed copy each corpus's own habits. At tagging time
the shared and one corpus's weights are summed into one table (``CrfModel.for_domain``), so the
adaptation costs nothing in speed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import re
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from warta.lang.id.ner.clusters import CLUSTERS_FILE, build_clusters, write_clusters
from warta.lang.id.ner.conll import Sentence, read_corpus
from warta.lang.id.ner.crf import CrfModel
from warta.lang.id.ner.features import FeatureExtractor
from warta.lang.id.ner.lexicon import DATA, GAZETTEER_FILE, Cues, Gazetteer
from warta.lang.id.ner.names import NAMES_FILE, fold_names, fold_of, names_from

logger = logging.getLogger(__name__)

NER_DIR = Path("corpora") / "ner"
# corpus -> (train split, evaluation split), relative to shared/corpora/ner.
CORPORA: dict[str, tuple[str, str]] = {
    "idner": ("idner-news-2k/train.txt", "idner-news-2k/dev.txt"),
    "nergrit": ("nergrit/train_preprocess.txt", "nergrit/valid_preprocess.txt"),
    "nerp": ("nerp/train_preprocess.txt", "nerp/valid_preprocess.txt"),
}
GAZETTEER_LISTS = {"PER": "person.txt", "ORG": "organization.txt", "LOC": "place.txt"}
GAZETTEER_DIR = Path("gazetteers") / "original-dbpedia"
DEFAULT_DOMAIN = "idner"
NEURAL_FILE_NAME = "ner-neural.npz"
# How much the neural scorer's scores count against the CRF's: chosen on the held-out tenth of
# the train splits among 0.5, 0.75, 1, 1.5 and 2 (best mean F1 of the three corpora; model card).
NEURAL_WEIGHT = 1.5


@dataclass(frozen=True, slots=True)
class Settings:
    """CRFsuite L-BFGS settings. Chosen on a held-out tenth of the train splits (see the model card)."""

    c1: float = 0.05
    c2: float = 0.1
    iterations: int = 150
    domains: bool = True  # domain-adapted union; False trains one plain model on all inputs
    names: bool = True  # the cross-fitted gazetteer of training entity names (names.py)
    neural: bool = True  # also train the neural scorer added to the CRF (neural.py; needs torch)

    def params(self) -> dict[str, Any]:
        return {
            "c1": self.c1,
            "c2": self.c2,
            "max_iterations": self.iterations,
            "feature.possible_transitions": True,
        }


@dataclass(slots=True)
class Inputs:
    """The training sentences per corpus and the files they came from, with their sha256."""

    sentences: dict[str, list[Sentence]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_split(shared: Path, corpus: str, split: int) -> tuple[list[Sentence], Path]:
    """Split 0 (train) or 1 (dev/valid) of a corpus, tags mapped to PER/ORG/LOC."""
    path = shared / NER_DIR / CORPORA[corpus][split]
    return read_corpus(path.read_text(encoding="utf-8").splitlines(), corpus), path


def read_inputs(shared: Path, corpora: Iterable[str] = CORPORA, limit: int | None = None) -> Inputs:
    """The train splits of ``corpora`` (the first ``limit`` sentences of each when given)."""
    inputs = Inputs()
    for corpus in corpora:
        sentences, path = read_split(shared, corpus, 0)
        inputs.sentences[corpus] = sentences[:limit] if limit else sentences
        inputs.files[str(path.relative_to(shared))] = sha256(path)
    return inputs


def _clean_name(line: str) -> list[str]:
    """A DBpedia title as name tokens: "Roman, Rumania" -> ["Roman"], "Ali (petinju)" -> ["Ali"].

    Titles with mojibake ("Cast?n", U+FFFD) are dropped: they would never match real text.
    """
    if "\ufffd" in line or "?" in line:
        return []
    name = line.split(",")[0].split(" (")[0].strip()
    return name.split()


def build_gazetteer(shared: Path, cased: Iterable[Sentence], inputs: Inputs | None = None) -> Gazetteer:
    """The DBpedia name lists as a gazetteer, minus one-word names that are mostly common words.

    A one-word name is dropped when, in the cased training text, it is written in lower case
    more often than capitalised (at least twice): DBpedia has places called "Baru" and "Air".
    """
    lower_count: Counter[str] = Counter()
    cap_count: Counter[str] = Counter()
    for sentence in cased:
        for token in sentence.tokens:
            (lower_count if token.islower() else cap_count)[token.lower()] += 1
    gazetteer = Gazetteer()
    for kind, filename in GAZETTEER_LISTS.items():
        path = shared / NER_DIR / GAZETTEER_DIR / filename
        if inputs is not None:
            inputs.files[str(path.relative_to(shared))] = sha256(path)
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            tokens = _clean_name(line)
            if len(tokens) == 1:
                word = tokens[0].lower()
                if lower_count[word] >= 2 and lower_count[word] > cap_count[word]:
                    continue
            if tokens:
                gazetteer.add(tokens, kind)
    return gazetteer


def domain_features(features: list[list[str]], domain: str | None) -> list[list[str]]:
    """Each token's features plus a copy prefixed by the domain (unchanged for None)."""
    if domain is None:
        return features
    prefix = "@" + domain + "|"
    return [feats + [prefix + f for f in feats] for feats in features]


def train_crf(data: Sequence[tuple[Sentence, str | None]], extractor: FeatureExtractor, settings: Settings) -> CrfModel:
    """Train a CRF with CRFsuite on (sentence, domain) pairs and return its weights."""
    import pycrfsuite  # type: ignore[import-untyped]  # training-time only; tagging uses NumPy

    class Trainer(pycrfsuite.Trainer):  # type: ignore[misc]
        """CRFsuite's trainer with its progress sent to the log instead of printed."""

        def message(self, message: str) -> None:
            if self.logparser.feed(message) == "iteration":
                it = self.logparser.last_iteration
                if it.get("num", 0) % 25 == 0:
                    logger.info(
                        "iteration %s: loss %.1f, %s active features",
                        it["num"],
                        it.get("loss", 0.0),
                        it.get("active_features"),
                    )

    trainer = Trainer(algorithm="lbfgs", verbose=False)
    folds = fold_names([sentence for sentence, _ in data]) if settings.names else None
    for i, (sentence, domain) in enumerate(data):
        if folds is not None:
            extractor.names = folds[fold_of(i)]
        trainer.append(domain_features(extractor.sentence(sentence.tokens), domain), list(sentence.tags))
    # Tagging sees the names of all the training sentences.
    extractor.names = names_from([sentence for sentence, _ in data]) if settings.names else None
    trainer.set_params(settings.params())
    domains = sorted({d for _, d in data if d is not None})
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "model.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        model = CrfModel.build(tagger.labels(), info.state_features, info.transitions, domains)
        tagger.close()
    return model


def train_model(inputs: Inputs, extractor: FeatureExtractor, settings: Settings) -> CrfModel:
    """One model on every corpus in ``inputs``: domain-adapted, or plain when ``settings.domains`` is off."""
    data = [
        (sentence, corpus if settings.domains else None)
        for corpus, sentences in inputs.sentences.items()
        for sentence in sentences
    ]
    return train_crf(data, extractor, settings)


def build(shared: Path, out: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    """Train the shipped model from ``shared`` and write it, its gazetteer and its metadata to ``out``."""
    started = time.perf_counter()
    inputs = read_inputs(shared, limit=limit)
    cased = [s for corpus in ("idner", "nergrit") for s in inputs.sentences.get(corpus, [])]
    gazetteer = build_gazetteer(shared, cased, inputs)
    clusters = build_clusters(s.tokens for sentences in inputs.sentences.values() for s in sentences)
    extractor = FeatureExtractor(Cues.load(), gazetteer, clusters)
    model = train_model(inputs, extractor, settings)
    out.mkdir(parents=True, exist_ok=True)
    gazetteer.write(out / GAZETTEER_FILE.name)
    write_clusters(clusters, out / CLUSTERS_FILE.name)
    if extractor.names is not None:
        extractor.names.write(out / NAMES_FILE.name)
    else:
        (out / NAMES_FILE.name).unlink(missing_ok=True)
    model.save(out / "ner-model.npz")
    if settings.neural:
        _build_neural(inputs, extractor, out)
    else:
        (out / NEURAL_FILE_NAME).unlink(missing_ok=True)
    info = model_metadata(inputs, settings, model, len(gazetteer), time.perf_counter() - started)
    info["cluster_words"] = len(clusters)
    info["training_names"] = len(extractor.names) if extractor.names is not None else 0
    (out / "ner-model.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return info


def _build_neural(inputs: Inputs, extractor: FeatureExtractor, out: Path) -> None:
    """Train the neural scorer (``neural.py``) on the same inputs and lists as the CRF and write it."""
    from warta.lang.id.ner.neural import save
    from warta.lang.id.ner.neural_train import NeuralSettings, train_network

    data = [(sentence, corpus) for corpus, sentences in inputs.sentences.items() for sentence in sentences]
    trained = train_network(data, extractor, NeuralSettings())
    save(out / NEURAL_FILE_NAME, trained.vocab, trained.shared, trained.domains, NEURAL_WEIGHT)


def model_metadata(inputs: Inputs, settings: Settings, model: CrfModel, names: int, seconds: float) -> dict[str, Any]:
    return {
        "format": 1,
        "default_domain": DEFAULT_DOMAIN if DEFAULT_DOMAIN in model.domains else None,
        "domains": sorted(model.domains),
        "labels": list(model.labels),
        "attributes": len(model.index),
        "gazetteer_names": names,
        "settings": asdict(settings),
        "sentences": {corpus: len(s) for corpus, s in inputs.sentences.items()},
        "inputs": dict(sorted(inputs.files.items())),
        "training_seconds": round(seconds, 1),
    }


TRAINING_START, TRAINING_END = "<!-- training:start -->", "<!-- training:end -->"


def render_training(info: dict[str, Any]) -> str:
    """The model card's generated "Training run" section, from the model's metadata."""
    settings = info["settings"]
    lines = [
        TRAINING_START,
        "_Written by `python3 scripts/train_ner.py` from `ner-model.json`._",
        "",
        "| input (under `../shared`) | sha256 |",
        "| --- | --- |",
        *(f"| `{path}` | `{digest}` |" for path, digest in info["inputs"].items()),
        "",
        "Training sentences: " + ", ".join(f"{corpus} {n:,}" for corpus, n in info["sentences"].items()) + ". "
        f"CRFsuite L-BFGS, c1 {settings['c1']}, c2 {settings['c2']}, {settings['iterations']} iterations, "
        f"{'domain-adapted union' if settings['domains'] else 'plain union'}"
        f"{', plus the neural scorer (weight ' + str(NEURAL_WEIGHT) + ')' if settings.get('neural') else ''}; "
        f"{info['attributes']:,} attributes with a non-zero weight, {info['gazetteer_names']:,} gazetteer names, "
        f"{info.get('cluster_words', 0):,} clustered words, {info.get('training_names', 0):,} training names; "
        f"{info['training_seconds']:.0f} s on this machine.",
        TRAINING_END,
    ]
    return "\n".join(lines)


def write_section(doc: Path, section: str, start: str, end: str) -> None:
    """Replace the section between ``start`` and ``end`` in ``doc`` (or append it)."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# NER model card\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end) + r"\n?", re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    doc.write_text(text, encoding="utf-8")


def main(
    argv: Sequence[str] | None = None, default_shared: Path | None = None, default_card: Path | None = None
) -> int:
    parser = argparse.ArgumentParser(description="Train warta's NER model from ../shared/corpora/ner.")
    parser.add_argument("--shared", type=Path, default=default_shared or Path("..") / "shared")
    parser.add_argument("--out", type=Path, default=DATA, help="where the model files go (default: the package)")
    parser.add_argument("--limit", type=int, help="only the first N sentences of each corpus (for tests)")
    defaults = Settings()
    parser.add_argument("--iterations", type=int, default=defaults.iterations)
    parser.add_argument("--c1", type=float, default=defaults.c1)
    parser.add_argument("--c2", type=float, default=defaults.c2)
    parser.add_argument("--model-card", type=Path, default=default_card, help="write the training numbers here")
    parser.add_argument("--no-neural", action="store_true", help="CRF only (no PyTorch needed)")
    parser.add_argument("--variants", action="store_true", help="also train and score the variants (a few minutes)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (args.shared / NER_DIR).is_dir():
        parser.error(f"{args.shared / NER_DIR} not found: pass --shared PATH (the folder holding corpora/ner)")
    settings = Settings(c1=args.c1, c2=args.c2, iterations=args.iterations, neural=not args.no_neural)
    info = build(args.shared, args.out, settings, args.limit)
    logger.info("model written to %s: %d attributes, %.0f s", args.out, info["attributes"], info["training_seconds"])
    if args.model_card and not args.limit:
        write_section(args.model_card, render_training(info), TRAINING_START, TRAINING_END)
    if args.variants:
        from warta.lang.id.ner import variants

        rows = variants.run_variants(args.shared, settings)
        if args.model_card:
            write_section(args.model_card, variants.render(rows, settings), variants.START, variants.END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
