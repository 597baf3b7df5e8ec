"""Near-duplicates and stories during an ingest run, in the writing process.

Each new article is compared with the recent ones (:class:`warta.dedup.DuplicateIndex`): a
syndicated copy is stored as a duplicate of the first copy. Every canonical article is then
placed in a story (:class:`warta.stories.StoryClusterer`), and the store records the story. A run
starts by reading the most recently stored articles back into both, so copies and stories carry
on across runs; how many is :data:`WARM_ARTICLES` (a bound on start-up time: fingerprints are
not stored yet, so warming costs about 2 ms an article). Before each article, :meth:`Grouper.catch_up`
reads in what other writers (a second ingest, the server's POST /api/pages) stored meanwhile, so a
long-lived grouper stays in step with the store.
"""

from __future__ import annotations

from warta.dedup import DedupSettings, DuplicateIndex, Fingerprint, fingerprint
from warta.extract.dates import to_utc
from warta.model import Analysis, Article
from warta.store import Store
from warta.store.records import StoredArticle
from warta.stories import StoryClusterer, StorySettings

__all__ = ["WARM_ARTICLES", "Grouper"]

WARM_ARTICLES = 500


def _time(stored: StoredArticle) -> str:
    moment = to_utc(stored.article.published) if stored.article.published else None
    return moment.isoformat() if moment else ""


class Grouper:
    """The duplicate index and the story clusterer of one ingest run."""

    def __init__(
        self,
        store: Store,
        *,
        dedup: DedupSettings | None = None,
        stories: StorySettings | None = None,
        warm: int = WARM_ARTICLES,
    ) -> None:
        self.store = store
        self.index = DuplicateIndex(dedup)
        # Workers make fingerprints with the default settings: usable here only when these are they.
        self._worker_prints = self.index.settings == DedupSettings()
        self.clusterer = StoryClusterer(stories)
        # Every article with an id up to this one is known (read in, or recorded by this grouper).
        self._known_to = 0
        self._take(store.recent_articles(warm) if warm > 0 else [])

    def catch_up(self) -> int:
        """Read in the articles other writers stored since this grouper last looked; how many."""
        return self._take(self.store.recent_articles(WARM_ARTICLES, after=self._known_to))

    def _take(self, recent: list[StoredArticle]) -> int:
        keys = self.store.story_keys(sorted({a.story_id for a in recent if a.story_id is not None}))
        taken = 0
        for stored in sorted(recent, key=lambda a: (_time(a), a.id)):
            self._known_to = max(self._known_to, stored.id)
            if str(stored.id) in self.index:
                continue
            self.index.add(str(stored.id), fingerprint(stored.article, self.index.settings))
            key = keys.get(stored.story_id) if stored.story_id is not None else None
            if key is not None:
                analysis = Analysis(article=stored.article, entities=stored.entities, quotes=stored.quotes)
                self.clusterer.add(str(stored.id), analysis, story=key)
            taken += 1
        return taken

    def near_duplicate(self, article: Article, fp: Fingerprint | None = None) -> tuple[int | None, Fingerprint]:
        """The stored article this one copies (None: it is new), and its fingerprint for :meth:`record`.

        ``fp`` is the article's fingerprint when a worker made it (with the default settings).
        """
        if fp is None or not self._worker_prints:
            fp = fingerprint(article, self.index.settings)
        found = self.index.find(fp)
        return (int(found.canonical) if found else None), fp

    def record(self, article_id: int, fp: Fingerprint, analysis: Analysis, *, duplicate: bool) -> None:
        """Remember a stored article; a canonical one is placed in a story, which the store records."""
        key = str(article_id)
        if article_id == self._known_to + 1:  # no other writer stored anything in between
            self._known_to = article_id
        if key not in self.index:
            self.index.add(key, fp)
        if duplicate or any(p.code == "not_an_article" for p in analysis.article.problems):
            return  # a copy is in its original's story; a front page or feed is in none
        assignment = self.clusterer.add(key, analysis)
        story = self.clusterer.story(assignment.story)
        if story is not None:
            self.store.assign_story(article_id, story.id, story.title, story.first_seen, story.last_seen)
