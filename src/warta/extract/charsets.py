"""Charsets: choosing the charset of input bytes the way browsers do, and decoding them.

Charset policy (in order):

1. A byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins and is stripped (:data:`BOMS`;
   applied by :func:`~warta.extract.loading.load_page`, which checks the text for binary data).
2. For HTML, the first ``<meta charset>`` / ``http-equiv`` content-type (or ``<?xml encoding``)
   declaration in the first ``sniff_bytes``, mapped the way browsers map it (ISO-8859-1, Latin-1
   and ASCII mean Windows-1252; GB2312/GBK mean GB18030; ...). Bytes that contain non-ASCII and
   are valid UTF-8 are UTF-8 whatever the declaration says: text in a legacy charset almost
   never happens to be valid UTF-8. A declaration the bytes do not decode with is ignored.
3. Without a usable declaration: strict UTF-8; then, when most multi-byte sequences are valid
   UTF-8, UTF-8 with the few bad bytes replaced; then ``charset_normalizer`` (preferring
   Windows-1252 among equally good Latin answers, as warta reads Indonesian and English news);
   then Windows-1252, which decodes any byte. A guess adds the Problem ``encoding_guessed``.

Steps 2 and 3 are :func:`decode_bytes`. Bytes replaced by U+FFFD are counted in
:class:`Decoded`; ``load_page`` turns them into the Problem ``undecodable_bytes``, or into a
:class:`~warta.errors.DecodingError` when a large share of the text would be replacement
characters.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from warta.extract.limits import LoadOptions
from warta.model import Problem

__all__ = [
    "BOMS",
    "ENCODING_GUESSED",
    "UNDECODABLE_BYTES",
    "Decoded",
    "decode",
    "decode_bytes",
    "display_name",
    "mostly_utf8",
    "utf16_without_bom",
]

#: Problem code for bytes that were replaced by U+FFFD while decoding.
UNDECODABLE_BYTES = "undecodable_bytes"
ENCODING_GUESSED = "encoding_guessed"


# WHATWG labels that Python does not know.
_EXTRA_LABELS = {
    "windows-874": "cp874",
    "x-mac-cyrillic": "mac-cyrillic",
    "windows-31j": "cp932",
    "x-sjis": "cp932",
    "iso-8859-8-i": "iso8859-8",
    "x-cp1252": "cp1252",
    "x-gbk": "gbk",
    "ks_c_5601-1987": "cp949",
    "unicode-1-1-utf-8": "utf-8",
}

# What browsers actually use for a declared charset (Python codec names on both sides).
_BROWSER_EQUIVALENT = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
}

# A declaration of UTF-16/32 inside ASCII-compatible bytes is wrong by construction: browsers
# read it as UTF-8.
_DECLARED_AS_UTF8 = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})

_ALLOWED = frozenset(
    {
        "utf-8",
        *(f"cp{n}" for n in range(1250, 1259)),
        "cp874",
        "cp866",
        *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
        "koi8-r",
        "koi8-u",
        "mac-roman",
        "mac-cyrillic",
        "gb18030",
        "big5hkscs",
        "cp932",
        "euc_jp",
        "iso2022_jp",
        "cp949",
        "utf-16-le",
        "utf-16-be",
    }
)


def _codec(label: str) -> str | None:
    """The Python codec for a charset label, mapped like browsers do; None when unusable."""
    label = label.strip().strip("\"'").strip().lower()
    if not label or len(label) > 40:
        return None
    name = _EXTRA_LABELS.get(label)
    if name is None:
        try:
            name = codecs.lookup(label).name
        except LookupError:
            return None
    if name in _DECLARED_AS_UTF8:
        return "utf-8"
    name = _BROWSER_EQUIVALENT.get(name, name)
    return name if name in _ALLOWED else None


def display_name(codec: str) -> str:
    """A friendly name that Python also accepts as a codec label."""
    if codec.startswith("cp125"):
        return "windows-" + codec[2:]
    if codec.startswith("iso8859-"):
        return "iso-8859-" + codec[8:]
    return codec


_META_TAG = re.compile(rb"<meta\b[^<>]*>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([^\s"';,/<>]{1,40})""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""\A\s*<\?xml[^<>]{0,200}?encoding\s*=\s*["']([^"'<>]{1,40})["']""")


def _declared_charset(head: bytes) -> tuple[str, str] | None:
    """The first usable charset declaration: (the label as written, the codec to use)."""
    found = _XML_DECL.match(head)
    if found is not None:
        label = found.group(1).decode("ascii", "replace")
        codec = _codec(label)
        if codec is not None:
            return label, codec
    for tag in _META_TAG.finditer(head):
        match = _META_CHARSET.search(tag.group(0))
        if match is None:
            continue
        label = match.group(1).decode("ascii", "replace")
        codec = _codec(label)
        if codec is not None:
            return label, codec
    return None


BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _windows_1252_table() -> str:
    # Python's cp1252 rejects the five bytes Windows-1252 leaves undefined; browsers (WHATWG)
    # map them to the C1 control with the same number, which makes the codec total.
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


_WINDOWS_1252 = _windows_1252_table()

# Share of replaced characters above which a candidate charset is rejected for the next one.
_CANDIDATE_REPLACED_SHARE = 0.01
_CN_SAMPLE = 512 * 1024


@dataclass(slots=True)
class Decoded:
    """Text decoded with ``codec``; ``replaced`` counts the bad byte sequences turned into U+FFFD."""

    text: str
    codec: str
    replaced: int = 0


def decode(data: bytes, codec: str) -> Decoded:
    """Decode; strictly when possible, else with U+FFFD for the bad bytes (counted)."""
    if codec == "cp1252":
        return Decoded(codecs.charmap_decode(data, "strict", _WINDOWS_1252)[0], codec)
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeError:
        pass
    text = data.decode(codec, "replace")
    replaced = text.count("\ufffd") - data.decode(codec, "ignore").count("\ufffd")
    return Decoded(text, codec, max(replaced, 1))


def mostly_utf8(decoded: Decoded) -> bool:
    """After a replacing UTF-8 decode: do valid multi-byte sequences outnumber invalid bytes?"""
    text = decoded.text
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    valid = non_ascii - decoded.replaced
    return valid > decoded.replaced


def _guess_codec(data: bytes) -> str | None:
    """Ask charset_normalizer, on a bounded sample; prefer Windows-1252 among the best answers."""
    sample = data
    if len(sample) > _CN_SAMPLE:
        sample = data[:_CN_SAMPLE]
        cut = sample.rfind(b"\n")
        if cut > _CN_SAMPLE // 2:
            sample = sample[: cut + 1]
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(sample))
    except Exception:  # a third-party heuristic must never break loading
        return None
    if not matches:
        return None
    best_chaos = min(float(m.chaos) for m in matches)
    for match in matches:
        if float(match.chaos) <= best_chaos + 0.02 and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    best = min(matches, key=lambda m: float(m.chaos))
    return _codec(str(best.encoding))


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE or BE when the first 4 KB have NULs on one side of many byte pairs and the other side almost none."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nul = sample[0 : 2 * pairs : 2].count(0)
    odd_nul = sample[1 : 2 * pairs : 2].count(0)
    if odd_nul >= 0.3 * pairs and even_nul <= 0.02 * pairs:
        return "utf-16-le"
    if even_nul >= 0.3 * pairs and odd_nul <= 0.02 * pairs:
        return "utf-16-be"
    return None


def decode_bytes(
    data: bytes, kind_hint: str | None, name: str, options: LoadOptions, problems: list[Problem]
) -> Decoded:
    """Choose a charset for ASCII-compatible bytes (no BOM) and decode."""
    declared = None
    if kind_hint == "html":
        declared = _declared_charset(data[: options.sniff_bytes])
    if declared is not None and data.isascii():
        return Decoded(data.decode("ascii"), declared[1])
    # Valid UTF-8 with non-ASCII bytes strongly suggests UTF-8, whatever is declared; so does
    # text whose valid multi-byte sequences outnumber its invalid bytes.
    utf8 = decode(data, "utf-8")
    if not utf8.replaced or mostly_utf8(utf8):
        return utf8
    reason = "no charset is declared"
    if declared is not None:
        label, codec = declared
        if codec != "utf-8":
            candidate = decode(data, codec)
            if candidate.replaced <= _CANDIDATE_REPLACED_SHARE * len(candidate.text):
                return candidate
        reason = f"the declared charset {label!r} does not match the bytes"

    guess = _guess_codec(data)
    if guess is not None and guess != "utf-8":
        candidate = decode(data, guess)
        if candidate.replaced <= _CANDIDATE_REPLACED_SHARE * len(candidate.text):
            problems.append(Problem(ENCODING_GUESSED, f"{reason}; decoded as {display_name(guess)} (guessed)"))
            return candidate
    problems.append(
        Problem(ENCODING_GUESSED, f"{reason}; decoded as windows-1252 (the fallback that decodes any byte)")
    )
    return decode(data, "cp1252")
