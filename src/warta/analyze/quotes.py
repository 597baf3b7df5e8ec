"""Quotes and their speakers: direct quotes between marks, and indirect speech.

For each field, in reading order:

1. Quotation marks are paired (:mod:`warta.analyze.quotemarks`).
2. A quotation's attribution is read after it ("…,” kata X" / "…,” ujarnya"), or before it
   ("X mengatakan, “…”" / "Kata X, “…”"). A quotation with no attribution of its own continues
   the last speaker when it follows closely (a paragraph that is only a quote, or the quote
   after "X menyampaikan, …"). A short quotation inside a sentence that has none is a term or a
   partial quote ("membantu militer Rusia “bangkit kembali”"), not a quote of its own: it stays
   inside the indirect speech around it.
3. Indirect speech: "X mengatakan (bahwa) …", "X menegaskan, …", "Menurut X, …" and "…, kata X."
   with no marks. The clause is what was said.
4. Speakers: the entity named in the attribution; a pronoun or "-nya" cue is the last speaker
   named; a bare title ("kata Presiden") is the person last written with that title; a name the
   model missed is looked up among the article's people by any of its words.

Everything is one pass over the field with bounded look-around, so 500 quotes or an unbalanced
mark cost linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, islice
from typing import Final

from warta.analyze.quotemarks import Quotation, find_quotations, paragraph_spans
from warta.analyze.speakers import People, Speaker, phrase_after, subject_before
from warta.lang.id.aliases import match_form
from warta.lang.id.speech import speech_cues
from warta.model import Mention, Quote, Sentence

__all__ = ["find_quotes"]

_CUE_AFTER: Final = re.compile(r"[\s,.—–-]*([^\W\d_][\w’'-]*)")
_LEAD_VERB: Final = re.compile(r"([^\W\d_][\w’'-]*)\s*[:,]?\s*$")
_LEAD_KATA: Final = re.compile(r"(?:^|[\s(])([Kk]ata|[Uu]jar|[Mm]enurut)\s+([^“”\"„]{1,120}?)\s*[,:]\s*$")
_WORD: Final = re.compile(r"[^\W\d_][\w’'-]*")
# An ellipsis that ends the quotation's paragraph or is glued to what follows: a feed lead cut
# mid-sentence ("Jika ..." as the last words of an item's description; "Jika ...http://…" when a
# feed was read as HTML and its link ran on).
_CUT: Final = re.compile(r"(?:\.\.\.|…)(?:\S|$)")
# How far after a closing mark its attribution may sit (characters): "…,” kata juru bicara
# Dewan Keamanan Nasional AS, John Kirby" fits; longer tails are the next sentence.
ATTRIBUTION_REACH: Final = 220
# A quotation of at most this many words, inside a sentence and without an attribution, is a
# term or a partial quote ("bangkit kembali", “lockdown”); counted on the bundled pages, where
# real unattributed quotes run to whole sentences.
PARTIAL_MAX_WORDS: Final = 8
# A quotation with no attribution, of at least this many words, this share of them capitalised and
# no sentence end, is a title ("seminar daring “Digital Lending untuk Membantu UMKM”"), not speech:
# set from the seminar and webinar titles among PFSA-ID dev's false positives, where Indonesian
# function words ("untuk", "dalam", "dan") keep titles near 0.8.
TITLE_MIN_WORDS: Final = 3
TITLE_CASE_SHARE: Final = 0.7

# Only the end of the text before a quotation can hold its lead-in ("Kata X, “…”", "X
# mengatakan: “…”"): a subject and a verb fit in this many characters (48 words).
LEAD_REACH: Final = 400

# What may come between a headline's first clause and its speaker: a comma, then up to two
# capitalised words of a title ("Bantu Andun Bangun Rumah, Kapolres Guntur: …").
_AFTER_COMMA: Final = re.compile(r",(?:\s+[A-Z][\w.]*){0,2}$")
# A headline's "X: …" says at most this many words after the colon, with at most this many commas
# (more is a list: a line-up, a set of results).
HEADLINE_WORDS: Final = 20
HEADLINE_COMMAS: Final = 2

# Confidence of an attribution, by how the speaker was found (ordered by how often each way was
# right on PFSA-ID dev and the bundled pages: a name after the cue is nearly always right,
# a continued speaker less so).
CONFIDENCE: Final = {
    "named": 0.9,
    "subject": 0.85,
    "pronoun": 0.75,
    "title": 0.7,
    "continued": 0.6,
    "unlinked": 0.5,
    "unknown": 0.2,
}


@dataclass(slots=True)
class _Memory:
    """The speakers seen so far in a field, for pronouns, titles and continued quotes."""

    last: Speaker | None = None
    last_end: int = -1  # where the last attributed speech ended


class _FieldQuotes:
    def __init__(self, text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention], field_: str, index: int):
        self.text = text
        self.field = field_
        self.index = index
        # Without sentences (a caller that did not segment), paragraphs stand in for them.
        self.sentences = sorted((s.start, s.end) for s in sentences) or paragraph_spans(text)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.mentions = sorted((m for m in mentions if m.label in ("PER", "ORG", "LOC")), key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.people = People(self.mentions)
        self.paragraphs = paragraph_spans(text)
        self.paragraph_starts = [s for s, _ in self.paragraphs]
        self.cues = speech_cues()
        self.memory = _Memory()
        self.quotes: list[Quote] = []

    def sentence_at(self, position: int) -> tuple[int, int]:
        i = bisect_right(self.sentence_starts, position) - 1
        if i < 0:
            return (0, len(self.text))
        return self.sentences[i]

    def paragraph_at(self, position: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, position) - 1)

    # -- speakers -------------------------------------------------------------------------------------

    def speaker_fields(self, speaker: Speaker | None, how: str, position: int) -> tuple[dict[str, object], float]:
        """Quote fields for a speaker and the confidence, resolving pronouns and titles."""
        if speaker is None:
            return {}, CONFIDENCE["unknown"]
        mention = speaker.mention
        role, affiliation = speaker.role, speaker.affiliation
        if speaker.pronoun:
            last = self.memory.last
            if last is None:  # no speaker yet: the pronoun stands for the last person named
                person = self.people.last_before(position)
                last = Speaker(text=person.text, mention=person) if person else None
            if last is None or (last.mention is None and not last.text):
                return {"speaker_text": speaker.text}, CONFIDENCE["unknown"]
            mention, how = last.mention, "pronoun"
            role, affiliation = role or last.role, affiliation or last.affiliation
            if mention is None:
                return self._unlinked(last, role, affiliation, speaker.text), CONFIDENCE["unlinked"]
        elif mention is None and speaker.title:
            mention = self.people.by_title(speaker.title, self.text, position)
            how, role = "title", role or speaker.title
        elif mention is None:
            mention = self.people.by_name(speaker, position) or self.people.by_name(speaker, None)
            how = "unlinked" if mention is None else how
        if mention is None:
            return self._unlinked(speaker, role, affiliation, speaker.text), CONFIDENCE[
                "unknown" if speaker.title else "unlinked"
            ]
        self.memory.last = Speaker(text=speaker.text, mention=mention, role=role, affiliation=affiliation)
        return {
            "speaker": mention.key,
            "speaker_name": mention.canonical or mention.text,
            "speaker_label": mention.label,
            "speaker_text": speaker.text,
            "role": role,
            "affiliation": affiliation,
        }, CONFIDENCE[how]

    def _unlinked(
        self, speaker: Speaker, role: str | None, affiliation: str | None, written: str | None
    ) -> dict[str, object]:
        if speaker.title is None:
            self.memory.last = Speaker(text=speaker.text, role=role, affiliation=affiliation)
        return {
            "speaker_name": None if speaker.title else speaker.text,
            "speaker_text": written,
            "role": role,
            "affiliation": affiliation,
        }

    def add(
        self, start: int, end: int, kind: str, cue: str | None, fields_: dict[str, object], confidence: float
    ) -> None:
        while end > start and self.text[end - 1] in " ,.\n":
            end -= 1
        while start < end and self.text[start].isspace():
            start += 1
        if _WORD.search(self.text, start, end) is None:  # nothing said: "X mengatakan: “…”" leaves only ":"
            return
        quote = Quote(
            start,
            end,
            self.text[start:end],
            kind,
            self.field,
            self.index,
            cue,
            confidence=round(confidence, 2),
            **fields_,  # type: ignore[arg-type]
        )
        self.quotes.append(quote)
        self.memory.last_end = max(self.memory.last_end, end)

    # -- direct quotes --------------------------------------------------------------------------------

    def attribution_after(self, q: Quotation, limit: int) -> tuple[str, Speaker | None, int] | None:
        match = _CUE_AFTER.match(self.text, q.end, limit)
        if match is None:
            return None
        word = match.group(1)
        kind = self.cues.cue_kind(word)
        if kind in ("after", "suffixed"):
            if kind == "suffixed":
                return word, Speaker(text=word, pronoun=True), match.end()
            speaker, end = phrase_after(self.text, match.end(), limit, self.mentions)
            return word, speaker, end
        # "…,” Kirby menambahkan." : a name, then a speech verb
        sentence_end = self.sentence_at(q.end)[1]
        for verb in _WORD.finditer(self.text, match.start(1), min(limit, max(sentence_end, q.end + 1))):
            if self.cues.cue_kind(verb.group()) in ("reporting", "after", "suffixed"):
                speaker = subject_before(self.text, match.start(1), verb.start(), self.mentions)
                if speaker is not None and (speaker.mention is not None or speaker.pronoun):
                    return verb.group(), speaker, verb.end()
                return None
            if verb.start() - match.start(1) > 80:
                break
        return None

    def attribution_before(self, q: Quotation, floor: int) -> tuple[str, Speaker | None] | None:
        lead_start = max(floor, self.sentence_at(q.start)[0] if q.start > 0 else 0, q.start - LEAD_REACH)
        lead = self.text[lead_start : q.start]
        kata = _LEAD_KATA.search(lead)
        if kata:
            start = lead_start + kata.start(2)
            speaker, _ = phrase_after(self.text, start, lead_start + kata.end(2), self.mentions)
            return kata.group(1), speaker
        verb = _LEAD_VERB.search(lead)
        if verb and self.cues.cue_kind(verb.group(1)) in ("reporting", "after"):
            speaker = subject_before(self.text, lead_start, lead_start + verb.start(1), self.mentions)
            return verb.group(1), speaker
        return None

    def is_partial(self, q: Quotation) -> bool:
        """A short quotation inside a sentence: a term or a partial quote, not a quote of its own."""
        words = len(_WORD.findall(self.text, q.inner_start, q.inner_end))
        if words > PARTIAL_MAX_WORDS:
            return False
        sentence_start = self.sentence_at(q.start)[0]
        position = q.start
        while position > sentence_start and self.text[position - 1].isspace():
            position -= 1
        inner = self.text[q.inner_start : q.inner_end].rstrip()
        return position > sentence_start or not inner.endswith((".", "!", "?", ","))

    def is_named_title(self, q: Quotation) -> bool:
        """A title announced by the word before it: "seminar bertajuk “…”", "khotbah yang bertema “…”"."""
        lead = self.text[max(self.sentence_at(q.start)[0], q.start - 40) : q.start]
        words = _WORD.findall(lead)
        return (
            bool(words)
            and not lead[lead.rfind(words[-1]) + len(words[-1]) :].strip()
            and (words[-1].casefold() in self.cues.title_words)
        )

    def is_title_case(self, q: Quotation) -> bool:
        """Words mostly capitalised and no sentence end: the title of a seminar, a book, a programme."""
        inner = self.text[q.inner_start : q.inner_end].rstrip()
        words = _WORD.findall(inner)
        if len(words) < TITLE_MIN_WORDS or not words[0][:1].isupper() or inner.endswith((".", "!", "?", ",")):
            return False
        return sum(1 for w in words if w[:1].isupper()) >= TITLE_CASE_SHARE * len(words)

    def run(self) -> None:
        """Quotations and sentences in reading order, so each attribution sees the speakers before it.

        A sentence's speech before its first quotation is read first: "X menyatakan, … . ”…,”
        katanya" needs X before the quote. A term or partial quote does not cut the sentence.
        """
        quotations = find_quotations(self.text)
        covered_end = -1  # the end of the last direct quote with its attribution: spans come in reading order
        done = 0
        for start, end in self.sentences:
            upto = done
            while upto < len(quotations) and quotations[upto].start < end:
                upto += 1
            pending = range(done, upto)
            boundary = next((quotations[n].start for n in pending if not self.is_term(quotations, n)), end)
            if boundary > start and covered_end <= start:
                self.indirect_in(start, boundary)
            for _ in pending:
                span = self.direct(quotations, done)
                if span is not None:
                    covered_end = max(covered_end, span[1])
                done += 1
        while done < len(quotations):  # a field without sentences (only quotes)
            self.direct(quotations, done)
            done += 1

    def is_term(self, quotations: Sequence[Quotation], number: int) -> bool:
        """A term or partial quote: short, inside a sentence, with no attribution of its own."""
        q = quotations[number]
        if self.is_named_title(q):
            return True
        if not (self.is_partial(q) or self.is_title_case(q)):
            return False
        limit = quotations[number + 1].start if number + 1 < len(quotations) else len(self.text)
        if q.closed and self.attribution_after(q, min(limit, q.end + ATTRIBUTION_REACH)) is not None:
            return False
        return self.attribution_before(q, quotations[number - 1].end if number > 0 else 0) is None

    def direct(self, quotations: Sequence[Quotation], number: int) -> tuple[int, int] | None:
        """A direct quote from quotation ``number``; returns the span it and its attribution cover."""
        q = quotations[number]
        if self.is_named_title(q):
            return None
        following = quotations[number + 1].start if number + 1 < len(quotations) else len(self.text)
        previous_end = quotations[number - 1].end if number > 0 else 0
        paragraph = self.paragraphs[self.paragraph_at(q.end)] if self.paragraphs else (0, len(self.text))
        limit = min(following, paragraph[1], q.end + ATTRIBUTION_REACH)
        after = self.attribution_after(q, limit) if q.closed else None
        before = None if after else self.attribution_before(q, previous_end)
        if after is None and before is None and (self.is_partial(q) or self.is_title_case(q)):
            return None
        if after is not None:
            cue, speaker, end = after
            fields_, confidence = self.speaker_fields(speaker, "named", q.start)
            span = (q.start, end)
        elif before is not None:
            cue, speaker = before
            fields_, confidence = self.speaker_fields(speaker, "subject", q.start)
            span = (self.sentence_at(q.start)[0], q.end)
        else:
            cue = None
            fields_, confidence = self.continued(q)
            if not q.closed and not fields_ and _CUT.search(self.text, q.inner_start, q.inner_end):
                return None  # a feed's lead cut mid-quote ("Jika ..."): its words and speaker are lost
            span = (q.start, q.end)
        if not q.closed:
            confidence *= 0.5
        self.add(q.inner_start, q.inner_end, "direct", cue, fields_, confidence)
        return span

    def continued(self, q: Quotation) -> tuple[dict[str, object], float]:
        """A quotation with no attribution: the last speaker's, when the last speech was close."""
        last = self.memory.last
        if last is None or self.memory.last_end < 0:
            return {}, CONFIDENCE["unknown"]
        gap = self.paragraph_at(q.start) - self.paragraph_at(self.memory.last_end)
        sentences_between = max(
            0, bisect_left(self.sentence_starts, q.start) - bisect_right(self.sentence_starts, self.memory.last_end)
        )
        if gap > 1 or sentences_between > 2:
            return {}, CONFIDENCE["unknown"]
        fields_, _ = self.speaker_fields(last, "continued", q.start)
        return fields_, CONFIDENCE["continued"]

    # -- indirect speech ------------------------------------------------------------------------------

    def _is_connective(self, word: re.Match[str], following: re.Match[str]) -> bool:
        """A sentence's first word before "menurut" that only links it to the last one ("Tapi", "Namun,")."""
        between = self.text[word.end() : following.start()]
        named = any(m.start < word.end() and word.start() < m.end for m in self.mentions)
        return not named and not between.strip(" ,") and word.group()[:1].isupper()

    def headline_speaker(self, start: int, end: int) -> tuple[Mention, int] | None:
        """A sentence written as a headline's "X: …" ("Kamrussamad: PPKM Darurat Dihentikan, …"; after
        a first clause and a comma: "Roma Menang Dramatis, Garcia: …", "…, Kapolres Guntur: …"): the
        person or organisation right before the sentence's first colon, and the colon's position."""
        colon = self.text.find(":", start, end)
        if colon < 0:
            return None
        number = bisect_left(self.mention_starts, colon) - 1
        if number < 0 or self.text[self.mentions[number].end : colon].strip():
            return None
        mention = self.mentions[number]
        if mention.label not in ("PER", "ORG") or mention.start < start:
            return None
        opening = self.text[start : mention.start].strip()
        # The name opens the sentence, or follows a comma and at most a title of two words
        if opening and not _AFTER_COMMA.search(opening):
            return None
        if match_form(mention.text) in self.cues.headline_labels:
            return None  # "OPINI: …", "Fun fact: …": a rubric
        statement = self.text[colon + 1 : end].rstrip()
        said = _WORD.findall(statement)
        # A headline: a few words, capitalised, no full stop at the end, not a list ("Klub: A, B, C, D")
        if not said or len(said) > HEADLINE_WORDS or not said[0][:1].isupper():
            return None
        if (statement.endswith(".") and not statement.endswith("..")) or statement.count(",") > HEADLINE_COMMAS:
            return None
        return mention, colon

    def indirect_in(self, start: int, end: int) -> None:
        words = list(_WORD.finditer(self.text, start, end))
        if not words:
            return
        headline = self.headline_speaker(start, end)
        if headline is not None:
            mention, colon = headline
            fields_, confidence = self.speaker_fields(Speaker(text=mention.text, mention=mention), "named", start)
            self.add(colon + 1, end, "indirect", ":", fields_, confidence)
            return
        opener = words[0]
        if len(words) > 1 and words[1].group() == "menurut" and self._is_connective(words[0], words[1]):
            opener = words[1]  # "Tapi menurut Google, …", "Namun, menurut Andi, …"
        if opener.group().casefold() == "menurut":
            comma = self.text.find(",", opener.end(), end)
            if comma > 0:
                speaker, _ = phrase_after(self.text, opener.end(), comma, self.mentions)
                if speaker is not None:
                    fields_, confidence = self.speaker_fields(speaker, "subject", start)
                    self.add(comma + 1, end, "indirect", opener.group(), fields_, confidence)
                return
        lows = [word.group().casefold() for word in words]
        # Only the words that are reporting verbs are looked at (picked out in C).
        for k in compress(range(1, len(words)), map(self.cues.reporting.__contains__, islice(lows, 1, None))):
            word, low = words[k], lows[k]
            nxt = self.text[word.end() : word.end() + 8].lstrip()
            if low not in self.cues.indirect and not (nxt.startswith(",") or nxt.casefold().startswith("bahwa")):
                continue
            speaker = subject_before(self.text, start, word.start(), self.mentions)
            if speaker is None or (speaker.mention is None and not speaker.pronoun):
                return
            clause = word.end()
            rest = self.text[clause:end]
            skipped = re.match(r"\s*,?\s*(?:bahwa\s+)?", rest, re.IGNORECASE)
            clause += skipped.end() if skipped else 0
            fields_, confidence = self.speaker_fields(speaker, "subject", start)
            self.add(clause, end, "indirect", word.group(), fields_, confidence)
            return
        after, suffixed = self.cues.after, self.cues.suffixed
        if self.cue_inside(start, end, words, lows):
            return
        # "…, kata X." with no marks
        for word, low in zip(reversed(words[-8:]), reversed(lows[-8:]), strict=True):
            # cue_kind(word) == "after", from the folded word already at hand
            if low in after and low not in suffixed and self.text[start : word.start()].rstrip().endswith(","):
                speaker, _ = phrase_after(self.text, word.end(), end, self.mentions)
                if speaker is not None and speaker.mention is not None:
                    fields_, confidence = self.speaker_fields(speaker, "named", start)
                    self.add(start, word.start(), "indirect", word.group(), fields_, confidence)
                return

    def comma_before(self, start: int, position: int) -> bool:
        """Whether a comma comes right before ``position`` (spaces between), not before ``start``.
        Only a few characters are read, so a huge sentence is not copied for every word."""
        return self.text[max(start, position - 8) : position].rstrip().endswith(",")

    def cue_inside(self, start: int, end: int, words: list[re.Match[str]], lows: list[str]) -> bool:
        """ "Dengan catatan, kata Kamrussamad, saat peringatan …": a cue and its speaker set off by
        commas inside the sentence; what was said is the rest of the sentence after them. The cue
        is an after-cue with a named speaker ("kata X"), or a -nya form ("lanjutnya", "menurutnya")
        standing for the last speaker. Returns whether it added a quote."""
        after, suffixed = self.cues.after, self.cues.suffixed
        for word, low in zip(words[1:], lows[1:], strict=True):
            pronoun = low in suffixed or low == "menurutnya"
            if not (pronoun or low in after) or not self.comma_before(start, word.start()):
                continue
            comma = self.text.find(",", word.end(), end)  # the speaker phrase ends at the next comma
            if comma < 0:
                continue
            if pronoun:
                speaker: Speaker | None = Speaker(text=word.group(), pronoun=True)
                phrase_end = word.end()
            else:
                speaker, phrase_end = phrase_after(self.text, word.end(), comma, self.mentions)
                if speaker is None or speaker.mention is None:
                    continue
            if self.text[phrase_end:comma].strip():  # the phrase stopped short of the comma: not "kata X,"
                continue
            said = _WORD.search(self.text, comma + 1, end)
            if said is None or not said.group()[:1].islower():  # the sentence goes on after the cue
                continue
            fields_, confidence = self.speaker_fields(speaker, "named" if not pronoun else "pronoun", start)
            self.add(comma + 1, end, "indirect", word.group(), fields_, confidence)
            return True
        return False


def find_quotes(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention], *, field: str = "body", index: int = 0
) -> list[Quote]:
    """The quotes of one field: direct and indirect, with speakers, in reading order."""
    if not text:
        return []
    finder = _FieldQuotes(text, sentences, mentions, field, index)
    finder.run()
    return sorted(finder.quotes, key=lambda q: q.start)
