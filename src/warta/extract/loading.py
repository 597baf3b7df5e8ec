"""Loading: the first stage of extraction, input bytes in, a :class:`~warta.model.RawPage` out.

Whatever arrives (a saved page, a ``lynx -dump``, a gzip file, a PNG by mistake, random bytes)
either becomes a ``RawPage`` holding decoded text, or raises one of the typed
:class:`~warta.errors.InputError` subclasses with a message naming the input and saying what
to do. Loading never hangs: every step is linear in the input size and the input is capped.

Charset policy (in order):

1. A byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins and is stripped.
2. For HTML, the first ``<meta charset>`` / ``http-equiv`` content-type (or ``<?xml encoding``)
   declaration in the first ``sniff_bytes``, mapped the way browsers map it (ISO-8859-1, Latin-1
   and ASCII mean Windows-1252; GB2312/GBK mean GB18030; ...). Bytes that contain non-ASCII and
   are valid UTF-8 are UTF-8 whatever the declaration says: text in a legacy charset almost
   never happens to be valid UTF-8. A declaration the bytes do not decode with is ignored.
3. Without a usable declaration: strict UTF-8; then, when most multi-byte sequences are valid
   UTF-8, UTF-8 with the few bad bytes replaced; then ``charset_normalizer`` (preferring
   Windows-1252 among equally good Latin answers, as warta reads Indonesian and English news);
   then Windows-1252, which decodes any byte. A guess adds the Problem ``encoding_guessed``.

Bytes replaced by U+FFFD add the Problem ``undecodable_bytes``; when a large share of the text
would be replacement characters, loading raises :class:`~warta.errors.DecodingError` instead.
"""

from __future__ import annotations

import codecs
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from warta.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
)
from warta.model import Problem, RawPage

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_OPTIONS",
    "INPUT_FORMATS",
    "LoadOptions",
    "detect_kind",
    "load_page",
    "read_source",
]

#: 64 MiB. The largest real news pages (live blogs, pages with inlined images or scripts) are a
#: few MB; warta promises to extract a 50 MB page, and 64 MiB leaves headroom above that while
#: keeping the worst case bounded: the bytes plus the decoded text (up to 4 bytes a character in
#: CPython) stay within a few hundred MB, and a decompression bomb stops after 64 MiB of output.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

INPUT_FORMATS = ("auto", "html", "dump", "text")

#: Problem code for bytes that were replaced by U+FFFD while decoding.
UNDECODABLE_BYTES = "undecodable_bytes"
ENCODING_GUESSED = "encoding_guessed"


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """Limits and thresholds of loading.

    ``max_bytes``: cap on the input size, after decompression (see :data:`DEFAULT_MAX_BYTES`).
    ``sniff_bytes``: how much of the start is searched for a charset declaration (browsers look
    at 1 KB, but many Indonesian news pages put inline scripts before the ``<meta charset>``).
    ``binary_share``: share of C0 control bytes (NUL included; tab, newlines, form feed and ESC
    excluded) above which the input is called binary. Text has almost none; random or
    compressed data has about 10.5 %; images and executables have many NULs.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    sniff_bytes: int = 64 * 1024
    binary_share: float = 0.05

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"LoadOptions.max_bytes must be positive, not {self.max_bytes}")
        if self.sniff_bytes <= 0:
            raise ValueError(f"LoadOptions.sniff_bytes must be positive, not {self.sniff_bytes}")
        if not 0.0 < self.binary_share <= 1.0:
            raise ValueError(f"LoadOptions.binary_share must be in (0, 1], not {self.binary_share}")


DEFAULT_OPTIONS = LoadOptions()

_CHUNK = 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_STDIN_NAME = "<stdin>"
# Concatenated gzip members are valid (bgzip writes one per 64 KB, so 1024 for 64 MiB), but
# each costs a little Python work: a stream of millions of empty members would be a slow bomb.
_MAX_GZIP_MEMBERS = 10_000

# --------------------------------------------------------------------------------------------
# Reading files and stdin, with transparent gunzip
# --------------------------------------------------------------------------------------------


def read_source(path: str | Path, options: LoadOptions = DEFAULT_OPTIONS) -> bytes:
    """Read a file, or standard input for ``"-"``, as bytes.

    Gzip input (a ``.gz`` name or gzip magic bytes) is decompressed as a stream: output beyond
    ``options.max_bytes`` raises :class:`InputTooLargeError` at once, so a gzip bomb costs at
    most ``max_bytes`` of memory and the time to inflate that much. Unreadable files raise
    :class:`InputError`; corrupt or truncated gzip and gzip inside gzip raise
    :class:`BinaryInputError`.
    """
    is_stdin = str(path) == "-"
    name = _STDIN_NAME if is_stdin else str(path)
    try:
        if is_stdin:
            stdin = sys.stdin
            if stdin is None:
                raise InputError(f"{name}: there is no standard input to read; pass a file path instead")
            return _read_stream(stdin.buffer, name, options, named_gz=False)
        file_path = Path(path)
        with file_path.open("rb") as stream:
            return _read_stream(stream, name, options, named_gz=file_path.suffix.lower() == ".gz")
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(f"{name}: cannot read the input ({reason}); check the path and permissions") from exc


def _read_stream(stream: BinaryIO, name: str, options: LoadOptions, *, named_gz: bool) -> bytes:
    limit = options.max_bytes
    first = stream.read(_CHUNK)
    if first.startswith(_GZIP_MAGIC):
        return _check_inflated(_inflate(_chain(first, stream), name, limit), name)
    if named_gz and first:
        raise BinaryInputError(
            f"{name}: the name ends in .gz but the content is not gzip data; "
            "rename the file or check that the download is complete"
        )
    parts = [first]
    size = len(first)
    while size <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if size > limit:
        raise _too_large(name, limit)
    return b"".join(parts)


def _chain(first: bytes, stream: BinaryIO) -> Iterator[bytes]:
    yield first
    while chunk := stream.read(_CHUNK):
        yield chunk


def _chunks(data: bytes) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(data), _CHUNK):
        yield bytes(view[start : start + _CHUNK])


def _inflate(chunks: Iterable[bytes], name: str, limit: int) -> bytes:
    """Gunzip a stream of chunks (several members allowed) with a cap on the output size."""
    out: list[bytes] = []
    size = 0
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    in_member = True
    pending = b""
    # Valid gzip is at most a little larger than its output; far more input than the output
    # cap can only be padding or endless empty members: stop reading it.
    input_limit = 2 * limit + _CHUNK
    consumed = 0
    members = 1
    for chunk in chunks:
        consumed += len(chunk)
        if consumed > input_limit:
            raise _too_large(name, limit, decompressed=True)
        data = pending + chunk if pending else chunk
        pending = b""
        while data:
            if not in_member:
                # Between members: NUL padding is allowed, anything else but a new member is
                # trailing garbage, ignored like gzip(1) does.
                data = data.lstrip(b"\x00")
                if len(data) < len(_GZIP_MAGIC):
                    pending = data
                    break
                if not data.startswith(_GZIP_MAGIC):
                    return b"".join(out)
                members += 1
                if members > _MAX_GZIP_MEMBERS:
                    raise BinaryInputError(
                        f"{name}: the gzip data has over {_MAX_GZIP_MEMBERS} members, which no saved "
                        "page has; decompress it yourself and check what it holds"
                    )
                inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                in_member = True
            try:
                piece = inflater.decompress(data, limit + 1 - size)
            except zlib.error as exc:
                raise BinaryInputError(
                    f"{name}: the gzip data is corrupt ({exc}); re-download the file or check it with `gzip -t`"
                ) from exc
            size += len(piece)
            if size > limit:
                raise _too_large(name, limit, decompressed=True)
            if piece:
                out.append(piece)
            if inflater.eof:
                in_member = False
                data = inflater.unused_data
            else:
                data = inflater.unconsumed_tail
    if in_member:
        raise BinaryInputError(
            f"{name}: the gzip data is truncated (it ends before the end of the compressed stream); "
            "re-download the file or check it with `gzip -t`"
        )
    return b"".join(out)


def _check_inflated(data: bytes, name: str) -> bytes:
    if data.startswith(_GZIP_MAGIC):
        raise BinaryInputError(
            f"{name}: the data is gzip-compressed twice; decompress it once yourself (`gunzip -c`) and pass the result"
        )
    return data


def _too_large(name: str, limit: int, *, decompressed: bool = False) -> InputTooLargeError:
    if decompressed:
        what = "once decompressed, the input is over the size limit of"
        why = "a decompression bomb, or not a single news page"
    else:
        what = "the input is over the size limit of"
        why = "far bigger than any news page"
    return InputTooLargeError(
        f"{name}: {what} {_human(limit)} ({why}); pass a smaller input, or raise "
        "LoadOptions.max_bytes if it really is one page"
    )


def _human(size: int) -> str:
    if size >= 1024 * 1024 and size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MiB"
    if size >= 1024 and size % 1024 == 0:
        return f"{size // 1024} KiB"
    return f"{size} bytes"


# --------------------------------------------------------------------------------------------
# Binary detection
# --------------------------------------------------------------------------------------------

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/XLSX/EPUB file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"PK\x07\x08", "a ZIP archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "a Java class file or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon (ICO) image"),
    (b"OggS\x00", "an Ogg audio/video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"ID3\x02", "an MP3 audio file"),
    (b"ID3\x03", "an MP3 audio file"),
    (b"ID3\x04", "an MP3 audio file"),
    (b"\x1a\x45\xdf\xa3", "a Matroska/WebM video"),
)

# C0 controls that do not occur in text: everything below 0x20 except tab, LF, VT, FF, CR and
# ESC (ANSI colour codes in terminal dumps), plus DEL.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_TEXT_SAMPLE = 256 * 1024
# A handful of stray control bytes (a NUL or two in a short text) is not binary.
_MIN_CONTROLS = 4


def _signature(data: bytes) -> str | None:
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    if data.startswith(_GZIP_MAGIC):
        return "gzip-compressed data"
    if data[:3] == b"BZh" and data[4:10] in (b"1AY&SY", b"\x17rE8P"):
        return "bzip2-compressed data"
    if data[257:262] == b"ustar":
        return "a tar archive"
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file"}.get(data[8:12], "an AVI video")
    if data[4:8] == b"ftyp":
        return "an MP4/QuickTime video or HEIC image"
    return None


def _binary_error(name: str, what: str) -> BinaryInputError:
    return BinaryInputError(
        f"{name}: this looks like {what}, not an HTML page or a text dump; "
        "pass the page's HTML (or a text dump of it) instead"
    )


def _check_control_share(count: int, total: int, nuls: int, name: str, options: LoadOptions) -> None:
    if count > _MIN_CONTROLS and count > options.binary_share * total:
        share = 100.0 * count / total
        raise _binary_error(name, f"binary data ({share:.0f}% control characters, {nuls} of them NUL)")


def _check_text_controls(text: str, name: str, options: LoadOptions) -> None:
    sample = text[:_TEXT_SAMPLE]
    controls = _CONTROL_CHARS.findall(sample)
    _check_control_share(len(controls), len(sample), sample.count("\x00"), name, options)


# --------------------------------------------------------------------------------------------
# Charsets
# --------------------------------------------------------------------------------------------

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


def _display(codec: str) -> str:
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


_BOMS: tuple[tuple[bytes, str], ...] = (
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

# Share of characters that may be U+FFFD before decoding is called a failure.
_MAX_REPLACED_SHARE = 0.2
# Share of replaced characters above which a candidate charset is rejected for the next one.
_CANDIDATE_REPLACED_SHARE = 0.01
_CN_SAMPLE = 512 * 1024


@dataclass(slots=True)
class _Decoded:
    text: str
    codec: str
    replaced: int = 0


def _decode(data: bytes, codec: str) -> _Decoded:
    """Decode; strictly when possible, else with U+FFFD for the bad bytes (counted)."""
    if codec == "cp1252":
        return _Decoded(codecs.charmap_decode(data, "strict", _WINDOWS_1252)[0], codec)
    try:
        return _Decoded(data.decode(codec), codec)
    except UnicodeError:
        pass
    text = data.decode(codec, "replace")
    replaced = text.count("\ufffd") - data.decode(codec, "ignore").count("\ufffd")
    return _Decoded(text, codec, max(replaced, 1))


def _mostly_utf8(decoded: _Decoded) -> bool:
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


def _utf16_without_bom(data: bytes) -> str | None:
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


def _decode_bytes(
    data: bytes, kind_hint: str | None, name: str, options: LoadOptions, problems: list[Problem]
) -> _Decoded:
    """Choose a charset for ASCII-compatible bytes (no BOM) and decode."""
    declared = None
    if kind_hint == "html":
        declared = _declared_charset(data[: options.sniff_bytes])
    if declared is not None and data.isascii():
        return _Decoded(data.decode("ascii"), declared[1])
    # Valid UTF-8 with non-ASCII bytes strongly suggests UTF-8, whatever is declared; so does
    # text whose valid multi-byte sequences outnumber its invalid bytes.
    utf8 = _decode(data, "utf-8")
    if not utf8.replaced or _mostly_utf8(utf8):
        return utf8
    reason = "no charset is declared"
    if declared is not None:
        label, codec = declared
        if codec != "utf-8":
            candidate = _decode(data, codec)
            if candidate.replaced <= _CANDIDATE_REPLACED_SHARE * len(candidate.text):
                return candidate
        reason = f"the declared charset {label!r} does not match the bytes"

    guess = _guess_codec(data)
    if guess is not None and guess != "utf-8":
        candidate = _decode(data, guess)
        if candidate.replaced <= _CANDIDATE_REPLACED_SHARE * len(candidate.text):
            problems.append(Problem(ENCODING_GUESSED, f"{reason}; decoded as {_display(guess)} (guessed)"))
            return candidate
    problems.append(
        Problem(ENCODING_GUESSED, f"{reason}; decoded as windows-1252 (the fallback that decodes any byte)")
    )
    return _decode(data, "cp1252")


# --------------------------------------------------------------------------------------------
# Kind detection
# --------------------------------------------------------------------------------------------

_KIND_WINDOW = 8 * 1024
_TAG_NAMES = (
    r"html|head|body|div|p|span|a|meta|title|script|style|link|table|tr|td|th|tbody|thead|br|hr"
    r"|img|ul|ol|li|h[1-6]|article|section|header|footer|nav|main|aside|form|input|button|iframe"
    r"|noscript|figure|figcaption|picture|source|svg|em|strong|b|i|u|small|blockquote|pre|code"
    r"|label|select|option|textarea|time|video|audio|base|dl|dt|dd"
)
_TAG = re.compile(rf"</?(?:{_TAG_NAMES})(?=[\s/>])[^<>]*>", re.IGNORECASE)
_STRONG_START = re.compile(rf"<(?:!doctype\s+html|\?xml\s|(?:{_TAG_NAMES})(?=[\s/>]))", re.IGNORECASE)
_STRONG_ANYWHERE = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)


def detect_kind(text: str) -> str:
    """``"html"`` when the start of ``text`` is HTML markup, else ``"dump"`` (a text dump).

    HTML when the first non-blank thing (after comments) is a doctype or a known tag, or when
    the first 8 KB hold known tags (``<div``, ``<p``, ``</span>`` ...) at a density of at least
    two per KB, or ``<html``/``<head``/``<body``/doctype plus a few more tags. A dump with a
    stray ``<``, a ``[1]`` link reference or a quoted ``<br>`` stays a dump.
    """
    head = text[:_KIND_WINDOW].lstrip("\ufeff \t\r\n\f\v\x00")
    while head.startswith("<!--"):
        end = head.find("-->", 4)
        if end < 0:
            break
        head = head[end + 3 :].lstrip(" \t\r\n\f\v")
    if _STRONG_START.match(head):
        return "html"
    tags = 0
    for _ in _TAG.finditer(head):
        tags += 1
    if tags >= 2 and tags * 1000 >= 2 * len(head):
        return "html"
    if tags >= 3 and _STRONG_ANYWHERE.search(head):
        return "html"
    return "dump"


# --------------------------------------------------------------------------------------------
# load_page
# --------------------------------------------------------------------------------------------

_NON_BLANK_BYTES = re.compile(rb"\S")
_NON_BLANK = re.compile(r"[^\s\u200b-\u200d\u2060\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def load_page(
    data: bytes | str,
    *,
    url: str | None = None,
    source: str | None = None,
    input_format: str = "auto",
    options: LoadOptions = DEFAULT_OPTIONS,
) -> RawPage:
    """Turn input bytes (or already decoded text) into a :class:`RawPage`.

    ``input_format`` is ``"auto"`` (HTML or dump, see :func:`detect_kind`), ``"html"``,
    ``"dump"`` (a text dump of a page with its chrome, ``lynx -dump`` style) or ``"text"``
    (plain article text). ``source`` names the input in messages (a path, ``"<stdin>"``).

    Raises :class:`EmptyInputError`, :class:`BinaryInputError`, :class:`InputTooLargeError` or
    :class:`DecodingError` (all :class:`InputError`); ``ValueError`` for an unknown
    ``input_format`` (a programming error, not bad input).
    """
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {input_format!r}")
    name = source or url or "input"
    problems: list[Problem] = []
    if isinstance(data, str):
        text, encoding = _from_str(data, name, options, problems), None
    else:
        decoded = _from_bytes(bytes(data), input_format, name, options, problems)
        text, encoding = decoded.text, _display(decoded.codec)
        if decoded.replaced:
            share = decoded.replaced / max(len(decoded.text), 1)
            if share > _MAX_REPLACED_SHARE:
                raise DecodingError(
                    f"{name}: the bytes do not decode as text in any charset ({share:.0%} of the "
                    f"characters are invalid {_display(decoded.codec)}); check that this is a web page "
                    "or text file and that it was saved whole"
                )
            problems.append(
                Problem(
                    UNDECODABLE_BYTES,
                    f"{decoded.replaced} invalid byte sequence(s) in {_display(decoded.codec)} were replaced by U+FFFD",
                )
            )
    text = _normalise(text)
    if _NON_BLANK.search(text) is None:
        raise _empty(name)
    kind = detect_kind(text) if input_format == "auto" else input_format
    return RawPage(content=text, kind=kind, url=url, source=source, encoding=encoding, problems=tuple(problems))


def _empty(name: str) -> EmptyInputError:
    return EmptyInputError(f"{name}: the input is empty or only whitespace; pass a saved page or a text dump")


def _from_str(data: str, name: str, options: LoadOptions, problems: list[Problem]) -> str:
    if len(data) > options.max_bytes:
        raise _too_large(name, options.max_bytes)
    what = _signature(data[:512].encode("latin-1", "replace"))
    if what is not None:
        raise _binary_error(name, what)
    _check_text_controls(data, name, options)
    if not data.isascii():
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            data, count = _SURROGATE.subn("\ufffd", data)
            problems.append(Problem(UNDECODABLE_BYTES, f"{count} lone surrogate(s) were replaced by U+FFFD"))
    return data


def _from_bytes(data: bytes, input_format: str, name: str, options: LoadOptions, problems: list[Problem]) -> _Decoded:
    if len(data) > options.max_bytes:
        raise _too_large(name, options.max_bytes)
    if _NON_BLANK_BYTES.search(data) is None:
        raise _empty(name)
    if data.startswith(_GZIP_MAGIC):
        data = _check_inflated(_inflate(_chunks(data), name, options.max_bytes), name)
        if _NON_BLANK_BYTES.search(data) is None:
            raise _empty(name)

    utf8_bom = False
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if codec == "utf-8":
                # Checked like any ASCII-compatible bytes below, then decoded as UTF-8 unless the
                # bytes are not UTF-8 at all (then some tool added the BOM: decide without it).
                data, utf8_bom = body, True
                break
            try:
                return _checked(_Decoded(body.decode(codec), codec), name, options)
            except UnicodeDecodeError:
                if codec.startswith("utf-32"):
                    continue  # FF FE 00 00 is also a UTF-16 LE BOM followed by a NUL
            return _checked(_decode(body, codec), name, options)

    what = _signature(data)
    if what is not None:
        raise _binary_error(name, what)

    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        candidate = _decode(data, utf16)
        if not candidate.replaced:
            _checked(candidate, name, options)
            problems.append(Problem(ENCODING_GUESSED, f"no byte-order mark; decoded as {utf16} (guessed)"))
            return candidate

    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    _check_control_share(controls, len(data), data.count(0), name, options)

    if utf8_bom:
        utf8 = _decode(data, "utf-8")
        if not utf8.replaced or _mostly_utf8(utf8):
            return utf8
    if input_format == "auto":
        kind_hint: str | None = detect_kind(data[:_KIND_WINDOW].decode("latin-1"))
    else:
        kind_hint = input_format
    return _decode_bytes(data, kind_hint, name, options, problems)


def _checked(decoded: _Decoded, name: str, options: LoadOptions) -> _Decoded:
    """Control-character check for text that was not ASCII-compatible bytes (UTF-16/32)."""
    _check_text_controls(decoded.text, name, options)
    return decoded


def _normalise(text: str) -> str:
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        text = text.replace("\x00", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
