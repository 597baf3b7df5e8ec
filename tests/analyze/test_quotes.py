"""Quotes and their speakers, through the whole analysis (NER and linking included).

Every text here is written for these tests; none comes from a corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

import warta
from warta.analyze import analyze_article
from warta.analyze.quotemarks import find_quotations
from warta.analyze.quotes import CONFIDENCE
from warta.model import Analysis, Article, Quote

from conftest import SAMPLES

SEED = SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt"


def quotes_of(*paragraphs: str) -> list[Quote]:
    return list(analyze_article(Article(paragraphs=paragraphs)).quotes)


@dataclass(frozen=True)
class Case:
    """Paragraphs, and the quotes expected from them in order (each a dict of Quote fields to check).

    ``text`` is checked as a prefix of the quote's text, so long quotes stay readable here.
    """

    id: str
    paragraphs: tuple[str, ...]
    expected: tuple[dict[str, Any], ...] = field(default_factory=tuple)


def _matches(quote: Quote, expected: dict[str, Any]) -> bool:
    for name, value in expected.items():
        actual = getattr(quote, name)
        if name == "text":
            if not actual.startswith(value):
                return False
        elif actual != value:
            return False
    return True


CUE_AFTER = [
    Case(
        "kata-name-role",
        (
            "“Kami akan memperbaiki jalan itu tahun depan,” kata Budi Santoso, "
            "Kepala Dinas Pekerjaan Umum Kota Bandung.",
        ),
        (
            {
                "kind": "direct",
                "cue": "kata",
                "speaker_name": "Budi Santoso",
                "role": "Kepala Dinas Pekerjaan Umum Kota Bandung",
                "affiliation": "Dinas Pekerjaan Umum Kota Bandung",
                "text": "Kami akan memperbaiki jalan itu tahun depan",
                "confidence": CONFIDENCE["named"],
            },
        ),
    ),
    Case(
        "ujar-place-stops-phrase",
        ("“Harga beras sudah turun,” ujar Siti Rahmawati di Pasar Minggu.",),
        ({"cue": "ujar", "speaker_name": "Siti Rahmawati", "role": None, "text": "Harga beras sudah turun"},),
    ),
    Case(
        "ucap-role-before-name",
        ("“Kami siap bertanding,” ucap pelatih Persib Bandung, Bojan Hodak.",),
        (
            {
                "cue": "ucap",
                "speaker_name": "Bojan Hodak",
                "role": "pelatih Persib Bandung",
                "affiliation": "Persib Bandung",
            },
        ),
    ),
    Case(
        "ungkap",
        ("“Anggaran itu tidak cukup,” ungkap Sri Mulyani Indrawati.",),
        ({"cue": "ungkap", "speaker_name": "Sri Mulyani Indrawati", "text": "Anggaran itu tidak cukup"},),
    ),
    Case(
        "jelas-role-after-name",
        ("“Proyek ini dimulai Maret,” jelas Basuki Hadimuljono, Menteri Pekerjaan Umum.",),
        ({"cue": "jelas", "speaker_name": "Basuki Hadimuljono", "role": "Menteri Pekerjaan Umum"},),
    ),
    Case(
        "tegas-org-in-role",
        ("“Tidak ada toleransi untuk korupsi,” tegas Ketua KPK Nawawi Pomolango.",),
        ({"cue": "tegas", "speaker_name": "Nawawi Pomolango", "role": "Ketua KPK", "speaker_label": "PER"},),
    ),
    Case(
        "imbuh",
        ("“Kami juga menyiapkan posko kesehatan,” imbuh Andi Wijaya.",),
        ({"cue": "imbuh", "speaker_name": "Andi Wijaya"},),
    ),
    Case(
        "tambah-lowercase-role",
        ("“Relawan akan dikirim besok,” tambah Rina Kusuma, koordinator lapangan.",),
        ({"cue": "tambah", "speaker_name": "Rina Kusuma", "role": "koordinator lapangan"},),
    ),
    Case(
        "papar",
        ("“Ada tiga tahap pembangunan,” papar Ridwan Kamil.",),
        ({"cue": "papar", "speaker_name": "Ridwan Kamil", "text": "Ada tiga tahap pembangunan"},),
    ),
    Case(
        "tutur-title-and-rank",
        ("“Semua berkas sudah lengkap,” tutur Kapolres Bogor AKBP Rio Wahyu Anggoro.",),
        ({"cue": "tutur", "speaker_name": "Rio Wahyu Anggoro"},),
    ),
    Case(
        "several-sentences",
        (
            "“Kami sudah menyiapkan semuanya. Tenda, obat-obatan, dan makanan sudah dikirim. Relawan juga siaga,” "
            "kata Hendra Gunawan, Kepala BPBD Garut.",
        ),
        (
            {
                "speaker_name": "Hendra Gunawan",
                "role": "Kepala BPBD Garut",
                "text": "Kami sudah menyiapkan semuanya. Tenda, obat-obatan, dan makanan sudah dikirim. "
                "Relawan juga siaga",
            },
        ),
    ),
]

CUE_BEFORE = [
    Case(
        "verb-colon",
        ("Bupati Bantul Abdul Halim Muslih mengatakan: “Pasar akan dibuka kembali pekan depan.”",),
        (
            {
                "kind": "direct",
                "cue": "mengatakan",
                "speaker_name": "Abdul Halim Muslih",
                "role": "Bupati Bantul",
                "text": "Pasar akan dibuka kembali pekan depan",
                "confidence": CONFIDENCE["subject"],
            },
        ),
    ),
    Case(
        "kata-first",
        ("Kata Ahmad Dahlan, “Kita harus sabar menunggu hasilnya.”",),
        ({"kind": "direct", "cue": "Kata", "speaker_name": "Ahmad Dahlan", "text": "Kita harus sabar"},),
    ),
]

PRONOUNS = [
    Case(
        "katanya-after-named-speaker",
        (
            "Sementara itu, Luhut Binsar Pandjaitan menyampaikan, pemerintah akan mempercepat proyek itu. "
            "“Tidak ada lagi penundaan,” katanya.",
        ),
        (
            {"kind": "indirect", "speaker_name": "Luhut Binsar Pandjaitan", "text": "pemerintah akan mempercepat"},
            {
                "kind": "direct",
                "cue": "katanya",
                "speaker_name": "Luhut Binsar Pandjaitan",
                "speaker_text": "katanya",
                "confidence": CONFIDENCE["pronoun"],
            },
        ),
    ),
    Case(
        "katanya-after-named-person",
        ("Joko Widodo tiba di Medan pada Senin pagi. “Saya ingin melihat langsung kondisi warga,” katanya.",),
        ({"cue": "katanya", "speaker_name": "Joko Widodo", "confidence": CONFIDENCE["pronoun"]},),
    ),
    Case(
        "ujarnya-keeps-role",
        (
            "“Stok obat aman,” kata Kepala Dinas Kesehatan Kota Bogor, Sri Nowo Retno.",
            "“Kami juga menambah jam layanan puskesmas,” ujarnya.",
        ),
        (
            {"cue": "kata", "speaker_name": "Sri Nowo Retno"},
            {"cue": "ujarnya", "speaker_name": "Sri Nowo Retno", "role": "Kepala Dinas Kesehatan Kota Bogor"},
        ),
    ),
    Case(
        "description-with-demonstrative-after-cue",
        (
            "“Anggaran itu harus diawasi,” kata Rahmat Hidayat kepada wartawan.",
            "“Kami akan memanggil menteri pekan depan,” kata anggota Komisi II DPR itu.",
        ),
        (
            {"speaker_name": "Rahmat Hidayat"},
            {"speaker_name": "Rahmat Hidayat", "role": "anggota Komisi II DPR", "confidence": CONFIDENCE["pronoun"]},
        ),
    ),
    Case(
        "description-with-demonstrative-as-subject",
        (
            "“Anggaran itu harus diawasi,” kata Rahmat Hidayat kepada wartawan. "
            "Politisi asal Bandung ini juga menilai bahwa program itu sudah tepat.",
        ),
        (
            {"kind": "direct", "speaker_name": "Rahmat Hidayat"},
            {"kind": "indirect", "speaker_name": "Rahmat Hidayat", "text": "program itu sudah tepat"},
        ),
    ),
    Case(
        "kata-dia",
        ("Camat Cibinong Dedi Supriadi meninjau jembatan itu. “Jembatan ini harus segera diperbaiki,” kata dia.",),
        ({"cue": "kata", "speaker_name": "Dedi Supriadi", "speaker_text": "dia"},),
    ),
    Case(
        "ia-menambahkan-indirect",
        (
            "“Pembangunan jalan tol ini molor karena pembebasan lahan,” kata Arief Prasetyo.",
            "Ia menambahkan, jalan tol itu ditargetkan selesai tahun depan.",
        ),
        (
            {"kind": "direct", "speaker_name": "Arief Prasetyo"},
            {"kind": "indirect", "speaker_name": "Arief Prasetyo", "speaker_text": "Ia", "text": "jalan tol itu"},
        ),
    ),
]

CONTINUATION = [
    Case(
        "next-paragraph-only-a-quote",
        (
            "“Pertandingan ini sangat berat bagi kami,” kata Shin Tae-yong.",
            "“Tetapi para pemain sudah berjuang keras sampai akhir.”",
        ),
        (
            {"cue": "kata", "speaker_name": "Shin Tae-yong"},
            {
                "cue": None,
                "speaker_name": "Shin Tae-yong",
                "text": "Tetapi para pemain",
                "confidence": CONFIDENCE["continued"],
            },
        ),
    ),
    Case(
        "continued-quote-of-several-sentences",
        (
            "“Kami tidak akan mundur dari kasus ini,” kata Novel Baswedan.",
            "“Semua bukti sudah kami serahkan kepada penyidik. Publik berhak tahu apa yang terjadi.”",
        ),
        (
            {"speaker_name": "Novel Baswedan"},
            {"speaker_name": "Novel Baswedan", "text": "Semua bukti sudah kami serahkan kepada penyidik. Publik"},
        ),
    ),
    Case(
        "second-quote-in-same-paragraph",
        ("“Programnya padat,” kata Yuri Ushakov. “Banyak waktu untuk pertemuan informal.”",),
        ({"speaker_name": "Yuri Ushakov"}, {"speaker_name": "Yuri Ushakov", "cue": None, "text": "Banyak waktu"}),
    ),
    Case(
        "quote-over-two-paragraphs",
        (
            "Wali Kota Surabaya Eri Cahyadi menjelaskan rencana itu. “Kami akan membangun tiga taman baru di "
            "pinggir kota.",
            "“Semua taman itu terbuka untuk umum dan gratis,” kata Eri.",
        ),
        (
            {"kind": "indirect", "speaker_name": "Eri Cahyadi"},
            {"kind": "direct", "cue": "kata", "speaker_name": "Eri Cahyadi", "text": "Kami akan membangun tiga taman"},
        ),
    ),
    Case(
        "no-continuation-across-an-unrelated-paragraph-gap",
        (
            "“Air mulai naik sejak pukul dua pagi,” kata Ujang Suherman.",
            "Banjir merendam ratusan rumah di desa itu.",
            "Air surut pada sore hari.",
            "Petugas membersihkan lumpur di jalan utama.",
            "“Tolong kirimkan air bersih.”",
        ),
        (
            {"speaker_name": "Ujang Suherman"},
            {"speaker_name": None, "confidence": CONFIDENCE["unknown"], "text": "Tolong kirimkan air bersih"},
        ),
    ),
]

INDIRECT = [
    Case(
        "mengatakan-bahwa",
        ("Menteri Kesehatan Budi Gunadi Sadikin mengatakan bahwa stok vaksin masih mencukupi hingga akhir tahun.",),
        (
            {
                "kind": "indirect",
                "cue": "mengatakan",
                "speaker_name": "Budi Gunadi Sadikin",
                "role": "Menteri Kesehatan",
                "text": "stok vaksin masih mencukupi hingga akhir tahun",
            },
        ),
    ),
    Case(
        "menyatakan-without-bahwa",
        ("Kepala Badan Pusat Statistik, Amalia Adininggar Widyasanti, menyatakan inflasi bulan ini terkendali.",),
        (
            {
                "kind": "indirect",
                "cue": "menyatakan",
                "speaker_name": "Amalia Adininggar Widyasanti",
                "role": "Kepala Badan Pusat Statistik",
                "affiliation": "Badan Pusat Statistik",
                "text": "inflasi bulan ini terkendali",
            },
        ),
    ),
    Case(
        "menurut",
        ("Menurut Direktur Utama PT Kereta Api Indonesia Didiek Hartantyo, jumlah penumpang naik 20 persen.",),
        (
            {
                "kind": "indirect",
                "cue": "Menurut",
                "speaker_name": "Didiek Hartantyo",
                "role": "Direktur Utama PT Kereta Api Indonesia",
                "text": "jumlah penumpang naik 20 persen",
            },
        ),
    ),
    Case(
        "menurut-after-a-connective",
        ("Harga beras di Pasar Induk turun pekan ini. Namun, menurut Bambang Wijaya, harga di daerah masih tinggi.",),
        ({"kind": "indirect", "cue": "menurut", "speaker_name": "Bambang Wijaya", "text": "harga di daerah masih"},),
    ),
    Case(
        "kata-without-marks",
        ("Harga cabai diperkirakan naik menjelang Lebaran, kata Zulkifli Hasan.",),
        ({"kind": "indirect", "cue": "kata", "speaker_name": "Zulkifli Hasan", "text": "Harga cabai diperkirakan"},),
    ),
    Case(
        "partial-quote-stays-inside",
        (
            "Menteri Luar Negeri Retno Marsudi mengatakan bahwa Indonesia akan terus “mendorong perdamaian” "
            "di kawasan itu.",
        ),
        (
            {
                "kind": "indirect",
                "speaker_name": "Retno Marsudi",
                "text": "Indonesia akan terus “mendorong perdamaian” di kawasan itu",
            },
        ),
    ),
]

ORGANISATIONS = [
    Case(
        "org-indirect",
        ("Polri menegaskan bahwa penyelidikan kasus itu terus berjalan.",),
        ({"kind": "indirect", "speaker_label": "ORG", "speaker_text": "Polri", "text": "penyelidikan kasus itu"},),
    ),
    Case(
        "org-direct",
        ("“Kami akan menindak tegas pelaku penipuan,” kata Polri dalam keterangan tertulis.",),
        ({"kind": "direct", "speaker_label": "ORG", "speaker_text": "Polri"},),
    ),
    Case(
        "ministry",
        ("Kementerian Keuangan menyatakan defisit anggaran masih di bawah tiga persen.",),
        ({"kind": "indirect", "speaker_name": "Kementerian Keuangan", "speaker_label": "ORG"},),
    ),
]

MARKS = [
    Case(
        "straight",
        ('"Kami siap menghadapi pemilu," kata Hasyim Asy\'ari, Ketua KPU.',),
        ({"speaker_name": "Hasyim Asy'ari", "role": "Ketua KPU", "text": "Kami siap menghadapi pemilu"},),
    ),
    Case(
        "doubled-ascii",
        ("``Ekspor kopi kita meningkat tajam,'' kata Teten Masduki.",),
        ({"speaker_name": "Teten Masduki", "text": "Ekspor kopi kita meningkat tajam"},),
    ),
    Case(
        "closing-mark-as-opener",
        ("”Sekolah dibuka lagi Senin depan,” kata Nadiem Makarim.",),
        ({"speaker_name": "Nadiem Makarim", "text": "Sekolah dibuka lagi Senin depan"},),
    ),
    Case(
        "opening-mark-glued-after-a-full-stop",
        ('Polisi menemukan modus baru."Tawaran itu datang lewat pesan singkat," kata Rina Marlina.',),
        ({"kind": "direct", "speaker_name": "Rina Marlina", "text": "Tawaran itu datang lewat pesan singkat"},),
    ),
    Case(
        "feed-lead-cut-mid-quote",
        (
            "Gempa susulan kembali mengguncang Kabupaten Alor pada Kamis.",
            '"Ada dua kali gempa susulan. Jadi ...http://contoh.id/berita/1/gempa-alorBandara dibuka kembali',
        ),
        (),
    ),
    Case(
        "feed-lead-cut-mid-quote-at-the-end-of-its-paragraph",
        (
            "Gempa susulan kembali mengguncang Kabupaten Alor pada Kamis.",
            '"Ada dua kali gempa susulan. Jadi ...',
            "Bandara Ngurah Rai dibuka kembali",
        ),
        (),
    ),
    Case(
        "nested-single-quotes",
        ("“Kami mendengar teriakan ‘tolong, tolong’ dari dalam rumah,” kata Agus Salim, warga setempat.",),
        (
            {
                "speaker_name": "Agus Salim",
                "role": "warga setempat",
                "text": "Kami mendengar teriakan ‘tolong, tolong’ dari dalam rumah",
            },
        ),
    ),
]

CASES = [*CUE_AFTER, *CUE_BEFORE, *PRONOUNS, *CONTINUATION, *INDIRECT, *ORGANISATIONS, *MARKS]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_quotes(case: Case) -> None:
    found = quotes_of(*case.paragraphs)
    described = [(q.kind, q.cue, q.speaker_name, q.role, q.text) for q in found]
    assert len(found) == len(case.expected), described
    for quote, expected in zip(found, case.expected, strict=True):
        assert _matches(quote, expected), (expected, quote)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_quote_spans_point_into_the_text(case: Case) -> None:
    article = Article(paragraphs=case.paragraphs)
    for quote in analyze_article(article).quotes:
        assert article.text[quote.start : quote.end] == quote.text
        assert 0.0 <= quote.confidence <= 1.0


def test_quote_running_over_paragraphs_keeps_both_parts() -> None:
    (quote, *_) = [q for q in quotes_of(*CONTINUATION[3].paragraphs) if q.kind == "direct"]
    assert "pinggir kota." in quote.text
    assert quote.text.endswith("terbuka untuk umum dan gratis")


def test_a_bare_title_is_the_person_last_written_with_it() -> None:
    found = quotes_of(
        "Presiden Joko Widodo meresmikan bendungan itu di Bojonegoro.",
        "Bendungan itu mengairi ribuan hektare sawah.",
        "“Air adalah kunci ketahanan pangan,” kata Presiden.",
    )
    direct = [q for q in found if q.kind == "direct"]
    assert [(q.speaker_name, q.speaker_text, q.confidence) for q in direct] == [
        ("Joko Widodo", "Presiden", CONFIDENCE["title"])
    ]


# -- the seed article ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Analysis:
    return analyze_article(warta.extract_path(SEED))


def _quote(seed: Analysis, start: str) -> Quote:
    matching = [q for q in seed.quotes if q.text.startswith(start)]
    assert len(matching) == 1, [q.text[:40] for q in seed.quotes]
    return matching[0]


@pytest.mark.parametrize(
    ("start", "speaker", "role"),
    [
        ("Programnya sangat padat", "Yuri Ushakov", "penasihat Kremlin"),
        ("Banyak waktu akan didedikasikan", "Yuri Ushakov", "penasihat Kremlin"),
        ("Kami tidak khawatir tentang perjalanan [Putin]", "John Kirby", "juru bicara Dewan Keamanan Nasional AS"),
        ("Yang kami khawatirkan", "John Kirby", "juru bicara Dewan Keamanan Nasional AS"),
    ],
)
def test_seed_direct_quotes(seed: Analysis, start: str, speaker: str, role: str) -> None:
    quote = _quote(seed, start)
    assert (quote.kind, quote.field, quote.speaker_name, quote.role) == ("direct", "body", speaker, role)


def test_seed_direct_quotes_are_exactly_four(seed: Analysis) -> None:
    assert len([q for q in seed.quotes if q.kind == "direct"]) == 4


@pytest.mark.parametrize(
    ("speaker", "field", "contains"),
    [
        ("Lloyd Austin", "body", "“bangkit kembali”"),
        ("Gedung Putih", "body", "keprihatinannya"),
        ("John Kirby", "body", "kekhawatiran tersebut"),
        ("Shin Wonsik", "description", "Seoul telah mengidentifikasi"),
    ],
)
def test_seed_indirect_speech(seed: Analysis, speaker: str, field: str, contains: str) -> None:
    matching = [q for q in seed.quotes if q.kind == "indirect" and q.speaker_name == speaker and q.field == field]
    assert any(contains in q.text for q in matching), [(q.speaker_name, q.field, q.text[:40]) for q in seed.quotes]


def test_seed_partial_quote_is_not_a_quote_of_its_own(seed: Analysis) -> None:
    assert not [q for q in seed.quotes if q.text.strip("“”") == "bangkit kembali"]


def test_seed_quotation_marks_pair() -> None:
    text = warta.extract_path(SEED).text
    pairs = [text[q.inner_start : q.inner_end] for q in find_quotations(text)]
    assert "bangkit kembali" in pairs
    assert all(q.closed for q in find_quotations(text))


@pytest.mark.parametrize(
    "paragraph",
    [
        "Wakil Gubernur Bank Indonesia, Destry Damayanti, berbicara dalam seminar daring “Peluang Ekonomi "
        "Digital untuk Usaha Kecil di Daerah” di Jakarta.",
        "Diskusi itu bertajuk “kopi, hujan, dan cerita kota”, Jumat malam.",
        "Buku berjudul “Senja di Pelabuhan Kecil” itu terjual habis dalam seminggu.",
    ],
    ids=["title-case", "bertajuk", "berjudul"],
)
def test_titles_are_not_quotes(paragraph: str) -> None:
    assert [q for q in quotes_of(paragraph) if q.kind == "direct"] == []


def test_a_titled_quotation_does_not_hide_the_speech_around_it() -> None:
    found = quotes_of(
        "Dalam ceramah yang bertema “Menjaga Persatuan Bangsa”, Nasaruddin Umar menyampaikan, perbedaan "
        "adalah rahmat yang harus dijaga.",
    )
    assert [(q.kind, q.speaker_name) for q in found] == [("indirect", "Nasaruddin Umar")]
    assert found[0].text.startswith("perbedaan adalah rahmat")


def test_a_headline_x_colon_is_what_x_said() -> None:
    titled = analyze_article(
        Article(
            title="Sri Mulyani: Defisit Anggaran Masih Aman",
            paragraphs=("Menteri Keuangan Sri Mulyani menyampaikan laporan di Jakarta.",),
        )
    )
    (headline,) = [q for q in titled.quotes if q.field == "title"]
    assert (headline.kind, headline.cue, headline.text) == ("indirect", ":", "Defisit Anggaran Masih Aman")
    assert headline.speaker_name == "Sri Mulyani Indrawati"  # the alias table's canonical name
    after_a_clause = analyze_article(
        Article(title="Ziarah ke Makam Bung Karno, Gibran: Sang Proklamator Luar Biasa", paragraphs=("Isi.",))
    )
    assert [(q.cue, q.speaker_name, q.text) for q in after_a_clause.quotes if q.field == "title"] == [
        (":", "Gibran Rakabuming Raka", "Sang Proklamator Luar Biasa")
    ]
    listed = quotes_of("Jokowi: Pembangunan Jalan Tol Dilanjutkan", "Berita lain menyusul")
    assert [(q.cue, q.speaker_name, q.text) for q in listed] == [
        (":", "Joko Widodo", "Pembangunan Jalan Tol Dilanjutkan")
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "OPINI: Catatan atas Regulasi Pangan",  # a rubric, not a speaker
        "Persib Bandung: Teja, Nick Kuipers, Alberto, Rezaldi, Kakang",  # a line-up
        "Budi Santoso: Kami akan datang besok pagi dan membawa bantuan untuk warga yang terdampak banjir.",
    ],
)
def test_not_a_headline_quote(paragraph: str) -> None:
    assert [q for q in quotes_of(paragraph) if q.cue == ":"] == []


@pytest.mark.parametrize(
    ("paragraphs", "cue", "speaker", "said"),
    [
        (
            ("Dengan catatan, kata Joko Widodo, saat peringatan HUT nanti, vaksinasi sudah mencapai 70 persen.",),
            "kata",
            "Joko Widodo",
            "saat peringatan HUT nanti, vaksinasi sudah mencapai 70 persen",
        ),
        (
            ("“Stok aman,” kata Budi Santoso, Kepala Dinas Pangan.", "Harga beras, lanjutnya, akan turun pekan depan."),
            "lanjutnya",
            "Budi Santoso",
            "akan turun pekan depan",
        ),
    ],
)
def test_a_cue_set_off_by_commas_inside_the_sentence(
    paragraphs: tuple[str, ...], cue: str, speaker: str, said: str
) -> None:
    inside = [q for q in quotes_of(*paragraphs) if q.kind == "indirect"]
    assert [(q.cue, q.speaker_name, q.text) for q in inside] == [(cue, speaker, said)]


def test_kata_meaning_word_is_no_cue() -> None:
    assert quotes_of("Hasil pertandingan itu, kata kunci, adalah kerja keras.") == []
