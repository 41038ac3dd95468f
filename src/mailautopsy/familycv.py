"""Leave-a-family-out cross-validation of the fitted rule weights (issue 14, item 7).

`python -m mailautopsy.bench quality ... --cv` prints, beside each folder's figure with the shipped
weights, the same figure when the calibrated weights and thresholds are fitted without the fold the
mail sits in, and the gap. A figure that falls far under cross-validation was won by fitting the
development corpus, not by a sign that carries over.

Folds are cut by *family*, not by message: near-duplicate mails (one campaign sent many times) are
grouped first with MinHash LSH (datasketch) over a skeleton of what the sender wrote — subject and
visible text, lower-cased, digits masked, as character 5-grams, plus the registrable domains of the
links — so that one campaign never sits on both sides of a fold. The folds are stratified by label
(scikit-learn's `StratifiedGroupKFold`).

Per fold the fit is `calibrate.fit` (the same logistic model, balanced classes, rules seen on fewer
than `calibrate.MIN_SUPPORT` training mails and `calibrated = false` rules keep their hand-set
weights), rescaled as `calibrate` does: the suspicious threshold (30) flags `target_ham` of the
training ham, the phishing threshold sits where `target_ham_phishing` of it would be. The held-out
mails are then scored by `score.score` itself, with group caps and verdict floors. The findings are
those of the analysis already run (no re-analysis), so only the weights and thresholds move.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .calibrate import CENTRE, MIN_SUPPORT, features_of, fit
from .model import Finding
from .rules import Rules
from .score import score

FLAGGED = {"suspicious", "phishing", "spam"}
SKELETON_CHARS = 4000
"""Characters of subject and text a family is judged on: enough for a campaign's wording."""
JACCARD = 0.5
"""Two mails whose skeletons share half their 5-grams are one family."""

_DIGITS = re.compile(r"[0-9０-９]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class FolderFigures:
    folder: str
    label: str
    n: int
    flagged: float
    phishing: float
    cv_flagged: float
    cv_phishing: float


def skeleton(result: dict[str, Any]) -> set[str]:
    """What the sender wrote, with what varies between copies of one campaign masked."""
    extracted = result.get("extracted") or {}
    text = f"{extracted.get('subject') or ''}\n{extracted.get('text') or ''}"[:SKELETON_CHARS]
    text = _SPACE.sub(" ", _DIGITS.sub("0", text.lower())).strip()
    grams = {text[i : i + 5] for i in range(max(1, len(text) - 4))}
    for link in extracted.get("links") or []:
        domain = link.get("registrable_domain") or link.get("host") or ""
        if domain:
            grams.add(f"link:{domain}")
    return grams


def families(results: list[dict[str, Any]], threshold: float = JACCARD) -> list[int]:
    """A family id per result: near-duplicates joined transitively (union-find over LSH hits)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=64)
    parent = list(range(len(results)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, result in enumerate(results):
        mh = MinHash(num_perm=64)
        mh.update_batch([g.encode("utf-8", "surrogatepass") for g in skeleton(result)])
        for j in lsh.query(mh):
            parent[root(int(j))] = root(i)
        lsh.insert(str(i), mh)
    return [root(i) for i in range(len(results))]


def _cut(ham_scores: list[float], share: float) -> float:
    ranked = sorted(ham_scores, reverse=True)
    return ranked[min(int(len(ranked) * share), len(ranked) - 1)] + 0.5 if ranked else CENTRE


def fitted_rules(
    train: list[tuple[dict[str, float], int]],
    rules: Rules,
    target_ham: float = 0.005,
    target_ham_phishing: float = 0.002,
) -> Rules:
    """The rules with calibrated weights and thresholds fitted on `train` alone."""
    n_pos = sum(1 for _, y in train if y)
    n_neg = len(train) - n_pos
    samples = [(f, y, (0.5 / n_pos if y else 0.5 / n_neg) * len(train)) for f, y in train]
    support = Counter(rid for f, _ in train for rid in f)
    free = sorted(rid for rid, r in rules.rules.items() if r.calibrated and support[rid] >= MIN_SUPPORT)
    fixed = {rid: r.weight for rid, r in rules.rules.items() if rid not in free}
    weights = {**fixed, **fit(samples, free, fixed, CENTRE)}
    ham = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f, y in train if not y]
    scale = CENTRE / _cut(ham, target_ham)
    phishing = max(CENTRE + 5, round(_cut(ham, target_ham_phishing) * scale))
    table = {
        rid: dataclasses.replace(rule, weight=weights[rid] * scale) if rid in free else rule
        for rid, rule in rules.rules.items()
    }
    thresholds = {**rules.thresholds, "suspicious": CENTRE, "phishing": float(phishing)}
    return dataclasses.replace(rules, rules=table, thresholds=thresholds)


def verdict_with(result: dict[str, Any], rules: Rules) -> str:
    """The verdict `score.score` gives the result's findings under `rules`."""
    findings = []
    for f in result.get("findings", []):
        rule = rules.rules.get(f["id"])
        if rule is None:  # an id this version does not know scores nothing
            continue
        findings.append(Finding(f["id"], rule.severity, float(f["confidence"]), (), {}, rule.group, rule.weight))
    return score(findings, rules).verdict


def cross_validate(
    results: list[dict[str, Any]], labels: list[int], rules: Rules, folds: int = 5
) -> tuple[list[str], list[int]]:
    """(the verdict of each result with weights fitted without its family's fold, its family id)."""
    from sklearn.model_selection import StratifiedGroupKFold

    groups = families(results)
    feats = [features_of(r) for r in results]
    verdicts = [""] * len(results)
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=0)
    for train, test in splitter.split(results, labels, groups):
        fold_rules = fitted_rules([(feats[i], labels[i]) for i in train], rules)
        for i in test:
            verdicts[i] = verdict_with(results[i], fold_rules)
    return verdicts, groups


def concentrated_rules(
    results: list[dict[str, Any]], groups: list[int], min_hits: int = 10, share: float = 0.5
) -> list[tuple[str, int, int, float]]:
    """Rules whose hits come mostly from one family: (id, hits, families, share of the largest).

    A rule that one campaign makes fire is a candidate for memorising that campaign; its
    cross-validated figure says whether it still helps when the campaign is left out."""
    hits: dict[str, Counter[int]] = {}
    for result, group in zip(results, groups, strict=True):
        for rid in {f["id"] for f in result.get("findings", [])}:
            hits.setdefault(rid, Counter())[group] += 1
    out = []
    for rid, counter in hits.items():
        total = sum(counter.values())
        largest = counter.most_common(1)[0][1]
        if total >= min_hits and largest / total >= share:
            out.append((rid, total, len(counter), largest / total))
    return sorted(out, key=lambda row: -row[3])


def by_folder(
    folders: list[tuple[str, str, list[dict[str, Any]]]], rules: Rules, folds: int = 5
) -> tuple[list[FolderFigures], list[int]]:
    """Per (folder, label, results): flagged and `phishing` shares, shipped and cross-validated;
    and the family id of every result, in the order given."""
    results = [r for _, _, rs in folders for r in rs]
    labels = [1 if label == "phish" else 0 for _, label, rs in folders for _ in rs]
    verdicts, groups = cross_validate(results, labels, rules, folds)
    out = []
    start = 0
    for folder, label, rs in folders:
        cv = verdicts[start : start + len(rs)]
        start += len(rs)
        n = max(len(rs), 1)
        out.append(
            FolderFigures(
                folder,
                label,
                len(rs),
                sum(r["verdict"] in FLAGGED for r in rs) / n,
                sum(r["verdict"] == "phishing" for r in rs) / n,
                sum(v in FLAGGED for v in cv) / n,
                sum(v == "phishing" for v in cv) / n,
            )
        )
    return out, groups
