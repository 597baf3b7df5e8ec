"""The NER layer: IOB2 helpers, scoring, features, the decoder against CRFsuite, training and the shipped model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from warta.lang.id.ner import LABELS, NEURAL_FILE, load_tagger, model_info, spans
from warta.lang.id.ner.clusters import build_clusters, load_clusters, write_clusters
from warta.lang.id.ner.conll import TAG_MAPS, Sentence, label_spans, map_tag, read_blocks, read_corpus, repair_iob2
from warta.lang.id.ner.crf import CrfModel
from warta.lang.id.ner.features import FeatureExtractor, Matches, case_class, word_shape
from warta.lang.id.ner.lexicon import Cues, Gazetteer
from warta.lang.id.ner.names import fold_names, names_from
from warta.lang.id.ner.neural import CLUSTER_LEVELS, CUE_CLASSES, NeuralModel, Vocab
from warta.lang.id.ner.scoring import score
from warta.lang.id.ner.tagger import Tagger
from warta.lang.id.ner.train import Inputs, Settings, train_crf, train_model

from conftest import ROOT, SHARED, needs_shared

NER_CORPORA = SHARED / "corpora" / "ner"


# --- CoNLL reading, tag mapping, spans ----------------------------------------------------------


def test_read_blocks_accepts_tabs_spaces_crlf_and_whitespace_only_lines() -> None:
    lines = ["Joko\tB-PER\r\n", "Widodo  I-PER\n", "   \t\n", "\n", "\n", "di O\n", "Solo\tB-LOC"]
    assert list(read_blocks(lines)) == [[["Joko", "B-PER"], ["Widodo", "I-PER"]], [["di", "O"], ["Solo", "B-LOC"]]]


def test_each_corpus_maps_to_per_org_loc_and_drops_what_has_no_counterpart() -> None:
    assert map_tag("B-PLACE", TAG_MAPS["nergrit"]) == "B-LOC"
    assert map_tag("I-ORGANISATION", TAG_MAPS["nergrit"]) == "I-ORG"
    assert map_tag("B-PPL", TAG_MAPS["nerp"]) == "B-PER"
    assert map_tag("B-IND", TAG_MAPS["nerp"]) == "B-ORG"
    assert map_tag("B-EVT", TAG_MAPS["nerp"]) == "O"
    assert map_tag("I-FNB", TAG_MAPS["nerp"]) == "O"
    assert map_tag("weird", TAG_MAPS["idner"]) == "O"


def test_read_corpus_keeps_tokens_and_repairs_iob2() -> None:
    (sentence,) = read_corpus(["piala\tB-EVT", "dunia\tI-EVT", "di\tO", "rusia\tI-PLC"], "nerp")
    assert sentence == Sentence(("piala", "dunia", "di", "rusia"), ("O", "O", "O", "B-LOC"))


def test_label_spans_read_stray_i_as_conlleval_does() -> None:
    assert label_spans(["B-PER", "I-PER", "O", "I-LOC", "I-ORG", "B-ORG", "I-ORG"]) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "ORG"),
        (5, 7, "ORG"),
    ]
    assert repair_iob2(["I-LOC", "I-LOC", "O", "I-PER"]) == ["B-LOC", "I-LOC", "O", "B-PER"]
    assert spans(["a", "b"], ["B-LOC", "I-LOC"]) == [(0, 2, "LOC")]
    with pytest.raises(ValueError):
        spans(["a"], ["O", "O"])


def test_score_counts_exact_matches_only() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG"]]
    predicted = [["B-PER", "O", "O", "B-LOC"], ["B-ORG"]]
    result = score(gold, predicted)
    assert (result.overall.correct, result.overall.predicted, result.overall.gold) == (2, 3, 3)
    assert result.by_type["PER"].f1 == 0.0
    assert result.by_type["LOC"].f1 == 1.0
    assert round(result.overall.f1, 4) == round(2 / 3, 4)


# --- Features -----------------------------------------------------------------------------------


def test_shapes_and_case_classes() -> None:
    assert word_shape("Jakarta") == "Xx"
    assert word_shape("PDI-P") == "X-X"
    assert word_shape("2014") == "d"
    assert [case_class(w) for w in ("Jakarta", "DPR", "iPhone", "kota", "2014", ",", "H.")] == [
        "init",
        "upper",
        "mixed",
        "lower",
        "digit",
        "other",
        "upper",
    ]


def test_gazetteer_matches_longest_name_first() -> None:
    gazetteer = Gazetteer([("LOC", "Jawa"), ("LOC", "Jawa Barat"), ("PER", "Joko Widodo"), ("ORG", "Jawa")])
    lowers = ["joko", "widodo", "ke", "jawa", "barat", "dan", "jawa"]
    assert gazetteer.match(lowers) == [(0, 2, "PER"), (3, 5, "LOC"), (6, 7, "LOC|ORG")]


def test_features_use_neighbours_cues_and_gazetteer() -> None:
    cues = Cues(frozenset({"presiden"}), frozenset(), frozenset(), frozenset({"di"}), frozenset())
    extractor = FeatureExtractor(cues, Gazetteer([("PER", "Joko Widodo")]))
    feats = extractor.sentence(["Presiden", "Joko", "Widodo", "di", "Solo"])
    assert len(feats) == 5
    assert {"w=joko", "c=init", "-1q=titles", "g=B-PER", "+1g=I-PER", "+1w=widodo"} <= set(feats[1])
    assert {"-1w|c=di|init", "eos", "-2g=I-PER"} - set(feats[4]) == {"-2g=I-PER"}  # no ±2 gazetteer features
    assert "bos" in feats[0]
    assert extractor.sentence([]) == []


def test_clusters_group_words_that_share_contexts(tmp_path: Path) -> None:
    # Two kinds of word in fixed frames: the clusters must keep them apart at every size.
    cities = [f"kota{k}" for k in range(12)]
    verbs = [f"kerja{k}" for k in range(12)]
    sentences = [["dia", "tinggal", "di", c, "sejak", "lama"] for c in cities for _ in range(4)]
    sentences += [["mereka", "akan", v, "dengan", "cepat"] for v in verbs for _ in range(4)]
    table = build_clusters(sentences, sizes=(2, 4))
    assert set(table) >= {*cities, *verbs}
    coarse = {table[c].split("|")[0] for c in cities}
    assert len(coarse) == 1 and coarse.isdisjoint(table[v].split("|")[0] for v in verbs)
    write_clusters(table, tmp_path / "c.txt.gz", sizes=(2, 4))
    assert load_clusters(tmp_path / "c.txt.gz") == table
    assert build_clusters([["a", "b"]] * 3) == {}  # too few words for the sizes asked


def test_training_names_are_cross_fitted_and_filtered() -> None:
    sentences = [
        Sentence(("Budi", "ke", "Bank", "Maju"), ("B-PER", "O", "B-ORG", "I-ORG")),
        Sentence(("apel", "enak"), ("O", "O")),
        Sentence(("Apel", "Inc"), ("B-ORG", "I-ORG")),
        Sentence(("apel",), ("B-ORG",)),
        Sentence(("apel", "lagi"), ("O", "O")),
    ]
    names = names_from(sentences)
    assert names.match(["budi", "ke", "bank", "maju"]) == [(0, 1, "PER"), (2, 4, "ORG")]
    assert names.match(["apel"]) == []  # an entity in one of its three occurrences only
    folds = fold_names(sentences)
    assert folds[0].match(["budi"]) == []  # sentence 0 is in fold 0: its names come from the others
    assert folds[1].match(["budi"]) == [(0, 1, "PER")]
    extractor = FeatureExtractor(Cues.empty(), Gazetteer(), names=names)
    assert {"n=B-ORG", "-1n=B-PER"} <= set(extractor.sentence(["Budi", "Bank", "Maju"])[1])


# --- The decoder reproduces CRFsuite --------------------------------------------------------------


def synthetic_sentences() -> list[Sentence]:
    """A tiny made-up corpus: enough for CRFsuite to learn names after titles and places after "di"."""
    people = ["Budi Santoso", "Siti Aminah", "Joko Susilo", "Ani Lestari"]
    places = ["Bandung", "Medan", "Surabaya", "Kota Malang"]
    orgs = ["Partai Maju", "Bank Sejahtera", "PT Sinar"]
    out = []
    for k in range(40):
        person, place, org = people[k % 4].split(), places[k % 4].split(), orgs[k % 3].split()
        tokens = ["Presiden", *person, "tiba", "di", *place, "bersama", *org, "."]
        tags = (
            ["O"]
            + ["B-PER"] + ["I-PER"] * (len(person) - 1)
            + ["O", "O"]
            + ["B-LOC"] + ["I-LOC"] * (len(place) - 1)
            + ["O"]
            + ["B-ORG"] + ["I-ORG"] * (len(org) - 1)
            + ["O"]
        )  # fmt: skip
        out.append(Sentence(tuple(tokens), tuple(tags)))
    return out


def test_numpy_decoder_matches_crfsuite_on_the_same_weights(tmp_path: Path) -> None:
    pycrfsuite = pytest.importorskip("pycrfsuite")
    sentences = synthetic_sentences()
    extractor = FeatureExtractor(Cues.load(), Gazetteer())
    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sentences:
        trainer.append(extractor.sentence(s.tokens), list(s.tags))
    trainer.set_params({"c1": 0.0, "c2": 0.1, "max_iterations": 30})
    trainer.train(str(tmp_path / "m.crfsuite"))
    crfsuite = pycrfsuite.Tagger()
    crfsuite.open(str(tmp_path / "m.crfsuite"))
    info = crfsuite.info()
    model = CrfModel.build(crfsuite.labels(), info.state_features, info.transitions)
    model.save(tmp_path / "m.npz")
    loaded = CrfModel.load(tmp_path / "m.npz")
    tests = [
        ["Presiden", "Ani", "Lestari", "ke", "Medan"],
        ["di", "Surabaya"],
        ["Bank"],
        ["Siti", "Aminah", "dan", "Budi", "Santoso", "dari", "Partai", "Maju", "di", "Kota", "Malang", "."] * 3,
    ]
    features = [extractor.sentence(t) for t in tests]
    expected = [crfsuite.tag(f) for f in features]
    assert loaded.decode(features) == expected
    assert [loaded.decode([f])[0] for f in features] == expected
    assert loaded.decode([]) == []
    assert loaded.decode([[]]) == [[]]
    # The tagger's fast path (cached per-word weight sums) gives the same labels.
    tagger = Tagger(loaded, extractor)
    assert tagger.tag_many(tests) == expected
    assert [tagger.tag(t) for t in tests] == expected


def test_word_cache_starts_over_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    import warta.lang.id.ner.tagger as tagger_module

    monkeypatch.setattr(tagger_module, "MAX_WORDS", 8)
    shipped = load_tagger()._extractor
    extractor = FeatureExtractor(shipped.cues, shipped.gazetteer, shipped.clusters, shipped.names)
    fresh = tagger_module.Tagger(load_tagger()._model, extractor)
    sentences = [[f"Kata{k}", "di", f"Kota{k}", "."] for k in range(10)]
    assert [fresh.tag(s) for s in sentences] == load_tagger().tag_many(sentences)
    assert len(fresh._rows) <= 8 + 4  # one sentence's words past the cap at most


def test_domain_weights_are_added_at_load() -> None:
    model = CrfModel.build(
        ["O", "B-LOC"],
        {("w=x", "B-LOC"): 1.0, ("@a|w=x", "B-LOC"): -3.0, ("@b|w=x", "O"): -3.0},
        {("O", "O"): 0.0},
        ["a", "b"],
    )
    assert model.for_domain(None).decode([[["w=x"]]]) == [["B-LOC"]]
    assert model.for_domain("a").decode([[["w=x"]]]) == [["O"]]
    assert model.for_domain("b").decode([[["w=x"]]]) == [["B-LOC"]]
    with pytest.raises(KeyError):
        model.for_domain("c")
    assert np.all(model.state[-1] == 0)


# --- Training --------------------------------------------------------------------------------


def test_training_on_a_synthetic_corpus_learns_it() -> None:
    pytest.importorskip("pycrfsuite")
    sentences = synthetic_sentences()
    extractor = FeatureExtractor(Cues.load(), Gazetteer())
    inputs = Inputs(sentences={"idner": sentences[:20], "nerp": sentences[20:]})
    model = train_model(inputs, extractor, Settings(iterations=40))
    assert set(model.domains) == {"idner", "nerp"}
    tagger_model = model.for_domain("idner")
    predicted = tagger_model.decode([extractor.sentence(s.tokens) for s in sentences])
    assert score([s.tags for s in sentences], predicted).overall.f1 > 0.95
    plain = train_crf([(s, None) for s in sentences], extractor, Settings(iterations=40, domains=False))
    assert not plain.domains


@needs_shared
def test_training_script_builds_a_working_model_from_a_slice_of_the_corpora(tmp_path: Path) -> None:
    pytest.importorskip("pycrfsuite")
    if not NER_CORPORA.is_dir():
        pytest.skip("../shared/corpora/ner not available")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "train_ner.py"),
            "--limit",
            "200",
            "--iterations",
            "20",
            "--no-neural",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    info = json.loads((tmp_path / "ner-model.json").read_text(encoding="utf-8"))
    assert info["sentences"] == {"idner": 200, "nergrit": 200, "nerp": 200}
    assert all(len(digest) == 64 for digest in info["inputs"].values())
    assert len(info["inputs"]) == 6
    model = CrfModel.load(tmp_path / "ner-model.npz")
    gazetteer = Gazetteer.load(tmp_path / "gazetteer.txt.gz")
    assert len(gazetteer) > 10_000
    names = Gazetteer.load(tmp_path / "names.txt.gz")
    assert len(names) > 100
    clusters = load_clusters(tmp_path / "clusters.txt.gz")
    extractor = FeatureExtractor(Cues.load(), gazetteer, clusters, names)
    tags = model.for_domain("idner").decode([extractor.sentence(["Presiden", "Joko", "Widodo", "di", "Jakarta"])])
    assert tags[0][0] == "O" and tags[0][1] == "B-PER"


# --- The shipped model -------------------------------------------------------------------------


def test_shipped_model_tags_a_news_sentence() -> None:
    tagger = load_tagger()
    tokens = [
        "Presiden",
        "Joko",
        "Widodo",
        "meresmikan",
        "Bendungan",
        "Karian",
        "di",
        "Kabupaten",
        "Lebak",
        ",",
        "Banten",
        ",",
        "bersama",
        "Menteri",
        "PUPR",
        "Basuki",
        "Hadimuljono",
        ".",
    ]
    labels = tagger.tag(tokens)
    assert len(labels) == len(tokens) and set(labels) <= set(LABELS)
    found = {(" ".join(tokens[s:e]), kind) for s, e, kind in spans(tokens, labels)}
    assert ("Joko Widodo", "PER") in found
    assert ("Basuki Hadimuljono", "PER") in found
    assert ("Banten", "LOC") in found


def test_shipped_model_handles_odd_input() -> None:
    tagger = load_tagger()
    assert tagger.tag([]) == []
    assert tagger.tag_many([[], ["Jakarta"], []])[0] == []
    long = ["Jakarta", "dan", "Bandung", "serta"] * 400  # 1,600 tokens: tagged in windows
    labels = tagger.tag(long)
    assert len(labels) == len(long)
    assert repair_iob2(labels) == labels
    weird = ["", " ", "\u200b", "🙂", "a" * 10_000, "İstanbul", "ß"]
    assert len(tagger.tag(weird)) == len(weird)


def test_load_tagger_is_cached_and_knows_its_domains() -> None:
    assert load_tagger() is load_tagger()
    info = model_info()
    assert info["default_domain"] == "idner"
    assert set(info["domains"]) == {"idner", "nergrit", "nerp"}
    assert load_tagger("nerp").domain == "nerp"


@needs_shared
def test_shipped_model_scores_on_idner_dev() -> None:
    """A quality floor, well under the measured score (docs/benchmarks.md): catches a broken model."""
    path = NER_CORPORA / "idner-news-2k" / "dev.txt"
    if not path.exists():
        pytest.skip("idner-news-2k dev not available")
    sentences = read_corpus(path.read_text(encoding="utf-8").splitlines(), "idner")
    predicted = load_tagger().tag_many([s.tokens for s in sentences])
    assert score([s.tags for s in sentences], predicted).overall.f1 > 0.80


# --- The neural scorer -------------------------------------------------------------------------


def _random_network(seed: int = 0) -> NeuralModel:
    """A small network with random weights over a toy vocabulary (padding rows zero, as trained)."""
    rng = np.random.default_rng(seed)
    vocab = Vocab(
        {w: i for i, w in enumerate(["presiden", "joko", "widodo", "di", "jakarta"], start=2)},
        {ch: i for i, ch in enumerate("abcdefghijklmnopqrstuvwxyzJPW", start=4)},
        {"0:1": 1, "1:7": 2},
        {"B-PER": 1, "I-PER": 2, "B-LOC": 3},
    )
    hidden1, hidden2, marks = 6, 5, 3
    inputs = 4 + 3 + 2 + CLUSTER_LEVELS * 2 + len(CUE_CLASSES) + 2 * marks

    def normal(*shape: int) -> np.ndarray:
        return rng.normal(size=shape).astype(np.float32)

    weights = {
        "word_emb": normal(7, 4),
        "char_emb": normal(34, 2),
        "char_conv": normal(3, 2, 3),
        "char_bias": normal(3),
        "case_emb": normal(6, 2),
        "cluster_emb": normal(3, 2),
        "mark_emb": normal(4, marks),
        "conv1": normal(hidden1, inputs, 5),
        "bias1": normal(hidden1),
        "conv2": normal(hidden2, hidden1, 3),
        "bias2": normal(hidden2),
        "out": normal(len(LABELS), hidden2),
        "out_bias": normal(len(LABELS)),
        "transition": normal(len(LABELS), len(LABELS)),
    }
    for name in ("word_emb", "char_emb", "cluster_emb", "mark_emb"):
        weights[name][0] = 0.0
    return NeuralModel(vocab, weights)


def _naive_emissions(model: NeuralModel, tokens: list[str], marks: list[tuple[int, int]]) -> np.ndarray:
    """The network written out position by position, for comparison with the fast path."""
    w = model.w
    vectors = model.word_vectors(tokens, Cues.load(), {"jakarta": "1|7"})
    x = np.concatenate([vectors, w["mark_emb"][[g for g, _ in marks]], w["mark_emb"][[n for _, n in marks]]], axis=1)
    n = len(tokens)
    padded = np.zeros((n + 4, x.shape[1]), dtype=np.float32)
    padded[2:-2] = x
    h1 = np.stack([sum(w["conv1"][:, :, k] @ padded[t + k] for k in range(5)) for t in range(n)]) + w["bias1"]
    h1p = np.zeros((n + 4, h1.shape[1]), dtype=np.float32)
    h1p[2:-2] = np.maximum(h1, 0.0)
    h2 = np.stack([sum(w["conv2"][:, :, k] @ h1p[t + 2 * k] for k in range(3)) for t in range(n)]) + w["bias2"]
    result: np.ndarray = np.maximum(h2, 0.0) @ w["out"].T + w["out_bias"]
    return result


def test_neural_emissions_match_the_network_written_out_and_ignore_batch_neighbours() -> None:
    model = _random_network()
    cues, clusters = Cues.load(), {"jakarta": "1|7"}
    first = ["Presiden", "Joko", "Widodo", "di", "Jakarta", "."]
    second = ["Xyz", "di", "Jakarta"]
    matches: list[Matches] = [([(1, 3, "PER"), (4, 5, "LOC")], [(1, 3, "PER")]), ([(2, 3, "LOC")], [(2, 3, "LOC")])]
    marks = [model.vocab.sentence_marks(len(first), matches[0]), model.vocab.sentence_marks(len(second), matches[1])]
    assert marks == [[(0, 0), (1, 1), (2, 2), (0, 0), (3, 0), (0, 0)], [(0, 0), (0, 0), (3, 3)]]
    both = model.emissions([first, second], matches, cues, clusters)
    expected = np.concatenate([_naive_emissions(model, first, marks[0]), _naive_emissions(model, second, marks[1])])
    assert np.allclose(both, expected, atol=1e-4)
    alone = _random_network().emissions([second], matches[1:], cues, clusters)
    assert np.allclose(alone, both[len(first) :], atol=1e-4)


def test_neural_scores_are_reordered_and_weighted_for_the_crf() -> None:
    model = _random_network()
    model.weight = 0.5
    labels = ("O", "B-LOC", "B-PER", "I-LOC", "B-ORG", "I-ORG", "I-PER")
    aligned = model.for_labels(labels)
    cues = Cues.load()
    matches: list[Matches] = [([(0, 2, "PER")], [])]
    raw = model.emissions([["Joko", "Widodo"]], matches, cues, {})
    moved = aligned.emissions([["Joko", "Widodo"]], matches, cues, {})
    order = [LABELS.index(label) for label in labels]
    assert np.allclose(moved, 0.5 * raw[:, order], atol=1e-5)
    assert np.allclose(aligned.transition, 0.5 * model.transition[np.ix_(order, order)])


def test_marks_come_from_the_longest_matches() -> None:
    vocab = _random_network().vocab
    matches: Matches = ([(1, 3, "PER"), (4, 5, "LOC")], [(4, 5, "ORG")])
    assert vocab.sentence_marks(5, matches) == [(0, 0), (1, 0), (2, 0), (0, 0), (3, 0)]


def test_shipped_neural_scorer_changes_the_crf_scores() -> None:
    if not NEURAL_FILE.exists():
        pytest.skip("no neural scorer shipped")
    tokens = ["Presiden", "Joko", "Widodo", "tiba", "di", "Jakarta", "."]
    tagger = load_tagger()
    assert tagger._neural is not None
    assert tagger.tag(tokens)[1:3] == ["B-PER", "I-PER"]


def test_neural_training_learns_a_synthetic_corpus() -> None:
    pytest.importorskip("torch")
    from warta.lang.id.ner.neural_train import NeuralSettings, f1_of, train_network

    sentences = synthetic_sentences()
    extractor = FeatureExtractor(Cues.load(), Gazetteer())
    data = [(s, "idner" if i % 2 else "nerp") for i, s in enumerate(sentences)]
    trained = train_network(data, extractor, NeuralSettings(epochs=10, batch=4, hidden1=16, hidden2=8))
    assert f1_of(trained.model("idner"), extractor, sentences) > 0.9
