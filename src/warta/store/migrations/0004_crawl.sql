-- warta crawl: the frontier (every URL the crawler knows, with its state), a URL index on raw
-- pages, so a crawl never fetches an article the store already holds (from a crawl or an ingest),
-- and the further pages of multi-page articles.
--
-- kind: feed | sitemap | section (sources: fetched again at each run, with conditional GET)
--       | article (fetched once: done is for ever).
-- state: pending -> fetching -> fetched (in the writer's queue) -> done, or failed (a problem says why).
-- A crawl killed mid-way leaves fetching/fetched rows; the next run puts them back to pending,
-- unless their page reached raw_pages (then done).
CREATE TABLE crawl_frontier (
    url           TEXT PRIMARY KEY,
    host          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    site          TEXT,                          -- the publisher id whose crawl data found it, if any
    state         TEXT NOT NULL DEFAULT 'pending',
    found_from    TEXT,                          -- the feed, sitemap or section page that listed it
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_try_at   REAL NOT NULL DEFAULT 0,       -- unix time: not before (retries, feed polling)
    etag          TEXT,                          -- validators of the last 200, for conditional GET
    last_modified TEXT,
    status        INTEGER,                       -- HTTP status of the last fetch
    detail        TEXT,
    added_at      TEXT NOT NULL,
    fetched_at    TEXT
);
CREATE INDEX crawl_frontier_due ON crawl_frontier(state, next_try_at);

-- The pages after the first of a multi-page article, kept beside its raw page (which holds page
-- 1) so that warta reprocess merges the whole article again.
CREATE TABLE raw_page_parts (
    raw_page_id INTEGER NOT NULL REFERENCES raw_pages(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,                -- 2, 3 ...: the page number in the article
    url         TEXT,
    body        BLOB NOT NULL,                   -- zlib-compressed bytes, as raw_pages.body
    size        INTEGER NOT NULL,
    PRIMARY KEY (raw_page_id, number)
);
CREATE INDEX raw_pages_url ON raw_pages(url);
