"""Reading text as words (Japanese: ja.py)."""
