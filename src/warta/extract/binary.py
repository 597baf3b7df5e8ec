"""Binary detection: input that is not text (an image, an archive, an executable, random bytes).

Two checks, both linear and cheap: a known file signature (magic bytes) at the start, named in
the error so the user learns what they passed; and the share of C0 control bytes, which text
almost never holds while compressed or random data holds about 10.5 %. Either raises
:class:`~warta.errors.BinaryInputError` before any charset work is done.
"""

from __future__ import annotations

import re

from warta.errors import BinaryInputError
from warta.extract.limits import LoadOptions
from warta.extract.sources import GZIP_MAGIC

__all__ = ["check_byte_controls", "check_signature", "check_text_controls"]

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
    if data.startswith(GZIP_MAGIC):
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


def check_text_controls(text: str, name: str, options: LoadOptions) -> None:
    """Raise :class:`BinaryInputError` when too many characters of ``text``'s start are controls."""
    sample = text[:_TEXT_SAMPLE]
    controls = _CONTROL_CHARS.findall(sample)
    _check_control_share(len(controls), len(sample), sample.count("\x00"), name, options)


def check_signature(data: bytes, name: str) -> None:
    """Raise :class:`BinaryInputError` when ``data`` starts like a known binary format."""
    what = _signature(data)
    if what is not None:
        raise _binary_error(name, what)


def check_byte_controls(data: bytes, name: str, options: LoadOptions) -> None:
    """Raise :class:`BinaryInputError` when too many of ``data``'s bytes are control bytes."""
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    _check_control_share(controls, len(data), data.count(0), name, options)
