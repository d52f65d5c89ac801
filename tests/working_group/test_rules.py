import io
from datetime import date

import pytest

from app.working_group import rules
from app.working_group.errors import AdminsOnly, RulesDateWrong
from tests.helpers import dangerous_markup, text_of


def test_every_version_is_public_and_the_change_is_shown(client, group):
    response = client.get("/working-group/rules/")
    html = response.get_data(as_text=True)
    assert "Resolución 852" in html and "Modificación 2019" in html
    assert "<ins>" in html and "cuatro veces" in html  # added
    assert "<del>" in html and "dos veces" in html  # removed


def test_two_chosen_versions_are_compared(client, group):
    older, newer = group.rules
    html = client.get(f"/working-group/rules/?from={newer.id}&to={older.id}").get_data(
        as_text=True)
    removed = [part.split("</del>")[0] for part in html.split("<del>")[1:]]
    assert any("Artículo 4" in text for text in removed)
    assert client.get("/working-group/rules/?from=999999").status_code == 404
    assert client.get("/working-group/rules/?from=abc").status_code == 404


def test_the_rules_in_force_are_on_the_group_page(client, group):
    assert "Artículo 4" in text_of(client.get("/working-group/"))


def test_rules_are_adopted_by_admins_only_and_never_backdated(db, group, people):
    with pytest.raises(AdminsOnly):
        rules.adopt(people["civil_society"], title="X", body="Y", adopted_on=date(2024, 1, 1))
    with pytest.raises(RulesDateWrong):
        rules.adopt(people["admin"], title="X", body="Y", adopted_on=date(2018, 1, 1))


def test_what_an_admin_types_in_the_rules_is_text(client, login, group, people):
    login(people["admin"])
    attack = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>"
    response = client.post("/admin/working-group/rules/new", data={
        "title": "<b onmouseover=alert(1)>T</b>", "body": attack, "adopted_on": "2024-01-01",
        "adopted_at": "<svg onload=alert(1)>"})
    assert response.status_code == 302
    for url in ("/working-group/", "/working-group/rules/"):
        assert dangerous_markup(client.get(url).get_data(as_text=True)) == [], url


def test_seat_and_term_texts_are_text(client, login, group, people):
    login(people["admin"])
    attack = "<img src=x onerror=alert(1)>"
    client.post("/admin/working-group/", data={"constituency": "observer", "name": attack})
    seat = group.seats["academia"]
    client.post(f"/admin/working-group/seats/{seat.id}/appoint", data={
        "holder_name": attack, "role": attack, "organisation": attack,
        "appointed_by": attack, "alternate_name": attack, "starts_on": "2024-01-01"})
    for url in ("/working-group/", "/admin/working-group/"):
        assert dangerous_markup(client.get(url).get_data(as_text=True)) == [], url


def _adopt(client, data, name="resolucion.pdf"):
    return client.post("/admin/working-group/rules/new", data={
        "title": "Modificación 2025", "body": "Artículo 1. La Mesa sesiona cada mes.",
        "adopted_on": "2025-01-01", "adopted_at": "Acuerdo de la Mesa",
        "file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def test_a_version_may_carry_its_file_checked_like_the_repositorys(client, login, group,
                                                                    people):
    login(people["admin"])
    refused = _adopt(client, b"<html><script>alert(1)</script></html>")
    assert refused.status_code == 422 and "Modificación 2025" in text_of(refused)
    assert "error-summary" in text_of(refused)
    assert rules.current().title != "Modificación 2025"
    assert _adopt(client, b"%PDF-1.4\n%%EOF\n").status_code == 302
    version = rules.current()
    assert version.document is not None and version.document.kind == "rules"
    client.post("/accounts/logout")
    page = text_of(client.get("/working-group/rules/"))
    link = f"/documents/{version.document.id}/file"
    assert link in page and "Modificación 2025" in text_of(client.get("/documents/"))
    download = client.get(link)
    assert download.data.startswith(b"%PDF") and download.headers[
        "X-Content-Type-Options"] == "nosniff"


def test_a_version_without_a_file_has_no_link(client, group):
    assert "/file" not in client.get("/working-group/rules/").get_data(as_text=True)


def test_the_api_links_each_version_to_its_file(client, login, group, people):
    login(people["admin"])
    assert _adopt(client, b"%PDF-1.4\n%%EOF\n").status_code == 302
    version = rules.current()
    client.post("/accounts/logout")
    listed = {v["title"]: v["document"]
              for v in client.get("/api/v1/working-group").get_json()["rules"]}
    assert listed["Modificación 2025"].endswith(f"/documents/{version.document.id}")
    assert client.get(listed["Modificación 2025"].split("localhost", 1)[1]).status_code == 200
    assert listed["Resolución 852"] is None


def test_the_group_record_gives_the_file_only_when_there_is_one(app, group):
    from app.working_group.open_data import group_record

    with app.test_request_context():
        documents = [v["document"] for v in group_record()["rules"]]
    assert documents == [None] * len(group.rules)
