"""warta's command line: one module per command, each a thin wrapper over the library."""

from __future__ import annotations

import os

# warta's NumPy work is many small matrices: one BLAS thread is fastest, and the threads a
# multi-threaded BLAS spins up in each ingest worker took CPU from the writing process (measured:
# ingest with 2 workers 19.7 -> 29.6 articles/s). Set before NumPy is first imported; a value the
# user set wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import logging  # noqa: E402

import click  # noqa: E402

from warta import __version__  # noqa: E402
from warta.cli.analyze import analyze_command  # noqa: E402
from warta.cli.batch import batch_command  # noqa: E402
from warta.cli.crawl import crawl_command  # noqa: E402
from warta.cli.entities import entities_command, entity_command  # noqa: E402
from warta.cli.export import export_command  # noqa: E402
from warta.cli.extract import extract_command  # noqa: E402
from warta.cli.ingest import ingest_command  # noqa: E402
from warta.cli.load import load_command  # noqa: E402
from warta.cli.quotes import quotes_command  # noqa: E402
from warta.cli.reprocess import reprocess_command  # noqa: E402
from warta.cli.search import search_command  # noqa: E402
from warta.cli.serve import serve_command  # noqa: E402
from warta.cli.show import show_command  # noqa: E402
from warta.cli.stats import stats_command  # noqa: E402
from warta.cli.stories import stories_command  # noqa: E402
from warta.cli.tag import tag_command  # noqa: E402


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
main.add_command(crawl_command)
main.add_command(search_command)
main.add_command(show_command)
main.add_command(stats_command)
main.add_command(entities_command)
main.add_command(entity_command)
main.add_command(quotes_command)
main.add_command(stories_command)
main.add_command(export_command)
main.add_command(reprocess_command)
main.add_command(serve_command)
main.add_command(batch_command)
main.add_command(load_command)
