"""``warta stories``: the stories articles are grouped into (articles about one event)."""

from __future__ import annotations

import sys

import click

from warta.cli.render import write_records
from warta.cli.storeopts import db_option, fail, format_option, window_options
from warta.errors import WartaError
from warta.store import ArticleFilter, StoryRow, open_store


def render_story(story: StoryRow) -> str:
    seen = " – ".join(x for x in (story.first_seen, story.last_seen) if x)
    return f"[{story.id}] {story.title or '(no title)'}\n    {story.size} article(s)" + (f", {seen}" if seen else "")


@click.command("stories")
@db_option
@window_options
@click.option("--entity", help="Only stories with articles naming this entity: a key or a name.")
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@format_option
def stories_command(
    db: str, since: str | None, until: str | None, site: str | None, entity: str | None, limit: int, fmt: str
) -> None:
    """Stories, most recently seen first: id, title, first and last seen, size.

    Read a story's articles with warta search WORDS --story ID.
    """
    try:
        with open_store(db) as store:
            found = store.stories(ArticleFilter(since, until, site, entity), limit=limit)
    except WartaError as exc:
        fail(exc)
    if fmt == "json":
        write_records((s.to_dict() for s in found), "json", single=False, out=sys.stdout)
    elif found:
        sys.stdout.write("".join(render_story(s) + "\n" for s in found))
    else:
        sys.stdout.write("no stories in the store yet: stories appear once articles are clustered into them\n")
