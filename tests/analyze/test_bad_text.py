"""Odd text through the whole analysis: degraded output at worst, never a crash."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import warta
from warta.errors import InputError

ODD = [
    "presiden joko widodo tiba di jakarta tanpa tanda baca sama sekali dan terus berlanjut " * 40,
    "Presiden Jokowi 🇮🇩🎉 bertemu PM Albanese 😀 di Canberra. Mereka bicara soal trade deal.",
    "Zero\u200bwidth\u200d join\u2060 dan tanda \u200farah\u200e kanan-kiri, NBSP\u00a0di\u00a0sini.",
    "“Kami tidak khawatir, kata Kirby kepada wartawan. Lalu kutipan yang tak pernah ditutup",
    "The White House said on Monday that Presiden Prabowo Subianto akan berkunjung ke Washington.",
    "Rp Rp Rp 1,5 1,5 % % persen persen (((((( )))))) …… !!!! ????",
]


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
def test_odd_text_is_analysed(text: str) -> None:
    analysis = warta.analyze(text, input_format="text")
    for mention in analysis.mentions:
        assert analysis.field_text(mention.field, mention.index)[mention.start : mention.end] == mention.text
    for sentence in analysis.sentences:
        assert 0 <= sentence.start < sentence.end <= len(analysis.field_text(sentence.field, sentence.index))


def test_unbalanced_quote_does_not_swallow_the_article() -> None:
    text = "Judul Berita\n\n" + ODD[3] + "\n\nParagraf kedua berdiri sendiri. Ini kalimat lain."
    analysis = warta.analyze(text, input_format="text")
    body = [analysis.article.text[s.start : s.end] for s in analysis.sentences if s.field == "body"]
    assert body[-2:] == ["Paragraf kedua berdiri sendiri.", "Ini kalimat lain."]
    assert len(body) >= 4


def test_empty_text_is_a_typed_error() -> None:
    with pytest.raises(InputError):
        warta.analyze("   ", input_format="text")


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text: str) -> None:
    with contextlib.suppress(InputError):
        warta.analyze(text, input_format="text")
