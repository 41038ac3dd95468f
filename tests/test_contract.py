"""The output contract: JSON schema, public API, i18n completeness, CLI exit codes."""

from __future__ import annotations

import json
import mailbox
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from helpers import EXAMPLES, ROOT, build_mail

import mailautopsy
from mailautopsy import analyze
from mailautopsy.i18n import LANGS, catalogue
from mailautopsy.render.json import to_dict
from mailautopsy.rules import load as load_rules

SCHEMA = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "mailautopsy", *args], input=stdin, capture_output=True, timeout=120)


def test_public_api_is_small_and_stable():
    assert sorted(mailautopsy.__all__) == sorted(
        ["SCHEMA_VERSION", "Analysis", "Finding", "Limits", "Message", "Settings", "__version__", "analyze"]
    )


def test_catalogues_have_the_same_keys_and_every_rule():
    ja, en = catalogue("ja"), catalogue("en")
    for section in ("ui", "severity", "finding"):
        assert set(ja[section]) == set(en[section]), section
    rules = set(load_rules().rules)
    assert rules == set(en["finding"]), rules ^ set(en["finding"])
    for lang in LANGS:
        for rid in rules:
            assert catalogue(lang)["finding"][rid]["message"].strip()


@pytest.mark.parametrize("name", ["kagoya-phish.eml", "kagoya-legit.eml"])
def test_json_validates_against_schema(name):
    result = to_dict(analyze((EXAMPLES / name).read_bytes(), name))
    jsonschema.validate(result, SCHEMA)


def test_cli_analyze_json_and_exit_code():
    proc = _cli("analyze", str(EXAMPLES / "kagoya-phish.eml"), "--format", "json")
    assert proc.returncode == 2, proc.stderr
    obj = json.loads(proc.stdout)
    jsonschema.validate(obj, SCHEMA)
    assert obj["verdict"] == "phishing" and obj["brand"] == "KAGOYA"
    assert obj["extracted"]["from"][0]["address"] == "t_0205@cameo.plala.or.jp"


def test_cli_stdin_and_clean_exit():
    proc = _cli("analyze", "-", "--format", "json", stdin=(EXAMPLES / "kagoya-legit.eml").read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["source"] == "-"


def test_cli_text_in_japanese():
    proc = _cli("analyze", str(EXAMPLES / "kagoya-phish.eml"), "--lang", "ja", "--width", "100")
    out = proc.stdout.decode("utf-8")
    assert "フィッシング詐欺" in out and "件名" in out and "kagoya[.]jp" in out


def test_cli_usage_and_missing_file():
    assert _cli("analyze").returncode == 64
    proc = _cli("analyze", "/nonexistent/file.eml")
    assert proc.returncode == 66 and b"no such file" in proc.stderr.lower()


def test_scan_one_line_per_message(tmp_path: Path):
    folder = tmp_path / "mail"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.eml").write_bytes((EXAMPLES / "kagoya-phish.eml").read_bytes())
    (folder / "sub" / "b.eml").write_bytes(build_mail(subject="plain note"))
    (folder / "sub" / "garbage.bin").write_bytes(b"\x00\xff" * 100)
    box = mailbox.mbox(str(folder / "inbox.mbox"))
    for i in range(3):
        box.add(build_mail(subject=f"mbox message {i}"))
    box.flush()
    box.close()
    maildir = mailbox.Maildir(str(tmp_path / "Maildir"))
    maildir.add(build_mail(subject="maildir one"))
    maildir.close()
    proc = _cli("scan", str(folder), str(tmp_path / "Maildir"), "--jsonl", "--workers", "2")
    assert proc.returncode == 2, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert len(lines) == 1 + 1 + 1 + 3 + 1
    sources = {x["source"] for x in lines}
    assert any(s.endswith("inbox.mbox:3") for s in sources)
    for obj in lines:
        jsonschema.validate(obj, SCHEMA)
    garbage = next(x for x in lines if x["source"].endswith("garbage.bin"))
    assert garbage["status"] == "not_mail" and garbage["defects"][0]["code"] == "NOT_MAIL"
    assert all(x["status"] == "analysed" for x in lines if x is not garbage)


def test_new_fields_of_schema_1_1():
    """status, verdict_basis and the `limit` evidence of ANALYSIS_INCOMPLETE (schema 1.1)."""
    from mailautopsy.scan import incomplete_result
    from mailautopsy.settings import DEFAULT_SETTINGS

    obj = to_dict(analyze((EXAMPLES / "kagoya-phish.eml").read_bytes(), "x.eml"))
    assert obj["schema_version"] in ("1.1", "1.2") and obj["status"] == "analysed"
    assert obj["verdict_basis"]["points"] == obj["score"]
    raw = build_mail(subject="long", text="a" * 300)
    cut = to_dict(analyze(raw, "cut.eml", DEFAULT_SETTINGS.with_limits(max_text_chars=100)))
    jsonschema.validate(cut, SCHEMA)
    assert cut["verdict_basis"]["raised_by"] == ["ANALYSIS_INCOMPLETE"]
    assert cut["findings"][-1]["evidence"][0]["kind"] == "limit"
    stopped = incomplete_result("slow.eml", "TIMEOUT", "analysis stopped after 70 s")
    jsonschema.validate(stopped, SCHEMA)
    assert stopped["verdict"] == "suspicious" and stopped["findings"][0]["id"] == "ANALYSIS_INCOMPLETE"


def test_scan_summary_table_without_jsonl():
    proc = _cli("scan", str(EXAMPLES), "--workers", "1", "--lang", "en")
    out = proc.stdout.decode()
    assert "kagoya-phish.eml" in out and "phishing" in out.lower()


def test_other_filters_verdicts_never_score():
    """The receiving filter's verdict headers are evidence to show, never points: a verdict must
    stand on this tool's own findings (and the held-out mail has those headers removed)."""
    assert load_rules().get("SUBJECT_FILTER_VERDICT").weight == 0


def test_origin_is_located_offline_from_bundled_geoip_data() -> None:
    from pathlib import Path

    from mailautopsy import analyze
    from mailautopsy.render.json import to_dict

    raw = (Path(__file__).parent / "samples/ROUTE_ORIGIN_ABROAD/hit-japanese-bank-sent-from-abroad.eml").read_bytes()
    result = analyze(raw)
    assert result.origin is not None and result.origin.country == "US"
    location = to_dict(result)["extracted"]["origin_location"]
    assert location["ip"] == "8.8.8.8" and location["country"] == "US"
