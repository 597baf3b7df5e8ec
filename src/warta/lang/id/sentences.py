"""Indonesian sentence splitter: sentence spans over the tokens of :mod:`warta.lang.id.tokens`.

``sentence_tokens(text)`` tokenizes once and returns each :class:`warta.model.Sentence` with its
tokens, so the NER stage does not tokenize again; ``sentences(text)`` returns the spans only.
A sentence runs from its first token's start to its last token's end (no surrounding spaces).

The rules:

- A blank line (a paragraph break in ``Article.text``) always ends a sentence. A single line
  break ends one too, unless the next line starts with a lowercase letter (a wrapped line).
- ``.`` ``!`` ``?`` ``…`` (and runs of them), plus the closing quotes and brackets right after
  them, end a sentence when the next token can start one: an uppercase letter, a letter of a
  caseless script, a digit, an opening quote or bracket. So ``“Kami siap.” kata dia.`` and
  ``“Kenapa?” tanya dia.`` stay one sentence with their attribution, and a capitalised speech
  verb after a closing quote (``“Siap!” Kata dia.``) continues it too. A lowercase word starts a
  sentence only after a bare full stop that follows a full word (``... Papua Barat. yang ...``,
  a missing capital; abbreviations are short). A straight quote opens the next sentence when it
  is glued to the word after it (``itu. "Kami``), and closes this one when glued to the mark
  before it (``itu." Kami``).
- Abbreviations keep their dot in the token ("Dr.", "No.", "Jl."): those written before a name
  or number never end a sentence; "dll.", "dkk.", "Tbk.", "S.H." and the like end one before a
  capitalised word or an opening quote (``data/abbreviations.toml``). Initials ("H. Agus",
  "B.J. Habibie") end one only before an opening quote or bracket ("kata F. “Yang ..."); a
  capital letter after a label word ("Grup A.") and I, V, X after a lowercase word ("kuartal I.",
  "di X.") are a label, a numeral or the platform X, and end a sentence like a full stop.
- Not ends: a list marker alone at the start of a sentence ("1.", "a.", "IV."), a full stop in
  a short bracket ("(Bl.)", "(SSK. II)"), a number broken by a space ("v9. 1", "2.904. 678").
- A sentence longer than :data:`MAX_TOKENS` tokens is cut, after a comma or semicolon when
  there is one in its last part, so text without any punctuation still comes out in
  sentences the NER tagger can take.

Everything is one pass over the tokens: linear in the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from warta.lang.id.tokens import IGNORED, abbreviations, tokenize
from warta.model import Sentence, Token

__all__ = ["MAX_TOKENS", "sentence_spans", "sentence_tokens", "sentences"]

# No sentence of UD Indonesian GSD, CSUI or PUD has more than 159 tokens and news sentences are
# shorter still, so a cut at 300 only touches text without sentence punctuation. A cut prefers
# the last comma or semicolon in the final 150 tokens of the over-long sentence.
MAX_TOKENS = 300
_CUT_WINDOW = 150

_TERMINAL_CHARS = frozenset(".!?…")
# Closing marks that belong to the sentence they follow. The straight quotes are ambiguous
# (opening or closing): see ``_opens``.
_CLOSERS = frozenset("”’)]}»")
_AMBIGUOUS_QUOTES = frozenset("\"'")
_QUOTES = frozenset("”’»\"'")
# Characters a sentence can start with besides letters that are not lowercase and digits.
_OPENERS = frozenset("“‘\"'([{«`•*")
_OPENING_BRACKETS = frozenset("([")
_OPENING_QUOTES = frozenset("“‘\"'«")
_CLOSING_BRACKETS = frozenset(")]")
# Speech verbs that continue a quotation's sentence when capitalised after its closing quote
# (lowercase words continue a sentence anyway). The list the issue names, plus a few common ones.
_SPEECH_VERBS = frozenset(
    form
    for verb in (
        "kata",
        "ujar",
        "ucap",
        "tutur",
        "ungkap",
        "jelas",
        "tegas",
        "imbuh",
        "tambah",
        "papar",
        "terang",
        "sebut",
        "tanya",
        "tulis",
        "lanjut",
        "sambung",
        "kilah",
        "pinta",
        "seru",
    )
    for form in (verb, verb + "nya")
)
_ROMAN_ONES = frozenset(("I.", "V.", "X."))
_LIST_MARKER = re.compile(r"(?:\d{1,3}|[A-Za-z]|[IVXivx]{1,5})")
_DOTTED_INITIALS = re.compile(r"(?:[^\W\d_]\.)+")
_LINE_BREAK = re.compile(f"\\n[\\s{IGNORED}]*")


def sentence_tokens(text: str, field: str = "body", index: int = 0) -> list[tuple[Sentence, list[Token]]]:
    """Each sentence of ``text`` with its tokens (``Sentence.tokens`` is their count)."""
    tokens = tokenize(text)
    if not tokens:
        return []
    starts = _sentence_starts(text, tokens)
    out: list[tuple[Sentence, list[Token]]] = []
    for first, last in zip(starts, [*starts[1:], len(tokens)], strict=True):
        chunk = tokens[first:last]
        out.append((Sentence(chunk[0].start, chunk[-1].end, field, index, len(chunk)), chunk))
    return out


def sentences(text: str, field: str = "body", index: int = 0) -> list[Sentence]:
    """The sentences of one field of an article (``field``/``index`` as in :class:`Sentence`)."""
    return [sentence for sentence, _ in sentence_tokens(text, field, index)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` character offsets of each sentence of ``text``."""
    return [(s.start, s.end) for s in sentences(text)]


def _sentence_starts(text: str, tokens: list[Token]) -> list[int]:
    """Indices of the tokens that start a sentence (``tokens`` not empty): 0 first, then ascending."""
    texts = [t.text for t in tokens]
    starts = _line_starts(text, tokens, texts)
    starts |= _punctuation_starts(tokens, texts, starts)
    starts.discard(0)
    starts.discard(len(tokens))
    return _cap_length([0, *sorted(starts)], texts)


def _line_starts(text: str, tokens: list[Token], texts: list[str]) -> set[int]:
    """Sentence starts at line breaks: every blank line, and single breaks before non-lowercase."""
    if "\n" not in text:
        return set()
    offsets = [t.start for t in tokens]
    out: set[int] = set()
    for match in _LINE_BREAK.finditer(text):
        i = bisect_left(offsets, match.end())
        if i >= len(tokens) or i == 0:
            continue
        if match.group().count("\n") > 1 or not texts[i][0].islower():
            out.add(i)
    return out


def _punctuation_starts(tokens: list[Token], texts: list[str], line_starts: set[int]) -> set[int]:
    """Sentence starts after terminal punctuation and sentence-final abbreviations."""
    abbr = abbreviations()
    n = len(tokens)
    out: set[int] = set()
    absorbed = 0  # tokens before this index were taken as closers of an earlier candidate
    for i in [i for i, t in enumerate(texts) if t[-1] in _TERMINAL_CHARS]:
        if i < absorbed:
            continue
        word = texts[i]
        if _is_stop(word):
            kind = _STOP
            if word == "." and (_list_marker(texts, i, out, line_starts) or _in_short_brackets(texts, i)):
                continue
        elif word in abbr.may_end:
            kind = _ABBREVIATION
        elif word in abbr.before_name or word[0].islower() or not _DOTTED_INITIALS.fullmatch(word):
            continue
        elif i > 0 and (
            (word in _ROMAN_ONES and texts[i - 1][0].islower())
            or (len(word) == 2 and texts[i - 1] in abbr.letter_labels)
        ):
            kind = _STOP  # "kuartal I.", "di X.", "Grup A.": a numeral or a label, not an initial
        else:
            kind = _INITIAL
        j, quoted = i + 1, False
        while j < n:
            nxt = texts[j]
            if j in line_starts or (nxt in _AMBIGUOUS_QUOTES and _opens(tokens, texts, j)):
                break  # a mark on the next line, or a quote opening the next sentence
            if _is_stop(nxt):
                kind = _STOP  # "(Capsicum annuum L.). Komoditas": the initial's bracket is closed
            elif nxt in _CLOSERS or nxt in _AMBIGUOUS_QUOTES:
                quoted = quoted or nxt in _QUOTES
            else:
                break
            j += 1
        absorbed = j
        if j < n and _starts_sentence(tokens, texts, i, j, kind, quoted):
            out.add(j)
    return out


_STOP, _ABBREVIATION, _INITIAL = range(3)


def _opens(tokens: list[Token], texts: list[str], j: int) -> bool:
    """Is the straight quote at ``j`` an opening one? Opening quotes are glued to the word after
    them and not to the token before: ``itu. "Kami`` opens, ``itu." Kami`` and ``ini? '" ujar`` close."""
    if tokens[j].start == tokens[j - 1].end:
        return False
    after = j + 1
    return after < len(tokens) and tokens[after].start == tokens[j].end and texts[after][0].isalnum()


def _is_stop(word: str) -> bool:
    return all(c in _TERMINAL_CHARS for c in word)


def _list_marker(texts: list[str], i: int, out: set[int], line_starts: set[int]) -> bool:
    """Is the token before the full stop at ``i`` a list marker ("1", "a", "IV") opening a sentence?"""
    first = i - 1
    at_start = first == 0 or first in out or first in line_starts
    return first >= 0 and at_start and _LIST_MARKER.fullmatch(texts[first]) is not None


def _in_short_brackets(texts: list[str], i: int) -> bool:
    """A full stop inside a bracket opened a few tokens before: "(Bl.)", "(SSK. II)", "(red.)"."""
    for k in range(i - 1, max(i - 5, -1), -1):
        if texts[k] in _CLOSING_BRACKETS:
            return False
        if texts[k] in _OPENING_BRACKETS:
            return True
    return False


def _starts_sentence(tokens: list[Token], texts: list[str], i: int, j: int, kind: int, quoted: bool) -> bool:
    """Does token ``j`` start a new sentence after the possible end at token ``i``?"""
    word = texts[j]
    first = word[0]
    if kind == _INITIAL:  # "H. Agus", "B.J. Habibie": only an opening quote or bracket follows a real end
        return first in _OPENERS
    if kind == _ABBREVIATION:  # "dll. Kemudian" ends; "Tbk. (BBNI)", "Co. Ltd." do not
        if first in _OPENING_QUOTES:
            return True
        return first.isalpha() and not first.islower() and word not in abbreviations().may_end
    glued = tokens[j].start == tokens[j - 1].end
    before = texts[i - 1] if i > 0 else ""
    if first.isdigit():
        # "v9. 1", "2.904. 678", "KM.10/7": a number broken by a space or a dot, not a new sentence.
        return not glued and not before[-1:].isdigit()
    if not first.isalpha():
        return first in _OPENERS
    if first.islower():
        # "... di Papua Barat. yang merupakan ...": a sentence typed without its capital, after a
        # full word (an unknown abbreviation is short). Not after "?", "!" or a closing quote,
        # where a lowercase word is the attribution ("“Kenapa?” tanya dia").
        return texts[i] == "." and not quoted and not glued and _full_word(before)
    if glued:
        # "itu.Dia", "(19/6/2025).Rudal" lost a space; "SSK.II", "Ph.D", "AS.Kemudian" are too
        # unsure: an acronym or a short capitalised word before, or no lowercase after.
        short_capital = before.isalpha() and len(before) <= 3 and before[0].isupper()
        return word[1:2].islower() and not short_capital
    return not (quoted and word.lower() in _SPEECH_VERBS)


def _full_word(word: str) -> bool:
    """A word too long to be an abbreviation, or a year."""
    return (word.isalpha() and len(word) >= 5) or (word.isdigit() and len(word) == 4)


def _cap_length(starts: list[int], texts: list[str]) -> list[int]:
    """Cut sentences longer than :data:`MAX_TOKENS`, preferably after a comma or semicolon."""
    out: list[int] = []
    for first, last in zip(starts, [*starts[1:], len(texts)], strict=True):
        out.append(first)
        while last - first > MAX_TOKENS:
            limit = first + MAX_TOKENS
            cut = limit
            for k in range(limit - 1, limit - _CUT_WINDOW, -1):
                if texts[k] in (",", ";"):
                    cut = k + 1
                    break
            out.append(cut)
            first = cut
    return out
