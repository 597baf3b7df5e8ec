"""Profile selectors skip pages that lack the class names they need, and find the same elements."""

from __future__ import annotations

from lxml import html

from warta.publishers import Selector, _compile, all_profiles, names_present, parse_profile

PAGE = html.document_fromstring(
    """<html><body><div id="main" class="read  read__content"><h1 class="title">T</h1>
    <p class="baca-juga">x</p><span class="kcmread1">y</span></div></body></html>"""
)


def test_needs_are_the_class_names_and_ids_along_the_selector() -> None:
    assert _compile("div.read__content").needs == ("read__content",)
    assert set(_compile("div.kcm-read h2").needs) == {"kcm-read"}
    assert set(_compile("#blok-sitemap + div.tanggal").needs) == {"tanggal"}  # ids are not checked
    assert set(_compile("div.read__credit__item[id='editor'] a").needs) == {"read__credit__item"}
    assert _compile("div:not(.ad) > p.lead").needs == ("lead",)  # what :not names is not needed
    assert _compile("a, b.c").needs == ()  # either part may match
    assert _compile("span[class^='kcmread']").needs == ()
    assert _compile("xpath://td[normalize-space(.)='Penulis']").needs == ()


def test_a_selector_needing_a_missing_name_is_not_run_and_the_rest_find_the_same() -> None:
    present = names_present(PAGE)
    assert set(present.split()) == {"read", "read__content", "title", "baca-juga", "kcmread1"}
    for expression, count in [
        ("div.read__content", 1),
        ("#main h1.title", 1),
        ("div.kcm-read-text", 0),
        ("#content_news", 0),
        ("#main", 1),
        ("span[class^='kcmread']", 1),
    ]:
        selector = _compile(expression)
        assert isinstance(selector, Selector)
        found = selector.find(PAGE)
        assert isinstance(found, list) and len(found) == count
        assert selector.may_match(present) or count == 0


def test_profile_candidates_give_the_same_answers_with_and_without_the_names() -> None:
    profile = parse_profile(
        {
            "id": "t",
            "name": "T",
            "publisher": "T",
            "domains": ["t.example"],
            "fixtures": ["x"],
            "selectors": {"body": ["div.kcm-read-text", "div.read__content"], "drop": ["p.baca-juga", "div.ads"]},
        },
        "test",
    )
    present = names_present(PAGE)
    assert [len(f) for f in profile.candidates("body", PAGE, present)] == [0, 1]
    assert profile.select("body", PAGE, present) == profile.select("body", PAGE)
    assert profile.select_all("drop", PAGE, present) == profile.select_all("drop", PAGE)


def test_every_bundled_selector_compiles_with_its_needs_in_its_expression() -> None:
    for profile in all_profiles():
        for selectors in profile.selectors.values():
            for selector in selectors:
                assert all(name in selector.expression for name in selector.needs)
