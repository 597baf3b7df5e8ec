"""Datelines: the place-and-outlet prefix of a news body's first paragraph.

"TRIBUNTORAJA.COM - Presiden Rusia ...", "Mataram, NTB (ANTARA News) - Sebanyak ...",
"LHOKSEUMAWE, KOMPAS.com – Penyidik ...", "Liputan6.com, Jakarta - ...", "Jakarta - ..." (detik).
warta keeps the dateline in ``Article.dateline`` and starts the body after it, so the body is
the reporter's text and the dateline is not mistaken for its first words.
"""

from __future__ import annotations

import re

# An outlet name as written in datelines: TRIBUNTORAJA.COM, KOMPAS.com, (ANTARA News), TEMPO.CO,
# Liputan6.com, VIVA.co.id, Okezone, detikcom, suara.com, (ANTARA).
_OUTLET = (
    r"(?:\(?[A-Za-z][\w-]*\.(?i:com|co\.id|co|id|net)\)?"
    r"|\((?:ANTARA(?: News)?|Antara(?:/[\w ]+)?)\)|detik\w*|VIVA(?:news)?|Okezone)"
)
# A place: one to four capitalised words, optionally with a region after a comma ("Mataram, NTB").
_PLACE = r"(?:[A-Z][\w'.]*(?:\s+[A-Z][\w'.]*){0,3}(?:,\s*[A-Z][\w'.]*(?:\s+[A-Z][\w'.]*){0,2})?)"
_DASH = r"\s*[-–—]{1,2}\s*"

_DATELINE = re.compile(
    rf"^(?P<dateline>"
    rf"{_OUTLET}(?:,\s*{_PLACE})?"  # TRIBUNTORAJA.COM / Liputan6.com, Jakarta
    rf"|{_PLACE}(?:,?\s*{_OUTLET})"  # LHOKSEUMAWE, KOMPAS.com / Mataram, NTB (ANTARA News)
    rf"|{_PLACE},?\s+\d{{1,2}}\s+\w+\s+\d{{4}}\s*\([^)]{{2,40}}\)"  # ISTANBUL, 23 Februari 2016 (Antara/X)
    # A place alone: "Jakarta - " (detik), "JAKARTA-PT PLN" (okezone text dumps lose the spaces). A
    # hyphen with no space around it is a dateline's only after a capitalised place and before a
    # capital; otherwise it joins a compound ("Gara-gara", "Relawan Pro-Jokowi", "TEKA-teki").
    rf"|[A-Z]{{2,}}(?:\s[A-Z]{{2,}})?(?=-[A-Z])"
    rf"|[A-Z][a-zA-Z]+(?:\s[A-Z][a-zA-Z]+)?(?!-\w)"
    rf"){_DASH}(?=\S)"
)
# "Liputan6.com, JakartaBank Indonesia ...": text dumps of pages whose dash was a separate element
# glue the place to the first word. Only an outlet's dateline is taken without its dash: a place
# alone glued to a capital ("JakartaBank") is too common inside ordinary text to be one.
_GLUED = re.compile(rf"^(?P<dateline>{_OUTLET},\s*[A-Z][a-z]{{2,}})(?=[A-Z])")
_MAX_DATELINE = 80


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """Split "TRIBUNTORAJA.COM - Presiden ..." into ("TRIBUNTORAJA.COM", "Presiden ...")."""
    match = _DATELINE.match(paragraph) or _GLUED.match(paragraph)
    if not match or len(match.group("dateline")) > _MAX_DATELINE:
        return None, paragraph
    rest = paragraph[match.end() :].strip()
    if len(rest) < 20:  # "Jakarta - Bandung" in a heading is not a dateline
        return None, paragraph
    return match.group("dateline").strip(), rest
