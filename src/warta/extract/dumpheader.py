"""What surrounds a dump's body: the header above it and the tail below it.

The header (between title and body) holds the teaser, the byline, the date and the lead
photo's credit and caption; the tail holds closing bylines, "Baca juga" lists, "Halaman 1/2"
and the copyright line that names the site and its publisher. ``dump`` finds the body;
this module reads the lines around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from warta.extract import boilerplate
from warta.extract.boilerplate import Kind
from warta.extract.dates import parse_date
from warta.extract.dumplines import DumpLine
from warta.model import Image, RelatedLink

_SENTENCE_END = re.compile(r"(?:[.!?…]|\.\.\.)[\"”’')\]]*$")
_WORDS = re.compile(r"[^\W_]+")
# A byline role printed on its own line next to the name: okezone "Dewi Kania / Jurnalis",
# liputan6 "Editor / Iskandar".
_ROLE_AFTER_NAME = re.compile(r"^(?:jurnalis|wartawan|reporter|kontributor|koresponden)$", re.IGNORECASE)
_ROLE_BEFORE_NAME = re.compile(r"^(?:author|penulis|reporter|editor|penyunting|redaktur)$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}$")
# lynx prints an avatar image's alt text before the name: "iskandar's avatar Iskandar".
_AVATAR = re.compile(r"^[\w.-]+['’]s avatar\s+", re.IGNORECASE)
# A photo credit at the head of a caption: "KOMPAS.com/NABILLA TASHANDRA Menteri ...".
_LEADING_CREDIT = re.compile(r"^(?P<credit>[\w.]+\.(?:com|co\.id|id)\s*/\s*[A-Z][A-Z .'-]*[A-Z])\s+(?=[A-Z][a-z])")
# A caption closing in a bracketed name after its last sentence: "... ke-58. (Grammy)".
_BRACKET_CREDIT = re.compile(r"[.!?]\s*\(([A-Z][\w.]*(?:[ /][A-Z][\w.]*){0,3})\)$")
_COPYRIGHT = re.compile(r"©|\bcopyright\b|\bhak cipta\b", re.IGNORECASE)
_COPYRIGHT_NOISE = re.compile(
    r"©|\(c\)|\bcopyright\b|\bhak cipta\b|all rights? reserved\.?|\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\b",
    re.IGNORECASE,
)
_PARENT = re.compile(r"\s*,?\s*\b(?:a subsidiary of|part of|member of|anak perusahaan|bagian dari)\s+", re.IGNORECASE)
_COMPANY = re.compile(r"^PT\b|\b(?:media|group|grup|corp|inc|ltd)\b", re.IGNORECASE)
# "TRIBUNnews.com Network": a network is named after its brand, "Tribun Network".
_NETWORK = re.compile(r"^(?P<brand>[A-Za-z]+?)(?:news)?\.(?:com|co\.id|id)\s+Network$", re.IGNORECASE)
# Tempo signs its articles with the reporter's name in capitals on the line after the body.
_CAPS_SIGNATURE = re.compile(r"^[A-Z][A-Z'.]+(?:\s+[A-Z][A-Z'.]+){1,3}$")
_TAIL_LINES = 40
_MIN_TEASER_WORDS = 6
_MIN_CAPTION_WORDS = 5


@dataclass(slots=True)
class Header:
    """What the lines between title and body carry."""

    description: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    published: str | None = None
    images: list[Image] = field(default_factory=list)


@dataclass(slots=True)
class Tail:
    """What the lines after the body carry."""

    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)
    page_number: int | None = None
    page_total: int | None = None
    site: str | None = None
    publisher: str | None = None


def _is_sentence(text: str, minimum: int) -> bool:
    return len(_WORDS.findall(text)) >= minimum and _SENTENCE_END.search(text) is not None


def _role_name(lines: list[DumpLine], index: int) -> tuple[str, str] | None:
    """("authors" | "editors", name) for a role label on its own line next to a name."""
    text = lines[index].text
    if _ROLE_AFTER_NAME.match(text) and index > 0:
        name = _AVATAR.sub("", lines[index - 1].text)
        return ("authors", name) if _NAME.match(name) else None
    if _ROLE_BEFORE_NAME.match(text) and index + 1 < len(lines):
        name = _AVATAR.sub("", lines[index + 1].text)
        role = "editors" if text.lower() in ("editor", "penyunting", "redaktur") else "authors"
        return (role, name) if _NAME.match(name) else None
    return None


def _add_byline(text: str, authors: list[str], editors: list[str]) -> bool:
    line = boilerplate.parse_byline(text)
    if line is None:
        return False
    authors.extend(a for a in line.authors if a not in authors)
    editors.extend(e for e in line.editors if e not in editors)
    return True


def _is_caption(text: str) -> bool:
    """A photo caption among the header lines: a sentence, or a line ending in a credit."""
    return _is_sentence(text, _MIN_CAPTION_WORDS) or (
        len(_WORDS.findall(text)) >= _MIN_CAPTION_WORDS and _caption(text)[1] is not None
    )


def _label_credit(caption: str) -> tuple[str, str | None]:
    """A short name in brackets closing a caption: "... di Grammy Awards ke-58. (Grammy)"."""
    match = _BRACKET_CREDIT.search(caption)
    if not match:
        return caption, None
    return caption[: match.start(1) - 1].strip(), match.group(1)


def _caption(text: str) -> tuple[str, str | None]:
    match = _LEADING_CREDIT.match(text)
    if match:
        return text[match.end() :].strip(), match.group("credit")
    return boilerplate.split_caption_credit(text)


def read_header(lines: list[DumpLine], title: int, body_start: int) -> Header:
    """Teaser, byline, date and lead image from the lines between the title and the body."""
    header = Header()
    region = range(title + 1, body_start)
    title_key = lines[title].text.casefold()
    first_byline = next((i for i in region if boilerplate.parse_byline(lines[i].text)), None)
    furniture_seen = False
    credit: str | None = None
    image_url: str | None = None
    photo = False  # the line above was a photo (its alt text or its file name)
    for index in region:
        line = lines[index]
        text = line.text
        role = _role_name(lines, index)
        if role is not None:
            (header.authors if role[0] == "authors" else header.editors).append(role[1])
            furniture_seen = True
        elif _add_byline(text, header.authors, header.editors):
            furniture_seen = True
        elif line.image or text.casefold() == title_key:
            image_url = next((link.url for link in line.links if link.is_image), image_url)
            furniture_seen = photo = True
            continue
        elif boilerplate.is_credit(text):
            credit, furniture_seen = text, True
        elif header.published is None and len(text) <= 80 and (date := parse_date(text)) is not None:
            header.published = date
        elif (
            header.description is None
            and not furniture_seen
            and _is_sentence(text, _MIN_TEASER_WORDS)
            and boilerplate.split_caption_credit(text)[1] is None
            and ((first_byline is not None and index < first_byline) or text.endswith(("...", "…")))
        ):
            header.description = text
        elif credit or photo or _is_caption(text):
            caption, own_credit = _caption(text)
            if not own_credit and not credit:
                caption, own_credit = _label_credit(caption)
            image = Image(url=image_url, caption=caption, credit=own_credit or credit)
            if all(i.caption != caption for i in header.images):
                header.images.append(image)
            credit, image_url, furniture_seen = None, None, True
        photo = False
    if header.published is None:
        header.published = _date_above(lines, title)
    return header


def _date_above(lines: list[DumpLine], title: int) -> str | None:
    """A publication date printed just above the title (okezone: date, then headline)."""
    for index in range(title - 1, max(-1, title - 6), -1):
        text = lines[index].text
        if len(text) <= 80 and (date := parse_date(text)) is not None and "T" in date:
            return date
    return None


def related_list(lines: list[DumpLine], index: int, end: int) -> tuple[list[RelatedLink], int]:
    """The links listed after a "Baca juga" header at ``index``: (links, index after the list)."""
    related: list[RelatedLink] = []
    index += 1
    while index <= end and lines[index].text and (lines[index].bullet or lines[index].link_share >= 0.5):
        line = lines[index]
        url = line.links[0].url if line.links else None
        related.append(RelatedLink(title=line.text, url=url))
        index += 1
    return related, index


def read_tail(lines: list[DumpLine], start: int) -> Tail:
    """Closing bylines, related lists, pagination and the copyright line after the body."""
    tail = Tail()
    end = min(len(lines) - 1, start + _TAIL_LINES)
    index = start
    while index <= end:
        text = lines[index].text
        line = boilerplate.classify(text)
        role = _role_name(lines, index)
        if line.kind is Kind.FOOTER:
            break
        if role is not None:
            (tail.authors if role[0] == "authors" else tail.editors).append(role[1])
        elif index == start and _CAPS_SIGNATURE.match(text):
            tail.authors.append(text.title())
        elif line.kind is Kind.RELATED_HEADER:
            related, index = related_list(lines, index, end)
            tail.related.extend(related)
            continue
        elif line.kind is Kind.RELATED and line.related is not None:
            url = lines[index].links[0].url if lines[index].links else None
            tail.related.append(RelatedLink(line.related.title, url))
        elif line.kind is Kind.BYLINE:
            _add_byline(text, tail.authors, tail.editors)
        elif line.kind is Kind.PAGINATION:
            tail.page_number, tail.page_total = line.page_number, line.page_total
        index += 1
    tail.site, tail.publisher = copyright_holder(lines[start:])
    return tail


def copyright_holder(lines: list[DumpLine]) -> tuple[str | None, str | None]:
    """(site, publisher) from the first copyright line: "© 2025 X Network, a subsidiary of Y"."""
    for line in lines:
        if not _COPYRIGHT.search(line.text) or len(line.text) > 200:
            continue
        text = re.split(r"\s+[·|]\s+", line.text)[0]
        text = re.sub(r"\([^)]*\)", " ", _COPYRIGHT_NOISE.sub(" ", text))
        holder, _, parent = _PARENT.sub("\0", text, count=1).partition("\0")
        holder = boilerplate.normalize_space(holder).strip(" ,.-–")
        parent = boilerplate.normalize_space(parent).strip(" ,.-–")
        if not holder:
            continue
        network = _NETWORK.match(holder)
        if network:
            holder = f"{network.group('brand').capitalize()} Network"
        if parent:
            return holder, parent
        if _COMPANY.search(holder):
            return None, holder
        return holder, None
    return None, None
