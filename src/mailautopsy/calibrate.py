"""Weight calibration: a small logistic fit of the rule weights on labelled mail.

    python -m mailautopsy.calibrate --phish DIR ... --ham DIR ... [--heavy-ham DIR ...] [--write]

Model, in score units: score = Σ weight_i × confidence_i, and
P(phish) = σ((score − T) / τ) with T the `suspicious` threshold and τ = 8 points, so that a
fitted weight reads directly as the points a finding adds. Weights are kept ≥ 0 (a finding is
evidence *for* phishing, never against), L2-regularised, and fitted by projected gradient
descent. Rules marked `calibrated = false` keep their hand-set weights (see rules.toml for
why). Five-fold cross-validation reports how the fitted weights do on mail they were not
fitted on. `--write` stores the weights (rounded to 0.5) in rules/rules.toml.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from importlib import resources
from pathlib import Path

from .rules import load as load_rules
from .scan import scan

TAU = 8.0
MIN_SUPPORT = 20
"""Rules seen on fewer messages than this keep their hand-set weight: too little evidence to fit."""


def _features(paths: list[Path], workers: int | None) -> list[dict[str, float]]:
    out = []
    for line in scan(paths, workers=workers):
        obj = json.loads(line)
        feats: dict[str, float] = {}
        for f in obj["findings"]:
            feats[f["id"]] = max(feats.get(f["id"], 0.0), float(f["confidence"]))
        out.append(feats)
    return out


def fit(
    samples: list[tuple[dict[str, float], int, float]],
    free: list[str],
    fixed: dict[str, float],
    threshold: float,
    l2: float = 1e-4,
    epochs: int = 600,
    lr: float = 200.0,
) -> dict[str, float]:
    """Projected gradient descent on weighted log-loss; returns weights for `free` ids."""
    w = dict.fromkeys(free, 10.0)
    total_weight = sum(sw for _, _, sw in samples)
    for _ in range(epochs):
        grad = dict.fromkeys(free, 0.0)
        for feats, y, sw in samples:
            score = sum(w.get(k, fixed.get(k, 0.0)) * v for k, v in feats.items())
            z = max(-30.0, min(30.0, (score - threshold) / TAU))
            p = 1.0 / (1.0 + math.exp(-z))
            g = sw * (p - y) / TAU
            for k, v in feats.items():
                if k in grad:
                    grad[k] += g * v
        for k in free:
            step = grad[k] / total_weight + l2 * w[k]
            w[k] = min(80.0, max(0.0, w[k] - lr * step))
    return w


def _score(feats: dict[str, float], weights: dict[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in feats.items())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m mailautopsy.calibrate")
    p.add_argument("--phish", action="append", default=[])
    p.add_argument("--ham", action="append", default=[])
    p.add_argument("--heavy-ham", action="append", default=[], help="ham that counts 5× (modern, Japanese)")
    p.add_argument("--heavy-phish", action="append", default=[], help="phish that counts 5× (Japanese)")
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--write", action="store_true")
    args = p.parse_args(argv)
    rules = load_rules()
    threshold = rules.thresholds["suspicious"]
    samples: list[tuple[dict[str, float], int, float]] = []
    for folders, label, weight in (
        (args.phish, 1, 1.0),
        (args.heavy_phish, 1, 5.0),
        (args.ham, 0, 1.0),
        (args.heavy_ham, 0, 5.0),
    ):
        for folder in folders:
            samples.extend((f, label, weight) for f in _features([Path(folder)], args.workers))
    n_pos = sum(sw for _, y, sw in samples if y)
    n_neg = sum(sw for _, y, sw in samples if not y)
    # Balance the classes: a missed phish and a false alarm matter alike before thresholds.
    samples = [(f, y, sw * (0.5 / n_pos if y else 0.5 / n_neg) * len(samples)) for f, y, sw in samples]
    support = {rid: sum(1 for f, _, _ in samples if rid in f) for rid in rules.rules}
    free = sorted(rid for rid, r in rules.rules.items() if r.calibrated and support[rid] >= MIN_SUPPORT)
    fixed = {rid: r.weight for rid, r in rules.rules.items() if rid not in free}

    random.seed(7)
    order = list(range(len(samples)))
    random.shuffle(order)
    folds = 5
    tp = fp = pos = neg = 0
    oof: list[tuple[float, int, float]] = []
    for k in range(folds):
        test = set(order[k::folds])
        train = [s for i, s in enumerate(samples) if i not in test]
        weights = {**fixed, **fit(train, free, fixed, threshold)}
        for i in test:
            feats, y, _ = samples[i]
            flagged = _score(feats, weights) >= threshold
            oof.append((_score(feats, weights), y, samples[i][2]))
            if y:
                pos += 1
                tp += flagged
            else:
                neg += 1
                fp += flagged
    print(
        f"cross-validated at the suspicious threshold ({threshold:g}): "
        f"phish flagged {100 * tp / pos:.1f} %, ham flagged {100 * fp / neg:.2f} %"
    )
    ham_scores = sorted((s for s, y, _ in oof if not y), reverse=True)
    phish_scores = [s for s, y, _ in oof if y]
    for share in (0.002, 0.005, 0.01):
        cut = ham_scores[int(len(ham_scores) * share)] + 0.01
        caught = sum(s >= cut for s in phish_scores) / len(phish_scores)
        print(f"  at {share * 100:.1f} % of ham flagged: phish flagged {caught * 100:.1f} % (score >= {cut:.1f})")
    final = fit(samples, free, fixed, threshold)
    for rid in free:
        print(f"  {rid:34} {rules.rules[rid].weight:6.1f} -> {final[rid]:6.1f}")
    if args.write:
        path = Path(str(resources.files("mailautopsy.rules").joinpath("rules.toml")))
        text = path.read_text(encoding="utf-8")
        for rid in free:
            value = round(final[rid] * 2) / 2
            pattern = rf"(\[rule\.{rid}\]\n(?:[^\[\n][^\n]*\n)*?weight = )[0-9.]+"
            text = re.sub(pattern, lambda m: f"{m.group(1)}{value:g}", text)  # noqa: B023 (used at once)
        path.write_text(text, encoding="utf-8")
        print(f"weights written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
