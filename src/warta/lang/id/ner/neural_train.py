"""Train the neural scorer of ``neural.py`` with PyTorch (training time only; tagging is NumPy).

PyTorch is an optional extra (``pip install warta[neural]``); nothing at tagging time imports
this module. Training runs on one CPU thread with fixed seeds, so a run is reproducible on
the same machine and library versions.

The network reads each token through the inputs listed in ``neural.py``, applies two
convolution layers and scores the labels; a CRF layer on top (transitions between labels) is
trained with the sentence log-likelihood. The three corpora are learned together: the hidden
layer's bias, the output layer and the transitions each get an extra per-corpus copy (the
neural counterpart of the CRF's feature copies), added in at load time.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from warta.lang.id.ner.conll import LABELS, Sentence
from warta.lang.id.ner.crf import Floats, viterbi
from warta.lang.id.ner.features import FeatureExtractor
from warta.lang.id.ner.lexicon import Gazetteer
from warta.lang.id.ner.names import fold_names, fold_of, names_from
from warta.lang.id.ner.neural import CLUSTER_LEVELS, CUE_CLASSES, DILATION2, MAX_CHARS, WINDOW1, NeuralModel, Vocab
from warta.lang.id.ner.scoring import score

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class NeuralSettings:
    """Sizes and training settings, chosen on the held-out tenth of the train splits (model card)."""

    epochs: int = 20
    # The shipped weights are the mean of the weights after each epoch from this one on (a
    # cheap ensemble that smooths the epoch-to-epoch swings of a small training set); the
    # learning rate falls linearly to a tenth over the run.
    average_from: int = 11
    batch: int = 32
    learning_rate: float = 2e-3
    dropout: float = 0.3
    word_dropout: float = 0.1  # share of known words replaced by the unknown word in training
    word_dims: int = 64
    char_dims: int = 24
    char_filters: int = 48
    case_dims: int = 8
    cluster_dims: int = 16
    mark_dims: int = 16
    # The two layer widths set most of the tagging cost; 96 and 48 score as well as 128 and 64
    # on the held-out tenth (model card) and keep tagging above 5,000 sentences/s.
    hidden1: int = 96
    hidden2: int = 48
    seed: int = 0


@dataclass(slots=True)
class Encoded:
    """One sentence as the network's input ids."""

    words: list[int]
    types: list[int]  # index into the table of distinct cased tokens (for the character CNN)
    cases: list[int]
    clusters: list[list[int]]
    cues: list[list[float]]
    marks: list[tuple[int, int]]
    tags: list[int]
    domain: int


def build_vocab(sentences: Sequence[Sentence], extractor: FeatureExtractor, name_lists: Sequence[Gazetteer]) -> Vocab:
    """Words and characters seen at least twice, every cluster id, every mark the lists can produce."""
    words = Counter(t.lower() for s in sentences for t in s.tokens)
    chars = Counter(ch for s in sentences for t in s.tokens for ch in t)
    cluster_keys = sorted({f"{g}:{k}" for ids in extractor.clusters.values() for g, k in enumerate(ids.split("|"))})
    marks: set[str] = set()
    lists = (extractor.gazetteer, names_from(sentences), *name_lists)
    for s in sentences:
        lowers = [t.lower() for t in s.tokens]
        for gazetteer in lists:
            for _, _, kinds in gazetteer.match(lowers):
                marks.update(("B-" + kinds, "I-" + kinds))

    def table(keys: Sequence[str], first: int) -> dict[str, int]:
        return {key: i for i, key in enumerate(keys, start=first)}

    return Vocab(
        table(sorted(w for w, c in words.items() if c >= 2), 2),
        table(sorted(ch for ch, c in chars.items() if c >= 2), 4),
        table(cluster_keys, 1),
        table(sorted(marks), 1),
    )


def encode(
    sentence: Sentence,
    domain: int,
    vocab: Vocab,
    extractor: FeatureExtractor,
    names: Gazetteer | None,
    types: dict[str, int],
) -> Encoded:
    inputs = [vocab.word_inputs(t, extractor.cues, extractor.clusters) for t in sentence.tokens]
    lowers = [t.lower() for t in sentence.tokens]
    matches = (extractor.gazetteer.match(lowers), names.match(lowers) if names is not None else [])
    return Encoded(
        [i[0] for i in inputs],
        [types.setdefault(t, len(types)) for t in sentence.tokens],
        [i[2] for i in inputs],
        [i[3] for i in inputs],
        [i[4] for i in inputs],
        vocab.sentence_marks(len(lowers), matches),
        [LABELS.index(tag) for tag in sentence.tags],
        domain,
    )


def _network(vocab: Vocab, settings: NeuralSettings, domains: int) -> object:
    """The PyTorch module (built here so that importing this file does not need torch)."""
    import torch  # type: ignore[import-not-found, unused-ignore]  # training-time only
    from torch import nn  # type: ignore[import-not-found, unused-ignore]

    s = settings
    labels = len(LABELS)
    inputs = s.word_dims + s.char_filters + s.case_dims + CLUSTER_LEVELS * s.cluster_dims + len(CUE_CLASSES)
    inputs += 2 * s.mark_dims

    class Network(nn.Module):  # type: ignore[misc, unused-ignore]
        def __init__(self) -> None:
            super().__init__()
            self.word_emb = nn.Embedding(max(vocab.words.values(), default=1) + 1, s.word_dims, padding_idx=0)
            self.char_emb = nn.Embedding(max(vocab.chars.values(), default=3) + 1, s.char_dims, padding_idx=0)
            self.char_conv = nn.Conv1d(s.char_dims, s.char_filters, 3, padding=1)
            self.case_emb = nn.Embedding(6, s.case_dims)
            self.cluster_emb = nn.Embedding(len(vocab.clusters) + 1, s.cluster_dims, padding_idx=0)
            self.mark_emb = nn.Embedding(len(vocab.marks) + 1, s.mark_dims, padding_idx=0)
            self.conv1 = nn.Conv1d(inputs, s.hidden1, 2 * WINDOW1 + 1, padding=WINDOW1, bias=False)
            self.bias1 = nn.Parameter(torch.zeros(s.hidden1))
            self.conv2 = nn.Conv1d(s.hidden1, s.hidden2, 3, padding=DILATION2, dilation=DILATION2)
            self.out = nn.Linear(s.hidden2, labels)
            self.transition = nn.Parameter(torch.zeros(labels, labels))
            self.d_bias1 = nn.Parameter(torch.zeros(domains, s.hidden1))
            self.d_out = nn.Parameter(torch.zeros(domains, labels, s.hidden2))
            self.d_out_bias = nn.Parameter(torch.zeros(domains, labels))
            self.d_transition = nn.Parameter(torch.zeros(domains, labels, labels))
            self.drop = nn.Dropout(s.dropout)

        def chars(self, ids: torch.Tensor) -> torch.Tensor:
            x = self.char_conv(self.char_emb(ids).transpose(1, 2))
            return x.masked_fill((ids == 0)[:, None, :], float("-inf")).max(dim=2).values

        def forward(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
            mask = batch["mask"]
            chars = self.chars(batch["char_ids"])[batch["types"]]
            b, t = mask.shape
            x = torch.cat(
                [
                    self.word_emb(batch["words"]),
                    chars,
                    self.case_emb(batch["cases"]),
                    self.cluster_emb(batch["clusters"]).reshape(b, t, -1),
                    batch["cues"],
                    self.mark_emb(batch["marks"]).reshape(b, t, -1),
                ],
                dim=2,
            )
            x = self.drop(x) * mask[:, :, None]
            d = batch["domain"]
            h = torch.relu(self.conv1(x.transpose(1, 2)) + (self.bias1 + self.d_bias1[d])[:, :, None])
            h = self.drop(h) * mask[:, None, :]
            h = self.drop(torch.relu(self.conv2(h))).transpose(1, 2)
            return self.out(h) + torch.einsum("bth,blh->btl", h, self.d_out[d]) + self.d_out_bias[d][:, None, :]

    return Network()


def _crf_loss(emissions: object, tags: object, mask: object, transition: object) -> object:
    """Negative log-likelihood of the gold paths, summed over the batch."""
    import torch  # type: ignore[import-not-found, unused-ignore]  # training-time only

    e, y, m, tr = emissions, tags, mask, transition
    assert isinstance(e, torch.Tensor) and isinstance(y, torch.Tensor)
    assert isinstance(m, torch.Tensor) and isinstance(tr, torch.Tensor)
    b, t, _ = e.shape
    rows = torch.arange(b)
    gold = e[rows, 0, y[:, 0]]
    alpha = e[:, 0]
    for i in range(1, t):
        step = m[:, i]
        gold = gold + step * (e[rows, i, y[:, i]] + tr[rows, y[:, i - 1], y[:, i]])
        nxt = torch.logsumexp(alpha[:, :, None] + tr + e[:, i, None, :], dim=1)
        alpha = torch.where(step[:, None] > 0, nxt, alpha)
    return (torch.logsumexp(alpha, dim=1) - gold).sum()


def _batch(
    items: Sequence[Encoded], char_table: list[list[int]], settings: NeuralSettings, train: bool
) -> dict[str, object]:
    import torch  # type: ignore[import-not-found, unused-ignore]  # training-time only

    longest = max(len(e.words) for e in items)
    types = sorted({ty for e in items for ty in e.types})
    local = {ty: k for k, ty in enumerate(types)}
    char_ids = torch.zeros(len(types), MAX_CHARS, dtype=torch.long)
    for k, ty in enumerate(types):
        chars = char_table[ty]
        char_ids[k, : len(chars)] = torch.tensor(chars)

    def pad(rows: list[list[int]]) -> torch.Tensor:
        out = torch.zeros(len(rows), longest, dtype=torch.long)
        for k, row in enumerate(rows):
            if row:
                out[k, : len(row)] = torch.tensor(row)
        return out

    def pad3(rows: list[list[list[int]]], width: int) -> torch.Tensor:
        out = torch.zeros(len(rows), longest, width, dtype=torch.long)
        for k, row in enumerate(rows):
            if row:
                out[k, : len(row)] = torch.tensor(row)
        return out

    words = pad([e.words for e in items])
    if train and settings.word_dropout:
        drop = (torch.rand(words.shape) < settings.word_dropout) & (words > 1)
        words = words.masked_fill(drop, 1)
    cues = torch.zeros(len(items), longest, len(CUE_CLASSES))
    for k, e in enumerate(items):
        cues[k, : len(e.cues)] = torch.tensor(e.cues)
    return {
        "words": words,
        "types": pad([[local[ty] for ty in e.types] for e in items]),
        "char_ids": char_ids,
        "cases": pad([e.cases for e in items]),
        "clusters": pad3([e.clusters for e in items], CLUSTER_LEVELS),
        "cues": cues,
        "marks": pad3([[list(m) for m in e.marks] for e in items], 2),
        "tags": pad([e.tags for e in items]),
        "mask": pad([[1] * len(e.words) for e in items]).float(),
        "domain": torch.tensor([e.domain for e in items]),
    }


@dataclass(slots=True)
class Trained:
    """The trained network as NumPy arrays: shared weights and per-domain extras (``neural.save``)."""

    vocab: Vocab
    shared: dict[str, Floats]
    domains: dict[str, dict[str, Floats]]

    def model(self, domain: str | None) -> NeuralModel:
        weights = dict(self.shared)
        if domain is not None:
            for name, extra in self.domains[domain].items():
                weights[name] = weights[name] + extra
        return NeuralModel(self.vocab, weights)


def _export(net: object, vocab: Vocab, domains: Sequence[str]) -> Trained:
    import torch  # type: ignore[import-not-found, unused-ignore]  # training-time only

    assert isinstance(net, torch.nn.Module)
    p = {name: value.detach().numpy().astype(np.float32).copy() for name, value in net.state_dict().items()}
    shared = {
        "word_emb": p["word_emb.weight"],
        "char_emb": p["char_emb.weight"],
        "char_conv": p["char_conv.weight"],
        "char_bias": p["char_conv.bias"],
        "case_emb": p["case_emb.weight"],
        "cluster_emb": p["cluster_emb.weight"],
        "mark_emb": p["mark_emb.weight"],
        "conv1": p["conv1.weight"],
        "bias1": p["bias1"],
        "conv2": p["conv2.weight"],
        "bias2": p["conv2.bias"],
        "out": p["out.weight"],
        "out_bias": p["out.bias"],
        "transition": p["transition"],
    }
    extras = {
        domain: {
            "bias1": p["d_bias1"][k],
            "out": p["d_out"][k],
            "out_bias": p["d_out_bias"][k],
            "transition": p["d_transition"][k],
        }
        for k, domain in enumerate(domains)
    }
    return Trained(vocab, shared, extras)


def tag_with(model: NeuralModel, extractor: FeatureExtractor, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """Decode with the network alone (for tuning and tests)."""
    matches = [extractor.matches([t.lower() for t in tokens]) for tokens in sentences]
    emissions = model.emissions(sentences, matches, extractor.cues, extractor.clusters)
    lengths = [len(s) for s in sentences]
    paths = viterbi(emissions, lengths, model.transition)
    return [[model.labels[i] for i in paths[:n, k]] for k, n in enumerate(lengths)]


def train_network(
    data: Sequence[tuple[Sentence, str]],
    extractor: FeatureExtractor,
    settings: NeuralSettings,
    check: Callable[[Trained, int], None] | None = None,
) -> Trained:
    """Train on (sentence, domain) pairs; ``check`` is called with the network after each epoch.

    Training-name marks are cross-fitted as for the CRF (``names.fold_names``); the extractor's
    ``names`` is set to the names of all the sentences on return, as tagging will see them.
    """
    import torch  # type: ignore[import-not-found, unused-ignore]  # training-time only

    torch.manual_seed(settings.seed)
    torch.set_num_threads(1)
    rng = random.Random(settings.seed)
    sentences = [s for s, _ in data]
    domains = sorted({d for _, d in data})
    folds = fold_names(sentences)
    vocab = build_vocab(sentences, extractor, folds)
    types: dict[str, int] = {}
    encoded = [encode(s, domains.index(d), vocab, extractor, folds[fold_of(i)], types) for i, (s, d) in enumerate(data)]
    char_table = [vocab.word_inputs(t, extractor.cues, extractor.clusters)[1] for t in types]
    extractor.names = names_from(sentences)
    net = _network(vocab, settings, len(domains))
    assert isinstance(net, torch.nn.Module)
    optimiser = torch.optim.Adam(net.parameters(), lr=settings.learning_rate)
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i].words))
    chunks = [order[i : i + settings.batch] for i in range(0, len(order), settings.batch)]
    steps = settings.epochs * len(chunks)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda step: 1.0 - 0.9 * step / steps)
    average: dict[str, torch.Tensor] = {}
    averaged = 0
    for epoch in range(1, settings.epochs + 1):
        net.train()
        rng.shuffle(chunks)
        total = 0.0
        for chunk in chunks:
            batch = _batch([encoded[i] for i in chunk], char_table, settings, train=True)
            emissions = net(batch)
            transition = net.transition + net.d_transition[batch["domain"]]
            loss = _crf_loss(emissions, batch["tags"], batch["mask"], transition)
            assert isinstance(loss, torch.Tensor)
            optimiser.zero_grad()
            (loss / len(chunk)).backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            optimiser.step()
            schedule.step()
            total += float(loss.detach())
        logger.info("epoch %d: loss %.3f per sentence", epoch, total / len(encoded))
        if epoch >= settings.average_from:
            averaged += 1
            for name, value in net.state_dict().items():
                previous = average.get(name, torch.zeros_like(value))
                average[name] = previous + (value.detach() - previous) / averaged
        if check is not None:
            net.eval()
            check(_export(net, vocab, domains), epoch)
    net.eval()
    if average:
        net.load_state_dict(average)
    return _export(net, vocab, domains)


def f1_of(model: NeuralModel, extractor: FeatureExtractor, sentences: Sequence[Sentence]) -> float:
    predicted = tag_with(model, extractor, [s.tokens for s in sentences])
    return score([s.tags for s in sentences], predicted).overall.f1
