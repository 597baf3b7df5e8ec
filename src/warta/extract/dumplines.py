"""A text dump as logical lines: wrapped lines rejoined, link markers read and stripped.

Text browsers and crawlers print a page in different shapes. ``lynx -dump`` wraps every
paragraph at a fixed width, indents text by three spaces (headings stay flush left), writes
``[12]`` before each link's text and lists the links' URLs in a "References" section at the
end. ``lynx -nolist``, ``w3m`` and inscriptis print no URLs; inscriptis and most crawlers do
not wrap. This module undoes those shapes so the extractor sees one line per paragraph, each
with the links it holds, whatever printed the dump.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

from warta.extract import boilerplate
from warta.extract.boilerplate import normalize_space
from warta.extract.dates import parse_date

_REFERENCES = re.compile(r"^\s*References\s*$")
_REFERENCE = re.compile(r"^\s*(\d{1,5})\.\s+(\S.*?)\s*$")
_MARKER = re.compile(r"\[(\d{1,5})\]")
# lynx draws list bullets with * + o # @ by depth; crawlers use - and •.
_BULLET = re.compile(r"^\s*(?:[*+o#@•·]|-(?=\s))\s+|^\s*[*+#@•·]\s*$")
# An image without alt text: lynx prints its file name in brackets, "[logo.png]", "[INS: :INS]".
_IMAGE_PLACEHOLDER = re.compile(
    r"\[(?:[^\[\]\s]*\.(?:jpe?g|png|gif|webp|svg)[^\[\]\s]*|INS: :INS|IMG|image)\]", re.IGNORECASE
)
_IMAGE_URL = re.compile(r"\.(?:jpe?g|png|gif|webp)(?:$|[?#])", re.IGNORECASE)
_FIRST_WORD = re.compile(r"\S+")
_OPEN_TOKEN = re.compile(r"\[[^\]\s]*$")
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")

# A dump counts as wrapped when (almost) no line of words is longer than the longest line that
# runs on into the next one (the width), and at least this many, and this share, of the longer lines
# that run on end within _WRAP_SLACK characters of the width. In lynx dumps of the anpandu
# pages (width 80 and 100) 35-75 % of them do; unwrapped dumps (the seed, inscriptis) have
# paragraph lines far longer than any line that runs on. Nobody wraps wider than _MAX_WRAP.
_WRAP_SLACK = 10
_MIN_WRAPPED = 3
_MIN_WRAPPED_SHARE = 0.15
_MAX_WRAP = 160
# lynx leaves a few headings unwrapped (okezone: two of 400 lines); an unwrapped dump has a
# line longer than the width for every long paragraph.
_MAX_OVER = 2
_MAX_OVER_SHARE = 0.02
# A dump whose lines are mostly indented (lynx) prints headings flush left.
_INDENTED_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Link:
    """A link in a line: its lynx number, its text and (when the dump lists it) its URL."""

    number: int
    text: str
    url: str | None = None

    @property
    def is_image(self) -> bool:
        return self.url is not None and _IMAGE_URL.search(self.url) is not None


@dataclass(frozen=True, slots=True)
class DumpLine:
    """One paragraph of the dump: clean text plus where and how it was printed."""

    text: str
    indent: int = 0
    bullet: bool = False
    heading: bool = False
    image: bool = False
    links: tuple[Link, ...] = ()

    @property
    def link_share(self) -> float:
        """Share of the text that is link text (navigation lines are mostly links)."""
        if not self.text:
            return 0.0
        return min(1.0, sum(len(link.text) for link in self.links) / len(self.text))


def split_references(text: str) -> tuple[str, dict[int, str]]:
    """Cut lynx's "References" section off the dump and read its numbered URLs."""
    lines = text.split("\n")
    for index in range(len(lines) - 1, -1, -1):
        if _REFERENCES.match(lines[index]) and lines[index] == lines[index].lstrip():
            urls: dict[int, str] = {}
            for line in lines[index + 1 :]:
                match = _REFERENCE.match(line)
                if match:
                    urls[int(match.group(1))] = match.group(2)
            if urls:
                return "\n".join(lines[:index]), urls
    return text, {}


def resolve_url(url: str, base: str | None) -> str | None:
    """A web URL for a reference; a dump of a saved file lists relative links as ``file:///path``."""
    if url.startswith("file:"):
        if not base:
            return None
        path = urlparse(url)
        return urljoin(base, path.path + (f"?{path.query}" if path.query else ""))
    if url.startswith(("http://", "https://")):
        return url
    return None


def wrap_width(lines: list[str]) -> int | None:
    """The column a wrapped dump breaks at, or None when the dump is not wrapped."""
    running_on = [len(lines[i]) for i in range(len(lines) - 1) if lines[i].strip() and lines[i + 1].strip()]
    if not running_on:
        return None
    width = max(running_on)
    over = sum(1 for line in lines if len(line) > width and " " in line.strip())
    if width > _MAX_WRAP or over > max(_MAX_OVER, _MAX_OVER_SHARE * len(lines)):
        return None  # lines of words longer than the width: the dump is not wrapped
    near = sum(1 for n in running_on if n >= width - _WRAP_SLACK)
    long = sum(1 for n in running_on if n > width // 2)
    if near < _MIN_WRAPPED or near < _MIN_WRAPPED_SHARE * long:
        return None
    return width


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _continues(previous: str, line: str, width: int | None) -> bool:
    """True when ``line`` is the wrapped tail of ``previous`` (its first word did not fit).

    A line that is furniture on its own ("Pewarta: ...", "Baca juga: ...") starts anew even
    when its first word would not have fit: lynx prints a ``<br>`` that way too. A word too
    long for half a line (a URL, an image name) says nothing either way and starts anew.
    """
    if width is None or not previous.strip() or not line.strip() or _BULLET.match(line):
        return False
    # A wrapped line keeps its paragraph's indent (a bullet's text is indented past the bullet).
    if _indent(line) != _indent(previous) and not (_BULLET.match(previous) and _indent(line) > _indent(previous)):
        return False
    word = _FIRST_WORD.search(line)
    if word is None or len(word.group()) > width // 2 or len(previous) + 1 + len(word.group()) <= width:
        return False
    if _SENTENCE_END.search(previous) and len(line.strip()) <= 60 and parse_date(line) is not None:
        return False  # "... di Grammy Awards." then "Selasa, 16 Februari 2016 | 13:01 WIB"
    return boilerplate.classify(line).kind is boilerplate.Kind.BODY


def _logical_lines(raw: list[str], width: int | None) -> list[tuple[str, int, bool, bool]]:
    """Join wrapped lines: (text, indent, bullet, blank line before)."""
    out: list[tuple[str, int, bool, bool]] = []
    previous = ""
    blank = True
    for line in raw:
        if not line.strip():
            blank, previous = True, ""
            continue
        if out and _continues(previous, line, width):
            text, indent, bullet, before = out[-1]
            # A token broken at the width ("[photo-1234.j" + "pg]") is glued back without a space.
            glue = "" if _OPEN_TOKEN.search(text) else " "
            out[-1] = (f"{text}{glue}{line.strip()}", indent, bullet, before)
        else:
            out.append((line.strip(), _indent(line), bool(_BULLET.match(line)), blank))
        previous, blank = line, False
    return out


def _read_links(text: str, urls: dict[int, str], base: str | None) -> tuple[str, tuple[Link, ...]]:
    """Strip ``[12]`` markers; each link's text runs to the next marker or the end of the line."""
    pieces = _MARKER.split(text)
    clean = [pieces[0]]
    links: list[Link] = []
    for number, after in zip(pieces[1::2], pieces[2::2], strict=True):
        raw_url = urls.get(int(number))
        url = resolve_url(raw_url, base) if raw_url else None
        anchor = normalize_space(after)
        links.append(Link(int(number), anchor, url))
        clean.append(after)
    return normalize_space("".join(clean)), tuple(links)


def read_dump(text: str, base: str | None = None) -> list[DumpLine]:
    """The dump's paragraphs as :class:`DumpLine` values, in order."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ").replace("\u00a0", " ")
    body, urls = split_references(text)
    raw = [line.rstrip() for line in body.split("\n")]
    logical = _logical_lines(raw, wrap_width(raw))
    printed = [indent for _, indent, _, _ in logical]
    indented = bool(printed) and sum(1 for i in printed if i > 0) >= _INDENTED_SHARE * len(printed)
    lines: list[DumpLine] = []
    for joined, indent, bullet, _ in logical:
        image = _IMAGE_PLACEHOLDER.search(joined) is not None
        joined = _IMAGE_PLACEHOLDER.sub(" ", joined)
        if urls:
            clean, links = _read_links(joined, urls, base)
        else:
            clean, links = normalize_space(joined), ()
        clean = _BULLET.sub("", clean).strip() if bullet else clean
        image = image or any(link.is_image for link in links)
        if not clean and not image:
            continue
        lines.append(
            DumpLine(
                text=clean,
                indent=indent,
                bullet=bullet,
                heading=indented and indent == 0 and not bullet,
                image=image,
                links=links,
            )
        )
    return lines
