"""Minutes from draft to published: who may take each step in each state."""

import pytest

from app.core.errors import NotAllowed
from app.working_group import minutes
from app.working_group.errors import NotApprovedByAll, NotVotingSeat, WrongState
from tests.conftest import PASSWORD
from tests.helpers import text_of

ROLES = ("anonymous", "outsider", "observer", "civil_society", "admin")


def test_published_minutes_are_public_and_drafts_are_for_members(client, login, group, people):
    published = group.meetings["published"].id
    draft = group.meetings["draft"].id
    assert "Acta de la Sesión de octubre" in text_of(client.get(
        f"/working-group/meetings/{published}"))
    assert "Acta de la Sesión de marzo" not in text_of(client.get(
        f"/working-group/meetings/{draft}"))
    login(people["observer"])
    page = client.get(f"/working-group/meetings/{draft}")
    assert "Acta de la Sesión de marzo" in text_of(page)
    assert "no-store" in page.headers["Cache-Control"]


def test_each_voting_constituency_approves_then_the_admin_publishes(db, client, login, group,
                                                                     people):
    meeting = group.meetings["circulated"]
    found = group.minutes["circulated"]
    page = text_of(client.get(f"/working-group/meetings/{meeting.id}"))
    assert "Acta de la Sesión de febrero" not in page  # not public until published
    for who in ("government", "academia"):
        client.post("/accounts/logout")
        login(people[who])
        response = client.post(f"/working-group/minutes/{found.id}/answer",
                               data={"stance": "approve", "comment": "De acuerdo."})
        assert response.status_code == 302
    db.session.refresh(found)
    assert found.state == "approved"
    client.post("/accounts/logout")
    login(people["admin"])
    assert client.post(f"/working-group/minutes/{found.id}/publish").status_code == 302
    client.post("/accounts/logout")
    assert "Acta de la Sesión de febrero" in text_of(client.get(
        f"/working-group/meetings/{meeting.id}"))


def test_an_objection_needs_a_comment_and_keeps_what_was_typed(db, client, login, group,
                                                               people):
    found = group.minutes["circulated"]
    login(people["government"])
    response = client.post(f"/working-group/minutes/{found.id}/answer",
                           data={"stance": "object", "comment": ""})
    assert response.status_code == 422
    assert "error-summary" in response.get_data(as_text=True)
    response = client.post(f"/working-group/minutes/{found.id}/answer",
                           data={"stance": "object", "comment": "Falta el acuerdo 3."})
    assert response.status_code == 302
    db.session.refresh(found)
    assert found.state == "circulated"
    assert "Falta el acuerdo 3." in text_of(client.get(
        f"/working-group/meetings/{found.meeting_id}"))


def test_the_answer_form_preselects_nothing(client, login, group, people):
    login(people["government"])
    html = client.get(f"/working-group/meetings/{group.meetings['circulated'].id}").get_data(
        as_text=True)
    assert 'name="stance"' in html and "checked" not in html


def test_observers_comment_and_never_approve(db, group, people):
    found = group.minutes["circulated"]
    with pytest.raises(NotVotingSeat):
        minutes.respond(people["observer"], found, "approve")
    minutes.respond(people["observer"], found, None, "Sugerimos agregar un anexo.")
    assert found.state == "circulated"


def test_nobody_answers_for_a_seat_they_do_not_hold(db, group, people):
    with pytest.raises(NotAllowed):
        minutes.respond(people["outsider"], group.minutes["circulated"], "approve")


def test_a_vacant_constituency_is_named_and_does_not_block(db, group, people, clock):
    from datetime import date

    from app.working_group import seats

    seats.end_term(people["admin"], group.terms["academia"], date(2026, 1, 1))
    found = group.minutes["circulated"]
    minutes.respond(people["government"], found, "approve")
    by_constituency = {s.constituency: s.status for s in minutes.standings(found)}
    assert by_constituency == {"government": "approved", "civil_society": "approved",
                               "academia": "vacant"}
    assert found.state == "approved"


def test_members_get_a_mail_when_minutes_are_circulated(db, group, people, outbox):
    before = len(outbox())
    minutes.circulate(people["admin"], group.minutes["draft"])
    db.session.commit()
    sent = outbox()[before:]
    assert {m["To"] for m in sent} == {people[k].email for k in
                                      ("government", "civil_society", "academia",
                                       "observer")}
    assert "/working-group/meetings/" in sent[0].get_content()


def test_published_minutes_stay_unchanged_and_a_correction_is_a_new_version(
        client, login, group, people):
    published = group.minutes["published"]
    with pytest.raises(WrongState):
        minutes.save_draft(people["admin"], published.meeting, "Otro texto")
    login(people["admin"])
    assert client.post(f"/working-group/minutes/{published.id}/correct").status_code == 302
    assert client.post(f"/working-group/meetings/{published.meeting_id}/minutes",
                       data={"body": "Acta corregida."}).status_code == 302
    client.post("/accounts/logout")
    page = text_of(client.get(f"/working-group/meetings/{published.meeting_id}"))
    assert "Acta de la Sesión de octubre" in page and "Acta corregida." not in page


# Role × action × state: what each person gets, for minutes in each state.
# ok: done; no: refused (403 for who may not, 409/422 for a step of another state).
STEPS = {
    "circulate": {"draft": "admin"},
    "draft": {"circulated": "admin", "approved": "admin"},
    "publish": {"approved": "admin"},
    "correct": {"published": "admin"},
    "answer": {"circulated": "civil_society observer"},
}


def _minutes_in(group, people, state):
    found = group.minutes["draft"]
    admin = people["admin"]
    if state in ("circulated", "approved", "published"):
        minutes.circulate(admin, found)
    if state in ("approved", "published"):
        for who in ("government", "civil_society", "academia"):
            minutes.respond(people[who], found, "approve")
    if state == "published":
        minutes.publish(admin, found)
    return found


@pytest.mark.parametrize("state", ["draft", "circulated", "approved", "published"])
@pytest.mark.parametrize("step", list(STEPS))
def test_who_may_take_each_step_in_each_state(app, db, group, people, login, client, state,
                                              step):
    from app.extensions import db as _db

    found = _minutes_in(group, people, state)
    _db.session.commit()
    allowed = STEPS[step].get(state, "").split()
    for role in ROLES:
        browser = app.test_client()
        if role != "anonymous":
            browser.post("/accounts/login", data={"email": people[role].email,
                                                  "password": PASSWORD})
        data = {"stance": "approve" if role != "observer" else "", "comment": "Comentario."}
        response = browser.post(f"/working-group/minutes/{found.id}/{step}", data=data)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login" in response.location
        elif role in allowed:
            assert response.status_code == 302, (role, step, state, response.status_code)
            return  # the step happened: the minutes moved on
        else:
            assert response.status_code in (403, 409, 422), (role, step, state,
                                                               response.status_code)


def test_publishing_before_every_approval_is_refused(db, group, people):
    with pytest.raises(NotApprovedByAll):
        minutes.publish(people["admin"], group.minutes["circulated"])
