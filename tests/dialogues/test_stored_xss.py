"""Stored XSS in what administrators and facilitators type for co-creation: sessions,
candidate themes, the name a proposal is credited to and a paper row's source."""

import csv
import io

from app.dialogues.imports import COLUMNS
from app.priorities import services as priorities
from tests.cocreation_factories import make_poll
from tests.conftest import PROPOSAL_TEXT
from tests.helpers import dangerous_markup, text_of
from tests.security.test_stored_xss import VECTORS

ATTACK = " ".join(VECTORS)
ONE_LINE = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def test_what_is_typed_for_co_creation_is_shown_as_text(app, db, client, login, admin,
                                                        create_call, create_user, clock):
    call = create_call(slug="nap")
    poll = make_poll(call, themes={}, opens_in_days=1, closes_in_days=5)
    facilitator = create_user(email="f@example.org")
    login(admin)
    assert client.post("/admin/calls/nap/priorities/themes", data={
        "name": ONE_LINE, "description": ATTACK}).status_code == 302
    response = client.post("/admin/calls/nap/dialogues", data={
        "title": ONE_LINE, "kind": "workshop", "region": "Los Ríos", "city": ONE_LINE,
        "held_at": "2026-03-05T10:00", "convened_by": ONE_LINE,
        **{f"attendance_{s}": "1" for s in ("civil_society", "academia", "private_sector",
                                            "citizen", "government")},
        "agenda": ATTACK, "minutes": ATTACK,
        "documents": f"{ONE_LINE} | https://example.org/a\"onmouseover=\"alert(1)"})
    assert response.status_code == 302
    edit = response.headers["Location"]
    session_id = edit.rsplit("/", 1)[1]
    client.post(edit + "/facilitators", data={"email": facilitator.email})
    row = {**PROPOSAL_TEXT, "organisation": "", "ogp_values": "transparency",
           "theme": "Acceso a la información", "credited_author": ONE_LINE, "source": ONE_LINE}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow({name: row.get(name, "") for name in COLUMNS})
    assert client.post("/admin/calls/nap/import", data={
        "file": (io.BytesIO(buffer.getvalue().encode()), "<b>x</b>.csv")}).status_code == 302
    entering = app.test_client()
    login_as = entering.post("/accounts/login", data={"email": facilitator.email,
                                                      "password": "quiet-harbour-lantern-42"})
    assert login_as.status_code == 302
    entered = entering.post(f"/calls/nap/dialogues/{session_id}/proposals/new",
                            data={**row, "organisation": ""})
    assert entered.status_code == 302
    clock.advance(days=2)
    priorities.choose_priorities(poll, create_user(), [priorities.themes_of(poll)[0].id])
    db.session.commit()
    reader = app.test_client()
    references = [p["reference"] for p in reader.get(
        "/api/v1/calls/nap/proposals").get_json()["items"]]
    pages = {
        "dialogues": (reader, "/calls/nap/dialogues/"),
        "session": (reader, f"/calls/nap/dialogues/{session_id}"),
        "priorities": (reader, "/calls/nap/priorities"),
        "list": (reader, "/calls/nap/proposals/"),
        "admin session": (client, edit),
        "admin sessions": (client, "/admin/calls/nap/dialogues"),
        "admin poll": (client, "/admin/calls/nap/priorities"),
        "entry form": (entering, f"/calls/nap/dialogues/{session_id}/proposals/new"),
        **{f"proposal {ref}": (reader, f"/calls/nap/proposals/{ref}") for ref in references},
    }
    found = {}
    for name, (who, url) in pages.items():
        response = who.get(url)
        assert response.status_code == 200, (name, response.status_code)
        body = text_of(response)
        assert "alert(1)" in body or name == "entry form", name  # the text is there, as text
        problems = dangerous_markup(body)
        if problems:
            found[name] = problems
    assert found == {}
    assert len(references) == 2
