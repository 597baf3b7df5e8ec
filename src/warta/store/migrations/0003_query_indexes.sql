-- Indexes for entity queries on large stores (benchmarks/store.py, 200,000 articles).
--
-- An entity's mentions with their article and text in one index: counts, names written and
-- the timeline read the index alone, never the mentions table.
CREATE INDEX mentions_entity_text ON mentions(entity_key, article_id, text);
DROP INDEX mentions_entity;
-- An article's entities, for co-mentions, from the index alone.
CREATE INDEX mentions_article_entity ON mentions(article_id, entity_key);
DROP INDEX mentions_article;
-- The columns the shared filters test (warta.store.filters), keyed by id: a query joining
-- many mentions to their articles reads this small index instead of the articles table, whose
-- rows hold the whole text (queries name it with INDEXED BY: SQLite prefers the rowid).
CREATE INDEX articles_filters ON articles(id, duplicate_of, published_utc, site, story_id);
