from datetime import date

import pytest

from app.audit.models import AuditEvent
from app.extensions import db as _db
from app.working_group import seats
from app.working_group.errors import AdminsOnly, TermDatesWrong
from tests.helpers import text_of


def test_the_group_page_shows_who_sits_today_and_everyone_who_held_each_seat(client, group):
    page = text_of(client.get("/working-group/"))
    assert "Mesa de Gobierno Abierto" in page
    assert "Gonzalo Gobierno" in page  # holder since March 2018
    assert "Rosa Antigua" in page  # the holder before the change of government
    assert "Modificación 2019" in page  # the rules in force


def test_a_change_of_government_ends_the_term_and_keeps_the_seat(db, group, people):
    seat = group.seats["government"]
    earlier = group.terms["government_2017"]
    assert earlier.ends_on == date(2018, 3, 11)
    assert seat.term_on(date(2018, 1, 1)).holder_name == "Rosa Antigua"
    assert seat.term_on(date(2020, 1, 1)).holder_name == "Gonzalo Gobierno"
    actions = [e.action for e in _db.session.scalars(_db.select(AuditEvent))]
    assert actions.count("wg.term_ended") == 1
    assert actions.count("wg.term_started") == 5


def test_only_admins_appoint(db, group, people):
    with pytest.raises(AdminsOnly):
        seats.appoint(people["government"], group.seats["government"],
                      starts_on=date(2022, 3, 11), holder_name="Otra Persona")


def test_a_term_cannot_start_before_the_current_one(db, group, people):
    with pytest.raises(TermDatesWrong):
        seats.appoint(people["admin"], group.seats["government"],
                      starts_on=date(2018, 1, 1), holder_name="Otra Persona")


def test_the_admin_appoints_through_the_form_and_a_refusal_keeps_what_was_typed(
        client, login, group, people):
    login(people["admin"])
    seat = group.seats["academia"]
    refused = client.post(f"/admin/working-group/seats/{seat.id}/appoint",
                          data={"holder_name": "Nueva Académica", "starts_on": "2000-01-01"})
    assert refused.status_code == 422
    assert "Nueva Académica" in refused.get_data(as_text=True)
    assert "error-summary" in refused.get_data(as_text=True)
    done = client.post(f"/admin/working-group/seats/{seat.id}/appoint",
                       data={"holder_name": "Nueva Académica", "starts_on": "2022-04-01",
                             "alternate_name": "Suplente Académico"})
    assert done.status_code == 302
    page = text_of(client.get("/working-group/"))
    assert "Nueva Académica" in page and "Suplente Académico" in page
    assert "Andrea Academia" in page  # still in the seat's history


def test_ending_a_term_leaves_the_seat_vacant(client, login, group, people, clock):
    login(people["admin"])
    term = group.terms["observer"]
    assert client.post(f"/admin/working-group/terms/{term.id}/end",
                       data={"ends_on": "2020-01-01"}).status_code == 302
    page = text_of(client.get("/working-group/"))
    assert "Vacante" in page or "Vacant" in page


def test_the_public_page_shows_no_email(client, group, people):
    html = client.get("/working-group/").get_data(as_text=True)
    assert people["government"].email not in html


def test_administration_pages_are_for_admins(client, login, group, people):
    login(people["civil_society"])
    assert client.get("/admin/working-group/").status_code == 403
    assert client.post("/admin/working-group/", data={"constituency": "observer",
                                                      "name": "CEPAL"}).status_code == 403
