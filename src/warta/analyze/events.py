"""Events: who did what to whom, when and where, from trigger words and the entities around them.

For each sentence, the trigger lexicon (:mod:`warta.lang.id.eventwords`, data in
``lang/id/data/events.toml``) is matched over its tokens, longest phrase first. A trigger makes
one event of its type per sentence (a sentence reporting two arrests reports one arrest event
here), unless a negation ("tidak", "belum", "batal") comes right before it or it sits inside a
direct quote (what someone said happened is a quote, not a reported event).

Roles come from the sentence's linked entities. An active trigger ("Putin mengunjungi Korea
Utara") takes the nearest entity before it as the actor and the first after it as the target;
a passive one ("Gatot ditangkap oleh KPK") takes the entity before it as the target and the one
after "oleh" as the actor. The date is the resolved date in the sentence nearest the trigger;
the place a location written after "di" or "ke", else the target when it is a place and the
event is a visit.

Confidence (0-1): a strong trigger starts at 0.7, a weak one at 0.4; an actor found adds 0.15, a
date 0.05. Thresholds on it trade precision for recall (docs/benchmarks.md shows the curve on
the hand-annotated gold set).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import compress
from typing import Final

from warta.lang.id.aliases import match_form
from warta.lang.id.eventwords import Trigger, trigger_lexicon
from warta.model import Event, Mention, Quote, Sentence, TimeMention, Token

__all__ = ["find_events"]

# Confidence parts (see the module docstring); calibrated on the gold set so that 0.7 and above
# is mostly right and weak triggers without an actor fall below 0.5.
STRONG: Final = 0.7
WEAK: Final = 0.4
WITH_ACTOR: Final = 0.15
WITH_DATE: Final = 0.05
NEGATION_REACH: Final = 2  # words before a trigger a negation cancels it from
_PASSIVE_TYPES: Final = frozenset({"arrest", "appoint", "attack", "sanction", "accuse", "threaten", "support", "visit"})
_NAMED: Final = frozenset({"PER", "ORG", "LOC"})
_OBLIQUE: Final = frozenset({"di", "ke", "bagi", "kepada", "terhadap", "dengan", "antara", "untuk"})
_RECIPIENT_TYPES: Final = frozenset({"support", "sanction", "demand", "threaten", "accuse"})
_RECIPIENT_WORDS: Final = frozenset({"bagi", "kepada", "untuk", "terhadap"})
_VERB_PREFIXES: Final = ("me", "ber", "di", "ter", "bantu", "dukung")


def _is_passive(trigger: Trigger) -> bool:
    first = trigger.words[0]
    return trigger.type in _PASSIVE_TYPES and first.startswith("di") and len(first) > 5


def _name(mention: Mention | None) -> tuple[str | None, str | None]:
    if mention is None:
        return None, None
    return mention.key, mention.canonical or mention.text


def _roles(
    trigger: Trigger, start: int, end: int, text: str, mentions: Sequence[Mention]
) -> tuple[Mention | None, Mention | None]:
    before = [m for m in mentions if m.end <= start]
    after = [m for m in mentions if m.start >= end]
    by = [m for m in after if match_form(text[end : m.start]).split()[-1:] == ["oleh"]]
    if _is_passive(trigger):
        target = before[-1] if before else None
        # the agent follows "oleh", or the passive verb directly ("diperiksa KPK")
        direct = [m for m in after[:1] if len(match_form(text[end : m.start]).split()) == 0]
        return (by[0] if by else direct[0] if direct else None), target
    if by:  # "Usulan ini disampaikan oleh Menteri Luar Negeri Retno Marsudi"
        return by[0], before[-1] if before else None
    if not trigger.words[0].startswith(_VERB_PREFIXES):  # a noun: "surat perintah penangkapan yang dikeluarkan ICC"
        agent = _noun_agent(text, end, after)
        if agent is not None:
            return agent, _target(trigger, text, [m for m in (*before, *after) if m.key != agent.key], before, after)
    subjects = [m for m in before if not _oblique(text, m)]
    actor = next((m for m in reversed(subjects) if m.label in ("PER", "ORG")), subjects[-1] if subjects else None)
    others = [m for m in mentions if actor is None or m.key != actor.key]
    return actor, _target(trigger, text, others, before, after)


def _target(
    trigger: Trigger, text: str, others: Sequence[Mention], before: Sequence[Mention], after: Sequence[Mention]
) -> Mention | None:
    """Whom the event is done to: a recipient ("bagi Rusia"), a person for an arrest, else the next entity."""
    if trigger.type in _RECIPIENT_TYPES:
        recipients = [m for m in others if _preceded_by(text, m, _RECIPIENT_WORDS)]
        if recipients:
            return recipients[0]
    if trigger.type == "arrest":
        people = [m for m in others if m.label == "PER"]
        if people:
            return people[-1]
    keys = {m.key for m in others}
    return next((m for m in (*after, *reversed(before)) if m.key in keys), None)


def _preceded_by(text: str, mention: Mention, words: frozenset[str]) -> bool:
    before = match_form(text[max(0, mention.start - 10) : mention.start]).split()
    return bool(before) and before[-1] in words


def _oblique(text: str, mention: Mention) -> bool:
    """An entity after "di", "ke", "bagi", "kepada" ... is a place or a recipient, not the actor."""
    return _preceded_by(text, mention, _OBLIQUE)


def _noun_agent(text: str, end: int, after: Sequence[Mention]) -> Mention | None:
    """Who a noun trigger belongs to: "pasokan amunisi dari Korea Utara", "… yang dikeluarkan ICC"."""
    for mention in after[:2]:
        words = match_form(text[end : mention.start]).split()
        if len(words) <= 6 and words and (words[-1] == "dari" or (words[-1].startswith("di") and len(words[-1]) > 5)):
            return mention
    return None


def _place(text: str, end: int, mentions: Sequence[Mention], target: Mention | None, type_: str) -> str | None:
    places = [
        m for m in mentions if m.label == "LOC" and match_form(text[max(0, m.start - 4) : m.start]) in ("di", "ke")
    ]
    later = [m for m in places if m.start >= end]
    chosen = later[0] if later else (places[-1] if places else None)
    if chosen is None and type_ == "visit" and target is not None and target.label == "LOC":
        chosen = target
    return (chosen.canonical or chosen.text) if chosen else None


def _date(dates: Sequence[TimeMention], start: int, end: int, position: int) -> str | None:
    here = [d for d in dates if d.value and start <= d.start < end]
    if not here:
        return None
    return min(here, key=lambda d: abs(d.start - position)).value


def find_events(
    text: str,
    sentences: Sequence[Sentence],
    tokens: Sequence[Sequence[Token]],
    mentions: Sequence[Mention],
    dates: Sequence[TimeMention] = (),
    quotes: Sequence[Quote] = (),
    *,
    field: str = "body",
    index: int = 0,
) -> list[Event]:
    """The events reported in one field's sentences (``tokens`` aligned with ``sentences``)."""
    lexicon = trigger_lexicon()
    named = sorted((m for m in mentions if m.label in _NAMED), key=lambda m: m.start)
    starts = [m.start for m in named]
    quoted = sorted((q.start, q.end) for q in quotes if q.kind == "direct")
    quote_starts = [start for start, _ in quoted]
    ordered_dates = sorted((d for d in dates if d.value), key=lambda d: d.start)
    date_starts = [d.start for d in ordered_dates]
    events: list[Event] = []
    for sentence, words in zip(sentences, tokens, strict=True):
        forms = [match_form(t.text) or t.text for t in words]
        first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        here = [m for m in named[first:last] if m.end <= sentence.end]
        seen: set[str] = set()
        # Only a word that starts some trigger is tried (found in C: most words start none).
        for i in compress(range(len(forms)), map(lexicon.by_first_word.__contains__, forms)):
            trigger = lexicon.match(forms, i)
            if trigger is None or trigger.type in seen:
                continue
            if any(f in lexicon.negations for f in forms[max(0, i - NEGATION_REACH) : i]):
                continue
            start, end = words[i].start, words[i + len(trigger.words) - 1].end
            inside = bisect_right(quote_starts, start) - 1
            if inside >= 0 and quoted[inside][1] > start:
                continue
            seen.add(trigger.type)
            actor, target = _roles(trigger, start, end, text, here)
            here_dates = ordered_dates[
                bisect_left(date_starts, sentence.start) : bisect_left(date_starts, sentence.end)
            ]
            date = _date(here_dates, sentence.start, sentence.end, start)
            confidence = (
                (STRONG if trigger.strong else WEAK) + (WITH_ACTOR if actor else 0) + (WITH_DATE if date else 0)
            )
            actor_key, actor_name = _name(actor)
            target_key, target_name = _name(target)
            events.append(
                Event(
                    type=trigger.type,
                    trigger=text[start:end],
                    start=start,
                    end=end,
                    sentence_start=sentence.start,
                    sentence_end=sentence.end,
                    field=field,
                    index=index,
                    actor=actor_key,
                    actor_name=actor_name,
                    target=target_key,
                    target_name=target_name,
                    date=date,
                    place=_place(text, end, here, target, trigger.type),
                    confidence=round(min(confidence, 0.95), 2),
                )
            )
    return events
