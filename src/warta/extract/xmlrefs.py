"""Reading feeds and sitemaps as XML safely: one parser setting, and entity references rewritten as
numeric character references before parsing.

The parser (:func:`xml_parser`) recovers from broken XML, resolves no entity and fetches nothing
(no XXE), and keeps libxml2's size limits.

Entity references are rewritten for two reasons. Feeds use HTML's named entities (``&nbsp;``,
``&hellip;``) that XML does not define. And once libxml2 (2.14) has met any error in recover mode,
it drops every later *named* reference, ``&amp;`` and ``&lt;`` included: a feed whose XML
declaration comes after a blank line (common) then gave its escaped HTML as "lt;pgt;", and its
links as ``?a=1b=2`` for ``?a=1&amp;b=2``. Numeric references survive the error. CDATA sections
and numeric references are left as they are; a bare ampersand ("AT&T") or a name no one defines
is kept as written (its ``&`` escaped).
"""

from __future__ import annotations

import re
from html.entities import html5
from typing import Final

from lxml import etree

__all__ = ["numeric_references", "numeric_references_in_bytes", "xml_parser"]

_PATTERN: Final = r"<!\[CDATA\[.*?(?:\]\]>|\Z)|&(?:#[0-9]+;|#[xX][0-9a-fA-F]+;|([A-Za-z][A-Za-z0-9]{0,31});)?"
_REFERENCE: Final = re.compile(_PATTERN, re.S)
_REFERENCE_BYTES: Final = re.compile(_PATTERN.encode("ascii"), re.S)
_XML_ENTITIES: Final = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _rewritten(whole: str, name: str | None) -> str:
    if whole.startswith(("<!", "&#")):
        return whole
    chars = (_XML_ENTITIES.get(name) or html5.get(f"{name};")) if name else None
    if chars is None:
        return "&#38;" + whole[1:]
    return "".join(f"&#{ord(c)};" for c in chars)


def numeric_references(text: str) -> str:
    """``text`` with every named reference and bare ampersand outside CDATA made numeric."""
    return _REFERENCE.sub(lambda m: _rewritten(m.group(0), m.group(1)), text)


def numeric_references_in_bytes(data: bytes) -> bytes:
    """The same over undecoded XML in an encoding that writes ASCII as ASCII (UTF-8, Latin-1, ...);
    UTF-16 and UTF-32 input (a byte-order mark or NUL bytes at the start) is returned unchanged."""
    head = data[:256]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        return data

    def rewrite(match: re.Match[bytes]) -> bytes:
        whole = match.group(0)
        if whole.startswith((b"<!", b"&#")):
            return whole
        name = match.group(1)
        return _rewritten(whole.decode("ascii"), name.decode("ascii") if name else None).encode("ascii")

    return _REFERENCE_BYTES.sub(rewrite, data)


def xml_parser(*, encoding: str | None = None) -> etree.XMLParser:
    """A new parser for untrusted XML: recover mode, no entities resolved, no DTD, nothing fetched.

    ``encoding`` overrides the document's own declaration (text already decoded and re-encoded).
    """
    return etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, encoding=encoding
    )
