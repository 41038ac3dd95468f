"""Why the verdict is what it is, when the points alone do not say it: findings that lifted the
verdict above the points (score.py floors), and high-severity findings a `clean` verdict
outweighed. Every renderer shows these sentences next to the verdict, so that `clean` output
never lists a high-severity finding without saying why it did not flag the mail."""

from __future__ import annotations

from ..i18n import LANGS, ui
from ..score import Score


def basis_sentences(score: Score, lang: str) -> list[str]:
    suspicious, _ = score.thresholds
    out = []
    if score.raised_by:
        out.append(
            ui(lang, "verdict_raised", score=score.total, threshold=f"{suspicious:g}", ids=", ".join(score.raised_by))
        )
    if score.lowered_by:
        out.append(ui(lang, "verdict_lowered", score=score.total, ids=", ".join(score.lowered_by)))
    for o in score.outweighed:
        out.append(
            ui(
                lang,
                f"outweighed_{o.reason}",
                id=o.id,
                points=f"{o.points:g}",
                confidence=f"{o.confidence:g}",
                score=score.total,
                threshold=f"{suspicious:g}",
            )
        )
    return out


def basis_dict(score: Score) -> dict[str, object]:
    """The `verdict_basis` object of the JSON result (docs/schema.json)."""
    suspicious, phishing = score.thresholds
    return {
        "points": score.total,
        "thresholds": {"suspicious": suspicious, "phishing": phishing},
        "raised_by": list(score.raised_by),
        "lowered_by": list(score.lowered_by),
        "outweighed": [
            {"id": o.id, "points": o.points, "confidence": o.confidence, "reason": o.reason} for o in score.outweighed
        ],
        "message": {lang: " ".join(basis_sentences(score, lang)) for lang in LANGS},
    }
