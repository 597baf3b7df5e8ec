"""Indonesian tokenizer: character-offset tokens for sentence splitting and the NER tagger.

``tokenize(text)`` returns :class:`warta.model.Token` spans with ``text == source[start:end]``.
It is one compiled regular expression with alternatives tried in order (``re.finditer``),
because the NER stage needs hundreds of thousands of tokens a second and a single regex scan
is the fastest thing Python offers. The alternatives, in order:

- plain words and numbers first (fast path: a word not followed by ``.``, ``@`` or ``://``
  cannot be anything more special, so most tokens never reach the later alternatives);
- URLs, e-mail addresses, bare domains ("Kompas.com"), @handles and #hashtags;
- abbreviations that keep their dot: the listed ones in ``data/abbreviations.toml`` ("Dr.",
  "dll.", "Tbk."), dotted forms ("S.H.", "M.Si.", "a.n.", "A.S.") and initials ("H. Agus");
- "Rp" glued to a number ("Rp1,5" is "Rp" "1,5", as UD Indonesian CSUI splits it);
- numbers with ``.``/``,``/``:`` inside ("3.016", "2,5", "08.00", "19:30") and slashes
  ("18/6/2024", "34/PMK.011/2007"), with glued letters ("5G", "1950-an");
- words with inner hyphens and apostrophes ("anak-anak", "Jong-un", "Jum'at", "ke-18"); clitics
  stay on their word ("katanya", "bukunya", "apakah"), as UD surface tokens do;
- runs of one punctuation mark ("...", "--", "!!", "``") and single symbols, emoji sequences
  (skin tones, ZWJ families, flags) as one token.

Number ranges ("2013-2014", "Rp40-50") split at the hyphen, and "20%" is "20" "%", following
UD Indonesian. Zero-width and direction marks, BOMs and control characters between tokens are
skipped like spaces (:data:`IGNORED`); soft hyphens and zero-width (non-)joiners inside a word
stay in it. Every other character of the input is covered by exactly one token.

Every alternative that can fail after reading ahead is bounded in length, so a 5 MB paragraph
of any shape is scanned in linear time.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from warta.lang.patterns import alternation
from warta.model import Token

__all__ = ["IGNORED", "Abbreviations", "abbreviations", "is_gap", "tokenize"]

# Characters skipped between tokens as if they were spaces: C0/C1 controls, soft hyphen,
# zero-width spaces and joiners, direction marks and embeddings, word joiner and invisible
# operators, variation selectors, byte-order mark. A regex character-class body.
IGNORED = (
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f\ufeff"
)
_GAP_CHAR = re.compile(f"[\\s{IGNORED}]")

# Combining marks (decomposed accents) continue a word instead of becoming symbols.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ef\ufe20-\ufe2f"
_W = f"[\\w{_MARKS}]"
_L = "[^\\W\\d_]"
# Joins two word parts into one token: hyphens, apostrophes, soft hyphen, zero-width joiners.
_JOIN = "[-\u2010\u2011'\u2019\u00ad\u200b\u200c\u200d\u2060]"
# A hyphenated "-nya" is split off ("PPh-nya" is "PPh" "-" "nya", as UD does), so the name stays
# whole; "ciptaan-Nya" (capital: God) stays one token, as in UD GSD.
_JOINED = f"(?:(?!-(?:nya|NYA)(?!\\w)){_JOIN}{_W}+)*"
_WORD = f"{_W}+{_JOINED}"
# Slashes join a plain number to what follows ("18/6/2024", "34/PMK.011/2007"); a number with
# separators does not ("Rp9.175/9.180" is a pair of rates).
_NUMBER = f"(?:\\d+(?:/\\w+(?:\\.\\w+)*)+|\\d+(?:[.,:]\\d+)*){_W}*(?:-{_L}{_W}*)*"
# Final character of a URL or a path: not trailing sentence punctuation or a closing bracket.
_URL_BODY = '[^\\s<>"“”‘’]{0,2000}[^\\s<>"“”‘’.,;:!?\'’)\\]}]'
_TLDS = (
    *("com", "net", "org", "info", "biz", "id", "io", "co", "tv", "news", "asia", "gov", "edu", "int"),
    *("uk", "au", "sg", "my", "jp", "tech", "online", "site", "xyz", "ly", "me", "app", "dev", "blog"),
)
_UPPER = "A-ZÀ-ÖØ-Þ"
# Emoji modifiers: variation selectors, skin tones, keycap, tag characters.
_EMOJI_MOD = "\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\u20e3\U000e0020-\U000e007f"
_SYMBOL = f"[^\\w\\s{IGNORED}]"
_EMOJI_TAIL = f"(?:[{_MARKS}{_EMOJI_MOD}]|\u200d{_SYMBOL})*"


@dataclass(frozen=True, slots=True)
class Abbreviations:
    """The listed abbreviations, each with its final dot ("Dr.", "dll.").

    ``before_name`` never end a sentence ("Dr. Budi", "No. 5"); ``may_end`` can ("dll. Lalu").
    ``letter_labels`` are the words after which a capital letter is a label ("Grup A."), not an
    initial.
    """

    before_name: frozenset[str]
    may_end: frozenset[str]
    letter_labels: frozenset[str]


@cache
def abbreviations() -> Abbreviations:
    """Load ``data/abbreviations.toml`` once, on first use."""
    raw = resources.files("warta.lang.id").joinpath("data", "abbreviations.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)

    def kind(name: str) -> frozenset[str]:
        return frozenset(f"{entry}." for group in data[name].values() for entry in group)

    return Abbreviations(
        before_name=kind("before_name"),
        may_end=kind("may_end"),
        letter_labels=frozenset(data["letter_labels"]["words"]),
    )


@cache
def _pattern() -> re.Pattern[str]:
    listed = abbreviations().before_name | abbreviations().may_end
    # Longest first, so "Drs." wins over "Dr." at the same position.
    listed_alt = alternation((a[:-1] for a in listed), space=None)
    # A listed abbreviation or an initial followed by another short dotted part is a longer
    # dotted form ("S.H.I.", "A.S."), left to the dotted alternative.
    not_more_dots = f"(?!{_L}{{1,3}}\\.)"
    alternatives = [
        # Fast path: plain words and numbers, and single punctuation marks.
        f"(?!Rp\\d)(?>{_L}{_W}*{_JOINED})(?![.@/&]|://)",
        "(?>\\d+(?:[.,:]\\d+)*)(?![/@\\w-])",
        '[,;:()\\[\\]{}"“”‘’«»%/&*+=<>|~^\\\\$€£¥°]',
        f"[\u2600-\u27bf\U0001f300-\U0001faff]{_EMOJI_TAIL}",
        # Web: URLs, e-mail addresses, bare domains, handles, hashtags.
        f"(?:(?:https?|ftp)://|www\\d{{0,3}}\\.){_URL_BODY}",
        "[\\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){1,8}",
        f"(?:[A-Za-z0-9][A-Za-z0-9-]{{0,62}}\\.){{1,6}}(?i:{alternation(_TLDS)})(?![\\w-])(?:/{_URL_BODY})?",
        "@\\w{1,30}(?:\\.\\w{1,30}){0,4}",
        f"#\\d*{_L}{_W}*",
        # Abbreviations that keep their dot.
        f"(?:{listed_alt})\\.{not_more_dots}",
        f"{_L}{{1,2}}(?:\\.{_L}{{1,3}}){{1,7}}\\.",
        f"[{_UPPER}](?:\\.{_L}{{1,3}}){{1,7}}(?![\\w.])",
        # Not after a number: "2 C." is a unit, "abad ke-6 M." an era.
        f"(?<!\\d )[{_UPPER}]\\.{not_more_dots}",
        # Short forms with a slash or an ampersand: "II/2024" (a quarter), "s/d", "a/n", "E&P".
        "[IVX]{1,4}/\\d{2,4}(?![\\w/])|[A-Za-z]/[A-Za-z](?![\\w/])|[A-Z]{1,3}&[A-Z]{1,3}(?!\\w)",
        # Currency glued to a number, signed numbers after a space ("-4,9 persen"), numbers, words.
        "Rp(?=\\d)",
        "(?<![\\w.,])[-−]\\d+(?:[.,]\\d+)*",
        _NUMBER,
        _WORD,
        # Punctuation runs, flags, emoji sequences and any other symbol.
        "\\.{2,}|-{2,}|`{2,}|'{2,}|[!?]{2,}|…+",
        "[\U0001f1e6-\U0001f1ff]{2}",
        f"{_SYMBOL}{_EMOJI_TAIL}",
    ]
    # Gaps are matched too (and dropped by ``tokenize``): a failed try of every alternative at
    # each space would cost more than matching the whole gap at once.
    return re.compile(f"[\\s{IGNORED}]++|(" + "|".join(alternatives) + ")")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens with character offsets (``token.text == text[start:end]``)."""
    return [Token(m.start(1), m.end(1), m.group(1)) for m in _pattern().finditer(text) if m.lastindex]


def is_gap(char: str) -> bool:
    """True for a character that tokens skip: whitespace or one of :data:`IGNORED`."""
    return _GAP_CHAR.match(char) is not None
