"""A system part a test needs (Postfix, Dovecot, PostgreSQL …) is missing: skip with the reason
printed, or fail where `.ci/run` installed it (MAILAUTOPSY_REQUIRE_SYSTEM_DEPS=1)."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def skip_missing(why: str, what: str = "") -> NoReturn:
    """Skip (printing `why`, naming `what` is skipped) or fail when the part is required here."""
    if os.environ.get("MAILAUTOPSY_REQUIRE_SYSTEM_DEPS") == "1":
        pytest.fail(f"{why} (required here: MAILAUTOPSY_REQUIRE_SYSTEM_DEPS=1)")
    if what:
        print(f"skipping {what}: {why}")
    pytest.skip(why)
