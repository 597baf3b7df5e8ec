"""``warta tag --conll FILE`` as a user runs it: files, stdin, extra columns, bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from warta.cli import main
from warta.lang.id.ner.conll import read_blocks

CONLL = "Presiden\tO\nJoko\tB-PER\nWidodo\tI-PER\ndi\tO\nJakarta\tB-LOC\n.\tO\n\nIa\tO\npulang\tO\n"


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def rows(out: str) -> list[list[list[str]]]:
    return list(read_blocks(out.splitlines()))


def test_tags_a_file_token_tab_tag_with_blank_lines_between_sentences(tmp_path: Path) -> None:
    path = tmp_path / "in.conll"
    path.write_text(CONLL, encoding="utf-8")
    code, out, _ = run("tag", "--conll", str(path))
    assert code == 0
    sentences = rows(out)
    assert [[r[0] for r in s] for s in sentences] == [
        ["Presiden", "Joko", "Widodo", "di", "Jakarta", "."],
        ["Ia", "pulang"],
    ]
    assert all(len(r) == 2 for s in sentences for r in s)
    assert out.count("\n\n") == 1 and out.endswith("\n") and not out.startswith("\n")
    tags = [r[1] for s in sentences for r in s]
    assert set(tags) <= {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}
    assert tags[1:3] == ["B-PER", "I-PER"]


def test_reads_stdin_and_ignores_extra_columns_crlf_and_odd_whitespace() -> None:
    data = "Presiden  NOUN O\r\nJoko\u00a0PROPN B-PER\r\n \t \r\n\r\n\r\nBandung PROPN B-LOC\r\n"
    code, out, _ = run("tag", "--conll", "-", input=data.encode("utf-8"))
    assert code == 0
    assert [[r[0] for r in s] for s in rows(out)] == [["Presiden", "Joko"], ["Bandung"]]


def test_empty_input_is_an_error_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "empty.conll"
    path.write_text("\n \n\t\n", encoding="utf-8")
    code, out, err = run("tag", "--conll", str(path))
    assert code == 1
    assert out == ""
    assert "no tokens" in err and "empty.conll" in err


def test_missing_file_and_bad_domain_are_usage_errors(tmp_path: Path) -> None:
    code, _, err = run("tag", "--conll", str(tmp_path / "nope.conll"))
    assert code == 2 and "nope.conll" in err
    code, _, _ = run("tag", "--conll", "-", "--domain", "klingon", input="a\n")
    assert code == 2


def test_very_long_sentence_and_undecodable_bytes() -> None:
    tokens = ["Jakarta", "dan", "Surabaya", "bersama"] * 1500
    code, out, _ = run("tag", "--conll", "-", input="\n".join(tokens) + "\n")
    assert code == 0
    assert [r[0] for s in rows(out) for r in s] == tokens
    code, out, _ = run("tag", "--conll", "-", input=b"Bandung\n\xff\xfe\n")
    assert code == 0
    assert len(rows(out)[0]) == 2


def test_other_domains_tag_too() -> None:
    code, out, _ = run("tag", "--conll", "-", "--domain", "nerp", input="presiden jokowi ke bandung".replace(" ", "\n"))
    assert code == 0
    assert len(rows(out)[0]) == 4


def test_runs_as_a_real_command_on_stdin() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "warta", "tag", "--conll", "-"],
        input=b"Menteri\nSri\nMulyani\n",
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.decode().strip().splitlines()) == 3
