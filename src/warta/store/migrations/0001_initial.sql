-- warta store, schema version 1: pages, articles, what the analysis found in them, problems, runs.
--
-- Plain tables any SQLite client can read. Offsets (start_char, end_char) are character offsets
-- into the article field named by (field, field_index), as in warta.model. Timestamps are ISO 8601
-- text; published_utc is normalised to UTC ("2016-02-16T07:38:00Z") so it sorts and compares.

CREATE TABLE ingest_runs (
    id            INTEGER PRIMARY KEY,
    started       TEXT NOT NULL,
    finished      TEXT,                         -- NULL: still running, or killed
    inputs        TEXT NOT NULL,                -- JSON array of the paths given
    counts        TEXT,                         -- JSON summary written when the run finishes
    warta_version TEXT NOT NULL
);

-- Every page as it arrived, so a newer pipeline can re-process it (warta reprocess).
CREATE TABLE raw_pages (
    id         INTEGER PRIMARY KEY,
    sha256     TEXT NOT NULL UNIQUE,            -- of the uncompressed body: the idempotence key
    url        TEXT,
    fetched_at TEXT,
    kind       TEXT NOT NULL,                   -- html, dump or text (what extraction read it as)
    source     TEXT NOT NULL,                   -- input path and record: "a.warc.gz@1234", "x.csv:17"
    hints      TEXT,                            -- JSON: title/published/authors given by a CSV row or JSONL line
    body       BLOB NOT NULL,                   -- zlib-compressed bytes
    size       INTEGER NOT NULL,                -- uncompressed size in bytes
    run_id     INTEGER REFERENCES ingest_runs(id)
);

CREATE TABLE stories (
    id         INTEGER PRIMARY KEY,
    title      TEXT,
    first_seen TEXT,
    last_seen  TEXT
);

CREATE TABLE articles (
    id               INTEGER PRIMARY KEY,
    raw_page_id      INTEGER NOT NULL UNIQUE REFERENCES raw_pages(id),
    url              TEXT,
    canonical_url    TEXT,                      -- normalised URL: the same article under another URL
    site             TEXT,
    publisher        TEXT,
    title            TEXT,
    description      TEXT,
    authors          TEXT NOT NULL DEFAULT '[]', -- JSON array
    published        TEXT,                      -- as extracted, with its offset (WIB +07:00 ...)
    published_utc    TEXT,
    language         TEXT,
    text             TEXT NOT NULL,
    article_json     TEXT NOT NULL,             -- the whole warta.model.Article
    text_sha256      TEXT NOT NULL,
    duplicate_of     INTEGER REFERENCES articles(id),
    story_id         INTEGER REFERENCES stories(id),
    pipeline_version TEXT NOT NULL,
    ingested_at      TEXT NOT NULL,
    run_id           INTEGER REFERENCES ingest_runs(id)
);
CREATE INDEX articles_published_utc ON articles(published_utc);
CREATE INDEX articles_site ON articles(site);
CREATE INDEX articles_canonical_url ON articles(canonical_url);
CREATE INDEX articles_text_sha256 ON articles(text_sha256);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX articles_story ON articles(story_id);

CREATE TABLE entities (
    key       TEXT PRIMARY KEY,                 -- stable across articles: per:vladimir-putin
    label     TEXT NOT NULL,                    -- PER, ORG, LOC
    canonical TEXT NOT NULL
);
CREATE INDEX entities_canonical ON entities(canonical COLLATE NOCASE);

-- Entities (entity_key set) and quantities (DATE, TIME, MONEY, PERCENT; entity_key NULL).
CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_key  TEXT REFERENCES entities(key),
    field       TEXT NOT NULL,
    field_index INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    label       TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_key, article_id);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL,                -- direct, indirect
    field         TEXT NOT NULL,
    field_index   INTEGER NOT NULL,
    cue           TEXT,
    speaker       TEXT,                         -- entity key
    speaker_name  TEXT,
    speaker_label TEXT,
    speaker_text  TEXT,
    role          TEXT,
    affiliation   TEXT,
    confidence    REAL NOT NULL
);
CREATE INDEX quotes_speaker ON quotes(speaker, article_id);
CREATE INDEX quotes_speaker_name ON quotes(speaker_name COLLATE NOCASE);
CREATE INDEX quotes_article ON quotes(article_id);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type           TEXT NOT NULL,
    trigger        TEXT NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    field          TEXT NOT NULL,
    field_index    INTEGER NOT NULL,
    actor          TEXT,
    actor_name     TEXT,
    target         TEXT,
    target_name    TEXT,
    date           TEXT,
    place          TEXT,
    confidence     REAL NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type ON events(type, date);

-- What went wrong, by stable code: a bad input record (article_id NULL) or a problem an
-- extracted article carries (not_an_article, no_published_date ...). Recorded once per source.
CREATE TABLE problems (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER REFERENCES ingest_runs(id),
    source     TEXT NOT NULL,
    article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
    code       TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX problems_once ON problems(source, code, ifnull(article_id, 0));
CREATE INDEX problems_code ON problems(code);

-- Full-text search over title and body; external content (the text lives once, in articles),
-- kept in step by the triggers below. remove_diacritics 2 folds "é" to "e" as users type it.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content='articles', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
