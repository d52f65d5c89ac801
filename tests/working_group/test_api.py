from jsonschema import Draft202012Validator, FormatChecker

from app.api.openapi import document


def _check(body: dict, schema: str) -> None:
    spec = document()
    validator = Draft202012Validator({"$ref": f"#/components/schemas/{schema}",
                                      "components": spec["components"]},
                                     format_checker=FormatChecker())
    errors = [e.message for e in validator.iter_errors(body)]
    assert errors == [], errors


def test_the_group_its_meetings_and_documents_are_open_data(client, group, people):
    group_body = client.get("/api/v1/working-group").get_json()
    _check(group_body, "WorkingGroup")
    government = next(s for s in group_body["seats"] if s["constituency"] == "government")
    assert [t["holder_name"] for t in government["terms"]] == ["Gonzalo Gobierno",
                                                                "Rosa Antigua"]
    meetings_body = client.get("/api/v1/working-group/meetings").get_json()
    _check(meetings_body, "MeetingList")
    published = [m for m in meetings_body["items"] if m["minutes"]]
    assert [m["title"] for m in published] == ["Sesión de octubre"]  # drafts stay private
    documents_body = client.get("/api/v1/documents").get_json()
    _check(documents_body, "DocumentList")
    everything = str(group_body) + str(meetings_body) + str(documents_body)
    assert all(p.email not in everything for p in people.values())


def test_the_index_lists_the_new_resources(client):
    paths = {r["path"] for r in client.get("/api/v1/").get_json()["resources"]}
    assert {"/api/v1/working-group", "/api/v1/working-group/meetings",
            "/api/v1/documents"} <= paths
