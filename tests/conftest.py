"""Fixtures only; shared helpers (the mail builder, paths, test servers) are in tests/helpers/."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import corpus_dir


@pytest.fixture
def corpus() -> Path:
    found = corpus_dir()
    if found is None:
        pytest.skip("evaluation corpus not present (set MAILAUTOPSY_CORPUS)")
    return found
