"""Near-duplicate detection: small texts written for these tests, and floors on the real gold pairs."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.dedup import DedupSettings, DuplicateIndex, dedup_text, fingerprint, jaccard, shingles
from warta.model import Article

from conftest import SHARED

BODY = (
    "Pemerintah Kabupaten Sukamaju membuka pasar murah di alun-alun kota selama tiga hari mulai Senin pagi.",
    "Bupati Sukamaju, Rina Hartati, mengatakan pasar murah itu menyediakan beras, minyak goreng dan gula "
    "dengan harga di bawah harga pasar untuk membantu warga menjelang hari raya.",
    '"Kami menyiapkan sepuluh ton beras dan lima ribu liter minyak goreng bagi warga," kata Rina kepada wartawan.',
    "Menurut Dinas Perdagangan setempat, antrean warga sudah terlihat sejak pukul enam pagi dan petugas membagikan "
    "nomor antrean agar pembelian tertib.",
    "Pasar murah serupa rencananya digelar di empat kecamatan lain pada pekan depan dengan jadwal yang akan "
    "diumumkan melalui kantor kecamatan.",
)
# The same text syndicated: another dateline, a new intro line, a byline, a "Baca juga" and the footer.
COPY = (
    "SUKAMAJU, TRIBUNCONTOH.COM - Warga antusias menyambut pasar murah.",
    "Laporan Wartawan TribunContoh.com, Budi Santoso",
    *BODY[:3],
    "Baca juga: Harga Cabai Naik Menjelang Lebaran",
    *BODY[3:],
    "Artikel ini telah tayang di TribunContoh.com dengan judul Pasar Murah Dibuka di Alun-alun Sukamaju",
)
# Another story on the same topic (a market, the same regency): not a copy.
OTHER = (
    "Harga cabai rawit di pasar tradisional Kabupaten Sukamaju naik hingga dua kali lipat dalam sepekan terakhir.",
    "Pedagang di Pasar Induk Sukamaju, Slamet, mengatakan pasokan dari petani berkurang karena hujan deras "
    "merusak tanaman di sejumlah desa.",
    '"Biasanya saya jual empat puluh ribu per kilo, sekarang delapan puluh ribu," ujar Slamet.',
    "Dinas Perdagangan setempat berjanji memantau harga dan menggelar operasi pasar bila kenaikan berlanjut.",
)


def article(paragraphs: tuple[str, ...], title: str = "Judul") -> Article:
    return Article(title=title, paragraphs=paragraphs)


def test_syndicated_copy_is_found_with_its_canonical_article() -> None:
    index = DuplicateIndex()
    assert index.add("original", article(BODY)) is None
    found = index.add("copy", article(COPY, title="Judul Lain"))
    assert found is not None
    assert (found.canonical, found.matched, found.exact) == ("original", "original", False)
    assert found.similarity >= DedupSettings().threshold
    assert index.canonical("copy") == "original"


def test_copy_of_a_copy_points_at_the_first() -> None:
    index = DuplicateIndex()
    index.add("a", article(BODY))
    index.add("b", article(COPY))
    found = index.add("c", article(COPY[:-1]))
    assert found is not None and found.canonical == "a"


def test_exact_duplicate_with_another_title() -> None:
    index = DuplicateIndex()
    index.add("a", article(BODY, title="Satu"))
    found = index.add("b", article(BODY, title="Dua"))
    assert found is not None and found.exact and found.similarity == 1.0


def test_same_topic_other_story_is_not_a_duplicate() -> None:
    index = DuplicateIndex()
    index.add("a", article(BODY))
    assert index.add("b", article(OTHER)) is None
    assert index.canonical("b") == "b"


def test_boilerplate_does_not_count() -> None:
    assert dedup_text(article(COPY[2:5] + COPY[6:-1])) == dedup_text(article(BODY))
    assert "artikel ini" not in dedup_text(article(COPY))
    assert "laporanwartawan" not in dedup_text(article(COPY))


def test_empty_and_short_bodies() -> None:
    index = DuplicateIndex()
    assert index.add("empty", article(())) is None
    assert index.add("empty2", article(())) is None  # no body: never a duplicate
    index.add("short", article(("Singkat saja.",)))
    found = index.add("short2", article(("Singkat saja.",)))
    assert found is not None and found.exact
    assert fingerprint(article(("Singkat saja.",))).minhash is None  # too short for near matching


def test_key_added_twice_is_an_error() -> None:
    index = DuplicateIndex()
    index.add("a", article(BODY))
    with pytest.raises(ValueError, match="'a'"):
        index.add("a", article(OTHER))


def test_capacity_forgets_the_oldest() -> None:
    index = DuplicateIndex(DedupSettings(capacity=2))
    index.add("a", article(BODY))
    index.add("b", article(OTHER))
    index.add("c", article(("Berita ketiga tentang hal yang sama sekali berbeda dari dua berita sebelumnya.",)))
    assert "a" not in index and len(index) == 2
    assert index.add("d", article(BODY)) is None  # "a" was forgotten


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=6))
def test_same_text_is_always_an_exact_duplicate(paragraphs: list[str]) -> None:
    index = DuplicateIndex()
    first = index.add("a", article(tuple(paragraphs)))
    assert first is None
    found = index.add("b", article(tuple(p.upper() + "  " for p in paragraphs)))
    if dedup_text(article(tuple(paragraphs))):
        assert found is not None and found.canonical == "a"


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_jaccard_is_symmetric_and_bounded(a: str, b: str) -> None:
    sa, sb = shingles(a), shingles(b)
    assert jaccard(sa, sb) == jaccard(sb, sa)
    assert 0.0 <= jaccard(sa, sb) <= 1.0
    assert jaccard(sa, sa) == 1.0


@cache
def _gold_scores() -> tuple[list[tuple[float, bool]], int]:
    from storygold_loader import storygold

    gold = storygold()
    articles, pairs = gold.load()
    prints = {a.ref: fingerprint(a.article) for a in articles}
    scored = [(jaccard(prints[p.a].shingles, prints[p.b].shingles), p.duplicate) for p in pairs]
    index = DuplicateIndex()
    positives = {frozenset((p.a, p.b)) for p in pairs if p.duplicate}
    refs = {repr(a.ref): a.ref for a in articles}
    story = sorted((a for a in articles if a.story), key=lambda a: (a.article.published or "", a.ref))
    unexpected = 0
    for item in story:
        found = index.add(repr(item.ref), item.article)
        if found is not None and frozenset((item.ref, refs[found.matched])) not in positives:
            unexpected += 1
    return scored, unexpected


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared corpora not available")
def test_gold_pairs_floor() -> None:
    """Floors a little under the measured numbers (benchmarks/stories.py writes the current ones)."""
    scored, unexpected = _gold_scores()
    threshold = DedupSettings().threshold
    tp = sum(1 for s, d in scored if d and s >= threshold)
    fp = sum(1 for s, d in scored if not d and s >= threshold)
    assert fp == 0  # measured: 0 of 42 hard negatives
    assert tp / sum(d for _, d in scored) >= 0.63  # measured: 29 / 44 = 0.659
    # Among the story articles, 2 unlabelled pairs are flagged (docs/stories.md says which).
    assert unexpected <= 2
