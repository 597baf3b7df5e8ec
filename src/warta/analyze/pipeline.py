"""The analysis pipeline: stages over an Analysis, each declaring what it needs and adds.

A stage is a callable taking an :class:`~warta.model.Analysis` and returning a new one. It
says which parts it ``requires`` and which it ``assigns``; :class:`Pipeline` checks the order
once, when it is built, so a misordered pipeline fails at start-up rather than on the
thousandth article. The built-in stages are listed here explicitly, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from warta.errors import ConfigurationError
from warta.model import Analysis, Article, Mention, Sentence, TimeMention, Token


class Stage(Protocol):
    """One step of the analysis."""

    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> frozenset[str]: ...

    @property
    def assigns(self) -> frozenset[str]: ...

    def __call__(self, doc: Analysis) -> Analysis: ...


def _fields(article: Article) -> list[tuple[str, int, str]]:
    """(field, index, text) for every field that carries text, body last."""
    out = [("title", 0, article.title or ""), ("description", 0, article.description or "")]
    out += [("caption", i, image.caption or "") for i, image in enumerate(article.images)]
    out.append(("body", 0, article.text))
    return [f for f in out if f[2]]


@dataclass(frozen=True, slots=True)
class Segment:
    """Sentences and their tokens for every field."""

    name: str = "segment"
    requires: frozenset[str] = frozenset({"article"})
    assigns: frozenset[str] = frozenset({"sentences", "tokens"})

    def __call__(self, doc: Analysis) -> Analysis:
        from warta.lang.id.sentences import sentence_tokens

        sentences: list[Sentence] = []
        tokens: list[tuple[Token, ...]] = []
        for field, index, text in _fields(doc.article):
            for sentence, sentence_tokens_ in sentence_tokens(text, field=field, index=index):
                sentences.append(sentence)
                tokens.append(tuple(sentence_tokens_))
        return replace(doc, sentences=tuple(sentences), tokens=tuple(tokens))


@dataclass(frozen=True, slots=True)
class Entities:
    """Named entities (PER, ORG, LOC) from the shipped model, as mentions."""

    name: str = "entities"
    requires: frozenset[str] = frozenset({"sentences", "tokens"})
    assigns: frozenset[str] = frozenset({"mentions"})
    # The title is tagged with its words in the case the rest of the article writes them
    # (warta.lang.id.ner.casing): headlines capitalise every word.
    headline_case: bool = True

    def __call__(self, doc: Analysis) -> Analysis:
        return self.many([doc])[0]

    def many(self, docs: Sequence[Analysis]) -> list[Analysis]:
        """Several articles at once: their sentences are tagged in one call, which shares the batched
        Viterbi's steps and the network's array calls among them (the labels are the same: each
        sentence is tagged on its own)."""
        from warta.lang.id.ner import load_tagger, spans

        tagger = load_tagger()
        labels = tagger.tag_many([words for doc in docs for words in self._words(doc)])
        out = []
        first_sentence = 0
        for doc in docs:
            mentions = list(doc.mentions)
            own = labels[first_sentence : first_sentence + len(doc.tokens)]
            first_sentence += len(doc.tokens)
            for sentence, tokens, tags in zip(doc.sentences, doc.tokens, own, strict=True):
                text = doc.field_text(sentence.field, sentence.index)
                for first, last, label in spans([t.text for t in tokens], tags):
                    start, end = tokens[first].start, tokens[last - 1].end
                    mentions.append(Mention(start, end, text[start:end], label, sentence.field, sentence.index))
            out.append(replace(doc, mentions=tuple(mentions)))
        return out

    def _words(self, doc: Analysis) -> list[list[str]]:
        """What the tagger reads of each sentence: its words, the title's in the article's own case."""
        from warta.lang.id.ner.casing import Casing

        words = [[t.text for t in sentence] for sentence in doc.tokens]
        titles = [i for i, sentence in enumerate(doc.sentences) if sentence.field == "title"]
        if self.headline_case and titles:
            casing = Casing.of(w for w, s in zip(words, doc.sentences, strict=True) if s.field != "title")
            for i in titles:
                words[i] = casing.restore(words[i])
        return words


@dataclass(frozen=True, slots=True)
class KnownNames:
    """Names the model missed: people after their title, the article's own names written again, alias-table names."""

    name: str = "known-names"
    requires: frozenset[str] = frozenset({"mentions", "tokens"})
    assigns: frozenset[str] = frozenset({"mentions"})

    def __call__(self, doc: Analysis) -> Analysis:
        from warta.analyze.known import article_names, known_mentions, repeated_mentions, titled_people

        tokens: dict[tuple[str, int], list[Token]] = {}
        for sentence, sentence_tokens_ in zip(doc.sentences, doc.tokens, strict=True):
            tokens.setdefault((sentence.field, sentence.index), []).extend(sentence_tokens_)
        added: list[Mention] = []
        fields = _fields(doc.article)
        for field, index, text in fields:  # people named after their title first: they are names too
            taken = [(m.start, m.end) for m in doc.mentions if m.field == field and m.index == index]
            added += titled_people(text, taken, tokens=tokens.get((field, index), []), field=field, index=index)
        names = article_names([*doc.mentions, *added])
        for field, index, text in fields:
            here = [m for m in (*doc.mentions, *added) if m.field == field and m.index == index]
            taken = [(m.start, m.end) for m in here]
            repeated = repeated_mentions(text, names, taken, field=field, index=index)
            taken += [(m.start, m.end) for m in repeated]
            added += repeated + known_mentions(text, taken, field=field, index=index)
        return replace(doc, mentions=(*doc.mentions, *added))


@dataclass(frozen=True, slots=True)
class Quantities:
    """Money, percentages and times of day (rule layer)."""

    name: str = "quantities"
    requires: frozenset[str] = frozenset({"article", "dates"})
    assigns: frozenset[str] = frozenset({"mentions"})

    def __call__(self, doc: Analysis) -> Analysis:
        from warta.lang.id.quantities import find_quantities

        dates: dict[tuple[str, int], list[tuple[int, int]]] = {}
        for date_ in doc.dates:  # the dates stage found them already: their spans are the DATE mentions
            dates.setdefault((date_.field, date_.index), []).append((date_.start, date_.end))
        found = [
            m
            for field, index, text in _fields(doc.article)
            for m in find_quantities(text, dates.get((field, index), []), field=field, index=index)
        ]
        return replace(doc, mentions=(*doc.mentions, *found))


@dataclass(frozen=True, slots=True)
class Dates:
    """Dates in the text, resolved against the published date (or one estimated from the text)."""

    name: str = "dates"
    requires: frozenset[str] = frozenset({"article"})
    assigns: frozenset[str] = frozenset({"dates"})

    def __call__(self, doc: Analysis) -> Analysis:
        from warta.lang.id.timex import estimate_reference, find_dates

        fields = _fields(doc.article)
        reference = _published_day(doc.article.published)
        estimated = False
        if reference is None:
            reference = estimate_reference(text for _, _, text in fields)
            estimated = reference is not None
        found: list[TimeMention] = []
        for field, index, text in fields:
            found += find_dates(text, reference=reference, reference_estimated=estimated, field=field, index=index)
        return replace(doc, dates=tuple(found))


@dataclass(frozen=True, slots=True)
class Link:
    """Entity linking: mentions of one entity share a key and a canonical name."""

    name: str = "link"
    requires: frozenset[str] = frozenset({"mentions"})
    assigns: frozenset[str] = frozenset({"entities"})

    def __call__(self, doc: Analysis) -> Analysis:
        from warta.analyze.linking import is_own_dateline, link_mentions, nickname_links
        from warta.lang.id.aliases import default_aliases

        # Not entities: the table's [not_names] ("WNI", "IHSG") and the outlet naming itself in a
        # dateline glued to the text ("Liputan6.com, Jakarta - ..." in a liputan6 article).
        table, site, body = default_aliases(), doc.article.site, doc.article.text
        named = [
            m
            for m in doc.mentions
            if m.label in ("PER", "ORG", "LOC")
            and not table.is_not_a_name(m.text)
            and not is_own_dateline(m, body, site)
        ]
        others = [m for m in doc.mentions if m.label not in ("PER", "ORG", "LOC")]
        linked, entities = link_mentions(named, nicknames=nickname_links(_fields(doc.article), named))
        ordered = sorted([*linked, *others], key=_reading_order)
        return replace(doc, mentions=tuple(ordered), entities=tuple(entities))


@dataclass(frozen=True, slots=True)
class Quotes:
    """Direct quotes and indirect speech with their speakers (linked entities)."""

    name: str = "quotes"
    requires: frozenset[str] = frozenset({"sentences", "entities"})
    assigns: frozenset[str] = frozenset({"quotes"})

    def __call__(self, doc: Analysis) -> Analysis:
        from warta.analyze.quotes import find_quotes

        found = []
        for field, index, text in _fields(doc.article):
            sentences = [s for s in doc.sentences if s.field == field and s.index == index]
            mentions = [m for m in doc.mentions if m.field == field and m.index == index]
            found += find_quotes(text, sentences, mentions, field=field, index=index)
        return replace(doc, quotes=tuple(found))


@dataclass(frozen=True, slots=True)
class Events:
    """Events (who did what to whom, when, where) from trigger words and the linked entities."""

    name: str = "events"
    requires: frozenset[str] = frozenset({"sentences", "tokens", "entities", "dates", "quotes"})
    assigns: frozenset[str] = frozenset({"events"})

    def __call__(self, doc: Analysis) -> Analysis:
        from warta.analyze.events import find_events

        found = []
        for field, index, text in _fields(doc.article):
            here = [
                (s, t) for s, t in zip(doc.sentences, doc.tokens, strict=True) if s.field == field and s.index == index
            ]
            found += find_events(
                text,
                [s for s, _ in here],
                [t for _, t in here],
                [m for m in doc.mentions if m.field == field and m.index == index],
                [d for d in doc.dates if d.field == field and d.index == index],
                [q for q in doc.quotes if q.field == field and q.index == index],
                field=field,
                index=index,
            )
        return replace(doc, events=tuple(found))


_FIELD_ORDER = {"title": 0, "description": 1, "caption": 2, "body": 3}


def _reading_order(mention: Mention) -> tuple[int, int, int]:
    return (_FIELD_ORDER.get(mention.field, 9), mention.index, mention.start)


def _published_day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


class Pipeline:
    """Stages in order, checked once: every stage's needs are met by the ones before it."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        available = {"article"}
        for stage in stages:
            missing = stage.requires - available
            if missing:
                raise ConfigurationError(
                    f"analysis stage {stage.name!r} needs {sorted(missing)}, which no earlier stage assigns; "
                    "reorder the stages"
                )
            available |= stage.assigns
        self.stages = tuple(stages)

    def __call__(self, article: Article) -> Analysis:
        doc = Analysis(article=article)
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def many(self, articles: Sequence[Article]) -> list[Analysis]:
        """Several articles, each stage over all of them before the next stage: the same analyses as
        calling the pipeline on each, faster. A stage with a ``many`` method (the entity tagger) is
        given all the articles at once."""
        docs = [Analysis(article=article) for article in articles]
        for stage in self.stages:
            batch = getattr(stage, "many", None)
            docs = batch(docs) if batch is not None else [stage(doc) for doc in docs]
        return docs


def default_pipeline(*, headline_case: bool = True) -> Pipeline:
    """The built-in stages, in order; ``headline_case=False`` tags the title as written (see :class:`Entities`)."""
    return Pipeline(
        [
            Segment(),
            Entities(headline_case=headline_case),
            KnownNames(),
            Dates(),
            Quantities(),
            Link(),
            Quotes(),
            Events(),
        ]
    )
