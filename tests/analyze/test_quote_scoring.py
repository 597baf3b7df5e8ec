"""The PFSA-ID reader and scorer, on a tiny snippet written here, and floors on the real dev split.

PFSA-ID is CC BY-NC-SA: its text stays in ../shared, never in this repository.
"""

from __future__ import annotations

import pytest

from warta.analyze import analyze_article
from warta.analyze.quote_scoring import GoldDocument, read_pfsa, same_speaker, score_quotes
from warta.model import Article, Quote

from conftest import SHARED

DEV = SHARED / "corpora" / "quotes" / "pfsa-id" / "dev.txt"

# Two documents of our own, in PFSA-ID's format: token<TAB>BILOU tag, a blank line between sentences,
# a dateline ("BANDUNG , KOMPAS —") starting each document.
SNIPPET = """
BANDUNG	O
,	O
KOMPAS	O
—	O
Harga	O
beras	O
naik	O
.	O

“	O
Stok	B-STATEMENT
masih	I-STATEMENT
aman	L-STATEMENT
,	O
”	O
kata	U-CUE
Kepala	B-ROLE
Dinas	I-ROLE
Pangan	L-ROLE
Budi	B-PERSON
Santoso	L-PERSON
.	O

Antrean	O
mulai	O
berkurang	O
.	O

“	O
Pasokan	B-STATEMENT
datang	I-STATEMENT
besok	L-STATEMENT
,	O
”	O
katanya	U-CUECOREF
.	O

SURABAYA	O
,	O
KOMPAS	O
—	O
“	O
Jalan	B-STATEMENT
segera	I-STATEMENT
diperbaiki	L-STATEMENT
,	O
”	O
ujar	U-CUE
Eri	U-PERSONCOREF
.	O

Wali	B-ROLE
Kota	L-ROLE
Eri	B-PERSON
Cahyadi	L-PERSON
meninjau	O
lokasi	O
.	O

“	O
Kami	B-STATEMENT
tambah	I-STATEMENT
anggaran	L-STATEMENT
,	O
”	O
ujar	U-CUE
Presiden	U-PERSONCOREF
.	O
"""


@pytest.fixture(scope="module")
def documents() -> list[GoldDocument]:
    return read_pfsa(SNIPPET.splitlines())


def test_documents_split_at_datelines(documents: list[GoldDocument]) -> None:
    assert len(documents) == 2
    assert documents[0].text.startswith("BANDUNG, KOMPAS — Harga beras naik.")
    assert documents[1].text.startswith("SURABAYA, KOMPAS — “Jalan segera diperbaiki,” ujar Eri.")


def test_text_is_rebuilt_with_glued_marks_and_token_offsets(documents: list[GoldDocument]) -> None:
    doc = documents[0]
    assert "“Stok masih aman,” kata Kepala Dinas Pangan Budi Santoso." in doc.text
    assert "“Pasokan datang besok,” katanya." in doc.text
    first, last = doc.statements[0]
    assert doc.text[doc.offsets[first][0] : doc.offsets[last - 1][1]] == "Stok masih aman"


def test_gold_speakers(documents: list[GoldDocument]) -> None:
    first, second = documents
    # named after the statement; "katanya" with no name in its own sentence or the one before: chained
    assert first.speakers == ["Budi Santoso", "Budi Santoso"]
    assert first.chained == [False, True]
    # a short name resolved to a full PERSON written later; a bare title resolves to nobody
    assert second.speakers == ["Eri Cahyadi", None]
    assert second.chained == [False, False]


def _direct(doc_text: str, inner: str, speaker: str | None) -> Quote:
    start = doc_text.index(inner)
    return Quote(start, start + len(inner), inner, "direct", speaker_name=speaker)


def test_score_counts_found_statements_precision_and_speakers(documents: list[GoldDocument]) -> None:
    first, second = documents
    predictions = [
        [
            _direct(first.text, "Stok masih aman", "Budi Santoso"),
            _direct(first.text, "Pasokan datang besok", "Dinas Pangan"),  # found, chained speaker wrong
            _direct(first.text, "Harga beras naik", None),  # a prediction with no statement under it
            Quote(0, 7, "BANDUNG", "indirect"),  # indirect speech is not scored
        ],
        [
            _direct(second.text, "Jalan segera", "Eri"),  # half the statement's tokens or more: found
            _direct(second.text, "Kami tambah anggaran", "Joko Widodo"),  # found, gold unresolved
        ],
    ]
    score = score_quotes(documents, predictions)
    assert (score.statements, score.predicted, score.found, score.true_predictions) == (4, 5, 4, 4)
    assert score.recall == 1.0
    assert score.precision == pytest.approx(4 / 5)
    assert score.f1 == pytest.approx(2 * 0.8 / 1.8)
    assert (score.speaker_scored, score.speaker_right, score.speaker_unresolved) == (2, 2, 1)
    assert (score.chained_scored, score.chained_right) == (1, 0)
    assert score.speaker_accuracy == 1.0
    assert score.chained_accuracy == 0.0
    assert score.to_dict()["f1"] == round(score.f1, 4)


def test_scoped_precision_leaves_out_quotes_the_annotation_does_not_judge(documents: list[GoldDocument]) -> None:
    first, second = documents
    predictions = [
        [
            _direct(first.text, "Stok masih aman", "Budi Santoso"),  # found
            _direct(first.text, "Harga beras naik", "Budi"),  # given to the article's figure: judged, wrong
            _direct(first.text, "Antrean mulai berkurang", "Warga Lain"),  # someone else's: left out
        ],
        [_direct(second.text, "Jalan segera", None)],  # found (a found quote is always judged)
    ]
    score = score_quotes(documents, predictions)
    assert (score.predicted, score.true_predictions, score.out_of_scope) == (4, 2, 1)
    assert score.precision == pytest.approx(2 / 4)
    assert score.scoped_precision == pytest.approx(2 / 3)
    assert score.scoped_f1 == pytest.approx(2 * (2 / 3) * score.recall / (2 / 3 + score.recall))
    assert score.to_dict()["out_of_scope"] == 1


def test_a_prediction_covering_less_than_half_a_statement_is_not_found(documents: list[GoldDocument]) -> None:
    first, _ = documents
    predictions = [[_direct(first.text, "Stok", "Budi Santoso")], []]
    score = score_quotes(documents, predictions)
    assert (score.found, score.true_predictions, score.predicted) == (0, 0, 1)
    assert score.precision == score.recall == score.f1 == 0.0


def test_one_prediction_finds_one_statement_at_most(documents: list[GoldDocument]) -> None:
    first, _ = documents
    start = first.text.index("Stok masih aman")
    end = first.text.index("Pasokan datang besok") + len("Pasokan datang besok")
    both = Quote(start, end, first.text[start:end], "direct", speaker_name="Budi Santoso")
    score = score_quotes(documents, [[both], []])
    assert (score.found, score.true_predictions) == (1, 1)


def test_same_speaker() -> None:
    assert same_speaker("Budi Santoso", "Budi Santoso")
    assert same_speaker("Santoso", "Budi Santoso")
    assert same_speaker("Presiden Joko Widodo", "joko widodo")
    assert not same_speaker("Budi Gunawan", "Budi Santoso")
    assert not same_speaker(None, "Budi Santoso")
    assert not same_speaker("", "Budi Santoso")


def test_warta_on_the_snippet(documents: list[GoldDocument]) -> None:
    predictions = [analyze_article(Article(paragraphs=(doc.text,))).quotes for doc in documents]
    score = score_quotes(documents, predictions)
    assert score.found == score.statements == 4
    assert score.speaker_right == score.speaker_scored


def test_pfsa_id_dev_floors() -> None:
    """Floors a little under the measured numbers (benchmarks/quotes.py writes the current ones)."""
    if not DEV.is_file():
        pytest.skip(f"{DEV} not available")
    documents = read_pfsa(DEV.read_text(encoding="utf-8").splitlines())
    predictions = [analyze_article(Article(paragraphs=(doc.text,))).quotes for doc in documents]
    score = score_quotes(documents, predictions)
    assert score.statements > 1000
    # measured 2026-11-27: recall 0.993, precision 0.839, F1 0.910, speaker 0.944, chained 0.579
    assert score.recall >= 0.98
    assert score.precision >= 0.82
    assert score.f1 >= 0.89
    assert score.speaker_accuracy >= 0.925
    assert score.chained_accuracy >= 0.55
