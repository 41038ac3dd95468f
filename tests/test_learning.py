"""The trainable content model (learning.py, training.py, checks/learned.py): CONTENT_LEARNED
fires only with a model, explains itself with the tokens that weighed most, never reads the
delivery path or the recipient, forgets exactly what it learnt, and refuses files it cannot read."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest
from helpers import EXAMPLES, FIXTURES, ROOT, build_mail

from mailautopsy import analyze, rules
from mailautopsy.cli import main
from mailautopsy.errors import InputError
from mailautopsy.learning import ContentModel, Judgement, message_id
from mailautopsy.model import Evidence, Finding
from mailautopsy.parse.sources import iter_path, message_bytes
from mailautopsy.render.text import render_text
from mailautopsy.score import score
from mailautopsy.training import forget_message, learn_message, message_tokens


def _mail(subject: str, text: str, sender: str = "Service <notice@shop.example.net>", **headers: str) -> bytes:
    to = headers.pop("to", "taro@example.jp")
    extra = [(name.replace("_", "-"), value) for name, value in headers.items()]
    return build_mail(from_=sender, to=to, subject=subject, text=text, date=None, msgid=None, headers=extra)


PHISH = [
    _mail("Win a prize today", f"Congratulations winner {i}! Claim your lottery prize, send your bank fee now.")
    for i in range(6)
] + [
    _mail("Lonely heart", f"My dear, I am a widow {i} with millions, transfer fee to inherit the fortune.")
    for i in range(6)
]
HAM = [
    _mail("Minutes of the meeting", f"Attached the minutes of meeting {i}; the next review is on Thursday.")
    for i in range(6)
] + [_mail("会議の議事録", f"第{i}回の会議の議事録を共有します。次回のレビューは木曜日です。") for i in range(6)]
PROBE = _mail("Claim your prize", "Dear winner, claim the lottery prize: send the bank fee to inherit it.")
LEGIT_PROBE = _mail("Meeting review", "The minutes of the review meeting are attached; see you Thursday.")


@pytest.fixture()
def model(tmp_path: Path) -> ContentModel:
    m = ContentModel.open(tmp_path / "model.sqlite3", create=True)
    for raw in PHISH:
        learn_message(m, raw, "phish")
    for raw in HAM:
        learn_message(m, raw, "ham")
    m.save({"test": True})
    return m


def _learned(raw: bytes, model: ContentModel | None) -> list[Finding]:
    return [f for f in analyze(raw, model=model).findings if f.id == "CONTENT_LEARNED"]


def test_without_a_model_nothing_changes(model: ContentModel) -> None:
    assert _learned(PROBE, None) == []
    seed = (ROOT / "examples" / "kagoya-phish.eml").read_bytes()
    plain = analyze(seed)
    assert "CONTENT_LEARNED" not in {f.id for f in plain.findings}


def test_fires_with_the_models_probability_and_tokens(model: ContentModel) -> None:
    found = _learned(PROBE, model)
    assert len(found) == 1
    finding = found[0]
    judgement = model.judge(message_tokens(PROBE))
    assert judgement is not None and judgement.probability > 0.9
    assert finding.confidence == round(judgement.probability, 2)
    assert finding.params["probability"] == f"{judgement.probability:.2f}"
    tokens = [e.value for e in finding.evidence]
    assert 1 <= len(tokens) <= 5 and "fee" in tokens, tokens
    assert all(e.where.startswith("model weight +") for e in finding.evidence)
    assert _learned(LEGIT_PROBE, model) == []


def test_finding_reads_in_both_languages(model: ContentModel) -> None:
    result = analyze(PROBE, model=model)
    for lang, words in (("en", "content model"), ("ja", "学習したモデル")):
        out = io.StringIO()
        render_text(result, lang, file=out, width=200, color=False)
        assert words in out.getvalue(), lang


DELIVERY = {
    "Received": "from mx.example.org (mx.example.org [192.0.2.7]) by mail.example.jp; Mon, 1 Jan 2024 00:00:00 +0000",
    "Authentication_Results": "mail.example.jp; spf=fail smtp.mailfrom=shop.example.net; dkim=none; dmarc=fail",
    "X_MS_Exchange_Organization_SCL": "9",
    "X_MS_Exchange_Organization_AuthAs": "Anonymous",
    "X_Google_Smtp_Source": "AGHT+IEexample",
    "Date": "Tue, 02 Jan 2024 03:04:05 +0900",
    "Delivered_To": "hanako@example.jp",
    "Return_Path": "<bounce@other.example.com>",
}


def test_delivery_path_dates_and_recipients_do_not_move_the_model(model: ContentModel) -> None:
    text = "Dear taro@example.jp, claim the lottery prize: send the bank fee to inherit it."
    base = _mail("Claim your prize", text)
    changed = _mail("Claim your prize", text.replace("taro@", "jiro@"), to="jiro@example.jp", **DELIVERY)
    assert message_tokens(base) == message_tokens(changed)
    a, b = model.judge(message_tokens(base)), model.judge(message_tokens(changed))
    assert a is not None and a == b
    assert not any("taro" in t or "jiro" in t for t in message_tokens(changed))
    assert _learned(base, model)[0].confidence == _learned(changed, model)[0].confidence


def _counts(model: ContentModel) -> list[tuple[int, float, float]]:
    return model._db.execute("SELECT * FROM counts ORDER BY feature").fetchall()


def test_forget_removes_exactly_one_messages_contribution(model: ContentModel, tmp_path: Path) -> None:
    before, judged = _counts(model), model.judge(message_tokens(PROBE))
    extra = _mail("Prize fee", "Send the fee and the prize is yours, winner.")
    assert learn_message(model, extra, "ham") == "added"
    model.save()
    assert _counts(model) != before
    assert learn_message(model, extra, "ham") == "unchanged"
    assert learn_message(model, extra, "phish") == "relabelled"
    assert forget_message(model, extra) and not forget_message(model, extra)
    model.save()
    assert _counts(model) == before and model.judge(message_tokens(PROBE)) == judged
    assert model.messages == (12, 12)
    again = ContentModel.open(model.path)  # what was saved is what is read back
    assert again.judge(message_tokens(PROBE)) == judged and again.messages == (12, 12)


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such model"):
        ContentModel.open(tmp_path / "missing.sqlite3")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError, match="not a model file"):
        ContentModel.open(junk)
    other = tmp_path / "other.sqlite3"
    ContentModel.open(other, create=True).close()
    with sqlite3.connect(other) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'version'")
    with pytest.raises(InputError, match="version 1"):
        ContentModel.open(other)


def test_a_model_that_saw_one_kind_of_mail_says_nothing(tmp_path: Path) -> None:
    m = ContentModel.open(tmp_path / "m.sqlite3", create=True)
    learn_message(m, PHISH[0], "phish")
    assert m.judge(message_tokens(PROBE)) is None
    assert _learned(PROBE, m) == []


def _score(probability: float) -> str:
    r = rules.load()
    rule = r.get("CONTENT_LEARNED")
    finding = Finding(
        "CONTENT_LEARNED", rule.severity, probability, (Evidence("text", "x", "model"),), {}, rule.group, rule.weight
    )
    return score([finding], r).verdict


def test_alone_it_makes_phishing_only_when_very_probable() -> None:
    assert _score(0.6) == "clean"
    assert _score(0.9) == "suspicious"
    assert _score(0.93) == "suspicious"
    assert _score(0.97) == "phishing"


def _write(folder: Path, mails: list[bytes]) -> Path:
    folder.mkdir()
    for i, raw in enumerate(mails):
        (folder / f"{i}.eml").write_bytes(raw)
    return folder


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    phish, ham = _write(tmp_path / "phish", PHISH), _write(tmp_path / "ham", HAM)
    path = tmp_path / "cli.sqlite3"
    assert main(["learn", "--phish", str(phish), "--ham", str(ham), "--model", str(path)]) == 0
    assert "12 phishing and 12 legitimate" in capsys.readouterr().out
    assert main(["model", "info", str(path)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["messages"] == {"phish": 12, "ham": 12} and info["training"][0]["phish"] == [str(phish)]
    probe = tmp_path / "probe.eml"
    probe.write_bytes(PROBE)
    main(["analyze", str(probe), "--format", "json", "--model", str(path)])
    assert "CONTENT_LEARNED" in {f["id"] for f in json.loads(capsys.readouterr().out)["findings"]}
    main(["analyze", str(probe), "--format", "json"])
    assert "CONTENT_LEARNED" not in {f["id"] for f in json.loads(capsys.readouterr().out)["findings"]}
    config = tmp_path / "conf.toml"
    config.write_text(f'[learning]\nmodel = "{path}"\n', encoding="utf-8")
    main(["scan", str(probe), "--jsonl", "--workers", "1", "--config", str(config)])
    assert "CONTENT_LEARNED" in {f["id"] for f in json.loads(capsys.readouterr().out)["findings"]}
    forget = _write(tmp_path / "forget", PHISH[:2])
    assert main(["learn", "--forget", str(forget), "--model", str(path)]) == 0
    assert "forgotten: 2" in capsys.readouterr().out
    assert ContentModel.open(path).messages == (12, 10)
    assert main(["learn", "--model", str(path)]) != 0
    assert message_id(PROBE) == message_id(bytes(PROBE))


class _Seeing(ContentModel):
    """A real model that also keeps the tokens `analyze(raw, model=...)` judged each mail on."""

    judged: list[list[str]]

    def judge(self, tokens: Sequence[str], explain: int = 5) -> Judgement | None:
        self.judged.append(list(tokens))
        return super().judge(tokens, explain)


def test_learning_reads_the_very_features_analysis_judges(model: ContentModel, tmp_path: Path) -> None:
    """`learn` skips the checks whose findings are not features (message_tokens, the fast path);
    what it reads must still be exactly what a full analysis judges, on every fixture, sample
    and example (the samples fire every rule)."""
    seeing = _Seeing.open(model.path)
    seeing.judged = []
    mails = [FIXTURES, ROOT / "tests" / "samples", EXAMPLES]
    checked = 0
    for item in (item for folder in mails for item in iter_path(folder) if not item.error):
        raw = message_bytes(item.data)
        seeing.judged.clear()
        analyze(raw, model=seeing)
        assert seeing.judged == [message_tokens(raw)], item.source
        checked += 1
    assert checked > 400


def test_a_batch_learns_what_one_by_one_learns(tmp_path: Path) -> None:
    """learn_many (one hashing pass, one insert) against learn() of each in turn, with a message
    twice in one batch, once relabelled."""
    mails = [(raw, "phish") for raw in PHISH] + [(raw, "ham") for raw in HAM] + [(PHISH[0], "ham"), (HAM[0], "ham")]
    one = ContentModel.open(tmp_path / "one.sqlite3", create=True)
    outcomes_one = [one.learn(message_id(raw), message_tokens(raw), label, "s") for raw, label in mails]
    one.save()
    many = ContentModel.open(tmp_path / "many.sqlite3", create=True)
    outcomes_many = many.learn_many([(message_id(raw), message_tokens(raw), label, "s") for raw, label in mails])
    many.save()
    assert outcomes_many == outcomes_one
    assert outcomes_one[-2:] == ["relabelled", "unchanged"]
    assert _counts(many) == _counts(one) and many.messages == one.messages == (13, 11)
    rows = "SELECT id, label, source, features FROM messages ORDER BY id"
    assert many._db.execute(rows).fetchall() == one._db.execute(rows).fetchall()
    assert many.judge(message_tokens(PROBE)) == one.judge(message_tokens(PROBE))


def test_copies_for_timing_learn_are_distinct_messages_with_the_same_features(tmp_path: Path) -> None:
    from mailautopsy.training import copies

    source = _write(tmp_path / "src", PHISH[:2])
    assert copies([source], tmp_path / "out", 5) == 5
    made = [p.read_bytes() for p in sorted((tmp_path / "out").iterdir())]
    assert len({message_id(raw) for raw in made}) == 5
    assert [message_tokens(raw) for raw in made] == [message_tokens(PHISH[i % 2]) for i in range(5)]


def _open_created(path: str) -> str:
    model = ContentModel.open(Path(path), create=True)
    model.close()
    return "ok"


def test_opening_races_leave_one_model_and_readers_write_nothing(tmp_path: Path) -> None:
    """The web app's trainer creates the file while worker processes open it to judge: a reader
    never writes (not even the meta of a file not finished yet: refused, the last model kept),
    and creators racing on a new file write its meta once."""
    import multiprocessing

    path = tmp_path / "web" / "model.sqlite3"
    path.parent.mkdir()
    sqlite3.connect(path).close()  # created, nothing written yet: what a reader may meet
    with pytest.raises(InputError):
        ContentModel.open(path, readonly=True)
    with pytest.raises(InputError):
        ContentModel.open(path)  # without create, no meta is written either
    with multiprocessing.get_context("fork").Pool(4) as pool:
        assert pool.map(_open_created, [str(path)] * 8) == ["ok"] * 8
    db = sqlite3.connect(path)
    assert db.execute("SELECT COUNT(*) FROM meta WHERE key = 'format'").fetchone() == (1,)
    db.close()
    reader = ContentModel.open(path, readonly=True)
    with pytest.raises(sqlite3.OperationalError):
        reader._db.execute("INSERT INTO meta VALUES ('x', 'y')")
    reader.close()
    writer = ContentModel.open(path)
    writer.learn("m1", ["w:hello"], "ham")
    writer.save({})
    writer.close()
