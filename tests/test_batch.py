"""Nothing lost, nothing whitewashed (issue 21) and the batch output contract (issue 13):
mbox files streamed message by message, truncation and time limits reported and never
`clean`, verdicts that agree with their findings, files that are not mail, standard input,
strict standard output and closed pipes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from helpers import EXAMPLES, ROOT, build_mail

from mailautopsy import analyze
from mailautopsy.checks import RuleCheck
from mailautopsy.model import Evidence, Finding
from mailautopsy.parse.sources import iter_file, iter_path, iter_stream, not_mail_reason, split_messages
from mailautopsy.render.json import to_dict
from mailautopsy.rules import load as load_rules
from mailautopsy.scan import analyse_one, scan
from mailautopsy.score import score
from mailautopsy.settings import DEFAULT_SETTINGS

SCHEMA = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))
PHISH = (EXAMPLES / "kagoya-phish.eml").read_bytes()
SEP = b"From sender@example.org Tue Apr 22 09:12:30 2025\n"


def _cli(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "mailautopsy", *args],
        input=stdin,
        capture_output=True,
        timeout=180,
        env={**os.environ, **(env or {})},
    )


def _mbox(messages: list[bytes]) -> bytes:
    return b"".join(SEP + m.rstrip(b"\n") + b"\n\n" for m in messages)


# --------------------------------------------------------------------------- streaming mbox
def test_mbox_larger_than_the_message_cap_is_streamed_whole(tmp_path: Path) -> None:
    """Every message of an mbox comes out however large the file (here 5× the lowered cap);
    the one message over the cap is cut with a defect, and its analysis is never clean."""
    limits = DEFAULT_SETTINGS.with_limits(max_message_bytes=4096).limits
    small = [build_mail(subject=f"note {i}", text=f"Hello {i}\n") for i in range(8)]
    big = build_mail(subject="big one", text="lorem ipsum dolor sit amet\n" * 800)
    path = tmp_path / "archive.mbox"
    path.write_bytes(_mbox([*small[:4], big, *small[4:]]))
    assert path.stat().st_size > 5 * limits.max_message_bytes
    items = list(iter_file(path, limits))
    assert [i.source for i in items] == [f"{path}:{n}" for n in range(1, 10)]
    cut = items[4]
    assert len(cut.data) == limits.max_message_bytes
    assert [d.code for d in cut.defects] == ["MESSAGE_TRUNCATED"]
    assert cut.defects[0].detail == f"{len(big) + 1} bytes, read 4096"
    assert all(not i.defects for i in items[:4] + items[5:])
    assert items[5].data.startswith(b"From: ") and b"note 4" in items[5].data

    settings = DEFAULT_SETTINGS.with_limits(max_message_bytes=4096)
    result = analyse_one(cut.source, cut.data, settings, None, cut.defects)
    assert result["verdict"] != "clean"
    incomplete = next(f for f in result["findings"] if f["id"] == "ANALYSIS_INCOMPLETE")
    assert "message size" in incomplete["message"]["en"] and "メッセージサイズ" in incomplete["message"]["ja"]
    assert result["defects"][0]["code"] == "MESSAGE_TRUNCATED"


def test_scan_finds_messages_without_holding_their_bytes(tmp_path: Path) -> None:
    """scan's parent only notes where each message lies; the worker reads it (Item.loaded), so
    the parent's memory does not grow with message size. Both ways read the same bytes."""
    limits = DEFAULT_SETTINGS.with_limits(max_message_bytes=4096).limits
    box = tmp_path / "box.mbox"
    box.write_bytes(
        _mbox([build_mail(subject="a", text=">From quoted\n"), build_mail(text="x" * 9000), build_mail(subject="c")])
    )
    (tmp_path / "one.eml").write_bytes(build_mail(subject="single"))
    lazy = list(iter_path(tmp_path, limits, lazy=True))
    assert [len(i.data) for i in lazy] == [0, 0, 0, 0] and all(i.span is not None for i in lazy)
    eager = [*iter_file(box, limits), *iter_file(tmp_path / "one.eml", limits)]
    assert [i.loaded(limits) for i in lazy] == eager
    assert [d.code for d in eager[1].defects] == ["MESSAGE_TRUNCATED"]


def test_mbox_stream_reads_bounded_pieces_never_the_whole_file() -> None:
    """The reader asks for bounded pieces only (a block while finding separators, one message
    when reading it): memory is one message, not one file."""
    cap = DEFAULT_SETTINGS.limits.max_message_bytes

    class Guard(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:  # type: ignore[override]
            assert size is not None and 0 <= size <= max(cap, 1024 * 1024), "the whole stream was read at once"
            return super().read(size)

        def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
            assert size is not None and 0 < size <= 1024 * 1024
            return super().readline(size)

    data = _mbox([build_mail(subject=f"m{i}") for i in range(3)])
    assert [i.source for i in iter_stream(Guard(data), "box")] == ["box:1", "box:2", "box:3"]


def test_mbox_separators_cut_at_any_block_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    """Separators are found block by block: with blocks of a few bytes, so that every separator,
    `>From ` quote and line end falls across a boundary somewhere, the messages are the same."""
    from mailautopsy.parse import sources

    data = b"preamble line\n" + _mbox(
        [build_mail(subject=f"m{i}", text="Hello\n>From the archive\nFrom nobody, no date\n") for i in range(4)]
    )
    whole = [(i.source, i.data) for i in iter_stream(io.BytesIO(data), "box")]
    assert len(whole) == 5 and whole[0][1] == b"preamble line\n"
    assert all(b"\nFrom the archive\nFrom nobody" in d for _, d in whole[1:])
    for block in (1, 5, 6, 7, 64):
        monkeypatch.setattr(sources, "_BLOCK", block)
        assert [(i.source, i.data) for i in iter_stream(io.BytesIO(data), "box")] == whole


def test_mbox_quoting_and_single_message(tmp_path: Path) -> None:
    body = build_mail(subject="quoted", text="Hello\n>From the archive, with love\n")
    one = tmp_path / "one.mbox"
    one.write_bytes(_mbox([body]))
    items = list(iter_file(one))
    assert [i.source for i in items] == [str(one)]  # one message keeps the file's own name
    assert b"\nFrom the archive" in items[0].data
    over_long = SEP.rstrip(b"\n") + b" " + b"x" * (3 * 1024 * 1024) + b"\n"
    two = tmp_path / "two.mbox"
    two.write_bytes(over_long + build_mail(subject="a") + b"\n" + SEP + build_mail(subject="b"))
    assert [i.data.count(b"Subject:") for i in iter_file(two)] == [1, 1]


def test_mbox_with_a_long_separator_line(tmp_path: Path) -> None:
    sep = b"From a.very.long.sender.address.of.someone@mail.subdomain.example.com Tue Apr 22 09:12:30 2025\n"
    path = tmp_path / "long.mbox"
    path.write_bytes(b"".join(sep + build_mail(subject=f"m{i}") + b"\n" for i in range(3)))
    assert len(list(iter_file(path))) == 3
    assert len(list(split_messages(path.read_bytes()))) == 3


def test_mbox_on_standard_input_is_split(tmp_path: Path) -> None:
    box = _mbox([PHISH, build_mail(subject="plain note"), build_mail(subject="another")])
    assert [i.source for i in split_messages(box, "upload.mbox")] == [f"upload.mbox:{n}" for n in (1, 2, 3)]
    proc = _cli("scan", "-", "--jsonl", "--workers", "1", stdin=box)
    lines = [json.loads(x) for x in proc.stdout.decode("utf-8").splitlines()]
    assert [x["source"] for x in lines] == ["-:1", "-:2", "-:3"], proc.stderr
    assert lines[0]["verdict"] == "phishing" and proc.returncode == 2
    proc = _cli("analyze", "-", stdin=box)
    assert proc.returncode == 66 and b"scan" in proc.stderr


# --------------------------------------------------------------------------- time budget
def test_a_slow_check_is_cut_off_and_the_rest_comes_out(monkeypatch: pytest.MonkeyPatch) -> None:
    analyze_module = sys.modules["mailautopsy.analyze"]

    def slow(ctx: object) -> list[Finding]:
        time.sleep(30)
        return []

    original = analyze_module.rule_functions
    slow_check = RuleCheck(("SUBJECT_SPAM_STAMP",), slow, "test")
    monkeypatch.setattr(
        analyze_module, "rule_functions", lambda online=False: original(online) if online else (slow_check, *original())
    )
    settings = DEFAULT_SETTINGS.with_limits(check_time_limit_seconds=1)
    result = analyze(PHISH, "phish.eml", settings)
    assert [d.detail for d in result.message.defects if d.code == "TIMEOUT"] == ["check test.slow cut off after 1.0 s"]
    ids = {f.id for f in result.findings}
    assert "ANALYSIS_INCOMPLETE" in ids and len(ids) > 3  # the other checks' findings survive
    assert result.verdict == "phishing" and not result.errors


def test_a_spent_budget_skips_the_rest_and_is_never_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    analyze_module = sys.modules["mailautopsy.analyze"]

    def slow(ctx: object) -> list[Finding]:
        time.sleep(30)
        return []

    original = analyze_module.rule_functions
    slow_check = RuleCheck(("SUBJECT_SPAM_STAMP",), slow, "test")
    monkeypatch.setattr(
        analyze_module,
        "rule_functions",
        lambda online=False: original(online) if online else (original()[0], slow_check, *original()[1:]),
    )
    legit = (EXAMPLES / "kagoya-legit.eml").read_bytes()
    result = analyze(legit, "legit.eml", DEFAULT_SETTINGS.with_limits(time_limit_seconds=1))
    details = [d.detail for d in result.message.defects if d.code == "TIMEOUT"]
    assert details[0].startswith("check test.slow cut off") and details[1].startswith("not run")
    assert "check sender." in details[1]  # the checks after the slow one were skipped
    assert result.verdict == "suspicious" and "ANALYSIS_INCOMPLETE" in result.score.raised_by
    finding = next(f for f in result.findings if f.id == "ANALYSIS_INCOMPLETE")
    assert finding.params["limits"] == "the time limit"


def test_each_check_has_its_own_share_of_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """One timer serves the whole message (deadline.py), yet each check's share runs from its
    own start: three checks of 0.6 s under a 1 s share are all let finish."""
    analyze_module = sys.modules["mailautopsy.analyze"]

    def steady(ctx: object) -> list[Finding]:
        time.sleep(0.6)
        return []

    original = analyze_module.rule_functions
    steady_checks = tuple(RuleCheck(("SUBJECT_SPAM_STAMP",), steady, f"steady{i}") for i in range(3))
    monkeypatch.setattr(
        analyze_module,
        "rule_functions",
        lambda online=False: original(online) if online else (*steady_checks, *original()),
    )
    result = analyze(PHISH, "phish.eml", DEFAULT_SETTINGS.with_limits(check_time_limit_seconds=1))
    assert not [d for d in result.message.defects if d.code == "TIMEOUT"]
    assert "ANALYSIS_INCOMPLETE" not in {f.id for f in result.findings}


def test_the_message_timer_leaves_the_callers_alarm_as_it_was() -> None:
    """After an analysis the caller's SIGALRM handler is back, its alarm runs on with the time
    it had left, and without one no alarm is left behind (a stray one would cut off whatever
    the caller does next)."""
    import signal

    fired: list[int] = []

    def handler(signum: int, frame: object) -> None:
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, 20)
        analyze(PHISH)
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert signal.getsignal(signal.SIGALRM) is handler and 10 < left < 20 and not fired
        signal.setitimer(signal.ITIMER_REAL, 0)
        analyze(PHISH)
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0) and signal.getsignal(signal.SIGALRM) is handler
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_huge_content_type_header_is_never_clean() -> None:
    """Issue 21's mail: a phishing mail whose Content-Type holds 32,000 ';'. Whether the parser
    takes long (cut off, ANALYSIS_INCOMPLETE) or not, it is never clean."""
    head, _, rest = PHISH.partition(b"Content-Type: multipart/alternative;")
    raw = head + b"Content-Type: multipart/alternative;" + b";" * 32000 + rest
    result = analyze(raw, "semi.eml", DEFAULT_SETTINGS.with_limits(time_limit_seconds=2))
    assert result.verdict != "clean", [f.id for f in result.findings]


def test_limits_hit_while_parsing_are_named() -> None:
    text = "a" * 300
    raw = build_mail(subject="long", text=text)
    result = analyze(raw, settings=DEFAULT_SETTINGS.with_limits(max_text_chars=100))
    assert "TEXT_TRUNCATED" in {d.code for d in result.message.defects}
    finding = next(f for f in result.findings if f.id == "ANALYSIS_INCOMPLETE")
    assert finding.params["limits"] == "the text length limit" and result.verdict == "suspicious"
    assert analyze(raw).verdict == "clean"  # within the default limits nothing is cut


# --------------------------------------------------------------------------- verdicts
def _finding(rule_id: str, confidence: float) -> Finding:
    rule = load_rules().get(rule_id)
    return Finding(rule_id, rule.severity, confidence, (Evidence("text", "x"),), {}, rule.group, rule.weight)


def test_confident_deception_makes_at_least_suspicious_whatever_the_weights() -> None:
    rules = load_rules()
    result = score([_finding("SENDER_FREEMAIL_BRAND", 0.8)], rules)
    assert result.total < rules.thresholds["suspicious"]
    assert result.verdict == "suspicious" and result.raised_by == ("SENDER_FREEMAIL_BRAND",)


def test_clean_verdict_says_why_high_findings_were_outweighed() -> None:
    rules = load_rules()
    unsure = score([_finding("LINK_TEXT_MISMATCH", 0.3)], rules)
    assert unsure.verdict == "clean"
    assert [(o.id, o.reason) for o in unsure.outweighed] == [("LINK_TEXT_MISMATCH", "low_confidence")]
    fraud = score([_finding("CONTENT_ADVANCE_FEE", 0.6)], rules)
    assert fraud.verdict == "clean" and fraud.outweighed[0].reason == "not_deception"
    assert all(r.deception is False for r in rules.rules.values() if r.id.startswith("CONTENT_"))


def test_a_bank_domain_shown_over_a_link_elsewhere_is_not_clean() -> None:
    """Issue 13: a link showing a bank's domain and going elsewhere came out clean, 17/100."""
    raw = build_mail(
        subject="Your statement",
        html='<p>See <a href="https://statements.example.net/view">https://www.smbc.co.jp/statement</a></p>',
    )
    result = analyze(raw)
    mismatch = next(f for f in result.findings if f.id == "LINK_TEXT_MISMATCH")
    assert mismatch.confidence >= 0.7 and result.verdict != "clean"
    assert "LINK_TEXT_MISMATCH" in to_dict(result)["verdict_basis"]["raised_by"] or result.score.total >= 30


def test_every_clean_result_with_high_findings_carries_a_reason() -> None:
    for path in sorted((ROOT / "tests" / "samples").glob("*/hit-*.eml"))[:400]:
        obj = to_dict(analyze(path.read_bytes(), str(path)))
        highs = [f["id"] for f in obj["findings"] if f["severity"] in ("high", "critical")]
        if obj["verdict"] == "clean" and highs:
            basis = obj["verdict_basis"]
            assert {o["id"] for o in basis["outweighed"]} >= set(highs), path
            assert basis["message"]["en"] and basis["message"]["ja"], path


# --------------------------------------------------------------------------- not mail
@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\n\n  \n", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"shopping list:\n- milk\n- bread\n", "no mail header"),
        (b"Note: this is a config file\nkey: value\n", "no mail header fields"),
    ],
)
def test_not_mail_is_recognised(data: bytes, reason: str) -> None:
    assert reason in not_mail_reason(data)
    result = analyse_one("x", data)
    assert result["status"] == "not_mail" and result["defects"][0]["code"] == "NOT_MAIL"
    jsonschema.validate(result, SCHEMA)


def test_real_mail_is_mail() -> None:
    assert not_mail_reason(b"\xef\xbb\xbf" + build_mail()) == ""  # with a byte order mark
    for path in [*EXAMPLES.glob("*.eml"), *sorted((ROOT / "tests" / "samples").glob("*/*.eml"))]:
        assert not_mail_reason(path.read_bytes()) == "", path


def test_cli_not_mail_exit_65_and_scan_counts(tmp_path: Path) -> None:
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "empty.eml").write_bytes(b"")
    (junk / "random.bin").write_bytes(os.urandom(3000))
    (junk / "notes.txt").write_bytes(b"remember the milk\n")
    proc = _cli("analyze", str(junk / "notes.txt"), "--format", "json")
    assert proc.returncode == 65 and json.loads(proc.stdout)["status"] == "not_mail"
    assert _cli("analyze", str(junk / "random.bin")).returncode == 65
    proc = _cli("scan", str(junk), "--jsonl", "--workers", "1", "--lang", "en")
    assert proc.returncode == 65
    assert [json.loads(x)["status"] for x in proc.stdout.splitlines()] == ["not_mail"] * 3
    assert b"not mail: 3" in proc.stderr
    (junk / "mail.eml").write_bytes(PHISH)
    proc = _cli("scan", str(junk), "--workers", "1", "--lang", "en")
    assert proc.returncode == 2 and b"not mail: 3" in proc.stdout


def test_scan_of_a_folder_without_mail(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    proc = _cli("scan", str(tmp_path / "empty"), "--lang", "en")
    assert proc.returncode == 66 and b"no messages found" in proc.stderr
    proc = _cli("scan", str(tmp_path / "empty"), "--lang", "ja")
    assert "メッセージが見つかりませんでした" in proc.stderr.decode("utf-8")


# --------------------------------------------------------------------------- output contract
def test_strict_utf8_stdout_never_stops_a_batch(tmp_path: Path) -> None:
    """An undecodable byte in a header, and a file name that is no UTF-8: every line still
    comes out, as valid UTF-8 JSON, with PYTHONIOENCODING=utf-8:strict."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    raw = build_mail(subject="caf\xe9", text="hello\n").replace(
        b"Subject:", b"Received: from h\xff\xfe (x)\nSubject:", 1
    )
    (folder / "a-8bit.eml").write_bytes(raw)
    os.makedirs(os.fsencode(folder) + b"/b-\xff", exist_ok=True)
    (Path(os.fsdecode(os.fsencode(folder) + b"/b-\xff")) / "c.eml").write_bytes(PHISH)
    (folder / "d.eml").write_bytes(build_mail(subject="after"))
    for args in (["--jsonl"], ["--jsonl", "--workers", "2"]):
        proc = _cli("scan", str(folder), *args, env={"PYTHONIOENCODING": "utf-8:strict"})
        text = proc.stdout.decode("utf-8")  # strict: raises on any invalid byte
        lines = [json.loads(x) for x in text.splitlines()]
        assert len(lines) == 3 and proc.returncode == 2, proc.stderr
        for obj in lines:
            jsonschema.validate(obj, SCHEMA)
    proc = _cli("analyze", str(folder / "a-8bit.eml"), "--format", "json", env={"PYTHONIOENCODING": "utf-8:strict"})
    json.loads(proc.stdout.decode("utf-8"))
    assert proc.returncode in (0, 1, 2), proc.stderr


@pytest.mark.parametrize(
    "args", [["analyze", "{phish}"], ["analyze", "{phish}", "--format", "json"], ["scan", "{phish}", "--jsonl"]]
)
def test_closed_pipe_exits_quietly_with_the_verdicts_code(args: list[str]) -> None:
    argv = [a.format(phish=EXAMPLES / "kagoya-phish.eml") for a in args]
    proc = subprocess.Popen(
        [sys.executable, "-m", "mailautopsy", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 2, err
    assert err == b"", err


def test_workers_give_the_same_lines_in_order(tmp_path: Path) -> None:
    box = tmp_path / "twenty.mbox"
    box.write_bytes(_mbox([PHISH if i % 5 == 0 else build_mail(subject=f"note {i}") for i in range(20)]))
    one = list(scan([box], workers=1))
    two = list(scan([box], workers=2))
    assert len(one) == 20 and one == two
    assert [json.loads(x)["source"] for x in two] == [f"{box}:{n}" for n in range(1, 21)]


def test_a_worker_that_dies_costs_its_messages_not_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mailautopsy.scan as scan_module

    real = scan_module.analyse_one

    def crashing(source: str, data: bytes, *args: object, **kwargs: object) -> dict[str, object]:
        if b"crash here" in data:
            os._exit(9)  # a worker killed mid-message (the OOM killer, a crash in a C library)
        return real(source, data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scan_module, "analyse_one", crashing)
    monkeypatch.setattr(scan_module, "_LOST_AFTER", 1)
    box = tmp_path / "box.mbox"
    box.write_bytes(_mbox([build_mail(subject=f"n{i}", text="crash here" if i == 3 else "fine") for i in range(8)]))
    settings = DEFAULT_SETTINGS.with_limits(time_limit_seconds=1)
    lines = [json.loads(x) for x in scan([box], workers=2, settings=settings)]
    assert [x["source"] for x in lines] == [f"{box}:{n}" for n in range(1, 9)]
    lost = lines[3]
    assert lost["verdict"] == "suspicious" and lost["defects"][0]["code"] == "INTERNAL_ERROR"
    assert all(x["verdict"] == "clean" for i, x in enumerate(lines) if i != 3)
