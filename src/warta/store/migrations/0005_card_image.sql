-- The first image's URL in a column of its own: lists of articles (latest, related, a story's)
-- show it on each card, and reading it out of article_json (json_extract over the whole article,
-- text included) was a quarter of a related-articles lookup on the 200,000-article store
-- (docs/benchmarks.md "serve-load").
ALTER TABLE articles ADD COLUMN image TEXT;
UPDATE articles SET image = json_extract(article_json, '$.images[0].url')
WHERE json_extract(article_json, '$.images[0].url') IS NOT NULL;
