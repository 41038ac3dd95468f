"""Where things are: the repository, its examples, the test fixtures, the evaluation corpus."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"


def corpus_dir() -> Path | None:
    """The evaluation corpus: $MAILAUTOPSY_CORPUS, else ../shared/corpus beside the clone."""
    env = os.environ.get("MAILAUTOPSY_CORPUS")
    for candidate in ([Path(env)] if env else []) + [ROOT.parent / "shared" / "corpus"]:
        if candidate.is_dir():
            return candidate
    return None
