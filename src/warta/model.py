"""warta's typed document model.

Every value warta hands out is a frozen, slotted dataclass that round-trips through JSON
(``Article.from_dict(article.to_dict()) == article``). Field names are the public contract:
the CLI's JSON output, the API and the store all use them.

An article owns its text: ``text`` is the paragraphs joined by blank lines, so later layers
(sentences, entities, quotes) can point into it with character offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, NamedTuple

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something warta noticed and could not fix: a stable ``code`` plus a human ``detail``.

    Codes in use (stable, documented in docs/fields.md): ``not_an_article``, ``missing_page``,
    ``no_published_date``, ``no_title``, ``empty_body``, ``encoding_guessed``, ``undecodable_bytes``,
    ``malformed_html``, ``language_not_indonesian``.
    """

    code: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "detail": self.detail}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        return cls(code=str(data["code"]), detail=str(data.get("detail", "")))


@dataclass(frozen=True, slots=True)
class Image:
    """An article image with its caption and photo credit ("IST", "Kompas.com/Garry Lotulung")."""

    url: str | None = None
    caption: str | None = None
    credit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "caption": self.caption, "credit": self.credit}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Image:
        return cls(url=data.get("url"), caption=data.get("caption"), credit=data.get("credit"))


@dataclass(frozen=True, slots=True)
class RelatedLink:
    """A "Baca juga" / "Lihat juga" / "Simak juga" link taken out of the body."""

    title: str
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelatedLink:
        return cls(title=str(data["title"]), url=data.get("url"))


@dataclass(frozen=True, slots=True)
class PageInfo:
    """Where this page sits in a multi-page article. ``total`` is None when unknown."""

    number: int = 1
    total: int | None = None
    next_url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "total": self.total, "next_url": self.next_url}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageInfo:
        return cls(number=int(data.get("number", 1)), total=data.get("total"), next_url=data.get("next_url"))


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


@dataclass(frozen=True, slots=True)
class Article:
    """A clean news article with its metadata.

    ``published`` and ``updated`` are ISO 8601 strings with a UTC offset (WIB +07:00, WITA +08:00,
    WIT +09:00) or None; when None, ``problems`` says why (``no_published_date``).
    """

    url: str | None = None
    site: str | None = None
    publisher: str | None = None
    title: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    published: str | None = None
    updated: str | None = None
    dateline: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    paragraphs: tuple[str, ...] = ()
    related: tuple[RelatedLink, ...] = ()
    page: PageInfo = field(default_factory=PageInfo)
    language: str | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def text(self) -> str:
        """The body: paragraphs joined by a blank line. Offsets of later layers point into it."""
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    def with_problem(self, code: str, detail: str = "") -> Article:
        """Return a copy with one more problem (a problem with the same code is not repeated)."""
        if any(p.code == code for p in self.problems):
            return self
        return replace(self, problems=(*self.problems, Problem(code, detail)))

    def has_problem(self, code: str) -> bool:
        return any(p.code == code for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict using the public field names (``text`` included)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "paragraphs":
                out["paragraphs"] = list(value)
                out["text"] = self.text
            elif f.name in ("images", "related", "problems"):
                out[f.name] = [v.to_dict() for v in value]
            elif f.name == "page":
                out[f.name] = value.to_dict()
            elif isinstance(value, tuple):
                out[f.name] = list(value)
            else:
                out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict`; ``text`` is derived, so it is ignored here."""
        return cls(
            url=data.get("url"),
            site=data.get("site"),
            publisher=data.get("publisher"),
            title=data.get("title"),
            description=data.get("description"),
            authors=_strs(data.get("authors")),
            editors=_strs(data.get("editors")),
            published=data.get("published"),
            updated=data.get("updated"),
            dateline=data.get("dateline"),
            section=data.get("section"),
            tags=_strs(data.get("tags")),
            images=tuple(Image.from_dict(d) for d in data.get("images") or ()),
            paragraphs=_strs(data.get("paragraphs")),
            related=tuple(RelatedLink.from_dict(d) for d in data.get("related") or ()),
            page=PageInfo.from_dict(data.get("page") or {}),
            language=data.get("language"),
            problems=tuple(Problem.from_dict(d) for d in data.get("problems") or ()),
        )


@dataclass(frozen=True, slots=True)
class RawPage:
    """One input page as warta received it, before extraction.

    ``content`` is the decoded text (HTML or a text dump); ``kind`` is ``"html"``, ``"dump"`` or
    ``"text"``. ``problems`` carries what loading noticed (a guessed charset, a truncated input).
    """

    content: str
    kind: str
    url: str | None = None
    source: str | None = None
    encoding: str | None = None
    problems: tuple[Problem, ...] = ()


# --- The language layer: spans over an article's fields -------------------------------------
#
# Offsets are character offsets into one field of the article: ``title``, ``description``,
# ``caption`` (``index`` says which image) or ``body`` (``Article.text``).

FIELDS = ("title", "description", "caption", "body")


class Token(NamedTuple):
    """A token: ``text == field_text[start:end]``.

    A named tuple rather than a frozen dataclass like the rest of the model: an article makes
    thousands, and a frozen dataclass takes twice as long to make (tokenising the seed: 1.07 ->
    0.55 ms)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one field, as a span; ``tokens`` counts its tokens."""

    start: int
    end: int
    field: str = "body"
    index: int = 0
    tokens: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "field": self.field, "index": self.index, "tokens": self.tokens}


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity or a quantity in the text.

    ``label`` is PER, ORG or LOC for entities (``key`` and ``canonical`` then name the entity
    it was linked to), or DATE, TIME, MONEY, PERCENT for the rule layers (no key).
    """

    start: int
    end: int
    text: str
    label: str
    field: str = "body"
    index: int = 0
    key: str | None = None
    canonical: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "field": self.field,
            "index": self.index,
            "key": self.key,
            "canonical": self.canonical,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """One person, organisation or place across its mentions.

    ``key`` is stable across articles: the same canonical name of the same kind always gets
    the same key, so two articles about "Vladimir Putin" meet on it.
    """

    key: str
    label: str
    canonical: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "canonical": self.canonical,
            "aliases": list(self.aliases),
            "mentions": self.mentions,
        }


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A date in the text, resolved: ``value`` is ISO (``2024-06-18``, ``2024-W25``, ``2024-06``, ``2024``).

    ``granularity`` is day, week, month or year; ``value`` is None when the text needs a
    reference date and none could be had. ``relative`` marks "kemarin", "tahun lalu" and the
    like; ``reference`` is the date they were resolved against, and ``reference_estimated``
    says it came from the article's own explicit dates because it has no published date.
    """

    start: int
    end: int
    text: str
    value: str | None
    granularity: str
    field: str = "body"
    index: int = 0
    relative: bool = False
    reference: str | None = None
    reference_estimated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "granularity": self.granularity,
            "field": self.field,
            "index": self.index,
            "relative": self.relative,
            "reference": self.reference,
            "reference_estimated": self.reference_estimated,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """Something someone said: a direct quote (between quotation marks) or indirect speech.

    ``start``/``end`` span what was said (inside the marks for a direct quote, the clause after
    the speech verb for indirect speech). ``kind`` is ``direct`` or ``indirect``; ``cue`` the
    speech word ("kata", "katanya", "menegaskan", "menurut"), None when the quote continues the
    previous speaker. ``speaker`` is the entity key and ``speaker_name`` its canonical name (a
    person or an organisation); ``speaker_text`` is how the attribution wrote it ("Kirby",
    "dia", "Presiden"); ``role`` and ``affiliation`` are as written ("penasihat Kremlin",
    "Kremlin"). ``confidence`` runs from 0 (no speaker found) to 1.
    """

    start: int
    end: int
    text: str
    kind: str
    field: str = "body"
    index: int = 0
    cue: str | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    speaker_label: str | None = None
    speaker_text: str | None = None
    role: str | None = None
    affiliation: str | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when and where: one event reported in a sentence.

    ``type`` is one of the ontology's types (docs/events.md: visit, meet, statement, accuse,
    threaten, demand, agree, support, sanction, attack, protest, arrest, appoint, disaster);
    ``trigger`` and ``start``/``end`` are the words that report it; ``sentence_start`` and
    ``sentence_end`` span its sentence. ``actor`` and ``target`` are entity keys (with their
    canonical names in ``actor_name`` and ``target_name``); ``date`` is the ISO value of a date
    in the sentence as the language layer resolved it; ``place`` a place named with it.
    """

    type: str
    trigger: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    field: str = "body"
    index: int = 0
    actor: str | None = None
    actor_name: str | None = None
    target: str | None = None
    target_name: str | None = None
    date: str | None = None
    place: str | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Analysis:
    """An article and what the analysis stages found in it (spans point into the article's fields)."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[TimeMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    # The tokens of each sentence, aligned with ``sentences``: for the stages and the Python API,
    # left out of ``to_dict`` (they would triple the size of the JSON).
    tokens: tuple[tuple[Token, ...], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "sentences": [s.to_dict() for s in self.sentences],
            "mentions": [m.to_dict() for m in self.mentions],
            "entities": [e.to_dict() for e in self.entities],
            "dates": [d.to_dict() for d in self.dates],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            article=Article.from_dict(data["article"]),
            sentences=tuple(Sentence(**s) for s in data.get("sentences", ())),
            mentions=tuple(Mention(**m) for m in data.get("mentions", ())),
            entities=tuple(Entity(**{**e, "aliases": tuple(e.get("aliases", ()))}) for e in data.get("entities", ())),
            dates=tuple(TimeMention(**d) for d in data.get("dates", ())),
            quotes=tuple(Quote(**q) for q in data.get("quotes", ())),
            events=tuple(Event(**e) for e in data.get("events", ())),
        )

    def field_text(self, field: str, index: int = 0) -> str:
        """The text a span of ``field`` (and image ``index`` for captions) points into."""
        if field == "body":
            return self.article.text
        if field == "title":
            return self.article.title or ""
        if field == "description":
            return self.article.description or ""
        if field == "caption" and index < len(self.article.images):
            return self.article.images[index].caption or ""
        return ""
