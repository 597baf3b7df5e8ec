"""Tests for warta.analyze.linking: the seed article with hand-made NER mentions, and each linking rule."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import warta
from warta.analyze.linking import entity_key, link_mentions, nickname_links
from warta.model import Entity, Mention

from conftest import SAMPLES


def _mentions(spec: list[tuple[str, str, str]]) -> list[Mention]:
    """Mentions from (field, text, label) in order, each at its next occurrence in a made-up field text."""
    cursor: dict[str, int] = {}
    out = []
    for field, text, label in spec:
        start = cursor.get(field, 0)
        out.append(Mention(start, start + len(text), text, label, field))
        cursor[field] = start + len(text) + 1
    return out


def _by_key(entities: list[Entity]) -> dict[str, Entity]:
    return {e.key: e for e in entities}


# --------------------------------------------------------------------------------------------------
# The seed article. The NER model is trained elsewhere, so its mentions are made by hand here: every
# occurrence of each name below, longest first, in every field of the extracted article.
# --------------------------------------------------------------------------------------------------

SEED_NAMES = [
    ("Vladimir Putin", "PER"), ("Putin", "PER"), ("Kim Jong Un", "PER"), ("Kim Jong-un", "PER"), ("Kim", "PER"),
    ("Shin Wonsik", "PER"), ("Andrey Belousov", "PER"), ("Denis Manturov", "PER"), ("Yuri Ushakov", "PER"),
    ("Lloyd Austin", "PER"), ("John Kirby", "PER"), ("Kirby", "PER"),
    ("Bloomberg News", "ORG"), ("The Guardian", "ORG"), ("Kremlin", "ORG"), ("Gedung Putih", "ORG"),
    ("Dewan Keamanan Nasional AS", "ORG"), ("Pengadilan Pidana Internasional", "ORG"),
    ("ICC", "LOC"),  # a wrong label from the model: the alias table says ORG
    ("Rusia", "LOC"), ("Korea Utara", "LOC"), ("Korea Selatan", "LOC"), ("Seoul", "LOC"), ("Ukraina", "LOC"),
    ("Amerika Serikat", "LOC"), ("AS", "LOC"), ("Iran", "LOC"), ("Vladivostok", "LOC"), ("Semenanjung Korea", "LOC"),
]  # fmt: skip

SEED_ENTITIES = {
    "per:vladimir-putin": ("PER", "Vladimir Putin"),
    "per:kim-jong-un": ("PER", "Kim Jong Un"),
    "per:shin-wonsik": ("PER", "Shin Wonsik"),
    "per:andrey-belousov": ("PER", "Andrey Belousov"),
    "per:denis-manturov": ("PER", "Denis Manturov"),
    "per:yuri-ushakov": ("PER", "Yuri Ushakov"),
    "per:lloyd-austin": ("PER", "Lloyd Austin"),
    "per:john-kirby": ("PER", "John Kirby"),
    "org:bloomberg-news": ("ORG", "Bloomberg News"),
    "org:the-guardian": ("ORG", "The Guardian"),
    "org:kremlin": ("ORG", "Kremlin"),
    "org:gedung-putih": ("ORG", "Gedung Putih"),
    "org:dewan-keamanan-nasional-as": ("ORG", "Dewan Keamanan Nasional AS"),
    "org:pengadilan-pidana-internasional": ("ORG", "Pengadilan Pidana Internasional"),
    "loc:rusia": ("LOC", "Rusia"),
    "loc:korea-utara": ("LOC", "Korea Utara"),
    "loc:korea-selatan": ("LOC", "Korea Selatan"),
    "loc:seoul": ("LOC", "Seoul"),
    "loc:ukraina": ("LOC", "Ukraina"),
    "loc:amerika-serikat": ("LOC", "Amerika Serikat"),
    "loc:iran": ("LOC", "Iran"),
    "loc:vladivostok": ("LOC", "Vladivostok"),
    "loc:semenanjung-korea": ("LOC", "Semenanjung Korea"),
}


@pytest.fixture(scope="module")
def seed_mentions() -> list[Mention]:
    article = warta.extract((SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt").read_bytes())
    fields = [("title", 0, article.title or ""), ("description", 0, article.description or "")]
    fields += [("caption", i, image.caption or "") for i, image in enumerate(article.images)]
    fields.append(("body", 0, article.text))
    mentions = []
    for field, index, text in fields:
        taken: list[tuple[int, int]] = []
        for name, label in sorted(SEED_NAMES, key=lambda nl: -len(nl[0])):
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?![\w-])", text):
                if not any(s < m.end() and m.start() < e for s, e in taken):
                    taken.append((m.start(), m.end()))
                    mentions.append(Mention(m.start(), m.end(), name, label, field, index))
    order = {"title": 0, "description": 1, "caption": 2, "body": 3}
    return sorted(mentions, key=lambda m: (order[m.field], m.index, m.start))


def test_seed_entities(seed_mentions: list[Mention]) -> None:
    linked, entities = link_mentions(seed_mentions)
    assert {e.key: (e.label, e.canonical) for e in entities} == SEED_ENTITIES
    assert len(linked) == len(seed_mentions)
    assert all(m.key is not None and m.canonical is not None for m in linked)
    counts: dict[str, int] = {}
    for m in linked:
        counts[m.key or ""] = counts.get(m.key or "", 0) + 1
    assert {e.key: e.mentions for e in entities} == counts
    # entities come in order of first mention: the title, "Presiden Rusia Vladimir Putin ..."
    assert [e.key for e in entities[:2]] == ["loc:rusia", "per:vladimir-putin"]


def test_seed_short_and_variant_names(seed_mentions: list[Mention]) -> None:
    linked, entities = link_mentions(seed_mentions)
    keys = {(m.text, m.key) for m in linked}
    assert {k for t, k in keys if t == "Putin"} == {"per:vladimir-putin"}
    assert {k for t, k in keys if t in ("Kim Jong Un", "Kim Jong-un", "Kim")} == {"per:kim-jong-un"}
    assert {k for t, k in keys if t in ("John Kirby", "Kirby")} == {"per:john-kirby"}
    assert {k for t, k in keys if t in ("Pengadilan Pidana Internasional", "ICC")} == {
        "org:pengadilan-pidana-internasional"
    }
    assert {k for t, k in keys if t in ("Amerika Serikat", "AS")} == {"loc:amerika-serikat"}
    by_key = _by_key(entities)
    assert by_key["per:vladimir-putin"].mentions >= 8
    assert set(by_key["per:kim-jong-un"].aliases) == {"Kim Jong-un", "Kim"}
    assert by_key["org:pengadilan-pidana-internasional"].aliases == ("ICC",)
    assert [m.label for m in linked if m.text == "ICC"] == ["ORG"]  # the table's kind wins over the model's


# --------------------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "name", "key"),
    [
        ("PER", "Vladimir Putin", "per:vladimir-putin"),
        ("PER", "Kim Jong-un", "per:kim-jong-un"),
        ("PER", "Recep Tayyip Erdoğan", "per:recep-tayyip-erdogan"),
        ("LOC", "Korea Utara", "loc:korea-utara"),
        ("ORG", "Komisi Pemberantasan Korupsi", "org:komisi-pemberantasan-korupsi"),
        ("ORG", "Perserikatan Bangsa-Bangsa", "org:perserikatan-bangsa-bangsa"),
        ("ORG", "PT PLN (Persero)", "org:pt-pln-persero"),
    ],
)
def test_entity_key(label: str, name: str, key: str) -> None:
    assert entity_key(label, name) == key


def test_entity_key_of_a_name_without_letters_is_a_stable_hash() -> None:
    key = entity_key("ORG", "—")
    assert key.startswith("org:x") and key == entity_key("ORG", "—") != entity_key("ORG", "–")


def test_same_person_same_key_across_articles() -> None:
    first, _ = link_mentions(_mentions([("body", "Vladimir Putin", "PER"), ("body", "Putin", "PER")]))
    second, _ = link_mentions(_mentions([("title", "Putin", "PER"), ("body", "Presiden Vladimir Putin", "PER")]))
    assert {m.key for m in first} == {m.key for m in second} == {"per:vladimir-putin"}


# --------------------------------------------------------------------------------------------------
# Rules, table-driven: mentions (field, text, label) -> the (key, canonical) of each, in input order.
# --------------------------------------------------------------------------------------------------

RULES: list[tuple[str, list[tuple[str, str, str]], list[tuple[str, str]]]] = [
    (
        "titles, offices and places before a name are stripped",
        [
            ("body", "Presiden Rusia Vladimir Putin", "PER"),
            ("body", "Menteri Pertahanan Lloyd Austin", "PER"),
            ("body", "Deputi Perdana Menteri Denis Manturov", "PER"),
            ("body", "Dr. H. Ahmad Yani", "PER"),
            ("body", "Ketua KPK Nawawi Pomolango", "PER"),
        ],
        [
            ("per:vladimir-putin", "Vladimir Putin"),
            ("per:lloyd-austin", "Lloyd Austin"),
            ("per:denis-manturov", "Denis Manturov"),
            ("per:ahmad-yani", "Ahmad Yani"),
            ("per:nawawi-pomolango", "Nawawi Pomolango"),
        ],
    ),
    (
        "clitics and brackets",
        [("body", "John Kirby", "PER"), ("body", "Kirby-nya", "PER"), ("body", "[Kirby]", "PER")],
        [("per:john-kirby", "John Kirby")] * 3,
    ),
    (
        "a short name before its full name still joins it",
        [("title", "Kirby", "PER"), ("body", "John Kirby", "PER")],
        [("per:john-kirby", "John Kirby")] * 2,
    ),
    (
        "hyphen and space spellings are one entity; the fuller spelling is canonical",
        [("body", "Jean-Pierre Raffarin", "PER"), ("body", "Jean Pierre Raffarin", "PER"), ("body", "Raffarin", "PER")],
        [("per:jean-pierre-raffarin", "Jean Pierre Raffarin")] * 3,
    ),
    (
        "first and last name of a longer name",
        [("body", "Susilo Bambang Yudhoyono", "PER"), ("body", "Susilo Yudhoyono", "PER")],
        [("per:susilo-bambang-yudhoyono", "Susilo Bambang Yudhoyono")] * 2,
    ),
    (
        "a short name fitting two full names goes to the one mentioned last before it",
        [
            ("body", "Kim Yo Jong", "PER"),
            ("body", "Kim Jong Un", "PER"),
            ("body", "Kim", "PER"),
            ("body", "Kim Yo Jong", "PER"),
            ("body", "Kim", "PER"),
        ],
        [
            ("per:kim-yo-jong", "Kim Yo Jong"),
            ("per:kim-jong-un", "Kim Jong Un"),
            ("per:kim-jong-un", "Kim Jong Un"),
            ("per:kim-yo-jong", "Kim Yo Jong"),
            ("per:kim-yo-jong", "Kim Yo Jong"),
        ],
    ),
    (
        "before any full name, the more frequent one",
        [
            ("title", "Kim", "PER"),
            ("body", "Kim Yo Jong", "PER"),
            ("body", "Kim Jong Un", "PER"),
            ("body", "Kim Jong Un", "PER"),
        ],
        [("per:kim-jong-un", "Kim Jong Un"), ("per:kim-yo-jong", "Kim Yo Jong")]
        + [("per:kim-jong-un", "Kim Jong Un")] * 2,
    ),
    (
        "two full names, equally likely: the short name is left alone",
        [("title", "Widodo", "PER"), ("body", "Joko Widodo", "PER"), ("body", "Iriana Widodo", "PER")],
        [("per:widodo", "Widodo"), ("per:joko-widodo", "Joko Widodo"), ("per:iriana-widodo", "Iriana Widodo")],
    ),
    (
        "the alias table: abbreviations, exonyms, nicknames; its kind wins",
        [
            ("body", "AS", "LOC"),
            ("body", "United States", "LOC"),
            ("body", "KPK", "LOC"),
            ("body", "Korut", "ORG"),
            ("body", "Jokowi", "PER"),
            ("body", "Presiden Jokowi", "PER"),
        ],
        [
            ("loc:amerika-serikat", "Amerika Serikat"),
            ("loc:amerika-serikat", "Amerika Serikat"),
            ("org:komisi-pemberantasan-korupsi", "Komisi Pemberantasan Korupsi"),
            ("loc:korea-utara", "Korea Utara"),
            ("per:joko-widodo", "Joko Widodo"),
            ("per:joko-widodo", "Joko Widodo"),
        ],
    ),
    (
        "an acronym the article defines, in one mention",
        [("body", "Badan Pengelola Keuangan Haji (BPKH)", "ORG"), ("body", "BPKH", "ORG")],
        [("org:badan-pengelola-keuangan-haji", "Badan Pengelola Keuangan Haji")] * 2,
    ),
    (
        "ORG and LOC names are not shortened: Korea is not Korea Utara",
        [("body", "Korea Utara", "LOC"), ("body", "Korea", "LOC")],
        [("loc:korea-utara", "Korea Utara"), ("loc:korea", "Korea")],
    ),
    (
        "a spelling in capitals (a shouted lead) is not the name when another spelling is not",
        [("body", "INTERNATIONAL Golden Institute", "ORG"), ("body", "International Golden Institute", "ORG")],
        [("org:international-golden-institute", "International Golden Institute")] * 2,
    ),
    (
        "one name, two kinds from the model: the majority kind",
        [("body", "Bandung", "LOC"), ("body", "Bandung", "ORG"), ("body", "Bandung", "LOC")],
        [("loc:bandung", "Bandung")] * 3,
    ),
]


@pytest.mark.parametrize(("why", "spec", "expected"), RULES, ids=[r[0] for r in RULES])
def test_rules(why: str, spec: list[tuple[str, str, str]], expected: list[tuple[str, str]]) -> None:
    linked, entities = link_mentions(_mentions(spec))
    assert [(m.key, m.canonical) for m in linked] == expected
    assert {e.key for e in entities} == {key for key, _ in expected}


def test_acronym_defined_by_the_next_mention() -> None:
    name = Mention(0, 29, "Badan Pengelola Keuangan Haji", "ORG")
    acronym = Mention(31, 35, "BPKH", "ORG")  # "Badan Pengelola Keuangan Haji (BPKH)"
    later = Mention(80, 84, "BPKH", "ORG")
    other = Mention(100, 113, "Korea Selatan", "LOC")
    unrelated = Mention(115, 117, "XY", "ORG")  # "Korea Selatan, XY": another first letter, no definition
    linked, _ = link_mentions([name, acronym, later, other, unrelated])
    assert [m.key for m in linked] == [
        "org:badan-pengelola-keuangan-haji",
        "org:badan-pengelola-keuangan-haji",
        "org:badan-pengelola-keuangan-haji",
        "loc:korea-selatan",
        "org:xy",
    ]


def test_other_labels_pass_through_and_order_is_kept() -> None:
    mentions = [
        Mention(50, 55, "Putin", "PER", "body"),
        Mention(0, 10, "kemarin", "DATE", "body"),
        Mention(0, 14, "Vladimir Putin", "PER", "caption"),
        Mention(3, 4, "—", "PER", "title"),  # nothing to link: left as it is
    ]
    linked, entities = link_mentions(mentions)
    assert linked[1] == mentions[1] and linked[3] == mentions[3]
    assert [m.key for m in linked] == ["per:vladimir-putin", None, "per:vladimir-putin", None]
    assert entities == [Entity("per:vladimir-putin", "PER", "Vladimir Putin", ("Putin",), 2)]


def test_no_mentions() -> None:
    assert link_mentions([]) == ([], [])


_NAMES = ["Putin", "Vladimir Putin", "Kim", "Kim Jong-un", "AS", "KPK", "Presiden", "Dr.", "-nya", "(X)", "", " ", "İ"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.sampled_from(_NAMES), st.text(max_size=30)),
            st.sampled_from(["PER", "ORG", "LOC", "DATE"]),
            st.sampled_from(["title", "caption", "body", "other"]),
            st.integers(0, 500),
        ),
        max_size=25,
    )
)
def test_never_crashes(spec: list[tuple[str, str, str, int]]) -> None:
    mentions = [Mention(start, start + len(text), text, label, field) for text, label, field, start in spec]
    linked, entities = link_mentions(mentions)
    assert len(linked) == len(mentions)
    assert sum(e.mentions for e in entities) == sum(1 for m in linked if m.key is not None)
    for before, after in zip(mentions, linked, strict=True):
        assert (after.start, after.end, after.text, after.field) == (
            before.start,
            before.end,
            before.text,
            before.field,
        )
        if after.key is not None:
            assert after.key.startswith(after.label.lower() + ":")
    assert len({e.key for e in entities}) == len(entities)


def _people_in(text: str, names: list[str]) -> list[Mention]:
    """PER mentions of ``names`` at every place they occur in ``text`` (one body paragraph)."""
    found = [
        Mention(m.start(), m.end(), name, "PER", "body")
        for name in names
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    return sorted(found, key=lambda m: m.start)


@pytest.mark.parametrize(
    ("text", "names", "person", "nickname"),
    [
        (  # the nickname in the next sentence, about the last full name
            "Hal ini diungkapkan oleh Muhammad Buldansyah, Wakil Presiden Direktur PT Hutchison 3 Indonesia. "
            "Pria yang akrab disapa Dani ini mengatakan pasar data tumbuh. Menurut Dani, operator siap.",
            ["Muhammad Buldansyah", "Dani"],
            "per:muhammad-buldansyah",
            "Dani",
        ),
        (  # apposition
            "Psikolog Klinis Anna Surti Ariani yang akrab disapa Nina menyoroti hal itu. Nina menambahkan ...",
            ["Anna Surti Ariani", "Nina"],
            "per:anna-surti-ariani",
            "Nina",
        ),
        (  # "biasa dipanggil", a title between
            "Bambang Sutrisno, yang biasa dipanggil Pak Bams, membuka acara. Kata Pak Bams, acara ini rutin.",
            ["Bambang Sutrisno", "Pak Bams"],
            "per:bambang-sutrisno",
            "Bams",  # the title is stripped, as from every person's name
        ),
    ],
)
def test_a_nickname_the_article_gives_joins_its_person(text: str, names: list[str], person: str, nickname: str) -> None:
    mentions = _people_in(text, names)
    nicknames = nickname_links([("body", 0, text)], mentions)
    linked, entities = link_mentions(mentions, nicknames=nicknames)
    assert {m.key for m in linked} == {person}
    (entity,) = entities
    assert entity.key == person and nickname in entity.aliases and entity.mentions == len(mentions)


def test_a_nickname_with_no_full_name_before_it_stays_its_own_person() -> None:
    text = "Seorang pria yang akrab disapa Paman Abu mendadak pingsan. Budi Santoso lalu menolongnya."
    mentions = _people_in(text, ["Paman Abu", "Budi Santoso"])
    assert nickname_links([("body", 0, text)], mentions) == {}  # the only full name comes after the phrase
    _, entities = link_mentions(mentions, nicknames={})
    assert {e.key for e in entities} == {"per:paman-abu", "per:budi-santoso"}


@pytest.mark.parametrize(
    ("site", "brand"),
    [("hot.detik.com", "detik"), ("www.republika.co.id", "republika"), ("hukum.tempo.co", "tempo"), ("x.id", None)],
)
def test_outlet_brand(site: str, brand: str | None) -> None:
    from warta.analyze.linking import outlet_brand

    assert outlet_brand(site) == brand


def test_the_outlet_in_its_own_glued_dateline_is_not_an_entity() -> None:
    body = (
        "Liputan6.com, Jakarta - Presiden Joko Widodo meresmikan bendungan di Jawa Tengah pada Senin. "
        "Seperti dikutip dari Antara, bendungan itu mengairi ribuan hektare sawah."
    )
    own = warta.analyze_article(warta.Article(title="Bendungan Baru", paragraphs=(body,), site="www.liputan6.com"))
    assert not any("liputan6" in e.key for e in own.entities)
    other = warta.analyze_article(warta.Article(title="Bendungan Baru", paragraphs=(body,), site="www.kompas.com"))
    assert any("liputan6" in e.key for e in other.entities)
    # the outlet acting in the news stays a name
    acting = "Bendungan itu diresmikan pada Senin. Liputan6.com menemui Presiden Joko Widodo di lokasi bendungan."
    news = warta.analyze_article(warta.Article(title="Bendungan Baru", paragraphs=(acting,), site="www.liputan6.com"))
    assert any("liputan6" in e.key for e in news.entities)
