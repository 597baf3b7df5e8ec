"""How an Article is printed: JSON, JSON Lines, plain text or Markdown."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from warta.model import Article


def _byline(article: Article) -> str:
    parts = []
    if article.authors:
        parts.append("Penulis: " + ", ".join(article.authors))
    if article.editors:
        parts.append("Editor: " + ", ".join(article.editors))
    if article.published:
        parts.append(article.published)
    return " | ".join(parts)


def to_text(article: Article) -> str:
    """Title, byline and body as plain text."""
    lines = [article.title or "(no title)"]
    byline = _byline(article)
    if byline:
        lines.append(byline)
    lines.append("")
    lines.append(article.text)
    return "\n".join(lines).rstrip() + "\n"


def to_markdown(article: Article) -> str:
    """Title, byline, lead image, body and related links as Markdown."""
    out = [f"# {article.title or '(no title)'}", ""]
    byline = _byline(article)
    if byline:
        out += [f"*{byline}*", ""]
    if article.description:
        out += [f"> {article.description}", ""]
    for image in article.images[:1]:
        if image.url:
            out += [f"![{image.caption or ''}]({image.url})", ""]
        if image.caption:
            credit = f" ({image.credit})" if image.credit else ""
            out += [f"*{image.caption}{credit}*", ""]
    if article.dateline and article.paragraphs:
        out += [f"**{article.dateline}** – {article.paragraphs[0]}", ""]
        out += [p + "\n" for p in article.paragraphs[1:]]
    else:
        out += [p + "\n" for p in article.paragraphs]
    if article.related:
        out += ["## Baca juga", ""]
        out += [f"- [{r.title}]({r.url})" if r.url else f"- {r.title}" for r in article.related]
    return "\n".join(out).rstrip() + "\n"


RENDERERS = {"text": to_text, "markdown": to_markdown}


def write_records(records: Iterable[dict[str, Any]], fmt: str, *, single: bool, out: TextIO) -> None:
    """Write records as one JSON object (``single``), a JSON array, or JSON Lines, as they come."""
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
        return
    if not single:
        out.write("[")
    for number, record in enumerate(records):
        text = json.dumps(record, ensure_ascii=False, indent=2)
        out.write(text if single else ("," if number else "") + "\n" + text)
        out.flush()
    out.write("\n" if single else "\n]\n")
