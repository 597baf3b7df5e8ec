"""Token features for the NER tagger: what the CRF sees of each token and its neighbours.

Per token: its lower-case form, a compressed word shape, a case class, prefixes and suffixes
(which catch Indonesian affixes such as di-, me-, ber-, -kan, -nya), cue-word classes (titles,
organisation and place words, speech verbs), the same for the words around it (two either
side), two word bigrams, the case of the token conjoined with the word before it ("di" +
capitalised is a strong place cue), the word clusters of the token and its neighbours
(``clusters.py``) and where the token falls in a gazetteer match or a match of the names seen
as entities in training (``names.py``).

Speed: everything that depends on the word alone is computed once per distinct word and kept
in a cache, as ready-made lists of feature strings for each position relative to the token
(own, one before, one after, two before, two after); the tagger goes one step further and
caches each word's weight sums (``tagger.Tagger``), so a sentence costs a handful of context
features per token plus one gazetteer pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from warta.lang.id.ner.lexicon import Cues, Gazetteer

# Cache entries are a few hundred bytes; this bounds the cache at a few tens of MB on an
# endless stream of new words (it is simply cleared when full).
MAX_CACHE = 200_000


def word_shape(word: str) -> str:
    """Compressed shape: ``Jakarta`` -> ``Xx``, ``PDI-P`` -> ``X-X``, ``2014`` -> ``d``."""
    out: list[str] = []
    last = ""
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if c != last:
            out.append(c)
            last = c
    return "".join(out)[:8]


def case_class(word: str) -> str:
    """``init`` (Jakarta), ``upper`` (DPR), ``mixed`` (iPhone, McDonald), ``lower``, ``digit`` or ``other``."""
    if word.isalpha():
        if word.islower():
            return "lower"
        if word.isupper():
            return "upper" if len(word) > 1 else "init"
        if word[0].isupper() and word[1:].islower():
            return "init"
        return "mixed"
    if word[:1].isdigit():
        return "digit"
    if word[:1].isupper():
        return "upper" if word.isupper() else "init"
    if any(ch.isalpha() for ch in word):
        return "lower" if word.islower() else "mixed"
    return "other"


class WordFeatures(NamedTuple):
    """What one word contributes, ready-made for each position relative to the tagged token."""

    own: list[str]
    before: list[str]  # the word is the one just before the token
    after: list[str]
    before2: list[str]  # two before
    after2: list[str]
    lower: str
    case: str


# A sentence's gazetteer matches and training-name matches, each as (start, end, kinds).
Matches = tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]

# Offsets of the word-level feature groups, in WordFeatures order (own, before, after, ...):
# group k of the word at position i applies to the token at i - OFFSETS[k].
OFFSETS = (0, -1, 1, -2, 2)


def left_context(prev: str | None, lower: str, case: str) -> list[str]:
    """A token's features with the word before it (``prev``, lower case; None at a sentence's start)."""
    if prev is None:
        return [f"-1w|w=<s>|{lower}", "bos", "bos|c=" + case]
    return [f"-1w|w={prev}|{lower}", f"-1w|c={prev}|{case}"]


def right_context(lower: str, following: str | None) -> list[str]:
    """A token's features with the word after it (lower case; None at a sentence's end)."""
    return ["eos"] if following is None else [f"w|+1w={lower}|{following}"]


def mark_matches(
    out: list[list[str]], gazetteer: list[tuple[int, int, str]], names: list[tuple[int, int, str]]
) -> list[list[str]]:
    """``out`` with the gazetteer's and the training names' marks added (most tokens get none)."""
    _mark(out, gazetteer, "g")
    _mark(out, names, "n")
    return out


def _mark(out: list[list[str]], matches: list[tuple[int, int, str]], prefix: str) -> None:
    """Add B-/I- features of each match to the tokens it covers, and to the tokens either side."""
    last = len(out) - 1
    for start, end, kinds in matches:
        for kind in kinds.split("|"):
            for k in range(start, end):
                tag = ("B-" if k == start else "I-") + kind
                out[k].append(prefix + "=" + tag)
                if k > 0:
                    out[k - 1].append("+1" + prefix + "=" + tag)
                if k < last:
                    out[k + 1].append("-1" + prefix + "=" + tag)


class FeatureExtractor:
    """Turns a sentence (a list of token strings) into one list of feature strings per token.

    Features come in two parts: word-level ones (:meth:`word`, cached per distinct word) and
    context ones that depend on the neighbours together (:meth:`context`: word bigrams, the
    previous word with this word's case, sentence edges, gazetteer matches). :meth:`sentence`
    joins both; the tagger may also use the parts separately (see ``tagger.Tagger``).
    """

    def __init__(
        self,
        cues: Cues,
        gazetteer: Gazetteer,
        clusters: Mapping[str, str] | None = None,
        names: Gazetteer | None = None,
    ) -> None:
        self.cues = cues
        self.gazetteer = gazetteer
        # Names seen as entities in training (``names.py``); training swaps in cross-fitted lists.
        self.names = names
        self.clusters: Mapping[str, str] = clusters or {}
        self._cache: dict[str, WordFeatures] = {}

    def word(self, word: str) -> WordFeatures:
        """The word-level features of one word, for each position it can take around a token."""
        entry = self._cache.get(word)
        if entry is not None:
            return entry
        lower = word.lower()
        shape = word_shape(word)
        case = case_class(word)
        cues = self.cues.classes(lower)
        own = [
            "b",
            "w=" + lower,
            "sh=" + shape,
            "c=" + case,
            "p2=" + lower[:2],
            "p3=" + lower[:3],
            "s2=" + lower[-2:],
            "s3=" + lower[-3:],
            "s4=" + lower[-4:],
        ]
        if len(word) == 1:
            own.append("len1")
        own += ["q=" + c for c in cues]
        # Cluster ids at each granularity (coarse to fine); words without one share "k=-".
        ids = self.clusters.get(lower)
        kl = [f"k{g}={k}" for g, k in enumerate(ids.split("|"))] if ids else ["k=-"]
        own += kl
        entry = WordFeatures(
            own,
            ["-1w=" + lower, "-1c=" + case, "-1sh=" + shape, *("-1q=" + c for c in cues), *("-1" + k for k in kl)],
            ["+1w=" + lower, "+1c=" + case, "+1sh=" + shape, *("+1q=" + c for c in cues), *("+1" + k for k in kl)],
            ["-2w=" + lower, *("-2q=" + c for c in cues)],
            ["+2w=" + lower, *("+2q=" + c for c in cues)],
            lower,
            case,
        )
        if len(self._cache) >= MAX_CACHE:
            self._cache.clear()
        self._cache[word] = entry
        return entry

    def words(self, tokens: Sequence[str]) -> list[WordFeatures]:
        """:meth:`word` of each token, read from the cache without a call where it is there already."""
        cached = self._cache.get
        return [cached(token) or self.word(token) for token in tokens]

    def matches(self, lowers: Sequence[str]) -> Matches:
        """The gazetteer's and the training names' longest matches over lower-cased tokens."""
        return self.gazetteer.match(lowers), self.names.match(lowers) if self.names is not None else []

    def context(self, words: Sequence[WordFeatures], matches: Matches | None = None) -> list[list[str]]:
        """The features of each token that depend on more than one word.

        ``matches`` are the sentence's :meth:`matches`, when the caller has them already.
        """
        n = len(words)
        out = [
            left_context(words[i - 1].lower if i else None, word.lower, word.case)
            + right_context(word.lower, words[i + 1].lower if i < n - 1 else None)
            for i, word in enumerate(words)
        ]
        gazetteer, names = matches if matches is not None else self.matches([w.lower for w in words])
        return mark_matches(out, gazetteer, names)

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """All features of every token of one sentence (word-level and context)."""
        words = [self.word(t) for t in tokens]
        n = len(words)
        out = self.context(words)
        for i, feats in enumerate(out):
            feats += words[i].own
            if i > 0:
                feats += words[i - 1].before
                if i > 1:
                    feats += words[i - 2].before2
            if i < n - 1:
                feats += words[i + 1].after
                if i < n - 2:
                    feats += words[i + 2].after2
        return out
