"""Names seen as entities in the training data, as a second gazetteer ("this string was a PER before").

Every entity of the train splits becomes a lower-cased name with its type(s). A one-word name
is kept only when, in the same text, it is marked as an entity at least half the times it
occurs (``apple`` the company versus ``apel`` the fruit is the model's job, not the list's).

Used naively this feature leaks the labels: every training entity would match itself, and the
CRF would learn to trust the list blindly. So the training script cross-fits it
(``fold_names``): the sentences are cut into folds, and each fold's features come from the
names of the *other* folds only, exactly as unseen text will see the names of all of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from warta.lang.id.ner.conll import Sentence, label_spans
from warta.lang.id.ner.lexicon import DATA, Gazetteer

NAMES_FILE = DATA / "names.txt.gz"

FOLDS = 5
# A one-word name is dropped when it is an entity in under this share of its occurrences.
MIN_ENTITY_SHARE = 0.5


def names_from(sentences: Sequence[Sentence]) -> Gazetteer:
    """The entity strings of ``sentences`` with their types, filtered as the module docstring says."""
    kinds: dict[tuple[str, ...], set[str]] = {}
    as_entity: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for sentence in sentences:
        lowers = [t.lower() for t in sentence.tokens]
        seen.update(lowers)
        for start, end, kind in label_spans(sentence.tags):
            key = tuple(lowers[start:end])
            kinds.setdefault(key, set()).add(kind)
            if end - start == 1:
                as_entity[key[0]] += 1
    gazetteer = Gazetteer()
    for key, found in kinds.items():
        if len(key) == 1 and as_entity[key[0]] < MIN_ENTITY_SHARE * seen[key[0]]:
            continue
        gazetteer.add(key, "|".join(sorted(found)))
    return gazetteer


def fold_of(index: int) -> int:
    """The fold of the index-th training sentence (round robin, so every corpus is spread evenly)."""
    return index % FOLDS


def fold_names(sentences: Sequence[Sentence]) -> list[Gazetteer]:
    """For each fold, the names of all the other folds (the cross-fitted lists used in training)."""
    return [names_from([s for i, s in enumerate(sentences) if fold_of(i) != fold]) for fold in range(FOLDS)]
