"""A small neural scorer whose per-token label scores are added to the CRF's before Viterbi.

The CRF (``crf.py``) sees thousands of sparse indicator features; this network sees the same
words through dense, learned representations, which generalise where the CRF has only seen a
word once or never: a word embedding (lower-cased), a character CNN over the cased word (it
reads affixes, capitals and foreign spellings), the word's case class, its three word-cluster
ids and cue-word classes, and the token's gazetteer and training-name marks. Two convolution
layers look at four words either side. The network is trained with its own CRF layer
(``neural_train.py``, PyTorch, training time only); at tagging time its emissions and
transitions, scaled by a weight chosen on held-out training data, are added to the CRF's
("product of experts"), so decoding is unchanged.

Inference is NumPy only and costs little per token, by the same trick as ``tagger.Tagger``:
the first layer is linear in each word's vector, so its contribution at each of the five window
positions is computed once per distinct word and kept in a table; a token's first layer is five
table rows plus the rows of its gazetteer marks. The second layer is one matrix product.

File (``data/ner-neural.npz``, no pickles): the vocabularies as newline-joined UTF-8 bytes and
the weight arrays named as in ``WEIGHTS``; per domain ``D``: ``bias1.D``, ``out.D``,
``out_bias.D`` and ``transition.D`` are added to the shared ones.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from warta.lang.id.ner.conll import LABELS
from warta.lang.id.ner.crf import Floats, pack_strings, unpack_strings
from warta.lang.id.ner.features import Matches, case_class
from warta.lang.id.ner.lexicon import Cues

CASES = ("init", "upper", "mixed", "lower", "digit", "other")
CUE_CLASSES = Cues.__slots__
CLUSTER_LEVELS = 3
# Characters of a word the character CNN reads, its begin and end marks included; longer
# words keep their first MAX_CHARS - 2 characters.
MAX_CHARS = 20
# Reserved ids: 0 padding, 1 unknown; characters also have 2 (word start) and 3 (word end).
PAD, UNK, BOW, EOW = 0, 1, 2, 3
WINDOW1 = 2  # first layer: two words either side
DILATION2 = 2  # second layer: taps at -2, 0, +2 of the first layer's outputs
GAP = max(WINDOW1, DILATION2)  # padding slots between sentences at tagging time
# Distinct words whose first-layer rows are kept (5 x hidden float32 each: about 1.9 KB at the
# shipped width of 96, so under 40 MB at the cap); the table starts over when a stream of new
# words fills it.
MAX_WORDS = 20_000

WEIGHTS = (
    "word_emb", "char_emb", "char_conv", "char_bias", "case_emb", "cluster_emb", "mark_emb",
    "conv1", "bias1", "conv2", "bias2", "out", "out_bias", "transition",
)  # fmt: skip
DOMAIN_WEIGHTS = ("bias1", "out", "out_bias", "transition")


@dataclass(frozen=True, slots=True)
class Vocab:
    """The network's input vocabularies: id 0 is padding, 1 unknown (marks: 0 is "no mark")."""

    words: Mapping[str, int]  # lower-cased words
    chars: Mapping[str, int]
    clusters: Mapping[str, int]  # "level:id" of the word-cluster table, 0 for a word without one
    marks: Mapping[str, int]  # "B-LOC", "I-ORG|PER"...: gazetteer and training-name marks

    def word_inputs(
        self, word: str, cues: Cues, clusters: Mapping[str, str]
    ) -> tuple[int, list[int], int, list[int], list[float]]:
        """Word id, character ids, case id, cluster ids and cue bits of one word."""
        lower = word.lower()
        chars = [BOW, *(self.chars.get(ch, UNK) for ch in word[: MAX_CHARS - 2]), EOW]
        ids = clusters.get(lower)
        levels = ids.split("|") if ids else []
        cluster_ids = [self.clusters.get(f"{g}:{k}", 0) for g, k in enumerate(levels[:CLUSTER_LEVELS])]
        cluster_ids += [0] * (CLUSTER_LEVELS - len(cluster_ids))
        classes = cues.classes(lower)
        bits = [1.0 if name in classes else 0.0 for name in CUE_CLASSES]
        return self.words.get(lower, UNK), chars, CASES.index(case_class(word)), cluster_ids, bits

    def mark_ids(self, size: int, matches: Sequence[tuple[int, int, str]]) -> list[int]:
        """Each token's mark id from a gazetteer's matches over ``size`` tokens (0 outside any match)."""
        out = [0] * size
        for start, end, kinds in matches:
            for k in range(start, end):
                out[k] = self.marks.get(("B-" if k == start else "I-") + kinds, 0)
        return out

    def marked(
        self, firsts: Sequence[int], matches: Sequence[Sequence[tuple[int, int, str]]]
    ) -> tuple[list[int], list[int]]:
        """The tokens with a known mark and their mark ids, over sentences laid end to end.

        ``firsts`` is the index of each sentence's first token, ``matches`` one gazetteer's
        matches in each sentence.
        """
        where: list[int] = []
        ids: list[int] = []
        marks = self.marks
        for first, found in zip(firsts, matches, strict=True):
            for start, end, kinds in found:
                for k in range(start, end):
                    mark = marks.get(("B-" if k == start else "I-") + kinds, 0)
                    if mark:
                        where.append(first + k)
                        ids.append(mark)
        return where, ids

    def sentence_marks(self, size: int, matches: Matches) -> list[tuple[int, int]]:
        """Each token's (gazetteer mark id, training-name mark id)."""
        return list(zip(self.mark_ids(size, matches[0]), self.mark_ids(size, matches[1]), strict=True))


def char_features(char_ids: Sequence[Sequence[int]], emb: Floats, conv: Floats, bias: Floats) -> Floats:
    """The character CNN: width-3 convolution over the embedded characters, max over the word.

    ``conv`` is (filters, char dims, 3), as PyTorch's Conv1d stores it; positions past a word's
    end are zero on input and ignored by the max.
    """
    n = len(char_ids)
    width = max(map(len, char_ids))
    ids = np.zeros((n, width), dtype=np.int64)
    for k, chars in enumerate(char_ids):
        ids[k, : len(chars)] = chars
    x = emb[ids]  # padding rows of the embedding are zero
    padded = np.zeros((n, width + 2, x.shape[2]), dtype=np.float32)
    padded[:, 1:-1] = x
    windows = np.concatenate([padded[:, j : j + width] for j in range(3)], axis=2)
    kernel = conv.transpose(2, 1, 0).reshape(-1, conv.shape[0])  # (3 * dims, filters), tap-major
    out = windows @ kernel + bias
    out[ids == PAD] = -np.inf
    result: Floats = out.max(axis=1)
    return result


class NeuralModel:
    """The network's weights for one domain, ready to score sentences."""

    def __init__(
        self, vocab: Vocab, weights: Mapping[str, Floats], labels: Sequence[str] = LABELS, weight: float = 1.0
    ) -> None:
        self.vocab = vocab
        self.labels = tuple(labels)
        # How much the network's scores count against the CRF's when the two are added.
        self.weight = weight
        self.w = dict(weights)
        conv1 = self.w["conv1"]  # (hidden, inputs, 5)
        self._word_dims = conv1.shape[1] - 2 * self.w["mark_emb"].shape[1]
        # Per mark id and window position: its first-layer rows, once for the gazetteer's
        # copy of the mark embedding and once for the training names' copy.
        marks = self.w["mark_emb"]
        dims = marks.shape[1]
        gaz = conv1[:, self._word_dims : self._word_dims + dims]
        names = conv1[:, self._word_dims + dims :]
        self._gaz_rows = np.einsum("md,hdk->mkh", marks, gaz).astype(np.float32)
        self._name_rows = np.einsum("md,hdk->mkh", marks, names).astype(np.float32)
        # The first layer's weights on the word vector as one matrix: (dims, taps x hidden).
        words = conv1[:, : self._word_dims]
        self._conv1_words = np.ascontiguousarray(words.transpose(1, 2, 0).reshape(self._word_dims, -1))
        # Row 0 of each first-layer table is all zeros: the row of the padding between sentences.
        self._rows: dict[str, int] = {}
        self._table = np.zeros((conv1.shape[2], 1024, conv1.shape[0]), dtype=np.float32)
        conv2 = self.w["conv2"]  # (hidden2, hidden1, 3)
        self._conv2 = np.ascontiguousarray(conv2.transpose(1, 2, 0).reshape(conv2.shape[1], -1))

    @property
    def transition(self) -> Floats:
        return self.w["transition"]

    def for_labels(self, labels: Sequence[str]) -> NeuralModel:
        """The network with its scores in ``labels`` order and multiplied by :attr:`weight`.

        This is the form the tagger adds to the CRF's scores (the weight is then 1).
        """
        order = [self.labels.index(label) for label in labels]
        weights = dict(self.w)
        weights["out"] = self.weight * self.w["out"][order]
        weights["out_bias"] = self.weight * self.w["out_bias"][order]
        weights["transition"] = self.weight * self.w["transition"][np.ix_(order, order)]
        return NeuralModel(self.vocab, weights, labels)

    @classmethod
    def load(cls, path: Path, domain: str | None) -> NeuralModel:
        """The network in ``path`` with ``domain``'s extra weights added in (shared only for None)."""
        with np.load(path, allow_pickle=False) as data:
            vocab = Vocab(
                *(
                    {s: i for i, s in enumerate(unpack_strings(data["vocab." + name])) if s}
                    for name in ("words", "chars", "clusters", "marks")
                )
            )
            weights = {name: data[name].astype(np.float32) for name in WEIGHTS}
            if domain is not None and "bias1." + domain in data.files:
                for name in DOMAIN_WEIGHTS:
                    weights[name] = weights[name] + data[f"{name}.{domain}"].astype(np.float32)
            labels = unpack_strings(data["labels"])
            weight = float(data["weight"])
        return cls(vocab, weights, labels, weight)

    def word_vectors(self, words: Sequence[str], cues: Cues, clusters: Mapping[str, str]) -> Floats:
        """Each word's input vector: word embedding, character CNN, case, clusters, cue bits."""
        inputs = [self.vocab.word_inputs(w, cues, clusters) for w in words]
        w = self.w
        word_ids = np.array([i[0] for i in inputs], dtype=np.int64)
        cases = np.array([i[2] for i in inputs], dtype=np.int64)
        cluster_ids = np.array([i[3] for i in inputs], dtype=np.int64)
        cue_bits = np.array([i[4] for i in inputs], dtype=np.float32).reshape(len(words), len(CUE_CLASSES))
        chars = char_features([i[1] for i in inputs], w["char_emb"], w["char_conv"], w["char_bias"])
        clusters_vec = w["cluster_emb"][cluster_ids].reshape(len(words), -1)
        return np.concatenate([w["word_emb"][word_ids], chars, w["case_emb"][cases], clusters_vec, cue_bits], axis=1)

    def emissions(
        self,
        sentences: Sequence[Sequence[str]],
        matches: Sequence[Matches],
        cues: Cues,
        clusters: Mapping[str, str],
    ) -> Floats:
        """Label scores, one row per token of ``sentences`` in order (columns in ``labels`` order).

        ``matches`` holds each sentence's gazetteer and training-name matches
        (``FeatureExtractor.matches``).
        """
        tokens = [t for s in sentences for t in s]
        lengths = [len(s) for s in sentences]
        if not tokens:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        rows = self._rows
        new = list(dict.fromkeys(t for t in tokens if t not in rows))
        if new:
            if len(rows) + len(new) > MAX_WORDS:
                rows.clear()
                new = list(dict.fromkeys(tokens))
            self._add_words(new, cues, clusters)
        # Sentences are laid end to end with GAP padding slots before each and after the last,
        # so every window reads zeros past a sentence's edges and each layer is a sum of slices.
        lens = np.array(lengths, dtype=np.int64)
        size = len(tokens) + GAP * (len(lengths) + 1)
        where = np.arange(len(tokens)) + GAP * np.repeat(np.arange(1, len(lengths) + 1), lens)
        ids = np.zeros(size, dtype=np.int64)
        ids[where] = np.fromiter(map(rows.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        table, taps1 = self._table, self._table.shape[0]
        hidden = np.zeros((size, table.shape[2]), dtype=np.float32)
        inner = hidden[WINDOW1 : size - WINDOW1]
        for k in range(taps1):
            inner += table[k].take(ids[k : size - taps1 + 1 + k], axis=0)
        # Gazetteer and training-name marks: few tokens have one, so only those are added.
        firsts = np.cumsum(lens) - lens
        for column, mark_rows in ((0, self._gaz_rows), (1, self._name_rows)):
            marked, mark_ids = self.vocab.marked(firsts.tolist(), [found[column] for found in matches])
            if marked:
                rows_of = mark_rows[mark_ids]
                for k in range(taps1):
                    hidden[where[marked] + WINDOW1 - k] += rows_of[:, k]
        hidden += self.w["bias1"]
        np.maximum(hidden, 0.0, out=hidden)
        outside = np.ones(size, dtype=bool)
        outside[where] = False
        hidden[outside] = 0.0
        taps = (hidden @ self._conv2).reshape(size, 3, -1)
        second = taps[where - DILATION2, 0] + taps[where, 1] + taps[where + DILATION2, 2] + self.w["bias2"]
        np.maximum(second, 0.0, out=second)
        scores: Floats = second @ self.w["out"].T + self.w["out_bias"]
        return scores

    def _add_words(self, words: list[str], cues: Cues, clusters: Mapping[str, str]) -> None:
        start = len(self._rows) + 1
        needed = start + len(words)
        if needed > self._table.shape[1]:
            shape = self._table.shape
            grown = np.zeros((shape[0], max(needed, 2 * shape[1]), shape[2]), dtype=np.float32)
            grown[:, :start] = self._table[:, :start]
            self._table = grown
        vectors = self.word_vectors(words, cues, clusters)
        taps = self._table.shape[0]
        rows = (vectors @ self._conv1_words).reshape(len(words), taps, -1)
        self._table[:, start:needed] = rows.transpose(1, 0, 2)
        for k, w in enumerate(words, start=start):
            self._rows[w] = k


def save(
    path: Path,
    vocab: Vocab,
    shared: Mapping[str, Floats],
    domains: Mapping[str, Mapping[str, Floats]],
    weight: float,
) -> None:
    """Write the network (see the module docstring for the layout); ``weight`` is its ensemble weight."""
    arrays: dict[str, npt.NDArray[np.generic]] = {
        "labels": pack_strings(LABELS),
        "weight": np.array(weight, dtype=np.float32),
    }
    tables = {"words": vocab.words, "chars": vocab.chars, "clusters": vocab.clusters, "marks": vocab.marks}
    for name, table in tables.items():
        ordered = [""] * (max(table.values(), default=0) + 1)
        for key, i in table.items():
            ordered[i] = key
        arrays["vocab." + name] = pack_strings(ordered)
    for name in WEIGHTS:
        arrays[name] = np.asarray(shared[name], dtype=np.float32)
    for domain, extra in domains.items():
        for name in DOMAIN_WEIGHTS:
            arrays[f"{name}.{domain}"] = np.asarray(extra[name], dtype=np.float32)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    path.write_bytes(buffer.getvalue())
