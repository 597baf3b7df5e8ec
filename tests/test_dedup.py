"""Near-duplicate detection: small texts written for these tests, and floors on the real gold pairs."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.dedup import (
    DedupSettings,
    DuplicateIndex,
    dedup_text,
    fingerprint,
    jaccard,
    placed_shingles,
    shingles,
    similarity,
)
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

# A roundup's own opening, before it quotes other articles as its sections.
ROUNDUP_INTRO = (
    "Sejumlah kabar dari Kabupaten Sukamaju menjadi perhatian pembaca sepanjang pekan ini, mulai dari urusan "
    "harga kebutuhan pokok hingga layanan pemerintah daerah. Berikut rangkumannya.",
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


# (description, one text, the other, whether they are near-duplicates, whether the Jaccard alone says so)
SIMILARITY_CASES = [
    ("copy cut short by the scraper", BODY[:2], BODY, True, False),
    ("re-issue with paragraphs added at the end", BODY[:3], BODY[:3] + OTHER, True, False),
    ("the same text", BODY, BODY, True, True),
    ("another story on the same topic", BODY, OTHER, False, False),
    ("a roundup quoting the article as a section", BODY[:2], ROUNDUP_INTRO + BODY[:2] + OTHER, False, False),
    ("a follow-up with its own opening reusing the closing paragraphs", OTHER[:2] + BODY[3:], BODY, False, False),
]


@pytest.mark.parametrize(
    ("one", "other", "near", "by_jaccard"), [c[1:] for c in SIMILARITY_CASES], ids=[c[0] for c in SIMILARITY_CASES]
)
def test_similarity_measures(one: tuple[str, ...], other: tuple[str, ...], near: bool, by_jaccard: bool) -> None:
    settings = DedupSettings()
    a, b = fingerprint(article(one)), fingerprint(article(other))
    score = similarity(a, b, settings)
    assert score == similarity(b, a, settings)  # symmetric: the order the articles came in does not matter
    assert score.near(settings) is near
    assert (score.jaccard >= settings.threshold) is by_jaccard
    assert score.containment >= score.jaccard


@pytest.mark.parametrize(
    ("one", "other", "near", "by_jaccard"), [c[1:] for c in SIMILARITY_CASES], ids=[c[0] for c in SIMILARITY_CASES]
)
def test_index_finds_what_the_measures_accept(
    one: tuple[str, ...], other: tuple[str, ...], near: bool, by_jaccard: bool
) -> None:
    for first, second in ((one, other), (other, one)):  # the longer text first, and the shorter first
        index = DuplicateIndex()
        index.add("first", article(first))
        found = index.add("second", article(second))
        assert (found is not None) is near
        if found is not None:
            assert found.matched == "first"
            assert found.exact is (dedup_text(article(first)) == dedup_text(article(second)))


def test_opening_is_the_longer_texts_first_characters() -> None:
    """A shorter text that opens like the longer one but shares little else is not contained; one
    that is contained under another opening fails the opening: each measure alone is not enough."""
    settings = DedupSettings()
    lead_only = similarity(fingerprint(article(BODY[:2] + OTHER[:2])), fingerprint(article(BODY)), settings)
    assert lead_only.opening >= settings.opening and lead_only.containment < settings.containment
    assert not lead_only.near(settings)
    section = similarity(fingerprint(article(BODY[1:3])), fingerprint(article(ROUNDUP_INTRO + BODY)), settings)
    assert section.containment >= settings.containment and section.opening < settings.opening
    assert not section.near(settings)
    # A wider opening reaches into the shared text.
    wide = replace(settings, opening_chars=len(dedup_text("\n".join(ROUNDUP_INTRO + BODY[:2]))))
    assert similarity(fingerprint(article(BODY[1:3])), fingerprint(article(ROUNDUP_INTRO + BODY)), wide).opening > (
        section.opening
    )


def test_placed_shingles_are_first_occurrences() -> None:
    text = "abcabcabcx"
    hashes, starts = placed_shingles(text, 3)
    assert hashes.tolist() == shingles(text, 3).tolist()
    first = {text[i : i + 3]: i for i in reversed(range(len(text) - 2))}
    expected = sorted((int(shingles(g, 3)[0]), at) for g, at in first.items())
    assert list(zip(hashes.tolist(), starts.tolist(), strict=True)) == expected


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


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=400), st.text(max_size=400))
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    fa, fb = fingerprint(a), fingerprint(b)
    score = similarity(fa, fb)
    assert score == similarity(fb, fa)
    assert score.jaccard == jaccard(fa.shingles, fb.shingles)
    for value in (score.jaccard, score.containment, score.opening):
        assert 0.0 <= value <= 1.0
    assert score.containment >= score.jaccard
    assert similarity(fa, fa).near(DedupSettings())


@cache
def _gold_scores() -> tuple[list[tuple[bool, bool]], int]:
    from storygold_loader import storygold

    gold = storygold()
    articles, pairs = gold.load()
    prints = {a.ref: fingerprint(a.article) for a in articles}
    near = DedupSettings()
    scored = [(similarity(prints[p.a], prints[p.b]).near(near), p.duplicate) for p in pairs]
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
    tp = sum(1 for near, d in scored if d and near)
    fp = sum(1 for near, d in scored if not d and near)
    assert fp == 0  # measured: 0 of 42 hard negatives
    assert tp / sum(d for _, d in scored) >= 0.72  # measured: 33 / 44 = 0.750
    # Among the story articles, 2 unlabelled pairs are flagged (docs/stories.md says which).
    assert unexpected <= 2
