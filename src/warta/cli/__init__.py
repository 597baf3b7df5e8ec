"""warta's command line: one module per command, each a thin wrapper over the library."""

from __future__ import annotations

import logging

import click

from warta import __version__
from warta.cli.analyze import analyze_command
from warta.cli.entities import entities_command, entity_command
from warta.cli.export import export_command
from warta.cli.extract import extract_command
from warta.cli.ingest import ingest_command
from warta.cli.quotes import quotes_command
from warta.cli.reprocess import reprocess_command
from warta.cli.search import search_command
from warta.cli.show import show_command
from warta.cli.stats import stats_command
from warta.cli.stories import stories_command
from warta.cli.tag import tag_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="warta")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def main(verbose: int) -> None:
    """warta: Indonesian news intelligence from raw news pages."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # trafilatura reports every page it finds nothing in as a warning; that is warta's to say.
    logging.getLogger("trafilatura").setLevel(max(level, logging.ERROR))


main.add_command(extract_command)
main.add_command(tag_command)
main.add_command(analyze_command)
main.add_command(ingest_command)
main.add_command(search_command)
main.add_command(show_command)
main.add_command(stats_command)
main.add_command(entities_command)
main.add_command(entity_command)
main.add_command(quotes_command)
main.add_command(stories_command)
main.add_command(export_command)
main.add_command(reprocess_command)
