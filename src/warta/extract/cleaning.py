"""From candidate paragraphs to body paragraphs, related links, bylines and page numbers.

Both extractors (HTML and text dump) end here: they find the paragraphs of the article
region, and this stage takes the Indonesian furniture out of them (see ``boilerplate``),
keeping what the furniture carries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from warta.extract import boilerplate
from warta.extract.boilerplate import Kind
from warta.extract.inline import take_inline_related
from warta.model import RelatedLink

# Inline furniture glued into a paragraph by the page's markup (ads, "Baca juga" boxes whose
# text ran into the sentence): removed from inside the paragraph, the rest kept.
_INLINE = re.compile(r"\s*(?:ADVERTISEMENT|SCROLL TO CONTINUE WITH CONTENT)\s*")
_HAS_INLINE = re.compile(r"ADVERTISEMENT|SCROLL TO CONTINUE").search
# A follow widget glued to the end of the last paragraph, with the source note after it (republika:
# "… kata dia.Loading...Ikuti Whatsapp Channel Republikasumber : Antara"): cut off.
_GLUED_FOLLOW = re.compile(
    r"\s*(?:Loading\.{3}\s*)?(?:Ikuti|Follow) WhatsApp Channel [A-Z][\w.]*?(?:\s*sumber\s*:[^.]{0,60})?\s*$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Cleaned:
    """What cleaning found: the body and the furniture's payload."""

    paragraphs: list[str] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    page_number: int | None = None
    page_total: int | None = None
    credits: list[str] = field(default_factory=list)
    captions: list[tuple[str, str | None]] = field(default_factory=list)


def clean_paragraphs(paragraphs: Iterable[str], *, stop_at_footer: bool = True) -> Cleaned:
    """Classify each paragraph; keep the body, collect related links, bylines and pagination.

    A "Baca juga:" or "Jangan Lewatkan" header on its own line makes the short paragraphs
    after it related titles (liputan6, kompas and kapanlagi print the header and the linked
    titles as separate blocks), up to the next paragraph of running text.
    """
    out = Cleaned()
    in_related = False
    for raw in paragraphs:
        text = boilerplate.normalize_space(_INLINE.sub(" ", raw) if _HAS_INLINE(raw) else raw)
        if "hannel" in text:
            text = _GLUED_FOLLOW.sub("", text)
        text, inline = take_inline_related(text)  # "… Baca juga: <title> …" where line breaks were lost
        out.related.extend(RelatedLink(title=title) for title in inline)
        if not text:
            continue
        line = boilerplate.classify(text, normalized=True)
        if in_related and line.kind is Kind.BODY and _looks_like_title(text):
            out.related.append(RelatedLink(title=text))
            continue
        in_related = line.kind is Kind.RELATED_HEADER
        if line.kind is Kind.BODY:
            if out.paragraphs and _BARE_DATELINE.match(out.paragraphs[-1]) and len(out.paragraphs) == 1:
                # "Jakarta -" printed as its own block (detik): it belongs to the first paragraph.
                text = f"{out.paragraphs.pop()} {text}"
            out.paragraphs.append(text)
        elif line.kind is Kind.RELATED and line.related is not None:
            out.related.append(line.related)
        elif line.kind is Kind.BYLINE:
            out.authors.extend(a for a in line.authors if a not in out.authors)
            out.editors.extend(e for e in line.editors if e not in out.editors)
        elif line.kind is Kind.PAGINATION:
            out.page_number, out.page_total = line.page_number, line.page_total
        elif line.kind is Kind.CREDIT:
            out.credits.append(text)
        elif line.kind is Kind.CAPTION and line.caption:
            out.captions.append((line.caption, line.credit))
        elif line.kind is Kind.FOOTER and stop_at_footer:
            break
    return out


_BARE_DATELINE = re.compile(r"^[A-Z][\w.,() ]{1,60}\s[-–—]$")
_INITIALS = re.compile(r"^\([\w/.\- ]{2,30}\)$")  # editor initials closing a story: "(kpl/pur/tch)"


def _looks_like_title(text: str) -> bool:
    """A headline: short, and not a sentence or the editors' initials."""
    return len(text) <= 200 and not _INITIALS.match(text) and not text.endswith((".", ":"))
