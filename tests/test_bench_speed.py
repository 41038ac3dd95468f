"""`bench speed` reports the rate with and without the start-up, and the start-up itself."""

from __future__ import annotations

import re

import pytest
from helpers import EXAMPLES

from mailautopsy.bench import main


def test_speed_reports_start_up_and_steady_rate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speed", str(EXAMPLES), "--workers", "1"]) == 0
    out = capsys.readouterr().out
    count = int(re.search(r"messages: (\d+)", out).group(1))  # type: ignore[union-attr]
    start = re.search(r"start-up: ([\d.]+) s of CPU \(imports ([\d.]+) s, first message ([\d.]+) s\)", out)
    steady = re.search(rf"steady \(without start-up\): {count - 1} messages in [\d.]+ s of CPU  ->  (\d+)", out)
    assert count >= 2 and start and steady, out
    assert float(start.group(1)) == pytest.approx(float(start.group(2)) + float(start.group(3)), abs=0.011)
    assert "messages/s per core with start-up" in out
