-- Stories get the clusterer's stable key ("story-<hash of its first article>"), so a later ingest
-- run can put new articles into a story an earlier run started.
ALTER TABLE stories ADD COLUMN key TEXT;
CREATE UNIQUE INDEX stories_key ON stories(key);
