"""The open data keep a call's default-language texts where they were, and the texts in
other languages beside them, by language."""

import json

import sqlite_utils


def test_the_api_and_exports_keep_the_default_text_and_the_others_apart(
        client, create_call, validate, tmp_path):
    create_call(slug="nap", title="Plan de Acción 2026–2028", translations={
        "en": {"title": "Action Plan 2026–2028", "description": "An open call."}})
    record = client.get("/api/v1/calls/nap").json
    validate(record, "Call")
    assert (record["title"], record["language"]) == ("Plan de Acción 2026–2028", "es")
    assert record["translations"] == {"en": {"title": "Action Plan 2026–2028",
                                             "description": "An open call."}}
    exported = json.loads(client.get("/calls/nap/export.json").get_data(as_text=True))
    assert exported["call"]["translations"] == record["translations"]
    path = tmp_path / "nap.sqlite"
    path.write_bytes(client.get("/calls/nap/export.sqlite").get_data())
    row = next(sqlite_utils.Database(path)["call"].rows)
    assert row["language"] == "es"
    assert json.loads(row["translations"])["en"]["title"] == "Action Plan 2026–2028"
