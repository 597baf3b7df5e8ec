"""``warta extract`` as a user runs it: files, directories, stdin, formats, merge, bad input."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from warta.cli import main

from conftest import SAMPLES

SEED = SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt"
KOMPAS = SAMPLES / "kompas-2016-menteri-yuddy.html"


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_one_page_prints_one_json_object_with_the_model_field_names() -> None:
    code, out, _ = run("extract", str(KOMPAS))
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {
        "url",
        "site",
        "publisher",
        "title",
        "description",
        "authors",
        "editors",
        "published",
        "updated",
        "dateline",
        "section",
        "tags",
        "images",
        "paragraphs",
        "text",
        "related",
        "page",
        "language",
        "problems",
    }
    assert data["title"].startswith("Menteri Yuddy")


def test_json_keeps_utf8_text_unescaped() -> None:
    _, out, _ = run("extract", str(SEED))
    assert "“Programnya sangat padat,”" in out


def test_directory_gives_every_page_in_name_order(tmp_path: Path) -> None:
    code, out, _ = run("extract", str(SAMPLES), "--format", "jsonl")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == len(list(SAMPLES.iterdir()))
    assert lines[0]["site"] and "antaranews" in json.dumps(lines[0])


def test_gzip_file_and_stdin(tmp_path: Path) -> None:
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(KOMPAS.read_bytes()))
    _, from_gz, _ = run("extract", str(packed), "--format", "jsonl")
    _, from_stdin, _ = run("extract", "-", "--format", "jsonl", input=KOMPAS.read_bytes())
    assert json.loads(from_gz)["paragraphs"] == json.loads(from_stdin)["paragraphs"]


def test_text_and_markdown_formats() -> None:
    _, text, _ = run("extract", str(SEED), "--format", "text")
    assert text.startswith("Presiden Rusia Vladimir Putin Akan Berkunjung ke Korea Utara\n")
    _, markdown, _ = run("extract", str(SEED), "--format", "markdown")
    assert markdown.startswith("# Presiden Rusia Vladimir Putin")
    assert "## Baca juga" in markdown


def test_several_paths_give_a_json_array_and_merge_gives_one_article() -> None:
    _, out, _ = run("extract", str(SEED), str(KOMPAS))
    assert [a["title"][:8] for a in json.loads(out)] == ["Presiden", "Menteri "]
    _, merged, _ = run("extract", str(SEED), "--merge")
    assert isinstance(json.loads(merged), dict)


def test_bad_inputs_are_reported_and_the_rest_still_extracted(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    png = tmp_path / "image.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    code, out, err = run("extract", str(empty), str(KOMPAS), str(png), "--format", "jsonl")
    assert code == 1
    assert len(out.splitlines()) == 1
    assert "empty.html" in err and "image.html" in err
    assert "Traceback" not in err


def test_missing_file_is_a_clear_error() -> None:
    code, _, err = run("extract", "/no/such/page.html")
    assert code == 1
    assert "/no/such/page.html" in err


def test_console_script_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "warta", "extract", str(SEED), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Vladimir Putin" in result.stdout
