"""The OpenAPI description of the JSON API: every route publishes the schema of its answer, and
the answers the app really gives match it (schemathesis, generated requests)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from helpers import EXAMPLES
from sqlalchemy.orm import sessionmaker

from mailautopsy.web.app import WebSettings, create_app
from mailautopsy.web.security import create_token, create_user

SEED = (EXAMPLES / "kagoya-phish.eml").read_bytes()
BINARY_ROUTES = {"/api/analyses/{analysis_id}/report/{fmt}"}  # files: md, html, pdf, csv, STIX, MISP
JSON_LINES_ROUTES = {"/api/labels/export"}  # a labels file (tests/web/test_labels.py)
TOML_ROUTES = {"/api/lists/export"}  # a config file's [lists] (tests/web/test_overrides.py)


def _resolve(spec: dict, schema: dict) -> dict:
    ref = schema.get("$ref", "")
    return spec["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


def test_every_json_route_has_a_response_model(tmp_path):
    app = create_app(WebSettings(data_dir=tmp_path, processes=1))
    spec = app.openapi()
    app.state.worker.close()
    app.state.engine.dispose()
    checked = []
    for path, operations in spec["paths"].items():
        assert path.startswith("/api/"), f"{path}: pages stay out of the API description"
        for method, op in operations.items():
            success = {code: r for code, r in op["responses"].items() if code.startswith("2")}
            assert success, f"{method} {path}: no success response"
            for code, response in success.items():
                content = response.get("content", {})
                if path in BINARY_ROUTES:
                    assert {"application/pdf", "text/csv; charset=utf-8"} <= set(content), path
                    continue
                if path == "/api/labels/export":
                    assert "application/x-ndjson" in content, path
                    continue
                if path in TOML_ROUTES:
                    assert "application/toml" in content, path
                    continue
                schema = _resolve(spec, content["application/json"]["schema"])
                assert schema.get("properties"), f"{method} {path} {code}: answers without a schema"
                assert schema.get("additionalProperties") is not True, f"{method} {path}: an untyped dict"
                checked.append((method, path))
    # submit, list, read; a label read, set, cleared; labels imported; scan results, one; an
    # override read, set, withdrawn; the lists read, added to, removed from, imported
    assert len(checked) == 16


def test_answers_match_their_published_schema(tmp_path):
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import response_schema_conformance

    app = create_app(WebSettings(data_dir=tmp_path, processes=1))
    with sessionmaker(app.state.engine).begin() as db:
        token = create_token(db, create_user(db, "ana", "analyst", "a long password 1"))
    headers = {"Authorization": f"Bearer {token}"}
    client = TestClient(app)
    posted = client.post("/api/analyses", content=SEED, headers={**headers, "Content-Type": "message/rfc822"})
    assert posted.status_code == 201
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    calls = []
    for operation in schema.get_all_operations():
        op = operation.ok()
        if op.path in BINARY_ROUTES or op.path in JSON_LINES_ROUTES or op.path in TOML_ROUTES:
            continue

        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=op.as_strategy())
        def run(case):
            case.headers = {**(case.headers or {}), **headers}
            case.call_and_validate(checks=[response_schema_conformance])
            calls.append(case.method)

        run()
    # the stored analysis itself, read back, matches AnalysisDetail
    one = schema["/api/analyses/{analysis_id}"]["GET"].Case(
        path_parameters={"analysis_id": posted.json()["id"]}, headers=headers
    )
    one.call_and_validate(checks=[response_schema_conformance])
    app.state.worker.close()
    app.state.engine.dispose()
    assert {"GET", "POST"} <= set(calls)
