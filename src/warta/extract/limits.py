"""The limits and thresholds of loading: :class:`LoadOptions` and its defaults.

Every step of loading reads one of these numbers: the size cap when reading and inflating
(:mod:`~warta.extract.sources`), the share of control bytes that makes input binary
(:mod:`~warta.extract.binary`), how far to look for a charset declaration
(:mod:`~warta.extract.charsets`). They live in a module of their own so those steps can import
them without importing :mod:`~warta.extract.loading`, which imports the steps. Import them from
:mod:`warta.extract.loading` (or :mod:`warta.extract`), which re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_OPTIONS", "LoadOptions"]

#: 64 MiB. The largest real news pages (live blogs, pages with inlined images or scripts) are a
#: few MB; warta promises to extract a 50 MB page, and 64 MiB leaves headroom above that while
#: keeping the worst case bounded: the bytes plus the decoded text (up to 4 bytes a character in
#: CPython) stay within a few hundred MB, and a decompression bomb stops after 64 MiB of output.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


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
