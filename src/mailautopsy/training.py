"""Teaching the content model: `mailautopsy learn`, `learn --forget`, `model info`, and the
service functions a caller (the web app's feedback, a script) uses — `learn_message()` and
`forget_message()` on raw bytes. learning.py holds the model; this module turns mail into its
features (parsing and the checks whose finding ids are features: analyze.model_features) and
drives it.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .analyze import analyze, model_features
from .errors import InputError, KnowledgeError
from .learning import ContentModel, default_path, family_words, message_id
from .parse.sources import iter_path, message_bytes
from .rules import load as load_rules
from .settings import DEFAULT_SETTINGS, Settings


def message_tokens(raw: bytes, settings: Settings = DEFAULT_SETTINGS, config: Path | None = None) -> list[str]:
    """The features of one message as the model sees them when judging it: parsing and only the
    checks whose finding ids are features (analyze.model_features)."""
    return model_features(raw, settings, config)


def learn_message(model: ContentModel, raw: bytes, label: str, source: str = "", config: Path | None = None) -> str:
    """Teach the model one message as "phish" or "ham" (a changed label replaces the old one):
    "added", "relabelled" or "unchanged". Call `model.save()` afterwards."""
    if label not in ("phish", "ham"):
        raise ValueError(f"label must be phish or ham, not {label!r}")
    return model.learn(message_id(raw), message_tokens(raw, config=config), label, source)


def forget_message(model: ContentModel, raw: bytes) -> bool:
    """Remove what learning this message added (False: it was never learnt). Call `model.save()`."""
    return model.forget(message_id(raw))


def model_path(args: argparse.Namespace) -> Path | None:
    """The model a command uses: --model, else the config file's `[learning] model`, else none."""
    if getattr(args, "model", None) is not None:
        return Path(args.model)
    config = getattr(args, "config", None)
    if config is None:
        return None
    try:
        value = tomllib.loads(Path(config).read_text(encoding="utf-8")).get("learning", {}).get("model")
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"{config}: {exc}") from exc
    return Path(value).expanduser() if isinstance(value, str) and value else None


def open_model(args: argparse.Namespace) -> ContentModel | None:
    path = model_path(args)
    return ContentModel.open(path, readonly=True) if path is not None else None


def _messages(paths: Iterable[Path]) -> Iterable[tuple[str, bytes]]:
    for path in paths:
        for item in iter_path(path):
            if not item.error:  # an unreadable file teaches nothing
                yield item.source, message_bytes(item.data)


LEARN_BATCH = 500
"""Messages `learn` hashes and writes at once (learning.ContentModel.learn_many)."""


def learn_paths(
    model: ContentModel, labelled: Iterable[tuple[str, Path]], config: Path | None = None
) -> dict[str, int]:
    """Teach the model every message under each (label, path), in batches; a message the model
    already holds with that label is not even read for features. Outcome counts, e.g.
    {"phish added": 12, "ham unchanged": 3}. Call `model.save()` afterwards."""
    counts: dict[str, int] = {}
    batch: list[tuple[str, list[str], str, str]] = []
    queued: dict[str, str] = {}  # id → label of the messages in `batch`

    def flush() -> None:
        for (_, _, label, _), outcome in zip(batch, model.learn_many(batch), strict=True):
            counts[f"{label} {outcome}"] = counts.get(f"{label} {outcome}", 0) + 1
        batch.clear()
        queued.clear()

    for label, path in labelled:
        if label not in ("phish", "ham"):
            raise ValueError(f"label must be phish or ham, not {label!r}")
        for source, raw in _messages([path]):
            raw_id = message_id(raw)
            known = queued[raw_id] if raw_id in queued else model.label(raw_id)
            if known == label:
                counts[f"{label} unchanged"] = counts.get(f"{label} unchanged", 0) + 1
                continue
            batch.append((raw_id, message_tokens(raw, config=config), label, source))
            queued[raw_id] = label
            if len(batch) >= LEARN_BATCH:
                flush()
    flush()
    return counts


def _cmd_learn(args: argparse.Namespace) -> int:
    path = Path(args.model) if args.model is not None else default_path()
    model = ContentModel.open(path, create=not args.forget)
    counts: dict[str, int] = {}
    start = time.monotonic()
    try:
        for _source, raw in _messages(args.forget):
            key = "forgotten" if forget_message(model, raw) else "not learnt"
            counts[key] = counts.get(key, 0) + 1
        labelled = [("phish", p) for p in args.phish] + [("ham", p) for p in args.ham]
        counts.update(learn_paths(model, labelled, args.config))
        summary = {
            "phish": [str(p) for p in args.phish],
            "ham": [str(p) for p in args.ham],
            "forget": [str(p) for p in args.forget],
            "counts": counts,
        }
        model.save(summary)
        ham, phish = model.messages
    finally:
        model.close()
    took = time.monotonic() - start
    done = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "nothing"
    print(f"{path}: {done} ({took:.1f} s); the model now holds {phish} phishing and {ham} legitimate messages")
    return 0


def info(path: Path) -> dict[str, Any]:
    """What a model file holds: format, when, what it was trained on, its size."""
    model = ContentModel.open(path, readonly=True)
    try:
        meta = model.meta()
        ham, phish = model.messages
        features_stored = model._db.execute("SELECT COUNT(*) FROM counts").fetchone()[0]
    finally:
        model.close()
    return {
        "file": str(path),
        "format": meta["format"],
        "version": int(meta["version"]),
        "features_version": int(meta["features_version"]),
        "created": meta["created"],
        "updated": meta["updated"],
        "messages": {"phish": phish, "ham": ham},
        "features_stored": features_stored,
        "bytes": path.stat().st_size,
        "training": json.loads(meta.get("sources", "[]")),
        "cross_validation": json.loads(meta["cross_validation"]) if "cross_validation" in meta else None,
    }


def _cmd_model(args: argparse.Namespace) -> int:
    json.dump(info(Path(args.file)), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def add_commands(sub: Any) -> None:
    """Register `learn` and `model`, and `--model` on analyze, report and scan (cli.py calls this
    once; a command's `run` attribute is its handler)."""
    for name in ("analyze", "report", "scan"):
        if name in sub.choices:
            sub.choices[name].add_argument(
                "--model",
                type=Path,
                default=None,
                metavar="FILE",
                help="a content model trained with `mailautopsy learn` (or the config's [learning] model)",
            )
    learn = sub.add_parser("learn", help="teach the content model phishing and legitimate mail (incremental)")
    learn.add_argument("--phish", type=Path, action="append", default=[], metavar="PATH", help="phishing mail")
    learn.add_argument("--ham", type=Path, action="append", default=[], metavar="PATH", help="legitimate mail")
    learn.add_argument(
        "--forget", type=Path, action="append", default=[], metavar="PATH", help="remove these messages' contribution"
    )
    learn.add_argument(
        "--model", type=Path, default=None, metavar="FILE", help=f"model file (default {default_path()})"
    )
    learn.add_argument("--config", type=Path, default=None)
    learn.set_defaults(run=_checked(_cmd_learn))
    model = sub.add_parser("model", help="what a content model file holds")
    model.add_argument("action", choices=("info",))
    model.add_argument("file", type=Path)
    model.set_defaults(run=_cmd_model)


def _checked(command: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        if not (args.phish or args.ham or args.forget):
            raise InputError("learn needs --phish, --ham or --forget")
        return int(command(args))

    return run


# -- measuring: `python -m mailautopsy.training cv --phish DIR ... --ham DIR ...` (docs/learning.md) --


def _shingles(words: list[str]) -> set[bytes]:
    """Word triples of a message's `family_words` (the words of features version 1, so that
    changing the features moves no message to another fold)."""
    return {" ".join(words[i : i + 3]).encode() for i in range(max(1, len(words) - 2))}


def _families(items: list[dict[str, Any]], threshold: float = 0.5) -> list[int]:
    """A family id per message: near-duplicates (MinHash LSH over word triples, Jaccard ≥
    `threshold`) are one family, so that a campaign never sits on both sides of a fold."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=64)
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, item in enumerate(items):
        mh = MinHash(num_perm=64)
        mh.update_batch(list(_shingles(item["words"])))
        for j in lsh.query(mh):
            parent[root(int(j))] = root(i)
        lsh.insert(str(i), mh)
    return [root(i) for i in range(len(items))]


def _collect(folders: list[tuple[str, Path]]) -> list[dict[str, Any]]:
    """The rule-only analysis of every message, and the words its family is found by."""
    items = []
    for label, folder in folders:
        for source, raw in _messages([folder]):
            start = time.perf_counter()
            result = analyze(raw, source)
            took = time.perf_counter() - start
            items.append(
                {
                    "folder": str(folder),
                    "label": label,
                    "findings": result.findings,
                    "verdict": result.verdict,
                    "words": family_words(result.message),
                    "seconds": took,
                    "id": message_id(raw),
                }
            )
    return items


def _cached_collect(folders: list[tuple[str, Path]], workdir: Path) -> list[dict[str, Any]]:
    """The rule-only analyses, kept in `workdir/cv-items.pickle` for the next run on the same
    folders (delete it when the rules change); the model's features are computed afresh each run."""
    cache = workdir / "cv-items.pickle"
    names = [(label, str(folder)) for label, folder in folders]
    if cache.exists():
        kept: dict[str, Any] = pickle.loads(cache.read_bytes())
        if kept.get("folders") == names:
            return list(kept["items"])
    items = _collect(folders)
    workdir.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps({"folders": names, "items": items}))
    return items


def _tokens(folders: list[tuple[str, Path]], items: list[dict[str, Any]]) -> list[list[str]]:
    """Each message's features as `learn` reads them (message_tokens), in the items' order."""
    out = []
    for _, folder in folders:
        for _source, raw in _messages([folder]):
            out.append(message_tokens(raw))
            if message_id(raw) != items[len(out) - 1]["id"]:
                raise InputError(f"{folder} changed since cv-items.pickle was made; delete it")
    return out


def _per_folder(items: list[dict[str, Any]], verdicts: list[str], probabilities: list[float]) -> dict[str, Any]:
    """Per folder: messages, and how many were flagged or `phishing` rule-only and with the model."""
    from .checks.learned import FIRES_AT

    table: dict[str, Any] = {}
    for i, it in enumerate(items):
        row = table.setdefault(
            it["folder"],
            {
                "label": it["label"],
                "n": 0,
                "rule_flagged": 0,
                "rule_phishing": 0,
                "model_flagged": 0,
                "model_phishing": 0,
                "model_alone": 0,
            },
        )
        row["n"] += 1
        row["rule_flagged"] += it["verdict"] != "clean"
        row["rule_phishing"] += it["verdict"] == "phishing"
        row["model_flagged"] += verdicts[i] != "clean"
        row["model_phishing"] += verdicts[i] == "phishing"
        row["model_alone"] += probabilities[i] >= FIRES_AT
    return table


def cross_validate(folders: list[tuple[str, Path]], folds: int = 5, workdir: Path = Path(".")) -> dict[str, Any]:
    """Cross-validation by family: per folder, flagged and `phishing` rates rule-only and with a
    model trained on the other folds."""
    from sklearn.model_selection import StratifiedGroupKFold

    from .checks.learned import FIRES_AT
    from .model import Evidence, Finding
    from .score import score

    rules = load_rules()
    items = _cached_collect(folders, workdir)
    tokens = _tokens(folders, items)
    analysed = sum(it["seconds"] for it in items)
    groups = _families(items)
    labels = [1 if it["label"] == "phish" else 0 for it in items]
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=0)
    verdicts: list[str] = [""] * len(items)
    probabilities: list[float] = [0.0] * len(items)
    logits: list[tuple[float, int]] = [(0.0, 0)] * len(items)
    learn_seconds = 0.0
    judge_seconds = 0.0
    rule = rules.get("CONTENT_LEARNED")
    for fold, (train, test) in enumerate(splitter.split(items, labels, groups)):
        path = workdir / f"cv-fold{fold}.sqlite3"
        path.unlink(missing_ok=True)
        model = ContentModel.open(path, create=True)
        start = time.perf_counter()
        model.learn_many([(items[i]["id"] + f"-{i}", tokens[i], items[i]["label"], "") for i in train])
        model.save({"cv_fold": fold})
        learn_seconds += time.perf_counter() - start
        start = time.perf_counter()
        for i in test:
            judgement = model.judge(tokens[i])
            p = judgement.probability if judgement else 0.0
            probabilities[i] = p
            logits[i] = (judgement.logit, judgement.features) if judgement else (0.0, 0)
            findings = list(items[i]["findings"])
            if judgement is not None and p >= FIRES_AT and judgement.tokens:
                evidence = (Evidence("text", judgement.tokens[0][0], "model"),)
                findings.append(
                    Finding("CONTENT_LEARNED", rule.severity, round(p, 2), evidence, {}, rule.group, rule.weight)
                )
            verdicts[i] = score(findings, rules).verdict
        judge_seconds += time.perf_counter() - start
        model.close()
        path.unlink(missing_ok=True)
    dump = [(it["folder"], it["label"], *logits[i], it["verdict"]) for i, it in enumerate(items)]
    (workdir / "cv-logits.json").write_text(json.dumps(dump))
    return {
        "messages": len(items),
        "families": len(set(groups)),
        "analysis_seconds": round(analysed, 1),
        "learn_seconds": round(learn_seconds, 2),
        "learnt": len(items) * (folds - 1),
        "judge_seconds": round(judge_seconds, 2),
        "judged": len(items),
        "folders": _per_folder(items, verdicts, probabilities),
    }


def speed(model_file: Path, paths: list[Path], limit: int, rounds: int = 3) -> dict[str, Any]:
    """Single-process cost of judging with the model: the same messages analysed without and
    with it, alternating rounds so that the machine's load falls on both alike."""
    raws = [raw for _, (_, raw) in zip(range(limit), _messages(paths), strict=False)]
    model = ContentModel.open(model_file, readonly=True)
    analyze(raws[0], model=model)  # load scikit-learn and the counts before timing
    took = {"rule_only": 0.0, "with_model": 0.0}
    for _ in range(rounds):
        for key, m in (("rule_only", None), ("with_model", model)):
            start = time.process_time()
            for raw in raws:
                analyze(raw, model=m)
            took[key] += time.process_time() - start
    n = len(raws) * rounds
    rate = {k: round(n / v, 1) for k, v in took.items()}
    cost = 1 - rate["with_model"] / rate["rule_only"]
    return {"messages": n, "per_second_cpu": rate, "throughput_cost": f"{100 * cost:.1f} %"}


def copies(sources: list[Path], out: Path, count: int) -> int:
    """`count` messages for timing `learn`, written to `out`: the sources' messages in turn, each
    copy with an `X-Copy: n` header first, so that no two are one message to the model (it
    dedups by SHA-256). The header is not a feature. Returns how many were written."""
    raws = [raw for _, raw in _messages(sources)]
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count if raws else 0):
        raw = raws[i % len(raws)]
        eol = b"\r\n" if b"\r\n" in raw[:4096] else b"\n"
        (out / f"{i:06d}.eml").write_bytes(b"X-Copy: %d" % i + eol + raw)
    return count if raws else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m mailautopsy.training")
    sub = p.add_subparsers(dest="command", required=True)
    cv = sub.add_parser("cv", help="cross-validation by family, rule-only figures beside")
    cv.add_argument("--phish", type=Path, action="append", default=[])
    cv.add_argument("--ham", type=Path, action="append", default=[])
    cv.add_argument("--folds", type=int, default=5)
    cv.add_argument("--workdir", type=Path, default=Path("."))
    sp = sub.add_parser("speed", help="CPU cost of judging with a model, one process")
    sp.add_argument("--model", type=Path, required=True)
    sp.add_argument("--limit", type=int, default=300)
    sp.add_argument("paths", type=Path, nargs="+")
    cp = sub.add_parser("copies", help="write COUNT distinct copies of the messages under PATHs, for timing learn")
    cp.add_argument("--count", type=int, default=10_000)
    cp.add_argument("--out", type=Path, required=True)
    cp.add_argument("paths", type=Path, nargs="+")
    args = p.parse_args(argv)
    if args.command == "copies":
        print(f"{copies(args.paths, args.out, args.count)} messages written to {args.out}")
        return 0
    if args.command == "speed":
        print(json.dumps(speed(args.model, args.paths, args.limit)))
        return 0
    folders = [("phish", f) for f in args.phish] + [("ham", f) for f in args.ham]
    result = cross_validate(folders, args.folds, args.workdir)
    for folder, row in result.pop("folders").items():
        n = row["n"]
        print(
            f"{row['label']:5} {n:5}  rule-only flagged {100 * row['rule_flagged'] / n:5.1f} % "
            f"phishing {100 * row['rule_phishing'] / n:5.1f} %  | with model flagged "
            f"{100 * row['model_flagged'] / n:5.1f} % phishing {100 * row['model_phishing'] / n:5.1f} % "
            f"(model fires {100 * row['model_alone'] / n:5.1f} %)  {folder}"
        )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
