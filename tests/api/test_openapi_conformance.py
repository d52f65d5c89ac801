"""Every API operation, tried by Schemathesis against the OpenAPI document it publishes.

Bounded and repeatable: a fixed seed, a fixed number of generated examples per operation
and no example database, so a run sends the same requests every time and stays quick.
"""

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from app.api.openapi import document
from app.proposals.models import NATIONAL
from config import Config

SEED = 20160729
LISTING = "/api/v1/calls/{slug}/proposals"
CHECKS = ["not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance", "response_headers_conformance",
          "negative_data_rejection", "positive_data_acceptance", "unsupported_method",
          "allow_header_conformance"]
# What full_cycle makes, offered beside generated values so that requests reach real
# proposals and filters as well as 404s and 400s.
KNOWN = {
    "path.reference": ["2026-0001", "2026-0002", "2026-0003"],
    "query.theme": ["Acceso a la información", "Contrataciones abiertas"],
    "query.region": [NATIONAL, *Config.MINGA_REGIONS],
    "query.q": ["pública", "Propuesta", "registro"],
}

# Loaded from document() at import rather than from the app in a fixture:
# schemathesis.pytest.from_fixture reads pytest's private Node._nodeid, gone in pytest 9.2.
# The app serves this same dict at /api/v1/openapi.json.
schema = schemathesis.openapi.from_dict(document(), config=schemathesis.Config.from_dict({
    "seed": SEED,
    "generation": {"max-examples": 20, "database": "none"},
    "phases": {"coverage": {"generate-duplicate-query-parameters": True}},
    "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
    "dictionaries": {key: {"values": values} for key, values in KNOWN.items()},
    "parameters": {"slug": "nap",
                   **{key: {"dictionary": key, "probability": 0.7} for key in KNOWN}},
    # Valid by its schema is not enough for the listing: some rules join two parameters
    # or the call's state (sort=relevance needs q, sort=votes needs public counts, a theme
    # must be the call's). The document states them under its 400, and tests in
    # test_api.py hold the API to them.
    "operations": [{"include-path": LISTING,
                    "checks": {"positive_data_acceptance": {"enabled": False}}}],
}))


@pytest.fixture(params=["counts hidden", "results published"])
def cycle(request, client, full_cycle):
    assert client.get("/api/v1/openapi.json").json == json.loads(json.dumps(document()))
    assert full_cycle["call"].slug == "nap"
    assert full_cycle["call"].themes == KNOWN["query.theme"]
    assert [p.reference for p in full_cycle["proposals"]] == KNOWN["path.reference"]
    if request.param == "results published":
        full_cycle["publish"]()
    return full_cycle


@schema.parametrize()
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow])
def test_api_agrees_with_its_openapi_document(case, app, client, cycle):
    # Through the test client, so each request has its own app context, as in production.
    case.call_and_validate(session=client, app=app)
