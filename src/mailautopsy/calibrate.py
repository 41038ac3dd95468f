"""Weight calibration: a small logistic fit of the rule weights on labelled mail.

    python -m mailautopsy.calibrate --phish DIR ... --ham DIR ... [--heavy-ham DIR ...] [--write]

Model, in score units: score = Σ weight_i × confidence_i, and
P(phish) = σ((score − 30) / τ) with τ = 8 points, so that a fitted weight reads directly as
the points a finding adds. Weights are kept ≥ 0 (a finding is evidence *for* phishing, never
against), lightly L2-regularised, and fitted by projected gradient descent. Rules marked
`calibrated = false`, or seen on fewer than 20 messages, keep their hand-set weights (see
rules.toml for why). Five-fold cross-validation reports how the fitted weights do on mail
they were not fitted on, and the `suspicious` and `phishing` thresholds are chosen on those
cross-validated scores: fitted weights are rescaled so that the suspicious threshold (30)
flags at most `--target-ham` (0.5 %) of the ham, and the phishing threshold is set where
`--target-ham-phishing` (0.2 %) of the ham would be flagged. `--write` stores weights (rounded to 0.5) and
thresholds in rules/rules.toml.
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
from typing import Any

from .rules import load as load_rules
from .scan import scan

TAU = 8.0
CENTRE = 30.0
"""The score at which the fitted model says 50 %: fixes the scale of the weights."""
MIN_SUPPORT = 20
"""Rules seen on fewer messages than this keep their hand-set weight: too little evidence to fit."""


def features_of(result: dict[str, Any]) -> dict[str, float]:
    """A JSON result's findings as the fit reads them: each id once, at its highest confidence."""
    feats: dict[str, float] = {}
    for f in result.get("findings", []):
        feats[f["id"]] = max(feats.get(f["id"], 0.0), float(f["confidence"]))
    return feats


def _features(paths: list[Path], workers: int | None) -> list[dict[str, float]]:
    return [features_of(json.loads(line)) for line in scan(paths, workers=workers)]


def fit(
    samples: list[tuple[dict[str, float], int, float]],
    free: list[str],
    fixed: dict[str, float],
    threshold: float,
    l2: float = 5e-6,
    epochs: int = 1000,
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


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m mailautopsy.calibrate")
    p.add_argument("--phish", action="append", default=[])
    p.add_argument("--ham", action="append", default=[])
    p.add_argument("--heavy-ham", action="append", default=[], help="ham that counts 5× (modern, Japanese)")
    p.add_argument("--heavy-phish", action="append", default=[], help="phish that counts 5× (Japanese)")
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--write", action="store_true")
    p.add_argument(
        "--target-ham",
        type=float,
        default=0.005,
        help="share of ham the suspicious threshold may flag in cross-validation",
    )
    p.add_argument(
        "--target-ham-phishing",
        type=float,
        default=0.002,
        help="share of ham the phishing threshold may flag in cross-validation",
    )
    return p


def _labelled_samples(args: argparse.Namespace) -> list[tuple[dict[str, float], int, float]]:
    """(features, label, sample weight) for every message in the --phish/--ham folders."""
    samples: list[tuple[dict[str, float], int, float]] = []
    for folders, label, weight in (
        (args.phish, 1, 1.0),
        (args.heavy_phish, 1, 5.0),
        (args.ham, 0, 1.0),
        (args.heavy_ham, 0, 5.0),
    ):
        for folder in folders:
            samples.extend((f, label, weight) for f in _features([Path(folder)], args.workers))
    return samples


def _out_of_fold_scores(
    samples: list[tuple[dict[str, float], int, float]], free: list[str], fixed: dict[str, float], threshold: float
) -> list[tuple[float, int, float]]:
    """Five-fold cross-validation: each message scored by weights fitted without it."""
    random.seed(7)
    order = list(range(len(samples)))
    random.shuffle(order)
    folds = 5
    oof: list[tuple[float, int, float]] = []
    for k in range(folds):
        test = set(order[k::folds])
        train = [s for i, s in enumerate(samples) if i not in test]
        weights = {**fixed, **fit(train, free, fixed, threshold)}
        for i in test:
            feats, y, sample_weight = samples[i]
            oof.append((_score(feats, weights), y, sample_weight))
    return oof


def _write_rules(final: dict[str, float], free: list[str], new_phishing: float) -> None:
    """Store the fitted weights (rounded to 0.5) and the thresholds in rules/rules.toml."""
    path = Path(str(resources.files("mailautopsy.rules").joinpath("rules.toml")))
    text = path.read_text(encoding="utf-8")
    for rid in free:
        value = round(final[rid] * 2) / 2
        pattern = rf"(\[rule\.{rid}\]\n(?:[^\[\n][^\n]*\n)*?weight = )[0-9.]+"
        text = re.sub(pattern, lambda m: f"{m.group(1)}{value:g}", text)  # noqa: B023 (used at once)
    text = re.sub(r"(\[thresholds\]\nphishing = )[0-9.]+", rf"\g<1>{new_phishing:.1f}", text)
    text = re.sub(r"(\[thresholds\]\n(?:[^\[\n][^\n]*\n)*?suspicious = )[0-9.]+", rf"\g<1>{CENTRE:.1f}", text)
    path.write_text(text, encoding="utf-8")
    print(f"weights written to {path}")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    rules = load_rules()
    threshold = CENTRE
    samples = _labelled_samples(args)
    n_pos = sum(sw for _, y, sw in samples if y)
    n_neg = sum(sw for _, y, sw in samples if not y)
    if not n_pos or not n_neg:
        print("calibration needs both phish and ham messages", file=sys.stderr)
        return 64
    # Balance the classes: a missed phish and a false alarm matter alike before thresholds.
    samples = [(f, y, sw * (0.5 / n_pos if y else 0.5 / n_neg) * len(samples)) for f, y, sw in samples]
    support = {rid: sum(1 for f, _, _ in samples if rid in f) for rid in rules.rules}
    free = sorted(rid for rid, r in rules.rules.items() if r.calibrated and support[rid] >= MIN_SUPPORT)
    fixed = {rid: r.weight for rid, r in rules.rules.items() if rid not in free}

    oof = _out_of_fold_scores(samples, free, fixed, threshold)
    ham_scores = sorted((s for s, y, _ in oof if not y), reverse=True)
    phish_scores = [s for s, y, _ in oof if y]
    for share in (0.002, 0.005, 0.01):
        cut = ham_scores[int(len(ham_scores) * share)] + 0.01
        caught = sum(s >= cut for s in phish_scores) / len(phish_scores)
        print(f"  at {share * 100:.1f} % of ham flagged: phish flagged {caught * 100:.1f} % (score >= {cut:.1f})")

    def cut_at(share: float) -> float:
        return ham_scores[min(int(len(ham_scores) * share), len(ham_scores) - 1)] + 0.5

    # Fitted weights are rescaled so that the fixed suspicious threshold (30) flags --target-ham of
    # the ham in cross-validation; hand-set weights keep their meaning against that threshold.
    scale_fit = CENTRE / cut_at(args.target_ham)
    new_phishing = max(CENTRE + 5, round(cut_at(args.target_ham_phishing) * scale_fit))
    cut = cut_at(args.target_ham)
    print(
        f"cross-validated at the chosen threshold: phish flagged "
        f"{100 * sum(sc >= cut for sc in phish_scores) / len(phish_scores):.1f} %, ham flagged "
        f"{100 * sum(sc >= cut for sc in ham_scores) / len(ham_scores):.2f} % (before rescaling; "
        "`bench quality` measures the written weights)"
    )
    print(f"fitted weights scaled by {scale_fit:.2f}; phishing threshold {new_phishing}")
    final = {k: v * scale_fit for k, v in fit(samples, free, fixed, threshold).items()}
    for rid in free:
        print(f"  {rid:34} {rules.rules[rid].weight:6.1f} -> {final[rid]:6.1f}")
    if args.write:
        _write_rules(final, free, new_phishing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
