"""Renderers: consume only the `Analysis` result."""
