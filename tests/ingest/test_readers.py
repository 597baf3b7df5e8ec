"""Readers: every input kind becomes pages, and every bad record a problem with a stable code."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from warta.errors import IngestError
from warta.ingest import InputPage, ReadOptions, ReadProblem, parse_columns, read_inputs
from warta.ingest.readers import count_records, detect_format

from ingest_pages import html_pages, page_bytes, warc_bytes


def pages(items: list[InputPage | ReadProblem]) -> list[InputPage]:
    return [i for i in items if isinstance(i, InputPage)]


def problems(items: list[InputPage | ReadProblem]) -> list[tuple[str, str]]:
    return [(i.source.rsplit("/", 1)[-1], i.code) for i in items if isinstance(i, ReadProblem)]


def read(*paths: Path, **options: object) -> list[InputPage | ReadProblem]:
    return list(read_inputs([str(p) for p in paths], ReadOptions(**options)))  # type: ignore[arg-type]


def jsonl_lines() -> list[str]:
    return [
        json.dumps({"url": "https://example.id/a", "html": page_bytes(html_pages()[0]).decode(), "fetched_at": "2016"}),
        json.dumps(
            {"text": "Presiden Joko Widodo tiba di Jakarta.", "title": "Jokowi tiba", "published": "2024-06-18"}
        ),
    ]


def test_jsonl_lines_become_pages_and_bad_lines_problems(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = jsonl_lines()
    path.write_text("\n".join([lines[0], "{not json", "[1, 2]", '{"url": "x"}', "", lines[1]]) + "\n")
    items = read(path)
    found = pages(items)
    assert [p.source.rsplit("/", 1)[-1] for p in found] == ["dump.jsonl:1", "dump.jsonl:6"]
    assert found[0].url == "https://example.id/a" and found[0].fetched_at == "2016"
    assert found[1].input_format == "text" and found[1].hints == {"title": "Jokowi tiba", "published": "2024-06-18"}
    assert problems(items) == [(f"dump.jsonl:{n}", "bad_jsonl_line") for n in (2, 3, 4)]
    assert count_records([str(path)]) == 5


def test_a_truncated_gzip_keeps_the_lines_before_the_break(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    data = gzip.compress(("\n".join(jsonl_lines() * 3) + "\n").encode())
    path.write_bytes(data[: len(data) * 2 // 3])
    items = read(path)
    assert 1 <= len(pages(items)) < 6
    assert [code for _, code in problems(items)] == ["corrupt_gzip"]


def test_a_truncated_gzip_page_is_a_problem(tmp_path: Path) -> None:
    data = (html_pages()[0]).read_bytes()
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(data)[:500])
    assert problems(read(path)) == [("page.html.gz", "corrupt_gzip")]


CSV_HEADER = "sumber,url,judul,author,tanggal_publikasi,isi_berita\n"
CSV_ROW = (
    'kompas.com,https://kompas.com/a,Judul Satu,Redaksi,"Diperbarui 18 Jun 2025, 14:05 WIB",'
    '"Paragraf satu.\n\nParagraf dua."\n'
)


def test_csv_rows_map_the_indonesian_dataset_columns_and_report_broken_rows(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    broken = "kompas.com,https://kompas.com/b,only three fields\n"
    empty = "kompas.com,https://kompas.com/c,Judul,Redaksi,2025-06-18,\n"
    path.write_text("\ufeff" + CSV_HEADER + CSV_ROW + broken + empty + CSV_ROW.replace("/a,", "/d,"))
    items = read(path)
    found = pages(items)
    assert [p.url for p in found] == ["https://kompas.com/a", "https://kompas.com/d"]
    assert found[0].data == b"Paragraf satu.\n\nParagraf dua."
    assert found[0].hints == {
        "title": "Judul Satu",
        "published": "Diperbarui 18 Jun 2025, 14:05 WIB",
        "authors": ["Redaksi"],
    }
    assert [code for _, code in problems(items)] == ["bad_csv_row", "bad_csv_row"]


def test_csv_columns_can_be_named(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("link,heading,konten\nhttps://a.id/1,Judul,Isi berita yang cukup panjang.\n")
    assert problems(read(path)) == [("x.csv:1", "bad_csv_row")]  # no column has a default text name
    columns = parse_columns("url=link, title=heading, text=konten")
    found = pages(read(path, csv_columns=columns))
    assert found[0].url == "https://a.id/1" and found[0].hints == {"title": "Judul"}
    with pytest.raises(IngestError):
        parse_columns("colour=red")
    with pytest.raises(IngestError, match="no column 'nope'"):
        read(path, csv_columns={"text": "nope"})


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_html_responses_become_pages_with_url_and_date(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(warc_bytes(html_pages(), compressed=compressed))
    items = read(path)
    assert problems(items) == []
    found = pages(items)
    assert [p.data for p in found] == [page_bytes(p) for p in html_pages()]
    assert all(p.url and p.fetched_at and "@" in p.source for p in found)
    assert detect_format(path) == "warc"


@pytest.mark.parametrize("compressed", [False, True])
def test_garbage_in_a_warc_is_a_problem_and_reading_resumes_after_it(tmp_path: Path, compressed: bool) -> None:
    good = html_pages()
    first = warc_bytes(good[:2], compressed=compressed, extra=False)
    rest = warc_bytes(good[2:], compressed=compressed, extra=False)
    path = tmp_path / "crawl.warc"
    path.write_bytes(first + b"garbage that is no WARC record\r\n" + bytes(range(256)) * 4 + rest)
    items = read(path)
    assert [p.data for p in pages(items)] == [page_bytes(p) for p in good]
    assert [code for _, code in problems(items)] == ["corrupt_warc"]


def test_a_truncated_warc_keeps_the_whole_records(tmp_path: Path) -> None:
    data = warc_bytes(html_pages(), compressed=False, extra=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-300])
    items = read(path)
    assert len(pages(items)) == len(html_pages()) - 1
    assert [code for _, code in problems(items)] == ["corrupt_warc"]


def test_formats_are_detected_and_can_be_forced(tmp_path: Path) -> None:
    jsonl = tmp_path / "records.txt"
    jsonl.write_text(jsonl_lines()[1] + "\n")
    assert detect_format(jsonl) == "jsonl"
    assert len(pages(read(jsonl))) == 1
    assert pages(read(jsonl, input_format="text"))[0].input_format == "text"
    assert detect_format(html_pages()[0]) == "page"
    with pytest.raises(IngestError):
        ReadOptions(input_format="xml")


def test_a_missing_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    assert problems(read(tmp_path / "nope.html")) == [("nope.html", "unreadable_input")]
