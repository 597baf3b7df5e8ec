"""The NER tagger: token strings in, IOB2 labels (PER, ORG, LOC) out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

import numpy as np

from warta.lang.id.ner.conll import label_spans, repair_iob2
from warta.lang.id.ner.crf import CrfModel, Floats
from warta.lang.id.ner.features import (
    OFFSETS,
    FeatureExtractor,
    Matches,
    WordFeatures,
    left_context,
    mark_matches,
    right_context,
)
from warta.lang.id.ner.neural import NeuralModel

# Sentences longer than this are tagged in windows of this many tokens. Real sentences are far
# shorter (the longest in the three training corpora has 132 tokens); the cap keeps memory flat
# when a whole unsegmented document arrives as one "sentence".
WINDOW = 500

# How many sentences are decoded together: large enough for the batched Viterbi to pay off,
# small enough that the padded score arrays stay a few MB.
BATCH = 256

# Distinct words whose weight sums are kept (5 x 7 float32 each, so about 14 MB); the table
# starts over when a very long stream of new words fills it.
MAX_WORDS = 100_000
# Distinct word pairs whose context weights are kept (7 float32 each, about 8 MB with the keys'
# overhead beside them); the table starts over when it is full.
MAX_PAIRS = 200_000

# A context pair: (word before or None, word, its case class) or (word, word after or None).
Pairs = tuple[str | None, str, str] | tuple[str, str | None]
K = TypeVar("K", str, Pairs)


class Tagger:
    """Tags token sequences with a CRF model and its feature extractor.

    ``domain`` names the annotation style the model imitates (see docs/model-card.md); the
    tagger adds that domain's weights once, when it is built.

    ``neural``, when given, is the network of ``neural.py`` (loaded in the same domain); its
    scores, times its weight, are added to the CRF's before decoding.

    Speed: the weights of a word's word-level features are summed once per distinct word and
    position (own, one before, one after, two before, two after) and kept in a table, so a
    token's score is five table rows plus its context (the network caches its first layer the
    same way). The context features are kept the same way, per distinct pair of words: the pair a
    token makes with the word before it and the one with the word after it, two more rows; only
    gazetteer marks, which few tokens have, are summed each time.
    """

    def __init__(
        self,
        model: CrfModel,
        extractor: FeatureExtractor,
        domain: str | None = None,
        neural: NeuralModel | None = None,
    ) -> None:
        self.domain = domain
        self._model = model.for_domain(domain)
        self._extractor = extractor
        # The neural scorer (already in ``domain``'s style), whose scores are added to the CRF's.
        self._neural = neural.for_labels(self._model.labels) if neural is not None else None
        if self._neural is not None:
            self._model = replace(self._model, transition=self._model.transition + self._neural.transition)
        self._pairs: dict[Pairs, int] = {}
        self._pair_table = np.zeros((4096, len(self._model.labels)), dtype=np.float32)
        self._rows: dict[str, int] = {}
        self._table = np.zeros((1024, len(OFFSETS), len(self._model.labels)), dtype=np.float32)

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """IOB2 labels for one sentence's tokens (``B-PER``, ``I-LOC``, ``O``...)."""
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: Iterable[Sequence[str]]) -> list[list[str]]:
        """IOB2 labels for many sentences; faster per sentence than calling :meth:`tag` in a loop."""
        windows: list[Sequence[str]] = []
        owners: list[int] = []
        for k, tokens in enumerate(sentences):
            if len(tokens) <= WINDOW:
                windows.append(tokens)
                owners.append(k)
                continue
            for start in range(0, len(tokens), WINDOW):
                windows.append(tokens[start : start + WINDOW])
                owners.append(k)
        # A sentence written twice (a description repeating the lead, a caption under two photos)
        # is tagged once: each window is tagged on its own, so the labels are the same.
        first: dict[tuple[str, ...], int] = {}
        same = [first.setdefault(tuple(w), i) for i, w in enumerate(windows)]
        unique = [i for i, j in enumerate(same) if i == j]
        # Batches of similar lengths: the batched Viterbi pads every sentence to its batch's longest.
        order = sorted(unique, key=lambda i: len(windows[i]))
        decoded: list[list[str]] = [[] for _ in windows]
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            for i, labels in zip(batch, self._tag_batch([windows[i] for i in batch]), strict=True):
                decoded[i] = labels
        out: list[list[str]] = [[] for _ in range(owners[-1] + 1 if owners else 0)]
        for k, j in zip(owners, same, strict=True):
            out[k] += decoded[j]
        # Windows are decoded apart, so a join can leave an I- with no B- before it.
        return [repair_iob2(labels) if len(labels) > WINDOW else labels for labels in out]

    def _tag_batch(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        extractor = self._extractor
        flat_tokens = [token for tokens in sentences for token in tokens]
        lengths = [len(tokens) for tokens in sentences]
        words = [extractor.words(tokens) for tokens in sentences]
        matches = [extractor.matches([w.lower for w in ws]) for ws in words]
        scores = self._context_scores(words, matches)
        if len(flat_tokens):
            scores += self._word_scores(flat_tokens, lengths)
            if self._neural is not None:
                scores += self._neural.emissions(sentences, matches, extractor.cues, extractor.clusters)
        return self._model.best_paths(scores, lengths)

    def _context_scores(self, words: Sequence[Sequence[WordFeatures]], matches: Sequence[Matches]) -> Floats:
        """Each token's share of the context features: the pair it makes with the word before it,
        the pair with the word after it (weights summed once per distinct pair and kept, as for
        single words) and its gazetteer marks (summed for the few tokens that have any)."""
        pairs = self._pairs
        left: list[tuple[str | None, str, str]] = []
        right: list[tuple[str, str | None]] = []
        for ws in words:
            last = len(ws) - 1
            for i, word in enumerate(ws):
                left.append((ws[i - 1].lower if i else None, word.lower, word.case))
                right.append((word.lower, ws[i + 1].lower if i < last else None))
        new_left = [key for key in dict.fromkeys(left) if key not in pairs]
        new_right = [key for key in dict.fromkeys(right) if key not in pairs]
        if new_left or new_right:
            if len(pairs) + len(new_left) + len(new_right) > MAX_PAIRS:
                pairs.clear()
                new_left, new_right = list(dict.fromkeys(left)), list(dict.fromkeys(right))
            features = [left_context(*key) for key in new_left] + [right_context(*key) for key in new_right]
            keys: list[Pairs] = [*new_left, *new_right]
            self._pair_table = _append_rows(self._pair_table, len(pairs), self._model.emissions(features), keys, pairs)
        table = self._pair_table
        scores: Floats = table[np.fromiter(map(pairs.__getitem__, left), dtype=np.int64, count=len(left))]
        scores += table[np.fromiter(map(pairs.__getitem__, right), dtype=np.int64, count=len(right))]
        marked: list[int] = []
        marks: list[list[str]] = []
        offset = 0
        for ws, (gazetteer, names) in zip(words, matches, strict=True):
            if gazetteer or names:
                found = mark_matches([[] for _ in ws], gazetteer, names)
                for k, feats in enumerate(found):
                    if feats:
                        marked.append(offset + k)
                        marks.append(feats)
            offset += len(ws)
        if marked:
            scores[marked] += self._model.emissions(marks)
        return scores

    def _word_scores(self, tokens: list[str], lengths: Sequence[int]) -> Floats:
        """Each token's share of the word-level features: its own and its neighbours' rows."""
        rows = self._rows
        new = list(dict.fromkeys(t for t in tokens if t not in rows))
        if new:
            if len(rows) + len(new) > MAX_WORDS:
                rows.clear()
                new = list(dict.fromkeys(tokens))
            self._add_words(new)
        table = self._table
        ids = np.fromiter(map(rows.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        position = np.arange(len(tokens)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        remaining = np.repeat(lengths, lengths) - position - 1
        scores: Floats = table[ids, 0].copy()
        n = len(tokens)
        for group, offset in enumerate(OFFSETS):
            # Token t takes this group from the word at t + offset, when that word is in its sentence.
            if offset < 0:
                valid = position[-offset:] >= -offset
                scores[-offset:][valid] += table[ids[: n + offset], group][valid]
            elif offset > 0:
                valid = remaining[: n - offset] >= offset
                scores[: n - offset][valid] += table[ids[offset:], group][valid]
        return scores

    def _add_words(self, words: list[str]) -> None:
        features = [group for w in words for group in self._extractor.word(w)[: len(OFFSETS)]]
        rows = self._model.emissions(features).reshape(len(words), len(OFFSETS), -1)
        self._table = _append_rows(self._table, len(self._rows), rows, words, self._rows)


def _append_rows(table: Floats, used: int, rows: Floats, keys: Sequence[K], index: dict[K, int]) -> Floats:
    """``rows`` stored after the ``used`` rows of ``table`` (grown when full), ``keys`` indexed to them."""
    needed = used + len(rows)
    if needed > len(table):
        grown = np.zeros((max(needed, 2 * len(table)), *table.shape[1:]), dtype=np.float32)
        grown[:used] = table[:used]
        table = grown
    table[used:needed] = rows
    for k, key in enumerate(keys, start=used):
        index[key] = k
    return table


def spans(tokens: Sequence[str], labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities as ``(start_token, end_token, label)`` with ``end_token`` exclusive, in order.

    A stray ``I-`` (no ``B-`` before it, or after another type) starts a new entity, as
    conlleval reads it.
    """
    if len(tokens) != len(labels):
        raise ValueError(f"{len(tokens)} tokens but {len(labels)} labels")
    return label_spans(labels)
