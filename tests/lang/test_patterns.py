"""The trie-factored alternation matches what the plain longest-first alternation matches."""

from __future__ import annotations

import random
import re

import pytest

from warta.lang.patterns import alternation


def _plain(words: list[str], space: str | None = r"\s++") -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    if space is None:
        return "|".join(re.escape(w) for w in ordered)
    return "|".join(space.join(re.escape(part) for part in w.split()) for w in ordered)


@pytest.mark.parametrize(
    ("words", "text", "expected"),
    [
        (["Dr", "Drs"], "Drs. Dr. D", ["Drs", "Dr"]),
        (["Korea", "Korea Utara", "Korea Selatan", "Korut"], "Korea  Utara, Korea Selatan, Korea, Korut", None),
        (["tahun", "tahun lalu", "tahun depan"], "tahun\nlalu dan tahun ini", ["tahun\nlalu", "tahun"]),
        (["a.n", "a", "(x)", "x+y"], "a.n (x) x+y a", ["a.n", "(x)", "x+y", "a"]),
    ],
)
def test_matches_like_the_plain_alternation(words: list[str], text: str, expected: list[str] | None) -> None:
    found = [m.group() for m in re.finditer(alternation(words), text)]
    assert found == [m.group() for m in re.finditer(_plain(words), text)]
    if expected is not None:
        assert found == expected


def test_a_shorter_phrase_is_tried_when_what_follows_fails() -> None:
    # "Korea Utara" matches but is followed by a letter; the trie must fall back to "Korea".
    words = ["Korea", "Korea Utara"]
    pattern = re.compile(rf"(?:{alternation(words, space=None)})(?=\s|$)")
    assert [m.group() for m in pattern.finditer("Korea Utarab Korea Utara")] == ["Korea", "Korea Utara"]


def test_space_none_keeps_a_space_as_one_space() -> None:
    pattern = re.compile(alternation(["Gedung Putih"], space=None))
    assert pattern.search("Gedung Putih")
    assert not pattern.search("Gedung  Putih")
    assert re.search(alternation(["Gedung Putih"]), "Gedung  Putih")


def test_no_words_match_nothing() -> None:
    assert re.search(alternation([]), "anything") is None


def test_random_word_sets_agree_with_the_plain_alternation() -> None:
    rng = random.Random(7)
    letters = "abk "
    for _ in range(300):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 5))).strip() or "a" for _ in range(6)]
        text = "".join(rng.choice(letters + ".") for _ in range(40))
        for space in (None, r"\s++"):
            tail = r"(?![a-z])"
            trie = [m.span() for m in re.finditer(f"(?:{alternation(words, space=space)}){tail}", text)]
            plain = [m.span() for m in re.finditer(f"(?:{_plain(words, space)}){tail}", text)]
            assert trie == plain, (words, text, space)
