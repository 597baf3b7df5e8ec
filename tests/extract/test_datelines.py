"""Datelines: what split_dateline takes as the place-and-outlet prefix, and what it leaves in the body."""

from __future__ import annotations

import pytest

from warta.extract.datelines import split_dateline


@pytest.mark.parametrize(
    ("paragraph", "dateline", "rest"),
    [
        ("Jakarta - Presiden tiba di Rusia pada Rabu malam.", "Jakarta", "Presiden tiba di Rusia pada Rabu malam."),
        (
            "Liputan6.com, Jakarta - Bank sentral menahan suku bunga.",
            "Liputan6.com, Jakarta",
            "Bank sentral menahan suku bunga.",
        ),
        (
            "JAKARTA, KOMPAS.com – Penyidik memeriksa tiga saksi hari ini.",
            "JAKARTA, KOMPAS.com",
            "Penyidik memeriksa tiga saksi hari ini.",
        ),
        # okezone text dumps lose the spaces around the dash
        (
            "JAKARTA-PT Listrik merombak jajaran direksinya hari ini.",
            "JAKARTA",
            "PT Listrik merombak jajaran direksinya hari ini.",
        ),
        # liputan6 text dumps glue the place to the first word when the dash was its own element
        (
            "Liputan6.com, JakartaBank sentral menahan suku bunga acuannya.",
            "Liputan6.com, Jakarta",
            "Bank sentral menahan suku bunga acuannya.",
        ),
        (
            "Liputan6.com, SukabumiPT Kereta menambah jadwal perjalanan.",
            "Liputan6.com, Sukabumi",
            "PT Kereta menambah jadwal perjalanan.",
        ),
    ],
)
def test_datelines(paragraph: str, dateline: str, rest: str) -> None:
    assert split_dateline(paragraph) == (dateline, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        # a hyphen inside a word is not a dateline's dash
        "Gara-gara bandara baru sepi, pemerintah daerah merugi setiap tahun.",
        "Saham-saham di bursa ditutup melemah pada perdagangan Jumat.",
        "Relawan Pro-Jokowi tidak yakin mantan presiden itu akan maju lagi.",
        "TEKA-teki masa depan pelatih itu belum terjawab sampai sekarang.",
        # a place glued to a capital without an outlet is ordinary text
        "JakartaBarat dilanda banjir setelah hujan deras semalaman.",
        "Jakarta - Bandung",
    ],
)
def test_not_datelines(paragraph: str) -> None:
    assert split_dateline(paragraph) == (None, paragraph)
