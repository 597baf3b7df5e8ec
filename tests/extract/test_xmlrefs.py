"""Entity references made numeric before XML parsing, in text and in undecoded bytes."""

from __future__ import annotations

import pytest

from warta.extract.xmlrefs import numeric_references, numeric_references_in_bytes


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("a &amp; b", "a &#38; b"),
        ("&lt;p&gt;", "&#60;p&#62;"),
        ("&nbsp;&hellip;", "&#160;&#8230;"),
        ("AT&T and &#169; and &#xA9;", "AT&#38;T and &#169; and &#xA9;"),
        ("&nosuchname; stays", "&#38;nosuchname; stays"),
        ("<![CDATA[a &amp; b]]> &amp;", "<![CDATA[a &amp; b]]> &#38;"),
        ("<![CDATA[never closed &amp;", "<![CDATA[never closed &amp;"),
    ],
)
def test_named_references_and_bare_ampersands_become_numeric(written: str, expected: str) -> None:
    assert numeric_references(written) == expected
    assert numeric_references_in_bytes(written.encode("utf-8")) == expected.encode("utf-8")


def test_utf16_input_is_left_alone() -> None:
    data = "\ufeff<rss>&amp;</rss>".encode("utf-16")
    assert numeric_references_in_bytes(data) == data


def test_non_ascii_bytes_pass_through() -> None:
    data = "Café &amp; kopi".encode("latin-1")
    assert numeric_references_in_bytes(data) == "Café &#38; kopi".encode("latin-1")
