"""Body extraction for sites without a publisher profile.

warta builds on trafilatura here: on the ScrapingHub benchmark it is the strongest
well-kept extractor (docs/benchmarks.md), and writing a generic boilerplate classifier
again would not beat it. warta adds what trafilatura does not know: Indonesian furniture
("Baca juga", bylines, credits) is cleaned afterwards by ``cleaning.clean_paragraphs``.
trafilatura is imported on first use, so pages with a profile never pay for it.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def generic_paragraphs(doc: Any, url: str | None) -> list[str]:
    """Paragraphs of the main text of an unknown page (empty when nothing was found)."""
    import trafilatura  # deferred: heavy import, only for pages without a profile

    try:
        text = trafilatura.extract(
            doc,
            url=url,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_precision=False,
            deduplicate=False,
            output_format="txt",
            with_metadata=False,
        )
    except Exception as exc:  # trafilatura raises assorted errors on odd trees; fall back below
        log.debug("trafilatura failed: %s", exc)
        text = None
    if not text:
        return []
    return [line for line in (part.strip() for part in text.split("\n")) if line]
