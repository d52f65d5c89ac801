"""New dates that change a call's phase at once are saved only after the admin confirms
the consequences named on the form; until then nothing changes."""

from datetime import timedelta

from app.core.timezones import utc_to_local
from tests.admin.conftest import edit_form
from tests.conftest import T0
from tests.helpers import fingerprint_from, text_of
from tests.review.conftest import RESPONSE
from tests.seating import decide, seat_panel

EN = {"Accept-Language": "en"}


def local(moment) -> str:
    return utc_to_local(moment).strftime("%Y-%m-%dT%H:%M")


def saved_closing(db, call):
    db.session.expire_all()
    return call.submission_closes_at


def test_closing_submissions_now_asks_first_and_names_the_drafts(
        client, admin, login, db, create_call, create_proposal):
    call = create_call(slug="nap")
    for _ in range(3):
        create_proposal(call, status="draft")
    closes = call.submission_closes_at
    login(admin)
    data = edit_form(call, title="Título corregido",
                     submission_closes_at=local(T0 - timedelta(hours=1)))
    response = client.post("/admin/calls/nap/edit", data=data, headers=EN)
    assert response.status_code == 409
    page = text_of(response)
    assert ("The call moves at once from “Open for proposals” to “Proposals closed, voting "
            "soon”.") in page
    # 15:00 UTC on 20 March 2026 is noon in Santiago (UTC-3).
    assert "Submissions close now, not on 20 Mar 2026, 12:00" in page
    assert "3 drafts will never be published" in page
    assert 'aria-describedby="confirm-error"' in page
    assert 'value="2026-03-10T11:00"' in page and 'value="Título corregido"' in page
    assert saved_closing(db, call) == closes and call.title != "Título corregido"

    confirmed = dict(data, confirm="y", consequences_seen=fingerprint_from(page))
    response = client.post("/admin/calls/nap/edit", data=confirmed)
    assert response.status_code == 302
    assert saved_closing(db, call) == T0 - timedelta(hours=1)
    assert call.title == "Título corregido"


def test_a_confirmation_of_other_figures_asks_again(client, admin, login, db, create_call,
                                                    create_proposal):
    call = create_call(slug="nap")
    create_proposal(call, status="draft")
    closes = call.submission_closes_at
    login(admin)
    data = edit_form(call, submission_closes_at=local(T0 - timedelta(hours=1)))
    seen = fingerprint_from(text_of(client.post("/admin/calls/nap/edit", data=data)))
    create_proposal(call, status="draft")
    response = client.post("/admin/calls/nap/edit", headers=EN,
                           data=dict(data, confirm="y", consequences_seen=seen))
    assert response.status_code == 409
    page = text_of(response)
    assert "2 drafts will never be published" in page
    assert 'name="confirm" type="checkbox" value="y">' in page  # unticked: read it again
    assert saved_closing(db, call) == closes


def test_dates_that_keep_the_phase_save_without_a_question(client, admin, login, db,
                                                          create_call):
    call = create_call(slug="nap")
    login(admin)
    later = call.voting_closes_at + timedelta(days=7)
    response = client.post("/admin/calls/nap/edit",
                           data=edit_form(call, voting_closes_at=local(later)))
    assert response.status_code == 302
    db.session.expire_all()
    assert call.voting_closes_at == later


def test_reopening_the_vote_during_the_review_names_the_waiting_decisions(
        client, admin, login, db, create_call, create_proposal, create_user, clock):
    call = create_call(slug="nap")
    proposal = create_proposal(call)
    seat_panel(create_user)
    clock.set(call.voting_closes_at + timedelta(days=1))
    decide(call, proposal, outcome="included", response=RESPONSE)
    db.session.commit()
    login(admin)
    reopened = call.voting_closes_at + timedelta(days=5)
    response = client.post("/admin/calls/nap/edit", headers=EN,
                           data=edit_form(call, voting_closes_at=local(reopened)))
    assert response.status_code == 409
    page = text_of(response)
    assert "to “Public vote”" in page and "Voting reopens until" in page
    assert "1 decision already recorded stays, but cannot be changed" in page


def test_published_results_cannot_be_reopened_from_the_form(client, admin, login, db,
                                                            create_call, clock):
    call = create_call(slug="nap", results_published_at=T0 + timedelta(days=31))
    clock.set(T0 + timedelta(days=40))
    login(admin)
    data = edit_form(call, voting_closes_at=local(T0 + timedelta(days=50)))
    response = client.post("/admin/calls/nap/edit", headers=EN,
                           data=dict(data, confirm="y", consequences_seen="anything"))
    assert response.status_code == 409
    page = text_of(response)
    assert 'id="voting_closes_at-error"' in page and "results of this call are published" in page
    assert 'name="confirm"' not in page  # nothing to confirm: it is refused
    db.session.expire_all()
    assert call.voting_closes_at == T0 + timedelta(days=30)
