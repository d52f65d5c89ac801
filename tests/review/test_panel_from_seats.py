"""A call's panel is whoever sits in the Working Group during its review; each voting
constituency records its own position; a conflict passes the pen to the seat's alternate."""

from datetime import date, timedelta

import pytest

from app.core.timezones import utc_to_local
from app.review import services
from tests.helpers import text_of
from tests.review.conftest import RESPONSE
from tests.seating import seat

EN = {"Accept-Language": "en"}


def review_day(call):
    return utc_to_local(call.voting_closes_at).date()


def record(user, call, proposal, position="agree", **values):
    return services.record_decision(user, call, proposal, outcome=values.pop(
        "outcome", "included"), response=RESPONSE, position=position, **values)


SCORES = {"relevance": 3, "specificity": 2, "measurability": 2, "feasibility": 1, "impact": 3}


def test_a_term_that_ended_before_the_review_is_not_on_the_panel(
        db, review_call, proposals, create_user, to_review):
    start = review_day(review_call)
    before, during, after = create_user(), create_user(), create_user()
    seat(before, "academia", starts_on=date(2017, 7, 31), ends_on=start - timedelta(days=3))
    seat(during, "government", starts_on=date(2017, 7, 31), ends_on=start + timedelta(days=2))
    seat(after, "civil_society", starts_on=date(2017, 7, 31))
    to_review()
    assert services.member_of(review_call, before) is None
    assert services.member_of(review_call, during).constituency == "government"
    assert [m.user_id for m in services.members(review_call)] == [during.id, after.id]
    with pytest.raises(services.NotMember):
        services.save_assessment(before, review_call, proposals[0], SCORES, "")


def test_a_new_holder_joins_the_panel_of_calls_reviewed_after_the_change(
        client, db, review_call, proposals, create_user, login, to_review):
    start = review_day(review_call)
    old, new = create_user(name="Antigua Titular"), create_user(name="Nueva Titular")
    seat(old, "government", starts_on=date(2017, 7, 31), ends_on=start - timedelta(days=1))
    seat(new, "government", starts_on=start - timedelta(days=1))
    to_review()
    assert not services.can_view(old, review_call)
    login(new)
    assert client.get("/review/nap/").status_code == 200
    page = text_of(client.get("/calls/nap/", headers=EN))
    assert "Nueva Titular" in page and "Antigua Titular" not in page


def test_the_alternate_sits_on_the_panel_too(db, review_call, create_user, to_review):
    holder, alternate = create_user(), create_user()
    seat(holder, "civil_society", alternate=alternate)
    to_review()
    assert services.member_of(review_call, alternate).constituency == "civil_society"


def test_a_member_records_only_their_own_constituency(db, review_call, proposals, group,
                                                      to_review):
    to_review()
    decision = record(group["academia"], review_call, proposals[0])
    assert decision.positions() == {"government": None, "civil_society": None,
                                    "academia": "agree"}
    assert not services.stands(review_call, decision, set())
    [pending, *_] = services.undecided(review_call)
    assert pending.missing_labels[:1] and pending.missing == ["government", "civil_society"]
    record(group["government"], review_call, proposals[0])
    assert not services.stands(review_call, decision, set())
    record(group["civil_society"], review_call, proposals[0])
    assert services.stands(review_call, decision, set())
    assert proposals[0].id not in [p.proposal.id for p in services.undecided(review_call)]


def test_changing_the_outcome_asks_the_others_again(db, review_call, proposals, group,
                                                    to_review):
    to_review()
    for constituency in ("government", "civil_society", "academia"):
        decision = record(group[constituency], review_call, proposals[0])
    record(group["government"], review_call, proposals[0], outcome="not_included")
    assert decision.positions() == {"government": "agree", "civil_society": None,
                                    "academia": None}


def test_the_form_posts_one_position_for_the_members_constituency(
        client, db, review_call, proposals, group, login, to_review):
    to_review()
    login(group["academia"])
    url = f"/review/nap/proposals/{proposals[0].reference}"
    form = client.get(url, headers=EN).get_data(as_text=True)
    assert "position_government" not in form and "checked" not in form.split(
        'name="position"')[1][:200]
    outcome = form.split('name="outcome"')[1].split("</select>")[0]
    assert "selected" not in outcome.replace('value="" selected', "").replace(
        '<option selected value="">', "")
    client.post(url + "/decision", data={"outcome": "included", "response": RESPONSE,
                                         "position": "agree", "position_government": "agree",
                                         "position_civil_society": "agree"})
    decision = services.decision_for(proposals[0])
    assert decision.positions() == {"government": None, "civil_society": None,
                                    "academia": "agree"}
    page = text_of(client.get(url, headers=EN))
    assert "waiting for the position of Government, Civil society network" in page


def test_the_publish_page_names_the_missing_constituencies(
        client, db, review_call, proposals, group, admin, login, to_review):
    to_review()
    record(group["academia"], review_call, proposals[0])
    login(admin)
    page = text_of(client.get("/review/nap/publish", headers=EN))
    assert "3 proposals still need a decision" in page
    assert "missing the position of Government, Civil society network" in page


def test_a_conflicted_holder_cannot_decide_their_alternate_can(
        client, db, review_call, proposals, create_user, login, to_review):
    holder, alternate = create_user(), create_user()
    seat(holder, "civil_society", alternate=alternate)
    others = {c: create_user() for c in ("government", "academia")}
    for constituency, user in others.items():
        seat(user, constituency)
    to_review()
    services.declare_conflict(holder, review_call, proposals[0], "Mi organización la presentó")
    with pytest.raises(services.ConflictDeclared):
        record(holder, review_call, proposals[0])
    assert services.recused_constituencies(review_call, proposals[0]) == set()
    for user in others.values():
        decision = record(user, review_call, proposals[0])
    assert decision.missing() == ["civil_society"]
    record(alternate, review_call, proposals[0])
    assert services.stands(review_call, decision, set())
    login(holder)
    url = f"/review/nap/proposals/{proposals[0].reference}"
    assert 'name="position"' not in client.get(url).get_data(as_text=True)
    response = client.post(url + "/decision", data={"outcome": "not_included",
                                                    "response": RESPONSE, "position": "agree"})
    assert response.status_code == 409
    assert services.decision_for(proposals[0]).outcome == "included"


def test_a_constituency_is_recused_only_when_holder_and_alternate_are(
        db, review_call, proposals, create_user, to_review):
    holder, alternate = create_user(), create_user()
    seat(holder, "civil_society", alternate=alternate)
    to_review()
    services.declare_conflict(holder, review_call, proposals[0], "Mi organización la presentó")
    assert services.recused_constituencies(review_call, proposals[0]) == set()
    services.declare_conflict(alternate, review_call, proposals[0], "También la firmé yo")
    assert services.recused_constituencies(review_call, proposals[0]) == {"civil_society"}
