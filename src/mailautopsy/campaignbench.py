"""Campaign grouping quality: `python -m mailautopsy.bench campaigns ROOT --pairs bench/campaign_pairs.jsonl`.

Every message under ROOT's folders is analysed, put in an in-memory campaign index in date
order (campaign/index.py), and each labelled pair (two files, same campaign or not, labelled
by reading them) is judged: a pair is grouped when both mails land in the same campaign.
Precision = labelled-same among grouped pairs, recall = grouped among labelled-same.

The pairs carry a `split`: the threshold is chosen on "tune" (the lowest threshold of the grid
whose precision on "tune" is at least 95 %, the bar, so the highest recall at that precision) and
reported on both, so the held-out "test" figures are not fitted. Also prints the corpus's
largest campaigns and the skeleton's cost beside the analysis's.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from .analyze import analyze
from .campaign import THRESHOLD, Campaign, CampaignIndex, Member, MemoryStorage, member_of
from .campaign.skeleton import Skeleton, skeleton
from .model import Message

GRID = (0.3, 0.35, 0.38, 0.4, 0.42, 0.44, 0.45, 0.48, 0.5, 0.55, 0.6, 0.7)


@dataclass(frozen=True)
class Mail:
    name: str
    """Path relative to the corpus root ("phish/sample-100.eml")."""
    member: Member
    message: Message
    skeleton: Skeleton


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    same: bool
    split: str


def load_pairs(path: Path) -> list[Pair]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            e = json.loads(line)
            out.append(Pair(e["a"], e["b"], bool(e["same"]), e.get("split", "tune")))
    return out


def read_corpus(root: Path, folders: Iterable[str]) -> tuple[list[Mail], float, float]:
    """Every mail under root/folder, analysed (for its verdict and brand) and skeletonised, in date
    order; with the seconds spent analysing and computing skeletons (CPU time)."""
    mails: list[Mail] = []
    analysing = skeletons = 0.0
    for folder in folders:
        for path in sorted((root / folder).rglob("*.eml")):
            raw = path.read_bytes()
            t0 = time.process_time()
            result = analyze(raw, str(path))
            t1 = time.process_time()
            sk = skeleton(result.message)
            t2 = time.process_time()
            analysing += t1 - t0
            skeletons += t2 - t1
            name = str(path.relative_to(root))
            member = member_of(sha256(raw).hexdigest(), result.message, result.verdict, result.brand_label)
            mails.append(Mail(name, member, result.message, sk))
    mails.sort(key=lambda m: (m.member.seen_at, m.name))
    return mails, analysing, skeletons


def group(mails: list[Mail], threshold: float) -> tuple[dict[str, int], MemoryStorage]:
    storage = MemoryStorage()
    index = CampaignIndex(storage, threshold)
    assigned: dict[str, int] = {}
    for mail in mails:
        index._last = (mail.message, mail.skeleton)  # computed once by read_corpus
        assigned[mail.name] = index.add(mail.member, mail.message).id
    return assigned, storage


def score(pairs: list[Pair], assigned: dict[str, int]) -> tuple[float, float, int, int]:
    """(precision, recall, labelled-same pairs, grouped pairs)."""
    grouped = [p for p in pairs if assigned[p.a] == assigned[p.b]]
    same = [p for p in pairs if p.same]
    hits = sum(1 for p in grouped if p.same)
    precision = hits / len(grouped) if grouped else 1.0
    recall = hits / len(same) if same else 1.0
    return precision, recall, len(same), len(grouped)


def _print_campaigns(campaigns: list[Campaign], top: int) -> None:
    print(f"\nLargest campaigns ({top} of those with 2+ mails):")
    print(f"{'id':7} {'size':>5} {'first':10} {'last':10} {'brand':18} {'verdicts':28} subject template")
    for c in campaigns[:top]:
        brand = ", ".join(b for b, _ in c.brands.most_common(2))[:18]
        verdicts = " ".join(f"{v}:{n}" for v, n in c.verdicts.most_common(3))[:28]
        seen = f"{c.first_seen.date()} {c.last_seen.date()}"
        print(f"{c.label:7} {c.size:5d} {seen} {brand:18} {verdicts:28} {c.subject[:50]}")


def run(root: Path, folders: list[str], pairs_path: Path, top: int) -> int:
    pairs = load_pairs(pairs_path)
    mails, analysing, skeletons = read_corpus(root, folders)
    names = {m.name for m in mails}
    missing = sorted(({p.a for p in pairs} | {p.b for p in pairs}) - names)
    if missing:
        print(f"pairs name files not in the corpus: {missing[:5]}")
        return 1
    print(f"mails: {len(mails)}; pairs: {len(pairs)} ({sum(p.same for p in pairs)} same campaign)")
    print(
        f"skeleton + MinHash: {1000 * skeletons / len(mails):.2f} ms per mail, "
        f"{100 * skeletons / analysing:.1f} % of the analysis ({1000 * analysing / len(mails):.2f} ms)"
    )
    tune = [p for p in pairs if p.split == "tune"]
    test = [p for p in pairs if p.split != "tune"]
    print(f"\n{'threshold':>9} {'tune P':>7} {'tune R':>7} {'test P':>7} {'test R':>7} {'all P':>7} {'all R':>7}")
    chosen = max(GRID)
    for threshold in GRID:
        assigned, _ = group(mails, threshold)
        tp, tr, _, _ = score(tune, assigned)
        sp, sr, _, _ = score(test, assigned)
        ap, ar, _, _ = score(pairs, assigned)
        print(
            f"{threshold:9.2f} {100 * tp:6.1f}% {100 * tr:6.1f}% {100 * sp:6.1f}% {100 * sr:6.1f}% "
            f"{100 * ap:6.1f}% {100 * ar:6.1f}%"
        )
        if tp >= 0.95 and threshold < chosen:
            chosen = threshold
    print(f"\nchosen on the tuning half (lowest with precision >= 95 %): {chosen:.2f}; shipped: {THRESHOLD:.2f}")
    assigned, storage = group(mails, THRESHOLD)
    for label, part in (("tuning half", tune), ("held-out half", test), ("all pairs", pairs)):
        p, r, n_same, n_grouped = score(part, assigned)
        print(
            f"  at {THRESHOLD:.2f}, {label:13}: precision {100 * p:5.1f} % ({n_grouped} grouped), "
            f"recall {100 * r:5.1f} % ({n_same} same) over {len(part)} pairs"
        )
    campaigns = [c for c in storage.summaries() if c.size >= 2]
    print(
        f"\ncampaigns: {len(storage.summaries())} ({len(campaigns)} with 2 or more mails, "
        f"holding {sum(c.size for c in campaigns)} mails)"
    )
    _print_campaigns(campaigns, top)
    return 0
