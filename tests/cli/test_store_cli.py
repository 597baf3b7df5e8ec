"""The store commands as a user runs them: stats, entities, entity, quotes, stories, search --story,
show, export and reprocess, on a store built from the bundled pages; bad input gives a clean message."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from warta.cli import main

from conftest import SAMPLES


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "w.db")
    code, _, err = run("ingest", str(SAMPLES), "--db", path)
    assert code == 0, err
    return path


def test_stats_entities_and_an_entity(db: str) -> None:
    code, out, _ = run("stats", "--db", db)
    assert code == 0 and "6 article(s)" in out and "quotes" in out
    code, out, _ = run("stats", "--db", db, "--format", "json")
    assert json.loads(out)["articles"] == 6
    code, out, _ = run("entities", "--db", db, "--limit", "5")
    assert code == 0 and len(out.splitlines()) == 6 and "mentions" in out.splitlines()[0]
    code, out, _ = run("entities", "--db", db, "--label", "PER", "--format", "json", "--limit", "100")
    assert {e["label"] for e in json.loads(out)} == {"PER"}
    code, out, _ = run("entity", "putin", "--db", db)
    assert code == 0 and out.startswith("Vladimir Putin (PER, per:vladimir-putin)") and "Named with" in out
    code, out, _ = run("entity", "Eka Asmadi", "--db", db, "--format", "json")
    profile = json.loads(out)
    assert profile["timeline"][0]["day"] == "2015-11-05" and profile["quotes"] and profile["latest_articles"]


def test_quotes_show_speaker_role_and_article(db: str) -> None:
    code, out, _ = run("quotes", "bandara", "--speaker", "eka asmadi", "--db", db)
    assert code == 0 and "Eka Asmadi (Kepala Seksi" in out and "in: 29 penerbangan" in out
    code, out, _ = run("quotes", "--db", db, "--format", "json", "--limit", "3")
    assert len(json.loads(out)) == 3 and json.loads(out)[0]["article"]["title"]
    code, out, _ = run("quotes", "zzzqqq", "--db", db)
    assert code == 0 and out == "no quotes\n"


def test_stories_list_and_search_takes_story(db: str, tmp_path: Path) -> None:
    code, out, _ = run("stories", "--db", db)
    assert code == 0 and "Presiden Rusia Vladimir Putin Akan Berkunjung ke Korea Utara" in out
    stories = json.loads(run("stories", "--db", db, "--format", "json")[1])
    assert stories and all(s["size"] >= 1 for s in stories)
    code, _, err = run("search", "presiden", "--story", "999", "--db", db)
    assert code == 1 and "no story 999" in err
    ranked = [json.loads(run("search", "korea", *f, "--format", "json", "--db", db)[1]) for f in ([], ["--rank-all"])]
    assert ranked[0] and ranked[0] == ranked[1]  # a small store: every match is ranked either way
    code, out, _ = run("stories", "--db", str(tmp_path / "empty.db"))
    assert code == 0 and "no stories" in out


def test_show_text_has_entities_quotes_with_roles_and_events(db: str) -> None:
    code, out, _ = run("show", "1", "--db", db, "--format", "text")
    assert code == 0
    assert "Entities: " in out and "Quote (" in out and "Eka Asmadi (Kepala Seksi" in out and "Event " in out


def test_exports_to_files_and_standard_output(db: str, tmp_path: Path) -> None:
    code, out, _ = run("export", "--db", db)
    assert code == 0 and len(out.splitlines()) == 6
    code, out, _ = run("export", "--db", db, "--format", "jsonld", "--entity", "putin")
    assert code == 0 and json.loads(out)["@type"] == "NewsArticle"
    target = tmp_path / "a.parquet"
    code, _, err = run("export", "--db", db, "--format", "parquet", "--output", str(target), "--since", "2016-01-01")
    assert code == 0 and "exported 3 article(s)" in err
    assert pq.read_table(target).num_rows == 3
    code, _, _ = run("export", "--db", db, "--format", "csv", "-o", str(tmp_path / "a.csv"), "--include-duplicates")
    assert code == 0 and (tmp_path / "a.csv").read_text(encoding="utf-8").startswith("id,url,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["entities", "--since", "kemarin"], "is not a date"),
        (["entities", "--since", "2020-05-01", "--until", "2020-01-01"], "is after"),
        (["entity", "korea"], "fits 3 entities"),
        (["entity", "nobody at all"], "no entity named"),
        (["quotes", "--speaker", "Nobody Atall"], "no entity or speaker"),
        (["quotes", '"*"'], "no words to look for"),
        (["export", "--entity", "korea"], "give one of their keys"),
        (["export", "--output", "/nonexistent/dir/x.jsonl"], "cannot write the export"),
        (["stories", "--until", "2016-99-01"], "is not a date"),
    ],
)
def test_malformed_filters_give_clean_errors(db: str, args: list[str], message: str) -> None:
    code, out, err = run(*args, "--db", db)
    assert code == 1 and message in err and "Traceback" not in err + out
    assert err.startswith("warta: ")


def test_an_unknown_label_is_refused_by_the_option(db: str) -> None:
    code, _, err = run("entities", "--label", "DATE", "--db", db)
    assert code == 2 and "Invalid value for '--label'" in err


def test_commands_on_an_empty_store(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    assert run("entities", "--db", db)[1].startswith("no entities")
    assert run("quotes", "--db", db)[1] == "no quotes\n"
    assert run("export", "--db", db) == (0, "", "")
    assert "0 article(s)" in run("stats", "--db", db)[1]


def test_reprocess_reports_what_it_did(db: str, tmp_path: Path) -> None:
    copy = tmp_path / "r.db"
    copy.write_bytes(Path(db).read_bytes())
    code, _, err = run("reprocess", "--db", str(copy), "--since", "2016-01-01")
    assert code == 0 and "reprocessed 3 article(s)" in err
    code, _, err = run("reprocess", "--db", str(copy), "--outdated")
    assert code == 0 and "reprocessed 0 article(s)" in err
