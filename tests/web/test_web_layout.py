"""The web app stays in its layers: app.py only assembles, no function grows past 80 lines,
and no route reaches into the database or pickles on its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "src" / "mailautopsy" / "web"


def test_app_assembles_and_functions_stay_short():
    assert len((WEB / "app.py").read_text(encoding="utf-8").splitlines()) < 150
    long = []
    for path in WEB.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno >= 80:
                long.append(f"{path.relative_to(WEB)}:{node.lineno} {node.name}")
    assert long == []


def test_routers_leave_sql_to_the_services_and_nothing_unpickles():
    for path in (WEB / "routers").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "from sqlalchemy" not in text and "select(" not in text, path.name
    for path in WEB.rglob("*.py"):
        if "migrations" not in path.parts:  # 0002 reads the old pickles once, verified by the key
            assert not re.search(r"import pickle|pickle\.loads?\(", path.read_text(encoding="utf-8")), path.name
