"""`scan --csv`, `--only` and the summary table's new columns (issue 19 item 3)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from helpers import EXAMPLES, build_mail

from mailautopsy.cli import main
from mailautopsy.render.csv import safe_cell


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "phish.eml").write_bytes((EXAMPLES / "kagoya-phish.eml").read_bytes())
    (tmp_path / "legit.eml").write_bytes((EXAMPLES / "kagoya-legit.eml").read_bytes())
    (tmp_path / "formula.eml").write_bytes(
        build_mail(subject='=HYPERLINK("http://evil.example/","click")', from_="Evil <+1@example.org>")
    )
    (tmp_path / "notes.txt").write_bytes(b"just some notes, no mail\n")
    return tmp_path


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_one_row_per_message(folder: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    main(["scan", str(folder), "--csv", "--workers", "1", "--lang", "en"])
    captured = capsysbinary.readouterr()
    rows = _rows(captured.out.decode("utf-8"))
    assert len(rows) == 4
    assert list(rows[0]) == ["source", "status", "date", "from", "subject", "verdict", "score", "brand", "top_findings"]
    by_file = {Path(r["source"]).name: r for r in rows}
    phish = by_file["phish.eml"]
    assert phish["verdict"] == "phishing" and int(phish["score"]) > 50 and phish["brand"] == "KAGOYA"
    assert phish["from"] == "t_0205@cameo.plala.or.jp" and "KAGOYA" in phish["subject"]
    assert phish["date"].startswith("2025-04-22") and "SENDER_BRAND_MISMATCH" in phish["top_findings"].split()
    assert by_file["legit.eml"]["verdict"] == "clean"
    assert by_file["notes.txt"]["status"] == "not_mail" and by_file["notes.txt"]["verdict"] == ""
    formula = by_file["formula.eml"]
    assert formula["subject"] == '\'=HYPERLINK("http://evil.example/","click")'
    assert formula["from"] == "'+1@example.org"
    # the counts go to standard error, out of the CSV's way
    assert b"PHISHING: 1" in captured.err and b"not mail: 1" in captured.err


def test_only_filters_rows_not_counts(folder: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    main(["scan", str(folder), "--csv", "--only", "phishing,not_mail", "--workers", "1", "--lang", "en"])
    captured = capsysbinary.readouterr()
    rows = _rows(captured.out.decode("utf-8"))
    assert sorted(Path(r["source"]).name for r in rows) == ["notes.txt", "phish.eml"]
    assert b"NO SIGN OF PHISHING: 2" in captured.err
    main(["scan", str(folder), "--jsonl", "--only", "clean", "--workers", "1"])
    lines = capsysbinary.readouterr().out.decode().splitlines()
    assert len(lines) == 2


def test_only_refuses_unknown_verdicts(folder: Path) -> None:
    assert main(["scan", str(folder), "--only", "phishy"]) == 64


def test_summary_table_has_subject_and_sender(folder: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    main(["scan", str(folder), "--workers", "1", "--lang", "ja"])
    out = capsysbinary.readouterr().out.decode()
    assert "件名" in out and "送信者" in out and "t_0205@cameo.plala.or.jp" in out
    assert "メールではない" in out  # the skipped file's row says why, not a verdict
    assert "メールではないファイル: 1" in out


@pytest.mark.parametrize(
    ("value", "shown"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=x", "'\t=x"), ("a=b", "a=b")],
)
def test_formula_cells_are_quoted(value: str, shown: str) -> None:
    assert safe_cell(value) == shown
