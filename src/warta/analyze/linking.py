"""Entity linking within one article: mentions of one entity share a stable key and canonical name.

``link_mentions`` takes the PER/ORG/LOC mentions the NER model found in one article and returns
them with ``key`` and ``canonical`` filled, plus one :class:`~warta.model.Entity` per entity.
Nothing is shared between articles: the key is a deterministic slug of the kind and the
canonical name (``entity_key("PER", "Vladimir Putin") == "per:vladimir-putin"``), so two
articles that name the same entity the same way agree on it without a common store.

Rules, in order, for each mention (its text cleaned first: surrounding quotes and brackets,
clitics such as "-nya", and - for persons - leading titles such as "Presiden", "Menteri
Pertahanan", "Dr.", "Hj.", from ``[honorifics]`` in the alias table):

1. **Alias table** (``warta.lang.id.aliases``): an abbreviation, exonym or variant the table knows
   links to the table's canonical name, and the table's kind wins over the model's label
   ("KPK" tagged LOC becomes ORG "Komisi Pemberantasan Korupsi"; "AS" -> "loc:amerika-serikat").
2. **Acronyms defined in the article**: "Badan X (BX)" - one mention, or a name followed by an
   upper-case mention in brackets with the same first letter - makes later "BX" mentions join "Badan X".
3. **Short person names join the full name**: a PER name that is one word of a longer PER name in
   the article, or its first or last words ("Putin" -> "Vladimir Putin", "Kim" -> "Kim Jong Un"),
   links to that longest name. Names are compared in ``match_form`` with spaces removed, so "Kim
   Jong-un" = "Kim Jong Un" = "Kim Jongun". When a short name fits several full names, the one
   mentioned most recently before it wins; if none was mentioned before it, the most frequent
   one; if that is a tie, the short name is left as its own entity rather than guessed.
4. **Nicknames the article gives**: "Muhammad Buldansyah, … . Pria yang akrab disapa Dani ini
   mengatakan" or "Anna Surti Ariani yang akrab disapa Nina": the person named after "(yang) akrab
   / biasa disapa / dipanggil" is the person of the nearest full name before it in the same field
   (:func:`nickname_links`), and every mention of the nickname joins that person.
5. Otherwise the mention is its own entity, by kind and folded name. When the model gave one
   name different kinds in one article, the majority kind (ties: the first) is used for all.

The canonical name of an entity found in the article is its fullest spelling (most words, then
fewest words in capitals, then most frequent, then first): "Kim Jong Un" over "Kim Jong-un", and
"International Golden Institute" over the "INTERNATIONAL Golden Institute" of a shouted lead.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from warta.lang.id.aliases import AliasTable, Honorifics, default_aliases, match_form
from warta.model import FIELDS, Entity, Mention

__all__ = ["ENTITY_LABELS", "entity_key", "link_mentions", "nickname_links"]

ENTITY_LABELS = ("PER", "ORG", "LOC")

_EDGE_PUNCTUATION = " \t\r\n\"'“”‘’«»,;:!?"
_DEFINITION = re.compile(r"^(?P<name>.*\S)\s*\((?P<acronym>[^()]{1,15})\)$")
# Gap between a name and its bracketed acronym mention: "(" or " (".
_DEFINITION_GAPS = (1, 2)
# Shortest word of a full name a short person mention may stand for ("Un" yes, "J" no).
_MIN_NAME_WORD = 2
# "… yang akrab disapa Dani", "biasa dipanggil Nina": the name right after is a nickname.
_NICKNAME = re.compile(r"\b(?:akrab|biasa|kerap|sering)\s+(?:di(?:sapa|panggil))\s+", re.IGNORECASE)
# How far before the nickname phrase its full name may be, and how far after it the nickname starts.
_NICKNAME_REACH = 400
_NICKNAME_GAP = 5


def entity_key(label: str, name: str) -> str:
    """A stable key for an entity: ``"per:vladimir-putin"``, ``"loc:korea-utara"``.

    The slug is ``match_form(name)`` with spaces turned into hyphens, so spelling variants that
    fold together ("Kim Jong-un", "Kim Jong Un") share a key. A name with no letters or digits
    gets a short hash instead of an empty slug.
    """
    slug = match_form(name).replace(" ", "-")
    if not slug:
        slug = "x" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return f"{label.lower()}:{slug}"


def _compact(form: str) -> str:
    return form.replace(" ", "")


def _clean(text: str, honorifics: Honorifics) -> str:
    """The mention without surrounding punctuation, brackets that wrap it whole, and clitics."""
    name = text.strip(_EDGE_PUNCTUATION)
    while len(name) > 2 and name[0] + name[-1] in ("()", "[]", "{}"):
        name = name[1:-1].strip(_EDGE_PUNCTUATION)
    if name[:1] in "([{" and not any(c in name for c in ")]}"):
        name = name[1:].strip()
    if name[-1:] in ")]}" and not any(c in name for c in "([{"):
        name = name[:-1].strip()
    for suffix in honorifics.suffixes:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)].rstrip()
    return name


def _strip_titles(name: str, table: AliasTable) -> str:
    """A person's name without leading titles, and the offices or places right after a title."""
    honorifics = table.honorifics
    words = name.split()
    forms = [match_form(w) for w in words]
    i, after_title = 0, False
    while i < len(words) - 1:
        step = 0
        for n in range(min(honorifics.longest, len(words) - 1 - i), 0, -1):
            phrase = tuple(" ".join(forms[i : i + n]).split())
            if phrase in honorifics.titles:
                step, after_title = n, True
                break
            if after_title and (phrase in honorifics.offices or _is_place_or_body(table, words[i : i + n])):
                step = n
                break
        if not step:
            break
        i += step
    return " ".join(words[i:])


def _is_place_or_body(table: AliasTable, words: list[str]) -> bool:
    entry = table.lookup(" ".join(words))
    return entry is not None and entry.label != "PER"


def _contains(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether a short person name may stand for a full one (see rule 3 in the module docstring)."""
    if len(short) >= len(full):
        return False
    if len(short) == 1:
        return len(short[0]) >= _MIN_NAME_WORD and short[0] in full
    if full[: len(short)] == short or full[-len(short) :] == short:
        return True
    # First and last name kept, middle names dropped: "Susilo Yudhoyono" in "Susilo Bambang Yudhoyono".
    rest = iter(full)
    return short[0] == full[0] and short[-1] == full[-1] and all(word in rest for word in short)


_SUFFIX_LABELS = frozenset({"com", "co", "id", "net", "org", "go", "ac", "or", "web", "my", "tv", "news"})


def outlet_brand(site: str | None) -> str | None:
    """The name a site's host is built on: "hot.detik.com" -> "detik", "www.republika.co.id" -> "republika"."""
    labels = (site or "").lower().removeprefix("www.").split(".")
    while labels and labels[-1] in _SUFFIX_LABELS:
        labels.pop()
    return labels[-1] if labels and len(labels[-1]) >= 4 else None


def is_own_dateline(mention: Mention, body: str, site: str | None) -> bool:
    """Whether a mention is the publishing outlet naming itself in the body's dateline: "Liputan6.com"
    in "Liputan6.com, Jakarta - ..." of a liputan6 article, which the scraped text glued to the first
    sentence. One word that begins with the site's brand, at the body's start, followed by a comma or
    a dash. Elsewhere the outlet stays a name: it can act in the news ("Liputan6.com menemui ...")."""
    brand = outlet_brand(site)
    if brand is None or mention.field != "body" or mention.start > 40 or " " in mention.text.strip():
        return False
    if not "".join(c for c in mention.text.lower() if c.isalnum()).startswith(brand):
        return False
    return body[mention.end : mention.end + 3].lstrip().startswith((",", "-", "–", "—"))


def _shouted(spelling: str) -> int:
    """Words written in capitals: "INTERNATIONAL Golden Institute" loses to "International Golden Institute"."""
    return sum(1 for word in spelling.split() if len(word) > 1 and word.isalpha() and word.isupper())


@dataclass(slots=True, eq=False)  # groups are compared by identity
class _Group:
    """An entity while linking: its kind, name spellings and where it was mentioned."""

    label: str
    words: tuple[str, ...]  # match-form words of the fullest spelling
    canonical: str | None = None  # fixed by the alias table; otherwise chosen from ``spellings``
    spellings: Counter[str] = field(default_factory=Counter)
    positions: list[int] = field(default_factory=list)  # reading-order ranks of its own mentions

    def name(self) -> str:
        if self.canonical is not None:
            return self.canonical
        order = {s: i for i, s in enumerate(self.spellings)}
        return min(self.spellings, key=lambda s: (-len(s.split()), _shouted(s), -self.spellings[s], order[s]))


@dataclass(slots=True)
class _Linker:
    """The article's groups, one per kind and folded name (spaces removed: "Jong Un" = "Jongun")."""

    groups: dict[tuple[str, str], _Group] = field(default_factory=dict)

    def group(self, label: str, name: str, canonical: str | None = None) -> _Group:
        form = match_form(canonical or name)
        key = (label, _compact(form))
        found = self.groups.get(key)
        if found is None:
            found = self.groups[key] = _Group(label, tuple(form.split()), canonical)
        if len(form.split()) > len(found.words):
            found.words = tuple(form.split())
        return found


def _reading_order(mention: Mention) -> tuple[int, int, int]:
    rank = FIELDS.index(mention.field) if mention.field in FIELDS else len(FIELDS)
    return (rank, mention.index, mention.start)


def nickname_links(fields: Iterable[tuple[str, int, str]], mentions: Sequence[Mention]) -> dict[int, int]:
    """Nicknames the article introduces, as ``{nickname mention: full-name mention}`` (positions in
    ``mentions``), from each field's ``(field, index, text)``.

    The nickname is the PER mention starting right after "akrab disapa" (a title such as "Pak"
    may come between); its person is the nearest PER mention of two or more words ending before
    the phrase in the same field, at most :data:`_NICKNAME_REACH` characters back.
    """
    out: dict[int, int] = {}
    for field_name, index, text in fields:
        people = sorted(
            (i for i, m in enumerate(mentions) if m.label == "PER" and (m.field, m.index) == (field_name, index)),
            key=lambda i: mentions[i].start,
        )
        for phrase in _NICKNAME.finditer(text):
            nick = next((i for i in people if 0 <= mentions[i].start - phrase.end() <= _NICKNAME_GAP), None)
            full = next(
                (
                    i
                    for i in reversed(people)
                    if mentions[i].end <= phrase.start()
                    and phrase.start() - mentions[i].end <= _NICKNAME_REACH
                    and len(mentions[i].text.split()) >= 2
                ),
                None,
            )
            if nick is not None and full is not None:
                out[nick] = full
    return out


def link_mentions(
    mentions: Sequence[Mention], *, nicknames: Mapping[int, int] | None = None
) -> tuple[list[Mention], list[Entity]]:
    """Link one article's PER/ORG/LOC mentions: the same mentions (input order) with ``key`` and
    ``canonical`` set, and the entities in order of first mention. Other labels pass unchanged.

    ``nicknames`` maps a nickname's mention to its person's mention (:func:`nickname_links`)."""
    table = default_aliases()
    linker = _Linker()
    order = sorted(
        (i for i, m in enumerate(mentions) if m.label in ENTITY_LABELS), key=lambda i: _reading_order(mentions[i])
    )
    names: dict[int, str] = {}
    for i in order:
        text = _clean(mentions[i].text, table.honorifics)
        name = _strip_titles(text, table) if mentions[i].label == "PER" else text
        if match_form(name):
            names[i] = name
    labels = _majority_labels(mentions, names)
    acronyms = _defined_acronyms(mentions, names, order)

    assigned: dict[int, _Group] = {}
    for rank, i in enumerate(order):
        if i not in names:
            continue
        mention, name = mentions[i], names[i]
        label = labels[i]
        entry = table.lookup(mention.text.strip(_EDGE_PUNCTUATION)) or table.lookup(name)
        definition = _DEFINITION.match(name)
        if entry is None and definition:  # "Badan X (BX)" in one mention is "Badan X"
            name = definition.group("name")
            entry = table.lookup(name)
        if entry is None and _compact(match_form(name)) in acronyms:  # "BX" after "Badan X (BX)"
            label, name = acronyms[_compact(match_form(name))]
            entry = table.lookup(name)
        if entry is not None:
            group = linker.group(entry.label, entry.canonical, entry.canonical)
        else:
            group = linker.group(label, name)
            group.spellings[name] += 1
        group.positions.append(rank)
        assigned[i] = group

    _join_short_names(assigned, order)
    _join_nicknames(assigned, nicknames or {})
    return _results(mentions, names, assigned, order)


def _join_nicknames(assigned: dict[int, _Group], nicknames: Mapping[int, int]) -> None:
    """Rule 4: every mention of a nickname's own entity moves to the person it names."""
    for nick, full in nicknames.items():
        group, person = assigned.get(nick), assigned.get(full)
        if group is None or person is None or group is person or group.canonical is not None:
            continue
        if group.label != "PER" or person.label != "PER":
            continue
        for i, other in assigned.items():
            if other is group:
                assigned[i] = person
        person.positions.extend(group.positions)


def _majority_labels(mentions: Sequence[Mention], names: dict[int, str]) -> dict[int, str]:
    """The label each mention is grouped under: the majority label of its folded name."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for i, name in names.items():
        votes[_compact(match_form(name))][mentions[i].label] += 1
    out = {}
    for i, name in names.items():
        counts = votes[_compact(match_form(name))]
        best = max(counts.values())
        out[i] = next(label for label in counts if counts[label] == best)
    return out


def _defined_acronyms(
    mentions: Sequence[Mention], names: dict[int, str], order: list[int]
) -> dict[str, tuple[str, str]]:
    """Acronyms the article defines, "Badan X (BX)": compact acronym -> (label, full name)."""
    found: dict[str, tuple[str, str]] = {}

    def define(label: str, name: str, acronym: str) -> None:
        if acronym.isupper() and match_form(acronym) and match_form(name):
            found.setdefault(_compact(match_form(acronym)), (label, name))

    for i in order:
        if i in names and (m := _DEFINITION.match(names[i])):
            define(mentions[i].label, m.group("name"), m.group("acronym"))
    for before, after in itertools.pairwise(order):
        a, b = mentions[before], mentions[after]
        if (
            a.label != "PER"
            and before in names
            and after in names
            and (a.field, a.index) == (b.field, b.index)
            and b.start - a.end in _DEFINITION_GAPS
            and names[after][:1].upper() == names[before][:1].upper()
        ):
            define(a.label, names[before], names[after])
    return found


def _join_short_names(assigned: dict[int, _Group], order: list[int]) -> None:
    """Rule 3: move each short person mention to the full name it stands for, when that is clear."""
    people = {id(g): g for g in assigned.values() if g.label == "PER"}
    roots = [g for g in people.values() if not any(_contains(g.words, o.words) for o in people.values())]
    for rank, i in enumerate(order):
        group = assigned.get(i)
        if group is None or group.label != "PER" or group.canonical is not None or any(group is r for r in roots):
            continue  # not a person, a name the alias table settled, or already a full name
        candidates = [r for r in roots if _contains(group.words, r.words)]
        if not candidates:
            continue
        before = [
            (max(p for p in r.positions if p < rank), r) for r in candidates if any(p < rank for p in r.positions)
        ]
        if before:
            chosen = max(before, key=lambda pr: pr[0])[1]
        else:
            sizes = sorted(((len(r.positions), r) for r in candidates), key=lambda sr: -sr[0])
            if len(sizes) > 1 and sizes[0][0] == sizes[1][0]:
                continue  # two full names, equally likely: leave the short name alone
            chosen = sizes[0][1]
        assigned[i] = chosen
        chosen.positions.append(rank)


def _results(
    mentions: Sequence[Mention], names: dict[int, str], assigned: dict[int, _Group], order: list[int]
) -> tuple[list[Mention], list[Entity]]:
    """The linked mentions (input order) and the entities (order of first mention)."""
    out = list(mentions)
    seen: dict[str, tuple[_Group, list[str], int]] = {}
    named: dict[int, tuple[str, str]] = {}  # a group's canonical name and key, worked out once
    for i in order:
        group = assigned.get(i)
        if group is None:
            continue
        if id(group) not in named:
            name = group.name()
            named[id(group)] = name, entity_key(group.label, name)
        canonical, key = named[id(group)]
        m = mentions[i]
        out[i] = Mention(m.start, m.end, m.text, group.label, m.field, m.index, key=key, canonical=canonical)
        _, surfaces, count = seen.get(key, (group, [], 0))
        surface = " ".join(names[i].split())
        if surface != canonical and surface not in surfaces:
            surfaces.append(surface)
        seen[key] = (group, surfaces, count + 1)
    entities = [
        Entity(key=key, label=group.label, canonical=group.name(), aliases=tuple(surfaces), mentions=count)
        for key, (group, surfaces, count) in seen.items()
    ]
    return out, entities
