"""Tests for warta.lang.id.aliases: the shipped table, the matching rules and the loader's validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.errors import ConfigurationError
from warta.lang.id.aliases import default_aliases, load_aliases, match_form

# alias as written in a mention -> (kind, canonical name)
LOOKUPS: list[tuple[str, str, str]] = [
    ("AS", "LOC", "Amerika Serikat"),
    ("Amerika Serikat", "LOC", "Amerika Serikat"),
    ("United States", "LOC", "Amerika Serikat"),
    ("USA", "LOC", "Amerika Serikat"),
    ("U.S.", "LOC", "Amerika Serikat"),
    ("Korut", "LOC", "Korea Utara"),
    ("North Korea", "LOC", "Korea Utara"),
    ("Korsel", "LOC", "Korea Selatan"),
    ("RI", "LOC", "Indonesia"),
    ("Republik Indonesia", "LOC", "Indonesia"),
    ("Russia", "LOC", "Rusia"),
    ("China", "LOC", "Tiongkok"),
    ("Cina", "LOC", "Tiongkok"),
    ("RRT", "LOC", "Tiongkok"),
    ("Japan", "LOC", "Jepang"),
    ("UK", "LOC", "Inggris"),
    ("Britania Raya", "LOC", "Inggris"),
    ("Ukraine", "LOC", "Ukraina"),
    ("DKI Jakarta", "LOC", "Jakarta"),
    ("Jabar", "LOC", "Jawa Barat"),
    ("Jateng", "LOC", "Jawa Tengah"),
    ("Jatim", "LOC", "Jawa Timur"),
    ("Sumut", "LOC", "Sumatera Utara"),
    ("Sulsel", "LOC", "Sulawesi Selatan"),
    ("NTB", "LOC", "Nusa Tenggara Barat"),
    ("NTT", "LOC", "Nusa Tenggara Timur"),
    ("Semenanjung Korea", "LOC", "Semenanjung Korea"),
    ("KPK", "ORG", "Komisi Pemberantasan Korupsi"),
    ("DPR", "ORG", "Dewan Perwakilan Rakyat"),
    ("MPR", "ORG", "Majelis Permusyawaratan Rakyat"),
    ("DPD", "ORG", "Dewan Perwakilan Daerah"),
    ("TNI", "ORG", "Tentara Nasional Indonesia"),
    ("Polri", "ORG", "Kepolisian Negara Republik Indonesia"),
    ("PBB", "ORG", "Perserikatan Bangsa-Bangsa"),
    ("United Nations", "ORG", "Perserikatan Bangsa-Bangsa"),
    ("ICC", "ORG", "Pengadilan Pidana Internasional"),
    ("International Criminal Court", "ORG", "Pengadilan Pidana Internasional"),
    ("White House", "ORG", "Gedung Putih"),
    ("Gedung Putih", "ORG", "Gedung Putih"),
    ("Kremlin", "ORG", "Kremlin"),
    ("UE", "ORG", "Uni Eropa"),
    ("EU", "ORG", "Uni Eropa"),
    ("NATO", "ORG", "Pakta Pertahanan Atlantik Utara"),
    ("BI", "ORG", "Bank Indonesia"),
    ("OJK", "ORG", "Otoritas Jasa Keuangan"),
    ("BPK", "ORG", "Badan Pemeriksa Keuangan"),
    ("MK", "ORG", "Mahkamah Konstitusi"),
    ("MA", "ORG", "Mahkamah Agung"),
    ("Kemenkeu", "ORG", "Kementerian Keuangan"),
    ("Kemenlu", "ORG", "Kementerian Luar Negeri"),
    ("Kemenhan", "ORG", "Kementerian Pertahanan"),
    ("Pemprov DKI", "ORG", "Pemerintah Provinsi DKI Jakarta"),
    ("PDIP", "ORG", "Partai Demokrasi Indonesia Perjuangan"),
    ("PDI-P", "ORG", "Partai Demokrasi Indonesia Perjuangan"),
    ("PDI Perjuangan", "ORG", "Partai Demokrasi Indonesia Perjuangan"),
    ("Golkar", "ORG", "Partai Golongan Karya"),
    ("Gerindra", "ORG", "Partai Gerakan Indonesia Raya"),
    ("PKB", "ORG", "Partai Kebangkitan Bangsa"),
    ("PKS", "ORG", "Partai Keadilan Sejahtera"),
    ("Nasdem", "ORG", "Partai NasDem"),
    ("Demokrat", "ORG", "Partai Demokrat"),
    ("PAN", "ORG", "Partai Amanat Nasional"),
    ("BMKG", "ORG", "Badan Meteorologi, Klimatologi, dan Geofisika"),
    ("BNPB", "ORG", "Badan Nasional Penanggulangan Bencana"),
    ("Basarnas", "ORG", "Badan Nasional Pencarian dan Pertolongan"),
    ("Pertamina", "ORG", "Pertamina"),
    ("PLN", "ORG", "Perusahaan Listrik Negara"),
    ("ASEAN", "ORG", "Perhimpunan Bangsa-Bangsa Asia Tenggara"),
    ("WHO", "ORG", "Organisasi Kesehatan Dunia"),
    ("IMF", "ORG", "Dana Moneter Internasional"),
    ("World Bank", "ORG", "Bank Dunia"),
    ("Jokowi", "PER", "Joko Widodo"),
    ("Kim Jong-un", "PER", "Kim Jong Un"),
    ("kim jong un", "PER", "Kim Jong Un"),
]


@pytest.mark.parametrize(("alias", "label", "canonical"), LOOKUPS)
def test_lookup(alias: str, label: str, canonical: str) -> None:
    entry = default_aliases().lookup(alias)
    assert entry is not None, alias
    assert (entry.label, entry.canonical) == (label, canonical)


@pytest.mark.parametrize("word", ["as", "As", "ma", "pan", "Pan", "bi", "ui", "Seoul", "", "  ", "-"])
def test_capital_aliases_need_capitals_and_unknown_names_are_none(word: str) -> None:
    assert default_aliases().lookup(word) is None


def test_table_size_and_kinds() -> None:
    table = default_aliases()
    assert len(table) >= 150
    assert {entry.label for entry in table} == {"PER", "ORG", "LOC"}
    assert ("presiden",) in table.honorifics.titles
    assert ("menteri",) in table.honorifics.titles
    assert ("luar", "negeri") in table.honorifics.offices
    assert "-nya" in table.honorifics.suffixes


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("Kim Jong-un", "kim jong un"),
        ("U.S.", "us"),
        ("Erdoğan", "erdogan"),
        ("Perserikatan Bangsa-Bangsa", "perserikatan bangsa bangsa"),
        ("Ma'ruf  Amin", "maruf amin"),
        ("  KPK ", "kpk"),
        ("PT PLN (Persero)", "pt pln persero"),
        ("—", ""),
    ],
)
def test_match_form(name: str, form: str) -> None:
    assert match_form(name) == form


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "aliases.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_a_small_table(tmp_path: Path) -> None:
    table = load_aliases(_write(tmp_path, '[LOC]\n"Korea Utara" = ["Korut", "Korut"]\n[ORG]\n"Kremlin" = []\n'))
    assert len(table) == 2
    assert table.lookup("Korut") is table.lookup("korea utara")
    assert table.honorifics.titles == frozenset()


def test_not_names_match_whole_mentions_and_capitals_only_capitals(tmp_path: Path) -> None:
    table = load_aliases(_write(tmp_path, '[not_names]\nnames = ["WNI", "Tanah Air"]\n'))
    assert table.is_not_a_name("WNI") and not table.is_not_a_name("Wni")
    assert table.is_not_a_name("Tanah Air") and table.is_not_a_name("tanah air")
    assert not table.is_not_a_name("WNI Jakarta") and not table.is_not_a_name("Jakarta")
    shipped = default_aliases()
    assert shipped.is_not_a_name("IHSG") and not shipped.is_not_a_name("KPK")


def test_not_names_never_reach_the_entities() -> None:
    import warta

    article = warta.Article(
        title="Harga Emas Naik",
        paragraphs=("Ratusan WNI di Jakarta membeli emas setelah IHSG melemah, kata Joko Widodo.",),
    )
    analysis = warta.analyze_article(article)
    texts = {m.text for m in analysis.mentions}
    assert "WNI" not in texts and "IHSG" not in texts
    assert any(e.key == "loc:jakarta" for e in analysis.entities)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[PLACES]\n"Seoul" = []\n', "unknown section"),
        ('[LOC]\n"Seoul" = "Soul"\n', "list of non-empty strings"),
        ('[LOC]\n"Seoul" = [""]\n', "list of non-empty strings"),
        ('[LOC]\n"Seoul" = ["--"]\n', "is empty"),
        ('[LOC]\n" " = []\n', "canonical name is empty"),
        ('[LOC]\n"Indonesia" = []\n[ORG]\n"Pemerintah Indonesia" = ["Indonesia"]\n', "claimed by both"),
        ('[LOC]\n"Korea Utara" = ["Korut"]\n"Korea Selatan" = ["KORUT"]\n', "claimed by both"),
        ('[honorifics]\ntitles = "presiden"\n', "list of non-empty strings"),
        ("[honorifics]\nranks = []\n", "only titles, offices and suffixes"),
        ("LOC = 3\n", "must be a table"),
        ('[not_names]\nwords = ["WNI"]\n', "holds only names"),
        ('[LOC]\n"Tanah Air" = []\n[not_names]\nnames = ["Tanah Air"]\n', "both a name and in"),
        ("[LOC\n", "cannot be read"),
    ],
)
def test_validation(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigurationError, match=message) as raised:
        load_aliases(path)
    assert str(path) in str(raised.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="cannot be read"):
        load_aliases(tmp_path / "nope.toml")
