"""Checks: pure functions from the extracted message (and context) to findings,
one module per artefact."""

from __future__ import annotations

from . import attachments, auth, claims, content, links, route, sender, subject
from .base import Check, Context

CHECKS: tuple[tuple[str, Check], ...] = (
    ("subject", subject.check),
    ("sender", sender.check),
    ("route", route.check),
    ("auth", auth.check),
    ("links", links.check),
    ("attachments", attachments.check),
    ("content", content.check),
    ("claims", claims.check),
)

__all__ = ["CHECKS", "Context"]
