"""Named entities in Indonesian text: people (PER), organisations (ORG) and places (LOC).

    >>> from warta.lang.id.ner import load_tagger, spans
    >>> tagger = load_tagger()
    >>> tokens = ["Presiden", "Joko", "Widodo", "tiba", "di", "Jakarta", "."]
    >>> labels = tagger.tag(tokens)      # ['O', 'B-PER', 'I-PER', 'O', 'O', 'B-LOC', 'O']
    >>> spans(tokens, labels)            # [(1, 3, 'PER'), (5, 6, 'LOC')]

The model is a linear-chain CRF over word, shape, affix, cue-word, gazetteer, word-cluster
and training-name features, whose label scores are summed with those of a small convolutional
network (``neural.py``, run in NumPy) before decoding; both are trained by
``python -m warta.lang.id.ner.train`` (or ``scripts/train_ner.py``) on three Indonesian NER
corpora and shipped in ``data/``;
docs/model-card.md says what it was trained on and how well it does. It runs offline on one
CPU core and loads on first use.

The corpora follow different annotation guidelines, so the model keeps one set of extra
weights per corpus ("domain"). ``load_tagger()`` tags in the style of idner-news-2k, Indonesian
news; ``load_tagger("nergrit")`` or ``load_tagger("nerp")`` imitate the other two.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from warta.errors import ConfigurationError
from warta.lang.id.ner.clusters import load_clusters
from warta.lang.id.ner.conll import ENTITY_TYPES, LABELS
from warta.lang.id.ner.crf import CrfModel
from warta.lang.id.ner.features import FeatureExtractor
from warta.lang.id.ner.lexicon import DATA, Cues, Gazetteer
from warta.lang.id.ner.names import NAMES_FILE
from warta.lang.id.ner.neural import NeuralModel
from warta.lang.id.ner.tagger import Tagger, spans

MODEL_FILE = DATA / "ner-model.npz"
MODEL_INFO_FILE = DATA / "ner-model.json"
NEURAL_FILE = DATA / "ner-neural.npz"

__all__ = ["ENTITY_TYPES", "LABELS", "Tagger", "load_tagger", "model_info", "spans"]


def model_info() -> dict[str, Any]:
    """The shipped model's metadata: domains, default domain, training inputs and settings."""
    try:
        info: dict[str, Any] = json.loads(MODEL_INFO_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(
            f"NER model metadata {MODEL_INFO_FILE} is missing or unreadable ({exc}); "
            "reinstall warta or rebuild the model with scripts/train_ner.py"
        ) from exc
    return info


@lru_cache(maxsize=4)
def load_tagger(domain: str | None = None) -> Tagger:
    """The shipped NER tagger, loaded once per domain and cached.

    ``domain`` picks the annotation style: None means the model's default (news, the style of
    idner-news-2k); ``"nergrit"`` and ``"nerp"`` imitate those corpora.
    """
    info = model_info()
    domain = domain or info.get("default_domain")
    try:
        model = CrfModel.load(MODEL_FILE)
        neural = NeuralModel.load(NEURAL_FILE, domain) if NEURAL_FILE.exists() else None
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigurationError(
            f"NER model {MODEL_FILE} or {NEURAL_FILE} cannot be read ({exc}); rebuild it with scripts/train_ner.py"
        ) from exc
    if domain is not None and model.domains and domain not in model.domains:
        known = ", ".join(sorted(model.domains))
        raise ConfigurationError(f"the NER model has no domain {domain!r}; it knows {known}")
    names = Gazetteer.load(NAMES_FILE) if NAMES_FILE.exists() else None
    extractor = FeatureExtractor(Cues.load(), Gazetteer.load(), load_clusters(), names)
    return Tagger(model, extractor, domain if model.domains else None, neural)
