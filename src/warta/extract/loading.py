"""Loading: the first stage of extraction, input bytes in, a :class:`~warta.model.RawPage` out.

Whatever arrives (a saved page, a ``lynx -dump``, a gzip file, a PNG by mistake, random bytes)
either becomes a ``RawPage`` holding decoded text, or raises one of the typed
:class:`~warta.errors.InputError` subclasses with a message naming the input and saying what
to do. Loading never hangs: every step is linear in the input size and the input is capped.

This module runs the steps in order (:func:`load_page`) and tells HTML from a text dump
(:func:`detect_kind`); each step is a module of its own:

- :mod:`~warta.extract.sources` reads files and standard input, inflating gzip with a cap;
- :mod:`~warta.extract.binary` refuses images, archives and other binary input;
- :mod:`~warta.extract.charsets` chooses the charset (its docstring states the policy) and decodes;
- :mod:`~warta.extract.limits` holds :class:`LoadOptions`, the limits every step reads.

Bytes replaced by U+FFFD add the Problem ``undecodable_bytes``; when a large share of the text
would be replacement characters, loading raises :class:`~warta.errors.DecodingError` instead.
Import the public names (:class:`LoadOptions`, :func:`load_page`, :func:`read_source`, ...)
from here.
"""

from __future__ import annotations

import re

from warta.errors import DecodingError, EmptyInputError
from warta.extract.binary import check_byte_controls, check_signature, check_text_controls
from warta.extract.charsets import (
    BOMS,
    ENCODING_GUESSED,
    UNDECODABLE_BYTES,
    Decoded,
    decode,
    decode_bytes,
    display_name,
    mostly_utf8,
    utf16_without_bom,
)
from warta.extract.limits import DEFAULT_MAX_BYTES, DEFAULT_OPTIONS, LoadOptions
from warta.extract.sources import GZIP_MAGIC, gunzip, read_source, too_large
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

INPUT_FORMATS = ("auto", "html", "dump", "text")

# Share of characters that may be U+FFFD before decoding is called a failure.
_MAX_REPLACED_SHARE = 0.2


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
        text, encoding = decoded.text, display_name(decoded.codec)
        if decoded.replaced:
            share = decoded.replaced / max(len(decoded.text), 1)
            if share > _MAX_REPLACED_SHARE:
                raise DecodingError(
                    f"{name}: the bytes do not decode as text in any charset ({share:.0%} of the "
                    f"characters are invalid {display_name(decoded.codec)}); check that this is a web page "
                    "or text file and that it was saved whole"
                )
            problems.append(
                Problem(
                    UNDECODABLE_BYTES,
                    f"{decoded.replaced} invalid byte sequence(s) in {display_name(decoded.codec)} "
                    "were replaced by U+FFFD",
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
        raise too_large(name, options.max_bytes)
    check_signature(data[:512].encode("latin-1", "replace"), name)
    check_text_controls(data, name, options)
    if not data.isascii():
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            data, count = _SURROGATE.subn("\ufffd", data)
            problems.append(Problem(UNDECODABLE_BYTES, f"{count} lone surrogate(s) were replaced by U+FFFD"))
    return data


def _from_bytes(data: bytes, input_format: str, name: str, options: LoadOptions, problems: list[Problem]) -> Decoded:
    if len(data) > options.max_bytes:
        raise too_large(name, options.max_bytes)
    if _NON_BLANK_BYTES.search(data) is None:
        raise _empty(name)
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, name, options.max_bytes)
        if _NON_BLANK_BYTES.search(data) is None:
            raise _empty(name)

    utf8_bom = False
    for bom, codec in BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if codec == "utf-8":
                # Checked like any ASCII-compatible bytes below, then decoded as UTF-8 unless the
                # bytes are not UTF-8 at all (then some tool added the BOM: decide without it).
                data, utf8_bom = body, True
                break
            try:
                return _checked(Decoded(body.decode(codec), codec), name, options)
            except UnicodeDecodeError:
                if codec.startswith("utf-32"):
                    continue  # FF FE 00 00 is also a UTF-16 LE BOM followed by a NUL
            return _checked(decode(body, codec), name, options)

    check_signature(data, name)

    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        candidate = decode(data, utf16)
        if not candidate.replaced:
            _checked(candidate, name, options)
            problems.append(Problem(ENCODING_GUESSED, f"no byte-order mark; decoded as {utf16} (guessed)"))
            return candidate

    check_byte_controls(data, name, options)

    if utf8_bom:
        utf8 = decode(data, "utf-8")
        if not utf8.replaced or mostly_utf8(utf8):
            return utf8
    if input_format == "auto":
        kind_hint: str | None = detect_kind(data[:_KIND_WINDOW].decode("latin-1"))
    else:
        kind_hint = input_format
    return decode_bytes(data, kind_hint, name, options, problems)


def _checked(decoded: Decoded, name: str, options: LoadOptions) -> Decoded:
    """Control-character check for text that was not ASCII-compatible bytes (UTF-16/32)."""
    check_text_controls(decoded.text, name, options)
    return decoded


def _normalise(text: str) -> str:
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        text = text.replace("\x00", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
