"""House rules the next maintainer relies on (issue 16): functions short enough to read at once,
a web app module that only wires things together, and tests that take their helpers from the
`helpers` package, never from `conftest.py` (which holds fixtures only)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from helpers import ROOT

SRC = ROOT / "src" / "mailautopsy"
TESTS = ROOT / "tests"
MAX_FUNCTION_LINES = 80
"""From the `def` line to the last line of the body; decorators do not count."""


def _functions(path: Path) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def _justified(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A `# long: why` comment on the line above the def (or above its first decorator)."""
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    return first >= 2 and lines[first - 2].strip().startswith("# long:")


def test_no_function_is_longer_than_80_lines_without_saying_why() -> None:
    too_long = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        bound = MAX_FUNCTION_LINES
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in _functions(path):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > bound and not _justified(lines, node):
                too_long.append(f"{relative}:{node.lineno} {node.name} ({length} lines)")
    assert not too_long, (
        f"functions over {MAX_FUNCTION_LINES} lines: split them, or put a `# long: <why>` comment "
        "on the line above the def:\n" + "\n".join(too_long)
    )


def test_the_check_sees_a_long_function_and_its_justification() -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    source = f"def plain():\n{body}\n# long: one table, read top to bottom\ndef justified():\n{body}"
    tree = ast.parse(source)
    plain, justified = (n for n in tree.body if isinstance(n, ast.FunctionDef))
    lines = source.splitlines()
    assert (plain.end_lineno or 0) - plain.lineno + 1 > MAX_FUNCTION_LINES
    assert not _justified(lines, plain)
    assert _justified(lines, justified)


def test_web_app_module_only_wires_the_app_together() -> None:
    lines = (SRC / "web" / "app.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 150, f"web/app.py has {len(lines)} lines: routes belong in web/routers/, logic in web/services/"


_CONFTEST_IMPORT = re.compile(r"^\s*(from\s+\.?conftest\s+import|import\s+conftest\b)", re.M)


def test_no_test_imports_from_conftest() -> None:
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in sorted(TESTS.rglob("*.py"))
        if "fixtures" not in path.relative_to(TESTS).parts and _CONFTEST_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"import helpers from the helpers package (tests/helpers/), not conftest: {offenders}"
