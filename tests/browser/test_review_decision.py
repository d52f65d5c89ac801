"""A Working Group member assesses a proposal and records their constituency's position;
the decision stands once the other constituencies have recorded theirs."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from app.review import services
from tests.conftest import PASSWORD
from tests.review.conftest import RESPONSE
from tests.seating import seat

pytestmark = [pytest.mark.browser, pytest.mark.config(WTF_CSRF_ENABLED=True)]


def test_member_records_a_decision(live_server, browser_page, create_call, create_user,
                                   create_proposal, admin, clock, db):
    call = create_call(slug="nap")
    proposal = create_proposal(call, title="Registro de lobby municipal", vote_count=12)
    create_proposal(call, title="Datos abiertos de agua", vote_count=3)
    members = {}
    for constituency in ("government", "civil_society", "academia"):
        members[constituency] = create_user(name=f"Miembro {constituency}")
        seat(members[constituency], constituency)
    member = members["government"]
    db.session.commit()
    clock.set(call.voting_closes_at + timedelta(hours=2))
    page = browser_page

    page.goto(live_server + "/accounts/login")
    page.get_by_label("Email address").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server + "/review/nap/")
    expect(page.get_by_text("0 of 2 proposals have a decision")).to_be_visible()
    page.get_by_role("link", name=f"{proposal.reference} · Registro de lobby municipal").click()

    page.get_by_text("My assessment").click()
    for criterion in ("Relevance to OGP values", "Specificity", "Measurability",
                      "Feasibility (responsible body identified, within its mandate)",
                      "Potential impact"):
        page.get_by_role("group", name=criterion).get_by_label("3").check()
    page.get_by_role("button", name="Save assessment").click()
    expect(page.get_by_text("Your assessment is saved.")).to_be_visible()

    page.get_by_label("Outcome").select_option("included")
    page.get_by_label("Public reasoned response").fill(RESPONSE)
    page.get_by_label("Agree", exact=True).check()
    page.get_by_role("button", name="Record position").click()
    expect(page.get_by_text("Your constituency’s position is recorded.")).to_be_visible()
    expect(page.get_by_text("waiting for the position of Civil society network, "
                            "Academic network")).to_be_visible()
    page.goto(live_server + "/review/nap/")
    expect(page.get_by_text("0 of 2 proposals have a decision")).to_be_visible()

    # The other two constituencies record theirs: now the decision stands.
    db.session.commit()  # end the test's read snapshot: the server has written since
    for constituency in ("civil_society", "academia"):
        services.record_decision(members[constituency], call, proposal, outcome="included",
                                 response=RESPONSE, position="agree")
    db.session.commit()
    page.reload()
    expect(page.get_by_text("1 of 2 proposals have a decision")).to_be_visible()
