"""Story clustering: small texts written for these tests, B-cubed, and floors on the real gold."""

from __future__ import annotations

import itertools
from datetime import timedelta
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.analyze import analyze_article
from warta.model import Analysis, Article
from warta.stories import Assignment, StoryClusterer, StorySettings, bcubed, single_link, story_id
from warta.stories.actions import LeadActions, conflicts, lead_actions, same_people
from warta.stories.vectors import dot, norm

from conftest import SHARED


def analysis(title: str, body: str, published: str) -> Analysis:
    return analyze_article(Article(title=title, paragraphs=tuple(body.split("\n")), published=published))


FLOOD_1 = analysis(
    "Banjir Rendam Ratusan Rumah di Kecamatan Lembah Hijau",
    "Banjir merendam ratusan rumah warga di Kecamatan Lembah Hijau, Kabupaten Sukamaju, Selasa dini hari setelah "
    "Sungai Cibening meluap.\nKepala BPBD Sukamaju, Hendra Wijaya, mengatakan ketinggian air mencapai satu meter "
    "dan warga mengungsi ke balai desa.",
    "2025-06-17T06:00:00+07:00",
)
FLOOD_2 = analysis(
    "Sungai Cibening Meluap, Warga Lembah Hijau Mengungsi",
    "Ratusan warga Kecamatan Lembah Hijau mengungsi ke balai desa setelah Sungai Cibening meluap dan banjir "
    "merendam rumah mereka.\nHendra Wijaya dari BPBD Sukamaju menyebut banjir setinggi satu meter dan petugas "
    "menyiapkan dapur umum bagi pengungsi.",
    "2025-06-17T09:30:00+07:00",
)
FOOTBALL = analysis(
    "Persisuka Menang Tipis atas Persikota di Stadion Mandala",
    "Persisuka mengalahkan Persikota satu gol tanpa balas di Stadion Mandala, Senin malam.\nGol tunggal dicetak "
    "penyerang Ahmad Fauzi pada menit ke-78 memanfaatkan umpan silang dari sayap kanan.",
    "2025-06-17T08:00:00+07:00",
)
FLOOD_LATER = analysis(
    "Banjir Kembali Rendam Lembah Hijau",
    "Banjir kembali merendam rumah warga Kecamatan Lembah Hijau setelah Sungai Cibening meluap lagi.\nBPBD "
    "Sukamaju mencatat ratusan warga mengungsi ke balai desa.",
    "2025-07-10T06:00:00+07:00",
)

# Two decisions announced after one central-bank meeting, written for these tests: each report opens
# with its own news and then repeats the same paragraph about the meeting.
BANK_MEETING = (
    "Rapat Dewan Gubernur Bank Sentral Nusantara berlangsung dua hari di Kotabaru dan dipimpin Gubernur "
    "Hartono Wibisono. Rapat itu menimbang inflasi yang terkendali, nilai tukar rupiah yang bergejolak, "
    "pertumbuhan kredit perbankan yang melambat dan ketidakpastian ekonomi global akibat perang dagang. "
    "Para ekonom memperkirakan keputusan rapat dewan gubernur akan menenangkan pasar keuangan, sementara "
    "pelaku usaha berharap kebijakan bank sentral tetap mendukung pertumbuhan ekonomi nasional tahun ini."
)
RATE_HOLD = analysis(
    "Bank Sentral Nusantara Tahan Suku Bunga Acuan",
    "Bank Sentral Nusantara menahan suku bunga acuan di level lima persen untuk bulan kelima berturut-turut. "
    "Suku bunga deposit facility dan lending facility juga tidak berubah. Menurut gubernur, suku bunga yang "
    "stabil diperlukan untuk menjaga rupiah dan menahan arus modal keluar, dan penurunan suku bunga baru "
    "akan dipertimbangkan bila inflasi turun.\n" + BANK_MEETING,
    "2025-06-18T09:00:00+07:00",
)
CARD_RELIEF = analysis(
    "Keringanan Cicilan Kartu Kredit Diperpanjang Sampai Desember",
    "Keringanan pembayaran tagihan kartu kredit diperpanjang sampai akhir Desember. Batas minimum "
    "pembayaran tetap sepuluh persen dan denda keterlambatan tetap satu persen dari tagihan. Keringanan "
    "itu semula berakhir bulan ini, tetapi penerbit kartu meminta perpanjangan karena banyak pemegang kartu "
    "masih kesulitan membayar cicilan.\n" + BANK_MEETING,
    "2025-06-18T09:30:00+07:00",
)
RATE_HOLD_2 = analysis(
    "Suku Bunga Acuan Bank Sentral Nusantara Tetap Lima Persen",
    "Suku bunga acuan Bank Sentral Nusantara tetap lima persen, begitu pula suku bunga deposit facility dan "
    "lending facility.\nKeputusan itu diambil dalam rapat dewan gubernur di Kotabaru.",
    "2025-06-18T10:00:00+07:00",
)


def test_same_event_joins_and_other_event_starts_a_story() -> None:
    clusterer = StoryClusterer()
    first = clusterer.add("flood-1", FLOOD_1)
    football = clusterer.add("football", FOOTBALL)
    second = clusterer.add("flood-2", FLOOD_2)
    assert first.new and football.new and not second.new
    assert second.story == first.story == story_id("flood-1")
    assert football.story != first.story
    stories = {s.id: s for s in clusterer.stories()}
    flood = stories[first.story]
    assert flood.articles == ("flood-1", "flood-2")
    assert flood.title == FLOOD_1.article.title
    assert flood.first_seen is not None and flood.last_seen is not None and flood.first_seen < flood.last_seen
    assert any("hendra" in e.key for e in flood.entities)


def test_deterministic() -> None:
    def run() -> list[dict[str, object]]:
        clusterer = StoryClusterer()
        for key, item in (("a", FLOOD_1), ("b", FOOTBALL), ("c", FLOOD_2)):
            clusterer.add(key, item)
        return [s.to_dict() for s in clusterer.stories()]

    assert run() == run()


def test_lead_tells_apart_two_decisions_of_one_meeting() -> None:
    """On the whole text the two decisions look like one story (the meeting paragraph); the lead does not."""

    def run(settings: StorySettings) -> list[Assignment]:
        clusterer = StoryClusterer(settings)
        stream = (("flood-1", FLOOD_1), ("football", FOOTBALL), ("flood-2", FLOOD_2))
        stream += (("rate", RATE_HOLD), ("cards", CARD_RELIEF), ("rate-2", RATE_HOLD_2))
        return [clusterer.add(key, item) for key, item in stream]

    *_, rate, cards, rate_2 = run(StorySettings())
    assert cards.new and not rate_2.new and rate_2.story == rate.story
    *_, rate, cards, _ = run(StorySettings(lead_words=0))  # the same threshold, the whole text only
    assert cards.story == rate.story


@pytest.mark.parametrize("body_weight", [0.0, 0.3, 0.7])
def test_text_vector_mixes_lead_and_whole_text_cosines(body_weight: float) -> None:
    """u . v is (1 - body_weight) * (lead cosine) + body_weight * (whole-text cosine), and |u| = 1."""
    items = [FLOOD_1, FOOTBALL, FLOOD_2, RATE_HOLD, CARD_RELIEF, RATE_HOLD_2]
    mixed = StoryClusterer(StorySettings(body_weight=body_weight))
    lead_only = StoryClusterer(StorySettings(body_weight=0.0))
    whole_only = StoryClusterer(StorySettings(lead_words=0))
    vectors = [
        (mixed._text_vector(a.article), lead_only._text_vector(a.article), whole_only._text_vector(a.article))
        for a in items
    ]
    for u, lead_u, whole_u in vectors:
        assert norm(u) == pytest.approx(1.0)
        assert not set(lead_u) & set(whole_u)  # lead words live in their own dimensions
    for (u, lead_u, whole_u), (v, lead_v, whole_v) in itertools.combinations(vectors, 2):
        expected = (1 - body_weight) * dot(lead_u, lead_v) + body_weight * dot(whole_u, whole_v)
        assert dot(u, v) == pytest.approx(expected, abs=1e-12)


def test_story_norms_follow_their_centroids() -> None:
    """The per-story norm kept up to date as articles join equals the norm of the centroid."""
    clusterer = StoryClusterer(StorySettings(threshold=0.05))  # low: stories take many articles
    items = [FLOOD_1, FOOTBALL, FLOOD_2, RATE_HOLD, CARD_RELIEF, RATE_HOLD_2, FLOOD_LATER]
    for round_ in range(5):
        for i, item in enumerate(items):
            clusterer.add(f"{round_}-{i}", item)
    stories = list(clusterer._active.values())
    assert any(len(s.articles) > 5 for s in stories)
    for story in stories:
        assert clusterer._norms[story.slot] == pytest.approx(norm(story.centroid), rel=1e-12)


def test_window_closes_old_stories() -> None:
    clusterer = StoryClusterer(StorySettings(window=timedelta(days=3)))
    clusterer.add("flood-1", FLOOD_1)
    later = clusterer.add("flood-later", FLOOD_LATER)  # three weeks on: the old story is closed
    assert later.new
    closed = clusterer.closed()
    assert [s.articles for s in closed] == [("flood-1",)]
    assert [s.articles for s in clusterer.active()] == [("flood-later",)]


def test_max_active_bounds_memory() -> None:
    clusterer = StoryClusterer(StorySettings(max_active=2, threshold=0.99))
    for key, item in (("a", FLOOD_1), ("b", FOOTBALL), ("c", FLOOD_2), ("d", FLOOD_LATER)):
        clusterer.add(key, item)
        assert len(clusterer.active()) <= 2


def test_bcubed_known_values() -> None:
    gold = {"a": 1, "b": 1, "c": 2}
    assert bcubed({"a": "x", "b": "x", "c": "y"}, gold).f1 == 1.0
    singletons = bcubed({"a": "a", "b": "b", "c": "c"}, gold)
    assert singletons.precision == 1.0 and singletons.recall == pytest.approx((0.5 + 0.5 + 1) / 3)
    lumped = bcubed({"a": 0, "b": 0, "c": 0}, gold)
    assert lumped.recall == 1.0 and lumped.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    with pytest.raises(ValueError):
        bcubed({"a": 0}, gold)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=1, max_size=12), st.lists(st.integers(0, 4), min_size=12, max_size=12))
def test_bcubed_bounds(gold_labels: list[int], pred_labels: list[int]) -> None:
    gold = {str(i): g for i, g in enumerate(gold_labels)}
    pred = {str(i): pred_labels[i] for i in range(len(gold_labels))}
    score = bcubed(pred, gold)
    assert 0.0 < score.precision <= 1.0 and 0.0 < score.recall <= 1.0
    assert bcubed(gold, gold).f1 == 1.0


# Two verdicts of one court session, written for these tests from one template (as the reports of
# the three Tipikor verdicts of 18 June 2025 were): only the defendant and the sentence differ.
COURT_SESSION = (
    "Majelis hakim Pengadilan Tindak Pidana Korupsi Kotabaru yang diketuai Hakim Ratna Sari menyatakan terdakwa "
    "terbukti menyuap tiga hakim Pengadilan Negeri Kotabaru agar membebaskan seorang terdakwa pembunuhan. Sidang "
    "pembacaan putusan berlangsung sejak pagi dan dihadiri keluarga para terdakwa. Jaksa penuntut umum menyatakan "
    "masih pikir-pikir atas putusan itu, sementara penasihat hukum terdakwa akan mempelajari putusan hakim."
)


def verdict(title: str, lead: str, published: str) -> Analysis:
    return analysis(title, f"{lead} {COURT_SESSION}", published)


OFFICIAL_VERDICT = verdict(
    "Mantan Pejabat Pengadilan Divonis 16 Tahun Penjara",
    "Mantan pejabat Mahkamah Agung Bambang Sutrisno divonis 16 tahun penjara dalam kasus suap hakim "
    "Pengadilan Negeri Kotabaru.",
    "2025-06-18T15:00:00+07:00",
)
MOTHER_VERDICT = verdict(
    "Ibu Terdakwa Pembunuhan Divonis 3 Tahun Penjara",
    "Siti Rahayu divonis 3 tahun penjara karena menyuap hakim Pengadilan Negeri Kotabaru demi membebaskan anaknya.",
    "2025-06-18T15:20:00+07:00",
)
OFFICIAL_VERDICT_2 = verdict(
    "Bambang Sutrisno Dihukum 16 Tahun Penjara",
    "Bambang Sutrisno, mantan pejabat Mahkamah Agung, divonis 16 tahun penjara karena menjadi perantara suap "
    "hakim Pengadilan Negeri Kotabaru.",
    "2025-06-18T15:40:00+07:00",
)


def test_lead_actions_read_the_defendant_of_a_verdict() -> None:
    lead = lead_actions(MOTHER_VERDICT)
    assert lead.actions == {"arrest": frozenset({"per:siti-rahayu"})}
    assert {"per:siti-rahayu", "per:ratna-sari"} <= lead.people  # every person named, the judge included


def test_participant_gate_keeps_two_verdicts_of_one_session_apart() -> None:
    def run(settings: StorySettings) -> list[Assignment]:
        clusterer = StoryClusterer(settings)
        stream = (("official", OFFICIAL_VERDICT), ("mother", MOTHER_VERDICT), ("official-2", OFFICIAL_VERDICT_2))
        return [clusterer.add(key, item) for key, item in stream]

    official, mother, official_2 = run(StorySettings())
    assert mother.new and not official_2.new and official_2.story == official.story
    _, mother, _ = run(StorySettings(participant_gate=False))
    assert not mother.new  # without the gate the template's words make the two verdicts one story


def test_same_people_by_name_words_and_glued_words() -> None:
    assert same_people({"per:ronald-tannur"}, {"per:gregorius-ronald-tannur"})
    assert same_people({"per:taeil-akui"}, {"per:moon-taeilbersama"})  # a scraper glued "bersama" to the name
    assert not same_people({"per:meirizka-widjaja"}, {"per:zarof-ricar", "per:ma-zarof-ricar"})
    assert not same_people({"per:ma-budi"}, {"per:ma-siti"})  # words under three letters are not names
    assert not same_people(set(), {"per:zarof-ricar"})


def test_conflicts_needs_the_same_action_and_no_person_in_common() -> None:
    lead = LeadActions({"arrest": frozenset({"per:lisa-rachmat"})}, frozenset({"per:lisa-rachmat"}))
    story = {"arrest": {"per:meirizka-widjaja"}}
    assert conflicts(lead, story, {"per:meirizka-widjaja"})
    assert not conflicts(lead, {"visit": {"per:meirizka-widjaja"}}, set())  # another kind of action
    assert not conflicts(lead, story, {"per:meirizka-widjaja", "per:lisa-rachmat"})  # the story names her
    named = LeadActions(lead.actions, frozenset({"per:lisa-rachmat", "per:meirizka-widjaja"}))
    assert not conflicts(named, story, set())  # the article names the story's defendant
    assert not conflicts(LeadActions({}, frozenset()), story, set())


def test_baseline_single_link() -> None:
    texts = {
        "a": f"{FLOOD_1.article.title}\n{FLOOD_1.article.text}",
        "b": f"{FLOOD_2.article.title}\n{FLOOD_2.article.text}",
        "c": f"{FOOTBALL.article.title}\n{FOOTBALL.article.text}",
    }
    clusters = single_link(texts, 0.2)
    assert clusters["a"] == clusters["b"] != clusters["c"]
    assert set(single_link(texts, 1.01).values()) == {"a", "b", "c"}


@cache
def _gold_run() -> dict[str, float]:
    from storygold_loader import storygold

    gold_module = storygold()
    articles, _ = gold_module.load(with_pairs=False)
    items = [(repr(a.ref), a, analyze_article(a.article)) for a in articles]
    items.sort(key=lambda t: (t[1].article.published or "", t[0]))
    gold = {k: a.story for k, a, _ in items}
    out: dict[str, float] = {}
    for half in ("held-out", "all"):
        clusterer = StoryClusterer()
        chosen = [(k, an) for k, a, an in items if half == "all" or gold_module.split_half(a.story) == half]
        predicted = {x.article: x.story for x in (clusterer.add(k, an) for k, an in chosen)}
        out[half] = bcubed(predicted, {k: gold[k] for k in predicted}).f1
    return out


@cache
def _second_set_f1() -> float:
    from storygold_loader import storygold

    gold_module = storygold()
    articles, _ = gold_module.load(with_pairs=False, stories_file=gold_module.SECOND_SET)
    items = sorted(((repr(a.ref), a) for a in articles), key=lambda t: (t[1].article.published or "", t[0]))
    clusterer = StoryClusterer()
    predicted = {x.article: x.story for x in (clusterer.add(k, analyze_article(a.article)) for k, a in items)}
    return bcubed(predicted, {k: str(a.story) for k, a in items}).f1


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared corpora not available")
def test_second_gold_set_bcubed_floor() -> None:
    """The blind set (annotated after the settings were chosen): a floor under the measured F1."""
    assert _second_set_f1() >= 0.91  # measured 0.929 (baseline 0.913, all singletons 0.621)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared corpora not available")
def test_gold_bcubed_floor() -> None:
    """Floors a little under the measured F1 (benchmarks/stories.py writes the current numbers)."""
    scores = _gold_run()
    assert scores["all"] >= 0.94  # measured 0.953 (0.919 before the participant gate, 0.891 before the lead)
    assert scores["held-out"] >= 0.97  # measured 0.990 (0.950 before the participant gate)
