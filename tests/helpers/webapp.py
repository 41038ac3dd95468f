"""The web tests' API calls made with an account's bearer token (`client.tokens`: name → token)."""

from __future__ import annotations

from typing import Any


def bearer(client: Any, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {client.tokens[name]}"}


def post_mail(client: Any, raw: bytes, name: str = "rep") -> dict[str, Any]:
    """Submit one message as `name`; the API's answer (asserted accepted)."""
    headers = {**bearer(client, name), "Content-Type": "message/rfc822"}
    response = client.post("/api/analyses", content=raw, headers=headers)
    assert response.status_code == 201, response.text
    answer: dict[str, Any] = response.json()
    return answer
