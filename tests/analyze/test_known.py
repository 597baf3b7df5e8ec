"""Known names: alias-table names and the article's own names that the model did not tag."""

from __future__ import annotations

from warta.analyze.known import article_names, known_mentions, repeated_mentions, titled_people
from warta.model import Mention


def test_alias_table_names_are_found_as_written() -> None:
    text = "Menteri Pertahanan AS bertemu pejabat Korsel, sementara ICC diam saja as usual."
    found = {(m.text, m.label) for m in known_mentions(text, [])}
    assert ("AS", "LOC") in found and ("Korsel", "LOC") in found and ("ICC", "ORG") in found
    assert all(m.text != "as" for m in known_mentions(text, []))


def test_spans_the_model_already_tagged_are_left_alone() -> None:
    text = "Juru bicara Dewan Keamanan Nasional AS hadir."
    taken = [(12, 38)]  # "Dewan Keamanan Nasional AS", tagged by the model
    assert known_mentions(text, taken) == []


def test_a_persons_family_name_is_the_same_person_later() -> None:
    first = Mention(0, 10, "John Kirby", "PER")
    names = article_names([first])
    assert names == {"John Kirby": "PER", "John": "PER", "Kirby": "PER"}
    text = "John Kirby berbicara. Kirby menekankan kekhawatiran itu."
    found = repeated_mentions(text, names, [(0, 10)])
    assert [(m.text, m.start) for m in found] == [("Kirby", 22)]


def test_lowercase_and_short_mentions_do_not_spread() -> None:
    names = article_names([Mention(0, 2, "AS", "LOC"), Mention(0, 6, "warga", "PER")])
    assert names == {}


def test_people_named_after_their_title() -> None:
    text = (
        "Putin didampingi Menteri Pertahanan Andrey Belousov yang baru dilantik, dan Deputi Perdana Menteri "
        "Denis Manturov yang bertanggung jawab. Menteri Pertahanan Korea Selatan, Shin Wonsik, berbicara."
    )
    assert [m.text for m in titled_people(text, [])] == ["Andrey Belousov", "Denis Manturov", "Shin Wonsik"]
    assert all(m.label == "PER" for m in titled_people(text, []))


def test_offices_places_and_long_runs_after_a_title_are_not_names() -> None:
    text = "Menteri Keuangan hadir. Kepala Desa Sukamaju datang. Gubernur Bali Wayan Koster hadir. Kapolri tiba."
    assert titled_people(text, []) == []


def test_whole_word_occurrences_find_what_the_names_regex_finds() -> None:
    import random

    from warta.analyze.known import _names_pattern, whole_word_occurrences

    rng = random.Random(3)
    alphabet = ["Ab", "ab", "A", "é", "_", "-", " ", "1", "Kim", "Jong", ".", "Ü"]
    for _ in range(400):
        names = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3))).strip() for _ in range(5)}
        names = {n for n in names if n}
        text = "".join(rng.choice(alphabet) for _ in range(30))
        expected = [m.span() for m in _names_pattern(names).finditer(text)]
        assert whole_word_occurrences(text, names) == expected, (names, text)


def test_whole_word_occurrences_prefer_the_longest_name_and_skip_parts_of_words() -> None:
    from warta.analyze.known import whole_word_occurrences

    text = "Kim Jong Un bertemu Kim; Kimchi dan Kim-Jong, lalu Putin."
    names = ["Kim", "Kim Jong Un", "Putin", "Jong"]
    # "Kimchi" is not "Kim", nor "Kim-Jong" (a hyphen joins words), but its "Jong" is a word of its own
    assert [text[a:b] for a, b in whole_word_occurrences(text, names)] == ["Kim Jong Un", "Kim", "Jong", "Putin"]
