"""mailautopsy: dissect a suspicious e-mail and explain, in Japanese and English,
whether it is phishing and why."""

from __future__ import annotations

__version__ = "0.1.0"

from .analyze import SCHEMA_VERSION, Analysis, analyze
from .model import Finding, Message
from .settings import Limits, Settings

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "Finding",
    "Limits",
    "Message",
    "Settings",
    "__version__",
    "analyze",
]
