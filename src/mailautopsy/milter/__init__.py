"""mailautopsy as a milter: the dissection where the mail arrives (docs/milter.md)."""
