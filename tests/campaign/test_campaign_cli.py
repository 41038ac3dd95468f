"""`mailautopsy campaigns`: --build fills the store from files and an mbox, and the campaigns
come out as a table, JSON or a self-contained HTML page, in Japanese and English."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from helpers import ROOT
from helpers.campaigns import lure, news

from mailautopsy.cli import main


@pytest.fixture
def mails(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"lure{i}.eml").write_bytes(lure(i))
    mbox = b"".join(b"From sender@example Tue Jun 10 09:00:00 2025\n" + news(i) + b"\n" for i in range(2))
    (folder / "news.mbox").write_bytes(mbox)
    (folder / "notes.txt").write_text("not a mail, only notes\n")  # skipped, no campaign of its own
    return folder


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["campaigns", *args]) == 0
    return capsys.readouterr().out


def test_build_then_json(mails: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store.db")
    data = json.loads(_run(capsys, "--store", store, "--build", str(mails), "--format", "json"))
    sizes = sorted(c["size"] for c in data["campaigns"])
    assert sizes == [2, 4]
    top = data["campaigns"][0]
    assert top["id"] == "C-0001" and top["subject_template"].startswith("mailbox full")
    assert sum(top["per_day"].values()) == 4 and len(top["sample_sha256"]) == 64
    # A second build of the same mails counts each once; --since filters by last seen.
    again = json.loads(_run(capsys, "--store", store, "--build", str(mails), "--format", "json"))
    assert sorted(c["size"] for c in again["campaigns"]) == [2, 4]
    later = json.loads(_run(capsys, "--store", store, "--format", "json", "--since", "2025-06-12", "--min-size", "2"))
    assert [c["id"] for c in later["campaigns"]] == ["C-0001"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_table_and_html(mails: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    store = str(tmp_path / "store.db")
    table = _run(capsys, "--store", store, "--build", str(mails), "--lang", lang)
    assert "C-0001" in table and ("キャンペーン" in table) == (lang == "ja")
    page = _run(capsys, "--store", store, "--format", "html", "--lang", lang)
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in page
    assert "<svg" in page and "<circle" in page and "<script" not in page and "http://" not in page.split("<svg")[0]
    assert ("日ごとの通数" in page) == (lang == "ja")


def test_empty_store_says_how_to_fill_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "--store", str(tmp_path / "empty.db"), "--format", "html", "--lang", "en")
    assert "--build" in out


def test_catalogues_have_the_same_keys() -> None:
    folder = ROOT / "src" / "mailautopsy" / "i18n"
    ja, en = (tomllib.loads((folder / f"campaigns.{lang}.toml").read_text("utf-8"))["text"] for lang in ("ja", "en"))
    assert set(ja) == set(en)


def test_analyze_with_a_store_names_the_campaign_new_then_seen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "results.db")
    for i in range(2):
        (tmp_path / f"lure{i}.eml").write_bytes(lure(i))
    main(["analyze", str(tmp_path / "lure0.eml"), "--store", store, "--lang", "en"])
    first = capsys.readouterr().out
    assert "Campaign C-0001: the first mail of this template in the store (a new campaign)" in first
    main(["analyze", str(tmp_path / "lure1.eml"), "--store", store, "--lang", "ja"])
    second = capsys.readouterr().out
    assert "キャンペーン C-0001: 同じ文面のメールが保存先に 2 通あります" in second
    main(["analyze", str(tmp_path / "lure1.eml"), "--store", store, "--lang", "en"])  # the same mail again
    assert "2 mail(s) of this template" in capsys.readouterr().out
    assert main(["campaigns", "--store", store, "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [c["size"] for c in (listed["campaigns"] if isinstance(listed, dict) else listed)] == [2]


def test_scan_with_a_store_records_campaigns_once_in_input_order(
    mails: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "results.db")
    for _ in range(2):  # the second run skips what is stored: nothing is counted twice
        main(["scan", str(mails), "--store", store, "--workers", "2", "--jsonl"])
        capsys.readouterr()
        assert main(["campaigns", "--store", store, "--format", "json"]) == 0
        listed = json.loads(capsys.readouterr().out)
        campaigns = listed["campaigns"] if isinstance(listed, dict) else listed
        assert sorted(c["size"] for c in campaigns) == [2, 4]  # the four lures, the two newsletters


def test_scan_csv_with_a_store_names_each_campaign_and_the_summary_the_largest(
    mails: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io

    store = str(tmp_path / "results.db")
    main(["scan", str(mails), "--store", store, "--workers", "1", "--csv", "--lang", "en"])
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    lures = {r["campaign"] for r in rows if "lure" in r["source"]}
    assert len(rows) == 7 and len(lures) == 1 and lures != {""}
    assert [r["campaign"] for r in rows if r["status"] == "not_mail"] == [""]
    assert f"largest campaigns in the store (mails): {lures.pop()} 4" in " ".join(captured.err.split())
