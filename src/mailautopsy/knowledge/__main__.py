"""Check knowledge files: `python -m mailautopsy.knowledge [DIR] [--config FILE]`.

Without DIR the built-in files are checked (and rules/rules.toml); with DIR, an edited copy of
them. Every error is printed as `file:line: what`; the exit status is 78 (EX_CONFIG) when there
is one, 0 when there is none.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import KnowledgeError
from . import load, load_files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mailautopsy.knowledge", description=__doc__)
    parser.add_argument("directory", nargs="?", type=Path, help="a copy of src/mailautopsy/knowledge")
    parser.add_argument("--config", type=Path, help="a user config (docs/config.md)")
    args = parser.parse_args(argv)
    problems: list[str] = []
    checks: tuple[Callable[[], object], ...] = (
        lambda: load_files(args.directory) if args.directory else load(),
        lambda: load(args.config) if args.config else None,
        _rules,
    )
    for check in checks:
        try:
            check()
        except KnowledgeError as exc:
            problems.extend(getattr(exc, "problems", None) or [str(exc)])
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("knowledge OK")
    return KnowledgeError.exit_code if problems else 0


def _rules() -> None:
    from ..rules import load as load_rules

    load_rules()


if __name__ == "__main__":
    sys.exit(main())
