"""A trainable content model: what a deployment has already judged, learnt from the words and
shapes of its mail (docs/learning.md).

Multinomial naive Bayes over hashed features (scikit-learn's `FeatureHasher` and
`MultinomialNB`), kept as counts in one SQLite file. Counts make every message's contribution
reversible: `forget()` subtracts exactly what `learn()` added, which is what an analyst changing a
label needs. Features come only from what the reader sees and the sender controls — subject,
visible text, the From display name and domain, link hosts and path shapes, attachment types and
the ids of content findings — never from the delivery path (Received, Authentication-Results,
X-MS-*/X-Google-*, dates) nor from the recipient's address. Offline: no network, ever.

`analyze(raw, model=ContentModel.open(path))` passes it to the checks; `checks/learned.py` turns
its probability and the tokens that pushed it most into the `CONTENT_LEARNED` finding.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Message
from .settings import DEFAULT_SETTINGS, Limits
from .text.ja import has_japanese
from .text.ja import words as ja_words

FORMAT = "mailautopsy-content-model"
VERSION = 1
"""File format version; a file of another version is refused, not guessed at."""
FEATURES_VERSION = 2
"""Version of `features()`: a model learnt with other features is refused (relearn it). 2: Japanese
as the words of the project's Japanese analyser (text/ja.py) instead of character pairs; symbols,
the message's shape and the words of link hosts added (docs/learning.md)."""
N_FEATURES = 2**20
ALPHA = 0.1
HAM, PHISH = 0, 1
LABELS = {"ham": HAM, "phish": PHISH}
TEMPERED_LINE = 7.5
"""Where the tempered log-odds (summed log-odds / √features) turn the model's confidence past 0.5.
Naive Bayes adds hundreds of correlated features' log-odds as if independent, so its raw
probability sits at 0 or 1 for almost every mail; divided by √features the score separates better.
7.5 is above every modern legitimate message's cross-validated tempered score (features version 2:
the highest 6.4) and below the median phishing one (11.8 where the rules flag it, 7.4 where they
miss it); docs/learning.md has the sweep and the command."""

# Finding groups whose ids are features: what the mail's author wrote. Route, auth and sender
# findings read the delivery path (Received, Authentication-Results, Return-Path), so they are not.
FEATURE_GROUPS = ("subject", "links", "attachments", "content")

# Scripts written without spaces: Japanese split into words by the project's analyser (MeCab,
# text/ja.py), the others (Chinese without kana, Korean, Thai) into overlapping character pairs.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7af\u0e00-\u0e7f"
_WORD = re.compile(rf"[{_CJK}]+|[^\W\d_{_CJK}]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)
_IS_CJK = re.compile(rf"[{_CJK}]")
_SYMBOL = re.compile(r"[^\w\s\x00-\x7f]|\$")  # candidates; kept when a symbol or a currency sign
_HOST_WORD = re.compile(r"[a-z]{3,20}")
_EMAIL = re.compile(r"[\w.+-]++@[\w-]++(?:\.[\w-]++)+")  # possessive: the same matches, no backtracking


def default_path() -> Path:
    """Where the model lives unless `--model` or the config's `model` says otherwise."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "mailautopsy" / "model.sqlite3"


def _pairs(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _cjk_tokens(run: str) -> list[str]:
    """A run of a script written without spaces: Japanese as its words (the analyser the checks
    use), anything else as overlapping character pairs."""
    if not has_japanese(run):
        return _pairs(run)
    return [run[start:end] for start, end, _ in ja_words(run)]


def _words(text: str, prefix: str, limits: Limits, cjk: Callable[[str], list[str]] = _cjk_tokens) -> list[str]:
    """Words of `text` (lower case, NFKC); runs of scripts written without spaces by `cjk`; long
    words also as character trigrams, which survive the letter swaps and inserted characters of
    obfuscation."""
    text = unicodedata.normalize("NFKC", text[: limits.max_learn_text_chars]).lower()
    out: list[str] = []
    for word in _WORD.findall(text):
        if _IS_CJK.match(word):
            out.extend(prefix + t for t in cjk(word))
        elif word.isdigit():
            out.append(f"{prefix}#{min(len(word), 9)}")  # numbers by length: no dates, no ids
        elif len(word) <= 30:
            out.append(prefix + word)
            if len(word) >= 5:
                out.extend([f"c:{word[i : i + 3]}" for i in range(len(word) - 2)])
    return out


def family_words(msg: Message, limits: Limits = DEFAULT_SETTINGS.limits) -> list[str]:
    """The words of the subject and text as features version 1 read them (every run of a
    script without spaces as character pairs): what the cross-validation finds near-duplicates
    by, kept apart from `features()` so that changing the features moves no message to another fold."""
    scrub = _scrubber(msg.recipient_addresses(received=True))
    return _words(scrub(msg.subject), "s:", limits, _pairs) + _words(scrub(msg.text), "w:", limits, _pairs)


def _symbols(text: str, prefix: str, limits: Limits) -> list[str]:
    """The symbols a reader sees (emoji, ™, arrows drawn as pictographs) and currency signs."""
    text = unicodedata.normalize("NFKC", text[: limits.max_learn_text_chars])
    seen = dict.fromkeys(_SYMBOL.findall(text))
    return [prefix + c for c in seen if unicodedata.category(c) in ("So", "Sc")]


def _shape(msg: Message, text: str, subject: str) -> list[str]:
    """How the message looks: its text length, links and images (powers of two), HTML or plain,
    and how much of the subject is in capitals."""
    out = [
        f"sh:len{min(len(text.strip()).bit_length(), 16)}",
        f"sh:links{min(len(msg.links).bit_length(), 6)}",
        f"sh:img{min(msg.images.bit_length(), 5)}",
        "sh:html" if msg.html_present else "sh:plain",
    ]
    letters = [c for c in subject if c.isalpha()]
    if len(letters) >= 8:
        out.append(f"sh:subjcaps{4 * sum(c.isupper() for c in letters) // len(letters)}")
    return out


def _scrubber(recipients: set[str]) -> Callable[[str], str]:
    """Replaces the recipient's addresses in a text by a placeholder."""

    def scrub(text: str) -> str:
        if "@" not in text:
            return text
        lowered = text.lower()
        if not any(r in lowered for r in recipients):  # nothing to replace: skip the address search
            return text
        return _EMAIL.sub(lambda m: " rcptaddr " if m.group(0).lower() in recipients else m.group(0), text)

    return scrub


def _path_shape(url: str, host: str) -> list[str]:
    after = url.split(host, 1)[1] if host and host in url else ""
    path, _, query = after.partition("?")
    parts = [p for p in path.split("/") if p]
    shape = [f"lp:depth{min(len(parts), 6)}", "lp:query" if query else "lp:noquery"]
    if parts:
        last = parts[-1].lower()
        ext = last.rsplit(".", 1)[1] if "." in last else ""
        shape.append(f"lp:ext:{ext[:8]}" if ext else "lp:noext")
    shape.extend(f"lw:{w.lower()}" for p in parts[:6] for w in re.findall(r"[A-Za-z]{3,20}", p)[:4])
    return shape


def features(msg: Message, finding_ids: Iterable[str] = (), limits: Limits = DEFAULT_SETTINGS.limits) -> list[str]:
    """The tokens a message is judged on. Recipient addresses are replaced by a placeholder
    before anything is read, so that the recipient is never a feature."""
    recipients = msg.recipient_addresses(received=True)
    scrub = _scrubber(recipients)
    subject, text = scrub(msg.subject), scrub(msg.text)
    out = _words(subject, "s:", limits)
    out += _words(text, "w:", limits)
    out += _symbols(subject, "ss:", limits) + _symbols(text, "ws:", limits) + _shape(msg, text, subject)
    if msg.from_:
        sender = msg.from_[0]
        out += _words(scrub(sender.display_name), "n:", limits)
        if sender.registrable and sender.address.lower() not in recipients:
            out.append(f"fd:{sender.registrable.lower()}")
            out.append(f"ft:{sender.registrable.rsplit('.', 1)[-1].lower()}")
    for link in msg.links[: limits.max_links]:
        host = link.host_ascii or link.host
        out.append(f"ls:{link.scheme}")
        if link.is_ip:
            out.append("lh:ip")
        elif host:
            out.append(f"lh:{(link.registrable or host).lower()}")
            out.append(f"lt:{host.rsplit('.', 1)[-1].lower()}")
            out.append(f"ll:{min(host.count('.') + 1, 6)}")
            out.extend(f"hw:{w}" for w in _HOST_WORD.findall(host.lower()))
        out.extend(_path_shape(scrub(link.url), link.host))
    for att in msg.all_attachments()[: limits.max_parts]:
        name = att.filename.lower()
        out.append(f"ae:{name.rsplit('.', 1)[1][:10]}" if "." in name else "ae:none")
        out.append(f"at:{(att.sniffed_type or att.declared_type).lower()[:60]}")
    out.extend(f"f:{rid}" for rid in finding_ids)
    return out[: limits.max_learn_features]


_SHOWN = {
    "s:": "subject: {}",
    "n:": "sender name: {}",
    "c:": "…{}…",
    "fd:": "sender domain {}",
    "ft:": "sender TLD .{}",
    "ls:": "link scheme {}",
    "lh:": "link host {}",
    "lt:": "link TLD .{}",
    "ll:": "link host of {} labels",
    "lp:": "link path {}",
    "lw:": "link path word {}",
    "hw:": "link host word {}",
    "ss:": "subject symbol {}",
    "ws:": "symbol {}",
    "sh:": "shape {}",
    "ae:": "attachment .{}",
    "at:": "attachment type {}",
    "f:": "finding {}",
}


def shown(token: str) -> str:
    """A token as the evidence shows it: a word as itself, other features named."""
    prefix, _, value = token.partition(":")
    if prefix == "w":
        return value
    return _SHOWN.get(prefix + ":", "{}").format(value)


def message_id(raw: bytes) -> str:
    """A message's identity in the model: the SHA-256 of its bytes."""
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True, slots=True)
class Judgement:
    probability: float
    """The model's confidence that the message is phishing (0..1): the logistic function of the
    tempered score less `TEMPERED_LINE`, so 0.5 at the line, 0.92 at 2.5 above it."""
    tokens: tuple[tuple[str, float], ...]
    """The tokens that pushed the probability up most, with their log-odds weight."""
    logit: float = 0.0
    """The summed log-odds of the message's features (before tempering)."""
    features: int = 0
    """How many distinct features were read."""


@cache
def _hasher() -> Any:
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)


def _columns(tokens: Sequence[str]) -> Any:
    """The hashed column of each token (numpy int array, one per token)."""
    import numpy as np

    if not tokens:
        return np.zeros(0, dtype=np.int64)
    matrix = _hasher().transform([[t] for t in tokens])
    return matrix.indices.astype(np.int64)


def hashed(messages: Sequence[Sequence[str]]) -> list[Any]:
    """Each message's hashed columns, each once and in ascending order (presence, not counts):
    one hashing pass over the whole batch."""
    import numpy as np

    if not messages:
        return []
    matrix = _hasher().transform(messages)  # CSR, duplicates summed: each row's columns distinct
    matrix.sort_indices()
    bounds = matrix.indptr
    return [matrix.indices[bounds[i] : bounds[i + 1]].astype(np.uint32) for i in range(len(messages))]


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counts (feature INTEGER PRIMARY KEY, ham REAL NOT NULL, phish REAL NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY, label INTEGER NOT NULL, source TEXT NOT NULL, added TEXT NOT NULL,
  features BLOB NOT NULL
);
"""


def _meta(db: sqlite3.Connection, path: Path, create: bool) -> dict[str, str]:
    """The file's meta table; a new file gets one only when `create` (under the write lock, so
    that two processes creating one file at once write it once)."""
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if meta or not create:
        return meta
    db.execute("BEGIN IMMEDIATE")  # the write lock first, then look again: someone may have been first
    try:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if not meta:
            now = datetime.now(UTC).isoformat(timespec="seconds")
            meta = {
                "format": FORMAT,
                "version": str(VERSION),
                "features_version": str(FEATURES_VERSION),
                "n_features": str(N_FEATURES),
                "alpha": str(ALPHA),
                "created": now,
                "updated": now,
                "sources": "[]",
            }
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
    except BaseException:
        db.rollback()
        raise
    return meta


class ContentModel:
    """The model file (SQLite): `meta` (format, version, training summary), `counts` (per hashed
    feature, how many ham and phishing messages had it) and `messages` (each learnt message's
    SHA-256, label and hashed features as little-endian uint32, so that it can be forgotten)."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        import numpy as np

        self.path = path
        self._db = db
        self._counts = np.zeros((2, N_FEATURES), dtype=np.float64)
        self._docs = [0, 0]
        for feature, ham, phish in db.execute("SELECT feature, ham, phish FROM counts"):
            self._counts[HAM, feature] = ham
            self._counts[PHISH, feature] = phish
        for label, n in db.execute("SELECT label, COUNT(*) FROM messages GROUP BY label"):
            self._docs[int(label)] = int(n)
        self._dirty = np.zeros(N_FEATURES, dtype=bool)
        self._delta: Any = None

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, create: bool = False, readonly: bool = False) -> ContentModel:
        """Open a model file; with `create`, a missing one is made; `readonly` (a process that only
        judges with it) never writes. A file that is not a model of this version is refused
        (InputError), never half-read."""
        path = Path(path)
        if not path.exists() and not create:
            raise InputError(f"{path}: no such model file (train one with `mailautopsy learn`)")
        db: sqlite3.Connection | None = None
        try:
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            if readonly:
                db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
                meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            else:
                db = sqlite3.connect(path)
                db.executescript(_SCHEMA)
                meta = _meta(db, path, create)
        except (sqlite3.Error, OSError) as exc:
            if db is not None:
                db.close()
            raise InputError(f"{path}: not a model file: {exc}") from exc
        try:
            if meta.get("format") != FORMAT or meta.get("version") != str(VERSION):
                raise InputError(f"{path}: not a {FORMAT} version {VERSION} file")
            if meta.get("features_version") != str(FEATURES_VERSION) or meta.get("n_features") != str(N_FEATURES):
                raise InputError(f"{path}: learnt with other features; train it again with `mailautopsy learn`")
            return cls(path, db)
        except BaseException:
            db.close()
            raise

    def close(self) -> None:
        self._db.close()

    # -- learning ------------------------------------------------------------------------------
    def learn(self, raw_id: str, tokens: Sequence[str], label: str, source: str = "") -> str:
        """Add one message; returns "added", "relabelled" or "unchanged" (already learnt so)."""
        return self.learn_many([(raw_id, tokens, label, source)])[0]

    def learn_many(self, batch: Sequence[tuple[str, Sequence[str], str, str]]) -> list[str]:
        """Add messages, each (id, tokens, label, source): the same as `learn()` of each in turn
        (a message learnt with another label is relabelled, one learnt so is "unchanged"), with
        one hashing pass, one count update per label and one insert for the whole batch."""

        outcomes: list[str] = []
        todo: dict[str, tuple[Sequence[str], int, str]] = {}
        for raw_id, tokens, label, source in batch:
            y = LABELS[label]
            if raw_id in todo:  # twice in one batch: learn what came before first, as one by one
                self._add(todo)
                todo = {}
            row = self._db.execute("SELECT label FROM messages WHERE id = ?", (raw_id,)).fetchone()
            if row is not None and int(row[0]) == y:
                outcomes.append("unchanged")
                continue
            outcomes.append("added" if row is None else "relabelled")
            if row is not None:
                self.forget(raw_id)
            todo[raw_id] = (tokens, y, source)
        self._add(todo)
        return outcomes

    def _add(self, todo: dict[str, tuple[Sequence[str], int, str]]) -> None:
        import numpy as np

        if not todo:
            return
        vectors = hashed([tokens for tokens, _, _ in todo.values()])
        labels = np.array([y for _, y, _ in todo.values()])
        for y in (HAM, PHISH):
            rows = [v for v, label in zip(vectors, labels, strict=True) if label == y]
            if rows:
                columns, times = np.unique(np.concatenate(rows), return_counts=True)
                self._counts[y, columns] += times
                self._dirty[columns] = True
                self._docs[y] += len(rows)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self._db.executemany(
            "INSERT INTO messages VALUES (?, ?, ?, ?, ?)",
            [
                (raw_id, y, source[:300], now, vec.astype("<u4").tobytes())
                for (raw_id, (_, y, source)), vec in zip(todo.items(), vectors, strict=True)
            ],
        )
        self._delta = None

    def label(self, raw_id: str) -> str | None:
        """The label a message was learnt with ("phish" or "ham"), None when it was not."""
        row = self._db.execute("SELECT label FROM messages WHERE id = ?", (raw_id,)).fetchone()
        return None if row is None else ("phish" if int(row[0]) == PHISH else "ham")

    def forget(self, raw_id: str) -> bool:
        """Remove exactly what learning this message added; False when it was never learnt."""
        import numpy as np

        row = self._db.execute("SELECT label, features FROM messages WHERE id = ?", (raw_id,)).fetchone()
        if row is None:
            return False
        y, blob = int(row[0]), row[1]
        vec = np.frombuffer(blob, dtype="<u4").astype(np.int64)
        self._counts[y, vec] -= 1
        self._docs[y] -= 1
        self._dirty[vec] = True
        self._db.execute("DELETE FROM messages WHERE id = ?", (raw_id,))
        self._delta = None
        return True

    def save(self, summary: dict[str, Any] | None = None) -> None:
        """Write the changed counts and the training summary in one transaction."""
        import numpy as np

        changed = np.flatnonzero(self._dirty)
        rows = zip(
            changed.tolist(), self._counts[HAM, changed].tolist(), self._counts[PHISH, changed].tolist(), strict=True
        )
        self._db.executemany("INSERT OR REPLACE INTO counts VALUES (?, ?, ?)", rows)
        self._db.execute("DELETE FROM counts WHERE ham <= 0 AND phish <= 0")
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('updated', ?)", (now,))
        if summary is not None:
            sources = json.loads(self.meta().get("sources", "[]"))
            sources.append({"at": now, **summary})
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('sources', ?)", (json.dumps(sources[-50:]),))
        self._db.commit()
        self._dirty[:] = False

    # -- judging -------------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())

    @property
    def messages(self) -> tuple[int, int]:
        """(ham, phishing) messages learnt."""
        return self._docs[HAM], self._docs[PHISH]

    def _log_odds(self) -> Any:
        """Per feature, log P(f | phishing) − log P(f | ham): scikit-learn's MultinomialNB fitted
        on the stored counts (uniform prior: the training mix is not the deployment's)."""
        if self._delta is None:
            import numpy as np
            from scipy.sparse import csr_matrix
            from sklearn.naive_bayes import MultinomialNB

            nb = MultinomialNB(alpha=ALPHA, fit_prior=False)
            nb.fit(csr_matrix(np.maximum(self._counts, 0)), np.array([HAM, PHISH]))
            self._delta = nb.feature_log_prob_[PHISH] - nb.feature_log_prob_[HAM]
        return self._delta

    def judge(self, tokens: Sequence[str], explain: int = 5) -> Judgement | None:
        """The probability that a message with these tokens is phishing and the `explain` tokens
        that raised it most; None while the model has not seen both kinds of mail."""
        import numpy as np

        if min(self._docs) == 0 or not tokens:
            return None
        delta = self._log_odds()
        distinct = list(dict.fromkeys(tokens))
        cols = _columns(distinct)
        _, first = np.unique(cols, return_index=True)  # a column counts once, as in learning
        weights = delta[cols[first]]
        logit = float(weights.sum())
        tempered = logit / float(np.sqrt(len(first)))
        probability = 1.0 / (1.0 + float(np.exp(min(700.0, TEMPERED_LINE - tempered))))
        order = np.argsort(-weights)[:explain]
        top = tuple((distinct[first[i]], round(float(weights[i]), 2)) for i in order if weights[i] > 0)
        return Judgement(float(probability), top, round(logit, 4), len(first))
