"""Parsing: raw bytes → the immutable `Message` model."""

from .message import parse_bytes

__all__ = ["parse_bytes"]
