import json

import pytest
from jsonschema import Draft202012Validator

from app.accounts.models import User
from tests.results.conftest import SECRET_NOTE

ENDPOINTS = {
    "/api/v1/calls": "CallList",
    "/api/v1/calls/nap": "Call",
    "/api/v1/calls/nap/proposals": "ProposalPage",
    "/api/v1/calls/nap/proposals?per_page=1&sort=recent": "ProposalPage",
    "/api/v1/calls/nap/proposals?q=pública&value=transparency": "ProposalPage",
    "/api/v1/calls/nap/proposals/{ref}": "Proposal",
    "/api/v1/calls/nap/results": "Results",
    "/api/v1/calls/nope": "Error",
    "/api/v1/calls/nap/proposals?per_page=1000": "Error",
}


@pytest.mark.parametrize("phase", ["voting", "closed", "published"])
def test_every_endpoint_matches_the_openapi_document(client, full_cycle, validate, phase):
    if phase == "closed":
        full_cycle["close_voting"]()
    elif phase == "published":
        full_cycle["publish"]()
    reference = full_cycle["proposals"][0].reference
    for url, schema in ENDPOINTS.items():
        response = client.get(url.format(ref=reference))
        expected = 200 if schema != "Error" else (404 if "nope" in url else 400)
        assert response.status_code == expected, url
        validate(response.json, schema)


def test_document_lists_every_endpoint(client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == {
        "/api/v1/", "/api/v1/calls", "/api/v1/calls/{slug}", "/api/v1/calls/{slug}/proposals",
        "/api/v1/calls/{slug}/proposals/{reference}", "/api/v1/calls/{slug}/results",
        "/api/v1/calls/{slug}/priorities", "/api/v1/calls/{slug}/dialogues",
        "/api/v1/working-group", "/api/v1/working-group/meetings", "/api/v1/documents",
        "/api/v1/plans", "/api/v1/plans/{slug}", "/api/v1/plans/{slug}/commitments/{reference}"}


@pytest.mark.parametrize("query, name", [
    ("per_page=1000", "per_page"), ("per_page=0", "per_page"), ("page=-1", "page"),
    ("page=abc", "page"), ("sort=drop%20table", "sort"), ("status=draft", "status"),
    ("value=magic", "value"), ("theme=Nope", "theme"), ("region=Atlantis", "region"),
    ("colour=blue", "colour"), ("q=" + "x" * 201, "q"),
])
def test_bad_parameters_are_400_naming_the_parameter(client, full_cycle, query, name):
    response = client.get(f"/api/v1/calls/nap/proposals?{query}")
    assert response.status_code == 400
    assert name in response.json["error"]["message"]
    assert response.json["error"]["code"] == 400


def test_paging_with_total_and_next(client, full_cycle):
    first = client.get("/api/v1/calls/nap/proposals?per_page=2&sort=recent").json
    assert first["total"] == 3 and len(first["items"]) == 2 and first["page"] == 1
    assert "page=2" in first["next"]
    second = client.get(first["next"].split("localhost", 1)[1]).json
    assert len(second["items"]) == 1 and second["next"] is None


def test_filters_and_search_match_the_web_list(client, full_cycle):
    body = client.get("/api/v1/calls/nap/proposals?q=pública%202").json
    assert [p["title"] for p in body["items"]] == ["Propuesta pública 2"]


def test_hidden_counts_stay_hidden_in_the_api(client, full_cycle):
    proposals = client.get("/api/v1/calls/nap/proposals").json["items"]
    assert all(p["votes"] is None for p in proposals)
    response = client.get("/api/v1/calls/nap/proposals?sort=votes")
    assert response.status_code == 400 and "sort=votes" in response.json["error"]["message"]
    results = client.get("/api/v1/calls/nap/results").json
    assert results["ranking"] == [] and results["votes_per_day"] == []
    full_cycle["close_voting"]()
    ranked = client.get("/api/v1/calls/nap/proposals?sort=votes").json["items"]
    assert [p["votes"] for p in ranked] == [8, 5, 2]


def test_api_carries_no_personal_data(client, db, full_cycle):
    full_cycle["publish"]()
    reference = full_cycle["proposals"][0].reference
    bodies = [client.get(url.format(ref=reference)).get_data(as_text=True)
              for url in ENDPOINTS]
    emails = list(db.session.scalars(db.select(User.email)))
    for body in bodies:
        assert not any(email in body for email in emails)
        assert SECRET_NOTE not in body


def test_cors_etag_and_cache_headers(client, full_cycle):
    response = client.get("/api/v1/calls/nap")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]
    again = client.get("/api/v1/calls/nap", headers={"If-None-Match": etag})
    assert again.status_code == 304
    preflight = client.options("/api/v1/calls/nap", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"


def test_api_does_not_accept_writes(client, full_cycle):
    assert client.post("/api/v1/calls").status_code == 405
    assert client.post("/api/v1/calls").json["error"]["code"] == 405


def test_unknown_reference_is_a_json_404(client, full_cycle):
    response = client.get("/api/v1/calls/nap/proposals/2026-9999")
    assert response.status_code == 404 and json.loads(response.data)["error"]["code"] == 404


@pytest.mark.config(STATS_CACHE_SECONDS=300)
def test_votes_per_day_are_kept_like_the_results_page_figures(client, db, full_cycle, clock):
    from sqlalchemy import delete, func, select

    from app.voting.models import Vote

    def total():
        return sum(d["votes"] for d in client.get("/api/v1/calls/nap/results").json[
            "votes_per_day"])

    assert total() == 0  # hidden while voting: a new entry once counts are public
    full_cycle["close_voting"]()
    assert total() == 15
    db.session.execute(delete(Vote).where(Vote.id == db.session.scalar(select(func.min(Vote.id)))))
    db.session.commit()
    assert total() == 15
    clock.advance(seconds=300)
    assert total() == 14


# Issue 18, finding 7: where the API and its OpenAPI document disagreed.

def _listing_parameter(client, name: str) -> dict:
    document = client.get("/api/v1/openapi.json").json
    operation = document["paths"]["/api/v1/calls/{slug}/proposals"]["get"]
    return next(p for p in operation["parameters"] if p["name"] == name)


@pytest.mark.parametrize("query, name", [
    ("sort=", "sort"), ("value=", "value"), ("status=", "status"), ("theme=", "theme"),
    ("region=", "region"),
])
def test_an_empty_choice_is_a_400_naming_the_parameter(client, full_cycle, query, name):
    response = client.get(f"/api/v1/calls/nap/proposals?{query}")
    assert response.status_code == 400
    assert response.json["error"]["message"].startswith(name)
    assert not Draft202012Validator(_listing_parameter(client, name)["schema"]).is_valid("")


def test_relevance_without_q_is_a_documented_400_that_says_why(client, full_cycle):
    response = client.get("/api/v1/calls/nap/proposals?sort=relevance")
    assert response.status_code == 400
    assert "sort=relevance" in response.json["error"]["message"]
    assert "without q" in _listing_parameter(client, "sort")["description"]
    assert client.get("/api/v1/calls/nap/proposals?sort=relevance&q=pública").status_code == 200


def test_sort_by_votes_while_counts_are_hidden_is_documented(client, full_cycle):
    assert client.get("/api/v1/calls/nap/proposals?sort=votes").status_code == 400
    assert "hidden" in _listing_parameter(client, "sort")["description"]
    document = client.get("/api/v1/openapi.json").json
    bad_request = document["paths"]["/api/v1/calls/{slug}/proposals"]["get"]["responses"]["400"]
    assert "sort=votes" in bad_request["description"]
    assert "sort=relevance" in bad_request["description"]


def test_the_caps_on_page_q_and_body_are_in_the_document(client, full_cycle):
    assert _listing_parameter(client, "page")["schema"]["maximum"] == 100_000
    assert _listing_parameter(client, "q")["schema"]["maxLength"] == 200
    assert _listing_parameter(client, "body")["schema"]["maxLength"] == 200
    assert client.get("/api/v1/calls/nap/proposals?page=100000").status_code == 200
    assert client.get("/api/v1/calls/nap/proposals?page=100001").status_code == 400
    assert client.get("/api/v1/calls/nap/proposals?q=" + "x" * 200).status_code == 200


@pytest.mark.parametrize("query, name", [
    pytest.param("q=" + "%20" * 201, "q", id="blank q over 200"),
    pytest.param("body=" + "x" * 201, "body", id="body over 200"),
    ("page=%207", "page"), ("page=%2B7", "page"), ("page=1_0", "page"),
    pytest.param("per_page=%D9%A5", "per_page", id="arabic-indic five"),
    pytest.param("page=" + "9" * 5000, "page", id="more digits than int() reads"),
    ("sort=recent&sort=votes", "sort"), ("page=1&page=2", "page"),
])
def test_values_outside_the_document_are_400_too(client, full_cycle, query, name):
    # Blank text counts toward q's cap; whole numbers are ASCII digits only (int() would
    # also take " 7", "+7", "1_0" and other scripts' digits); a parameter is given once.
    response = client.get(f"/api/v1/calls/nap/proposals?{query}")
    assert response.status_code == 400
    assert name in response.json["error"]["message"]


def test_the_api_root_is_an_index_of_every_resource_and_the_document(client, app):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    body = response.get_json()
    assert body["links"]["openapi"].endswith("/api/v1/openapi.json")
    assert body["links"]["calls"].endswith("/api/v1/calls")
    listed = {resource["path"] for resource in body["resources"]}
    served = {rule.rule.replace("<slug>", "{slug}").replace("<reference>", "{reference}")
              for rule in app.url_map.iter_rules()
              if rule.endpoint.startswith("api.") and rule.endpoint != "api.openapi"}
    assert listed == served
