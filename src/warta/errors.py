"""The one exception tree of warta.

::

    WartaError                      anything warta raises on purpose
    ├── InputError                  the input cannot be read as a page
    │   ├── EmptyInputError         zero bytes, or only whitespace
    │   ├── BinaryInputError        an image, a PDF, an archive: not a page
    │   ├── InputTooLargeError      over the size limit (also a decompression bomb)
    │   └── DecodingError           bytes that no charset turns into text
    ├── ExtractionError             a page was read but no article could be built
    ├── ConfigurationError          a publisher profile or data file is invalid
    ├── IngestError                 an ingest cannot start (an unknown format, a bad column mapping)
    │   └── BatchError              a batch cannot run: no cluster, an output holding another batch's shards
    ├── CrawlError                  a crawl cannot start (no seeds, an unknown site, a bad option)
    └── StoreError                  the store cannot be opened, migrated or written (locked, not a store)
        ├── QueryError              a search query or filter that cannot be run as written
        │   └── AmbiguousNameError  a name that fits several entities (they are listed)
        └── NotFoundError           no such article, entity or story in the store

Messages name the input, the stage and what to do, so the CLI can print them as they are.
Problems that still leave a usable article are not exceptions: they are ``Problem`` values
on the article (see ``warta.model``).
"""

from __future__ import annotations


class WartaError(Exception):
    """Root of every error warta raises on purpose."""


class InputError(WartaError):
    """The input cannot be read as a page."""


class EmptyInputError(InputError):
    """The input holds no bytes, or only whitespace."""


class BinaryInputError(InputError):
    """The input is binary (image, PDF, archive), not an HTML page or a text dump."""


class InputTooLargeError(InputError):
    """The input, once decompressed, is over the configured size limit."""


class DecodingError(InputError):
    """No character encoding turns the bytes into text."""


class ExtractionError(WartaError):
    """A page was read but no article could be built from it."""


class ConfigurationError(WartaError):
    """A publisher profile or a data file is invalid."""


class IngestError(WartaError):
    """An ingest cannot start: an unknown input format, a bad CSV column mapping.

    Bad records inside the inputs are not errors: they become problems in the store.
    """


class BatchError(IngestError):
    """``warta batch`` or ``warta load`` cannot run: the scheduler cannot be reached, the output
    directory holds the shards of another batch, a shard is not one of warta's."""


class CrawlError(WartaError):
    """``warta crawl`` cannot start: no seed, an unknown site, an option out of range.

    Pages that cannot be fetched (robots.txt, HTTP errors, timeouts, size caps) are not errors:
    they become problems in the store and the crawl goes on.
    """


class StoreError(WartaError):
    """The store cannot be opened, migrated or written (not a SQLite file, newer schema, locked)."""


class QueryError(StoreError):
    """A search query or filter that cannot be run as written (no words, a bad date)."""


class AmbiguousNameError(QueryError):
    """A name that fits several entities; ``candidates`` holds their keys, best first."""

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


class NotFoundError(StoreError):
    """The store holds no such article, entity or story."""
