"""What tests share besides fixtures: the one mail builder, the repository's paths, and (in
`helpers.servers`) the loopback DNS, RDAP and WHOIS servers of the online tests, and (in
`helpers.postgres`) the web tests' database: SQLite or a PostgreSQL schema of their own.

pytest puts tests/ on the import path (`pythonpath` in pyproject.toml), so every test, in any
folder, imports `from helpers import build_mail, ROOT`; conftest.py keeps the fixtures only.
"""

from __future__ import annotations

from .mail import DATE, build_mail
from .paths import EXAMPLES, FIXTURES, ROOT, corpus_dir

__all__ = ["DATE", "EXAMPLES", "FIXTURES", "ROOT", "build_mail", "corpus_dir"]
